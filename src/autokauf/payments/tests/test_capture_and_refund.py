"""Capture and refund, on Autokauf's side and in the sandbox's double-entry ledger."""

from __future__ import annotations

import contextlib
import itertools
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from autokauf.core.models import OutboxEvent
from autokauf.core.money import Money
from autokauf.payments import capture_payment, get_payment, refund_payment
from autokauf.payments.adapters.sandbox import services as sandbox
from autokauf.payments.adapters.sandbox.models import SandboxCharge, SandboxWebhook
from autokauf.payments.errors import PaymentNotCapturable, RefundExceedsCaptured, RefundNotAllowed

from .conftest import pay, post_webhook, start

pytestmark = pytest.mark.django_db
_references = itertools.count(2000)


def captured_payment(amount: str = "5000.00", reference: str = "order-1001"):
    payment = start(reference=reference, amount=amount)
    pay(payment, "success")
    post_webhook(SandboxWebhook.objects.get(charge__merchant_payment_id=str(payment.id)))
    return capture_payment(payment.id)


def test_capture_moves_the_hold_to_the_merchant():
    payment = captured_payment("5000.00")

    charge = SandboxCharge.objects.get()
    assert payment.status == "captured"
    assert payment.captured_amount == Decimal("5000.00")
    assert sandbox.balances(charge) == {
        "customer": Decimal("-5000.00"),
        "hold": Decimal("0.00"),
        "merchant": Decimal("5000.00"),
    }
    assert sandbox.unbalanced_journals() == []


def test_capturing_twice_captures_once():
    payment = captured_payment()

    again = capture_payment(payment.id)

    assert again.status == "captured"
    assert OutboxEvent.objects.filter(topic="payment.captured").count() == 1
    assert SandboxCharge.objects.get().entries.filter(kind="capture").count() == 2


def test_a_declined_payment_cannot_be_captured():
    payment = start()
    pay(payment, "decline")
    post_webhook(SandboxWebhook.objects.get())

    with pytest.raises(PaymentNotCapturable):
        capture_payment(payment.id)

    assert get_payment(payment.id).status == "declined"
    assert SandboxCharge.objects.get().entries.count() == 0


def test_partial_then_full_refund_gives_back_exactly_what_was_captured():
    payment = captured_payment("5000.00")

    first = refund_payment(payment.id, Money.of("1200.50"), "Sonderausstattung storniert")
    assert get_payment(payment.id).status == "partially_refunded"
    second = refund_payment(payment.id, Money.of("3799.50"), "Widerruf")

    payment = get_payment(payment.id)
    assert (first.amount, second.amount) == (Decimal("1200.50"), Decimal("3799.50"))
    assert payment.status == "refunded"
    assert payment.refunded_amount == Decimal("5000.00")
    assert sandbox.balances(SandboxCharge.objects.get())["merchant"] == Decimal("0.00")
    assert [
        e.payload["refund_amount"]
        for e in OutboxEvent.objects.filter(topic="payment.refunded").order_by("pk")
    ] == ["1200.50", "3799.50"]


def test_a_refund_above_the_captured_amount_is_refused_and_changes_nothing():
    payment = captured_payment("5000.00")
    refund_payment(payment.id, Money.of("4000.00"), "Teilerstattung")

    with pytest.raises(RefundExceedsCaptured) as refusal:
        refund_payment(payment.id, Money.of("1000.01"), "zu viel")

    payment = get_payment(payment.id)
    assert refusal.value.extra == {"refundable": "1000.00"}
    assert payment.refunded_amount == Decimal("4000.00")
    assert payment.status == "partially_refunded"
    assert payment.refunds.count() == 1
    assert SandboxCharge.objects.get().refunded_amount == Decimal("4000.00")
    assert OutboxEvent.objects.filter(topic="payment.refunded").count() == 1


def test_an_uncaptured_payment_cannot_be_refunded():
    payment = start()

    with pytest.raises(RefundNotAllowed):
        refund_payment(payment.id, Money.of("1.00"), "nichts gezahlt")

    assert get_payment(payment.id).refunded_amount == Decimal("0")


@settings(max_examples=25, deadline=None)
@given(
    refunds=st.lists(
        st.decimals(min_value=Decimal("0.01"), max_value=Decimal("3000.00"), places=2),
        max_size=6,
    )
)
def test_the_ledger_reconciles_whatever_refunds_are_asked_for(refunds):
    """Refunds never exceed the capture, and the merchant balance is captured minus refunded."""
    payment = captured_payment("5000.00", reference=f"order-{next(_references)}")
    for amount in refunds:
        with contextlib.suppress(RefundExceedsCaptured):
            refund_payment(payment.id, Money.of(amount), "Erstattung")

    payment = get_payment(payment.id)
    charge = SandboxCharge.objects.get(merchant_payment_id=str(payment.id))
    balances = sandbox.balances(charge)
    assert Decimal(0) <= payment.refunded_amount <= payment.captured_amount
    assert payment.refunded_amount == charge.refunded_amount
    assert balances["merchant"] == payment.captured_amount - payment.refunded_amount
    assert balances["hold"] == Decimal("0.00")
    assert sum(balances.values()) == 0
    assert sandbox.unbalanced_journals() == []
