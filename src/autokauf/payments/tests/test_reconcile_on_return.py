"""A buyer back from the hosted page: the store asks the provider how the payment stands and
applies the answer as the webhook would, once, whichever of the two comes first."""

from __future__ import annotations

import pytest

from autokauf.core.models import OutboxEvent
from autokauf.payments import get_payment, reconcile_payment
from autokauf.payments.adapters.sandbox.models import SandboxWebhook
from autokauf.payments.models import WebhookReceipt

from .conftest import pay, post_webhook, start

pytestmark = pytest.mark.django_db


def events() -> list[tuple[str, str]]:
    return list(OutboxEvent.objects.order_by("pk").values_list("topic", "payload__status"))


def test_an_authorised_payment_is_authorized_on_return_without_waiting_for_the_webhook():
    payment = start()
    pay(payment, "success")

    answered = reconcile_payment(payment.id)

    assert answered.status == "authorized"
    assert get_payment(payment.id).status == "authorized"
    assert events() == [("payment.authorized", "authorized")]
    assert WebhookReceipt.objects.count() == 0


def test_the_webhook_after_the_return_is_taken_and_changes_nothing():
    payment = start()
    pay(payment, "success")
    reconcile_payment(payment.id)

    answer = post_webhook(SandboxWebhook.objects.get())

    assert answer.status_code == 200
    assert WebhookReceipt.objects.get().outcome == "ignored"
    assert events() == [("payment.authorized", "authorized")]


def test_a_return_after_the_webhook_changes_nothing():
    payment = start()
    pay(payment, "success")
    post_webhook(SandboxWebhook.objects.get())

    answered = reconcile_payment(payment.id)

    assert answered.status == "authorized"
    assert events() == [("payment.authorized", "authorized")]


def test_a_declined_payment_is_declined_on_return():
    payment = start()
    pay(payment, "decline")

    assert reconcile_payment(payment.id).status == "declined"
    assert events() == [("payment.declined", "declined")]


def test_a_payment_the_bank_has_not_answered_stays_open_and_emits_nothing():
    payment = start()
    pay(payment, "timeout")

    assert reconcile_payment(payment.id).status == "created"
    assert events() == []


def test_a_buyer_who_comes_back_without_paying_leaves_the_payment_open():
    payment = start()

    assert reconcile_payment(payment.id).status == "created"
    assert events() == []
