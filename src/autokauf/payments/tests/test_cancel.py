"""Calling a payment off: an open one closes its page, an authorised one gives its hold back,
captured money is refunded instead."""

from __future__ import annotations

from decimal import Decimal

import pytest

from autokauf.core.models import OutboxEvent
from autokauf.payments import cancel_payment, get_payment, release_payment
from autokauf.payments.adapters.sandbox import services as sandbox
from autokauf.payments.adapters.sandbox.models import SandboxCharge, SandboxWebhook
from autokauf.payments.errors import PaymentNotCancellable

from .conftest import pay, post_webhook, start
from .test_capture_and_refund import captured_payment

pytestmark = pytest.mark.django_db
NOTHING_MOVED = {"customer": Decimal("0.00"), "hold": Decimal("0.00"), "merchant": Decimal("0.00")}


def test_a_cancelled_open_payment_refuses_the_buyers_authorisation_on_its_page():
    payment = start()

    cancelled = cancel_payment(payment.id)
    answer = pay(payment, "success")

    assert cancelled.status == "cancelled"
    assert answer.status_code == 409
    assert "storniert" in answer.content.decode()
    assert SandboxCharge.objects.get().status == "cancelled"
    assert SandboxWebhook.objects.count() == 0
    assert get_payment(payment.id).status == "cancelled"
    assert sandbox.balances() == NOTHING_MOVED
    assert OutboxEvent.objects.get(topic="payment.cancelled").payload["status"] == "cancelled"


def test_a_cancelled_authorised_payment_gives_its_hold_back_and_its_webhook_changes_nothing():
    payment = start(amount="5000.00")
    pay(payment, "success")

    cancel_payment(payment.id)
    late = post_webhook(SandboxWebhook.objects.get())

    assert late.json() == {"outcome": "ignored"}
    assert get_payment(payment.id).status == "cancelled"
    assert get_payment(payment.id).captured_amount == Decimal("0.00")
    assert sandbox.balances() == NOTHING_MOVED
    assert SandboxCharge.objects.get().entries.filter(kind="release").count() == 2
    assert sandbox.unbalanced_journals() == []
    assert OutboxEvent.objects.filter(topic="payment.authorized").count() == 0


def test_cancelling_twice_cancels_once():
    payment = start()
    cancel_payment(payment.id)

    again = cancel_payment(payment.id)

    assert again.status == "cancelled"
    assert OutboxEvent.objects.filter(topic="payment.cancelled").count() == 1


def test_a_captured_payment_cannot_be_cancelled_and_nothing_changes():
    payment = captured_payment("5000.00")

    with pytest.raises(PaymentNotCancellable):
        cancel_payment(payment.id)

    assert get_payment(payment.id).status == "captured"
    assert SandboxCharge.objects.get().status == "captured"
    assert OutboxEvent.objects.filter(topic="payment.cancelled").count() == 0


def test_releasing_a_captured_payment_refunds_all_of_it():
    payment = captured_payment("5000.00")

    released = release_payment(payment.id, "order cancelled")

    assert released.status == "refunded"
    assert released.refundable.amount == Decimal("0.00")
    assert sandbox.balances() == NOTHING_MOVED


def test_releasing_a_declined_payment_leaves_it_as_it_is():
    payment = start()
    pay(payment, "decline")
    post_webhook(SandboxWebhook.objects.get())

    released = release_payment(payment.id, "order cancelled")

    assert released.status == "declined"
    assert SandboxCharge.objects.get().status == "declined"
    assert OutboxEvent.objects.filter(topic="payment.cancelled").count() == 0
