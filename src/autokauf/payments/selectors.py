"""Reads of the payments domain."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import ValidationError

from autokauf.core import clock

from .errors import PaymentNotFound
from .models import Payment, PaymentStatus


def get_payment(payment_id: UUID | str) -> Payment:
    """The payment; an unpaid one past its expiry is read (and recorded) as failed."""
    try:
        payment = Payment.objects.filter(pk=payment_id).first()
    except (ValidationError, ValueError):
        payment = None
    if payment is None:
        raise PaymentNotFound(f"No payment {payment_id}.")
    if payment.status == PaymentStatus.CREATED and clock.now() >= payment.expires_at:
        Payment.objects.filter(pk=payment.pk, status=PaymentStatus.CREATED).update(
            status=PaymentStatus.FAILED
        )
        payment.refresh_from_db()
    return payment
