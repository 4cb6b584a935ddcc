"""Every write of the payments domain: start, capture, cancel, refund, and taking in provider
webhooks.

Status moves are conditional UPDATEs (`... WHERE status IN (...)`), so a late or repeated
webhook can never move a payment back (e.g. from captured to authorized)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction

from autokauf.core import clock, outbox
from autokauf.core.money import Money

from .adapters import get_provider
from .adapters.base import ProviderRefused, WebhookEvent, WebhookNotAuthentic
from .errors import (
    InvalidPaymentAmount,
    PaymentAlreadyMade,
    PaymentNotCancellable,
    PaymentNotCapturable,
    RefundExceedsCaptured,
    RefundNotAllowed,
    WebhookRejected,
)
from .models import LIVE_STATUSES, Payment, PaymentStatus, Refund, WebhookReceipt
from .selectors import get_payment

S = PaymentStatus
# webhook type -> (new status, statuses it may move from)
# A payment read as run out (failed) may still have been authorised at the provider in time,
# its webhook arriving late: the authorisation is applied, so the money is captured or released.
WEBHOOK_MOVES: dict[str, tuple[str, tuple[str, ...]]] = {
    "payment.authorized": (S.AUTHORIZED, (S.CREATED, S.FAILED)),
    "payment.declined": (S.DECLINED, (S.CREATED,)),
}
# A payment no money was taken for (one that ran out included): it can be cancelled.
CANCELLABLE = (S.CREATED, S.AUTHORIZED, S.FAILED)
# the provider's answer to "how does this payment stand?" -> the webhook type it stands for
ANSWER_MOVES = {"authorized": "payment.authorized", "declined": "payment.declined"}


def payment_lifetime() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "PAYMENTS_PAYMENT_MINUTES", 30)))


def event_payload(payment: Payment, **extra: Any) -> dict[str, Any]:
    return {
        "payment_id": str(payment.id),
        "reference": payment.reference,
        "amount": f"{payment.amount:.2f}",
        "currency": payment.currency,
        "status": payment.status,
        **extra,
    }


def start_payment(
    *, reference: str, amount: Money, description: str, return_url: str, customer_email: str
) -> Payment:
    """Open a payment on the provider's hosted page; a usable payment for the same reference
    and amount is answered again instead of a second one, a payment of another amount that
    already holds the buyer's money is refused (PaymentAlreadyMade). Refusals are raised after
    the writing block, so it takes no savepoint inside a caller's transaction (placing an
    order)."""
    if amount.amount <= 0 or amount.rounded() != amount:
        raise InvalidPaymentAmount(f"{amount} is not a positive amount in cents.")
    with transaction.atomic(savepoint=False):
        payment = _usable_payment(reference, amount) or _open_payment(
            reference, amount, description, return_url, customer_email
        )
    return _same_or_refuse(payment, amount)


def _usable_payment(reference: str, amount: Money) -> Payment | None:
    """The reference's live payment (there is at most one), unless it is unpaid and has expired
    or has another amount: then it is closed and can no longer be used."""
    live = Payment.objects.filter(reference=reference, status__in=LIVE_STATUSES).first()
    if live is None or live.status != S.CREATED:
        return live
    if live.expires_at > clock.now() and live.amount == amount.amount:
        return live
    closed = Payment.objects.filter(pk=live.pk, status=S.CREATED).update(status=S.FAILED)
    if not closed:  # answered meanwhile: it holds the buyer's money now
        live.refresh_from_db()
        return live
    return None


def open_payment(
    *, reference: str, amount: Money, description: str, return_url: str, customer_email: str
) -> Payment:
    """Open a payment for a reference that has none yet (an order number just drawn), without
    looking for one. Should the reference have a live payment after all, the unique
    live-payment constraint refuses the INSERT (IntegrityError) and the caller's transaction
    fails with it: never two payments for one reference."""
    if amount.amount <= 0 or amount.rounded() != amount:
        raise InvalidPaymentAmount(f"{amount} is not a positive amount in cents.")
    payment = _with_hosted_page(
        _new_payment(reference, amount, description, return_url, customer_email)
    )
    payment.save(force_insert=True)
    return payment


def _open_payment(
    reference: str, amount: Money, description: str, return_url: str, customer_email: str
) -> Payment:
    """A new payment with its hosted page at the provider, written once; or, when a concurrent
    start for this reference won the unique live-payment constraint, that one (the page the
    provider opened for the loser is never shown and runs out)."""
    payment = _with_hosted_page(
        _new_payment(reference, amount, description, return_url, customer_email)
    )
    try:
        with transaction.atomic():
            payment.save(force_insert=True)
    except IntegrityError:
        return Payment.objects.get(reference=reference, status__in=LIVE_STATUSES)
    return payment


def _with_hosted_page(payment: Payment) -> Payment:
    """The payment, not written yet, with the page the provider opened for it."""
    hosted = get_provider(payment.provider).create_payment(
        payment_id=str(payment.id),
        reference=payment.reference,
        amount=payment.money,
        description=payment.description,
        return_url=payment.return_url,
        customer_email=payment.customer_email,
    )
    payment.provider_payment_id, payment.redirect_url = (
        hosted.provider_payment_id,
        hosted.redirect_url,
    )
    payment.expires_at = min(payment.expires_at, hosted.expires_at)
    return payment


def _same_or_refuse(existing: Payment, amount: Money) -> Payment:
    if existing.money != amount:
        raise PaymentAlreadyMade(
            f"Payment {existing.id} of {existing.money} is already {existing.status}."
        )
    return existing


def _new_payment(
    reference: str, amount: Money, description: str, return_url: str, customer_email: str
) -> Payment:
    """The payment, not written yet."""
    now = clock.now()
    return Payment(
        reference=reference,
        amount=amount.amount,
        currency=amount.currency,
        description=description[:200],
        return_url=return_url,
        customer_email=customer_email,
        provider=getattr(settings, "PAYMENTS_PROVIDER", "sandbox"),
        created_at=now,
        expires_at=now + payment_lifetime(),
    )


def capture_payment(payment_id: UUID | str) -> Payment:
    """Take the authorised money. Capturing a captured payment again answers it unchanged.

    A payment in another status is refused before anything is written. The provider's refusal
    comes from inside the writing block and fails the caller's transaction with it: the one
    caller (the confirmation of an order) gives up on it and is retried, so the block takes no
    savepoint of its own."""
    payment = get_payment(payment_id)
    if payment.status in (S.CAPTURED, S.PARTIALLY_REFUNDED, S.REFUNDED):
        return payment
    if payment.status not in (S.CREATED, S.AUTHORIZED):
        raise PaymentNotCapturable(f"Payment {payment.id} is {payment.status}.")
    with transaction.atomic(savepoint=False):
        try:
            captured = get_provider(payment.provider).capture(
                payment.provider_payment_id, payment.money
            )
        except ProviderRefused as exc:
            raise PaymentNotCapturable(f"The provider refused the capture: {exc}") from exc
        changes = {
            "status": S.CAPTURED,
            "captured_amount": captured.amount.amount,
            "captured_at": clock.now(),
        }
        moved = Payment.objects.filter(pk=payment.pk, status__in=(S.CREATED, S.AUTHORIZED)).update(
            **changes
        )
        if not moved:
            payment.refresh_from_db()
            return payment
        for field, value in changes.items():
            setattr(payment, field, value)
        outbox.emit("payment.captured", event_payload(payment), key=str(payment.id))
    return payment


def cancel_payment(payment_id: UUID | str) -> Payment:
    """Call off a payment no money was taken for: an open one (or one that ran out) refuses the
    buyer's answer on its page from then on, an authorised one gives its hold back. A declined or
    cancelled payment is answered unchanged; a captured one is refused (PaymentNotCancellable:
    its money is refunded instead). A webhook arriving afterwards changes nothing.

    As with a capture, the provider's refusal fails the caller's transaction (no savepoint)."""
    payment = get_payment(payment_id)
    if payment.status in (S.DECLINED, S.CANCELLED):
        return payment
    if payment.status not in CANCELLABLE:
        raise PaymentNotCancellable(f"Payment {payment.id} is {payment.status}; refund it.")
    with transaction.atomic(savepoint=False):
        try:
            get_provider(payment.provider).cancel(payment.provider_payment_id)
        except ProviderRefused as exc:
            raise PaymentNotCancellable(f"The provider refused to cancel: {exc}") from exc
        moved = Payment.objects.filter(pk=payment.pk, status__in=CANCELLABLE).update(
            status=S.CANCELLED
        )
        if not moved:
            payment.refresh_from_db()
            return payment
        payment.status = S.CANCELLED
        outbox.emit("payment.cancelled", event_payload(payment), key=str(payment.id))
    return payment


def release_payment(payment_id: UUID | str, reason: str) -> Payment:
    """Give the buyer back whatever the payment holds or may still take: an open or authorised
    payment is cancelled, captured money is refunded in full. A declined, cancelled or refunded
    payment stays as it is. Answers the payment as it now is."""
    payment = get_payment(payment_id)
    if payment.refundable.amount > 0:
        refund_payment(payment.id, payment.refundable, reason)
        return get_payment(payment.id)
    if payment.status in CANCELLABLE:
        return cancel_payment(payment.id)
    return payment


def refund_payment(payment_id: UUID | str, amount: Money, reason: str) -> Refund:
    """Give back part or all of the captured money; never more than captured minus refunded."""
    if amount.amount <= 0 or amount.rounded() != amount:
        raise InvalidPaymentAmount(f"{amount} is not a positive amount in cents.")
    with transaction.atomic():
        payment = get_payment(payment_id)
        # Row lock (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction already serialises):
        # refunds of one payment queue, so their sum is checked against the capture one by one.
        payment = Payment.objects.select_for_update().get(pk=payment.pk)
        _check_refundable(payment, amount)
        refunded = payment.refunded_amount + amount.amount
        fully = refunded == payment.captured_amount
        # Compare-and-set on the amounts read, computed in Decimal (SQLite would add in floats).
        Payment.objects.filter(pk=payment.pk, refunded_amount=payment.refunded_amount).update(
            refunded_amount=refunded, status=S.REFUNDED if fully else S.PARTIALLY_REFUNDED
        )
        refund = _refund_at_provider(payment, amount, reason)
        payment.refresh_from_db()
        outbox.emit(
            "payment.refunded",
            event_payload(payment, refund_id=str(refund.id), refund_amount=f"{amount.amount:.2f}"),
            key=str(payment.id),
        )
    return refund


def _check_refundable(payment: Payment, amount: Money) -> None:
    if (
        payment.status not in (S.CAPTURED, S.PARTIALLY_REFUNDED)
        or payment.currency != amount.currency
    ):
        raise RefundNotAllowed(f"Payment {payment.id} is {payment.status}; nothing was captured.")
    if amount <= payment.refundable:
        return
    raise RefundExceedsCaptured(
        f"{amount} exceeds the refundable {payment.refundable}.",
        extra={"refundable": payment.refundable.as_str()},
    )


def _refund_at_provider(payment: Payment, amount: Money, reason: str) -> Refund:
    try:
        answer = get_provider(payment.provider).refund(payment.provider_payment_id, amount, reason)
    except ProviderRefused as exc:
        raise RefundNotAllowed(f"The provider refused the refund: {exc}") from exc
    return Refund.objects.create(
        payment=payment,
        amount=amount.amount,
        currency=amount.currency,
        reason=reason[:200],
        provider_refund_id=answer.provider_refund_id,
        created_at=clock.now(),
    )


def receive_webhook(*, provider: str, headers: Mapping[str, str], body: bytes) -> str:
    """Verify, deduplicate by webhook-id, apply. Answers "applied", "duplicate" or "ignored".

    The receipt, with its outcome, is written after the event was applied and in the same
    transaction: a second delivery of the same webhook-id fails on the receipt's unique
    constraint (waiting for the first to commit) and rolls back whatever it did, so it changes
    nothing."""
    try:
        event = get_provider(provider).parse_and_verify_webhook(headers, body)
    except WebhookNotAuthentic as exc:
        raise WebhookRejected(str(exc)) from exc
    try:
        with transaction.atomic():
            outcome = _apply_webhook(provider, event)
            _write_receipt(provider, event, outcome)
    except _TakenBefore:
        return "duplicate"
    return outcome


class _TakenBefore(Exception):
    """A receipt for this webhook-id exists already."""


def _write_receipt(provider: str, event: WebhookEvent, outcome: str) -> None:
    try:
        WebhookReceipt.objects.create(
            provider=provider,
            webhook_id=event.webhook_id,
            event_type=event.type,
            payload=event.data,
            received_at=clock.now(),
            outcome=outcome,
        )
    except IntegrityError:
        raise _TakenBefore from None


def _apply_webhook(provider: str, event: WebhookEvent) -> str:
    payment = Payment.objects.filter(
        provider=provider, provider_payment_id=event.provider_payment_id
    ).first()
    if event.type not in WEBHOOK_MOVES or payment is None or payment.money != event.amount:
        return "ignored"
    return "applied" if _move(payment, event.type) else "ignored"


def _move(payment: Payment, event_type: str) -> bool:
    """Move the payment as the event says, only from the statuses it may move from, and emit
    the event once: whichever comes first, the webhook or the buyer's return, moves it."""
    new_status, from_statuses = WEBHOOK_MOVES[event_type]
    if payment.status not in from_statuses:
        return False  # read past them: a payment never moves back, nothing to ask the database
    moved = Payment.objects.filter(pk=payment.pk, status__in=from_statuses).update(
        status=new_status
    )
    if not moved:
        return False
    payment.status = new_status
    outbox.emit(event_type, event_payload(payment), key=str(payment.id))
    return True


def _long_run_out(payment: Payment) -> bool:
    """A payment that ran out more than a payment's life ago: its page took its last answer
    long before, so the provider is not asked about it on every read any more."""
    return payment.status == S.FAILED and clock.now() >= payment.expires_at + payment_lifetime()


def reconcile_payment(payment_id: UUID | str) -> Payment:
    """Ask the provider how an unanswered payment stands (the buyer is back from its page) and
    apply its answer as its webhook would, so nobody waits for the webhook; the webhook that
    follows changes nothing. An answered payment is answered as it is, without asking; one read
    as run out is asked about too, as the buyer may have authorised it just in time."""
    payment = get_payment(payment_id)
    if payment.status not in (S.CREATED, S.FAILED) or _long_run_out(payment):
        return payment
    answer = get_provider(payment.provider).payment_answer(payment.provider_payment_id)
    event_type = ANSWER_MOVES.get(answer.outcome)
    if event_type is None or answer.amount != payment.money:
        return payment
    with transaction.atomic():
        moved = _move(payment, event_type)
    if not moved:
        payment.refresh_from_db()  # the webhook moved it meanwhile
    return payment
