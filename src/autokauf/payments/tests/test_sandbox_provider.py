"""The sandbox provider's hosted page and its test rules."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from autokauf.core import clock
from autokauf.core.models import OutboxEvent
from autokauf.core.money import Money
from autokauf.payments import Payment, get_payment
from autokauf.payments.adapters.sandbox import rules
from autokauf.payments.adapters.sandbox.models import SandboxCharge, SandboxWebhook

from .conftest import MONDAY, pay, post_webhook, start

pytestmark = pytest.mark.django_db


def test_the_hosted_page_shows_merchant_amount_and_reference_and_no_card_fields():
    payment = start(amount="5000.00")

    page = Client().get(payment.redirect_url, HTTP_ACCEPT_LANGUAGE="de")

    html = page.content.decode()
    assert page.status_code == 200
    assert payment.redirect_url.startswith("/sandbox-psp/pay/ch_")
    assert "Autokauf" in html
    assert "5.000,00\xa0€" in html
    assert "order-1001" in html
    assert 'value="webhook-late"' in html
    assert "card_number" not in html and "cvc" not in html.lower()


def test_an_authorised_payment_sends_the_buyer_back_and_the_webhook_authorises_it():
    payment = start()

    answer = pay(payment, "success")
    message = SandboxWebhook.objects.get()
    delivered = post_webhook(message)

    assert answer.status_code == 302
    assert answer["Location"] == (
        f"https://shop.example/orders/1001/paid?payment_id={payment.id}&status=authorized"
    )
    assert delivered.json() == {"outcome": "applied"}
    assert get_payment(payment.id).status == "authorized"
    event = OutboxEvent.objects.get(topic="payment.authorized")
    assert event.payload == {
        "payment_id": str(payment.id),
        "reference": "order-1001",
        "amount": "5000.00",
        "currency": "EUR",
        "status": "authorized",
    }


def test_the_decline_instrument_declines_and_holds_no_money():
    payment = start()

    answer = pay(payment, "decline")
    post_webhook(SandboxWebhook.objects.get())

    assert answer["Location"].endswith("status=declined")
    assert SandboxCharge.objects.get().decline_reason == "card-declined"
    assert SandboxCharge.objects.get().entries.count() == 0
    assert get_payment(payment.id).status == "declined"
    assert OutboxEvent.objects.filter(topic="payment.declined").count() == 1


@pytest.mark.parametrize(
    ("amount", "outcome"),
    [
        pytest.param("1000.02", rules.DECLINE, id="cents-02-decline"),
        pytest.param("1002.00", rules.AUTHORISE, id="euros-02-authorise"),
        pytest.param("1000.20", rules.AUTHORISE, id="cents-20-authorise"),
        pytest.param("0.02", rules.DECLINE, id="two-cents-decline"),
    ],
)
def test_an_amount_ending_in_two_cents_declines_whatever_the_instrument(amount, outcome):
    assert rules.decide("success", Decimal(amount)).outcome == outcome


def test_the_timeout_instrument_never_answers_and_the_payment_fails_when_it_expires():
    with clock.frozen(MONDAY):
        payment = start()
        answer = pay(payment, "timeout")
    assert answer.status_code == 200
    assert "noch nicht geantwortet" in answer.content.decode()
    assert SandboxWebhook.objects.count() == 0

    with clock.frozen(MONDAY + timedelta(minutes=29)):
        assert get_payment(payment.id).status == "created"
    with clock.frozen(MONDAY + timedelta(minutes=30)):
        assert get_payment(payment.id).status == "failed"


def test_a_charge_is_answered_once():
    payment = start()
    pay(payment, "success")

    again = pay(payment, "decline")

    assert again.status_code == 409
    assert SandboxCharge.objects.get().status == "authorised"
    assert SandboxWebhook.objects.count() == 1


def test_webhook_twice_sends_one_message_id_twice(django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    payment = start()
    with django_capture_on_commit_callbacks(execute=True):
        pay(payment, "webhook-twice")

    message = SandboxWebhook.objects.get()
    assert message.copies == 2
    assert DBTaskResult.objects.filter(args_kwargs__args=[message.id]).count() == 2
    assert post_webhook(message).json() == {"outcome": "applied"}
    assert post_webhook(message).json() == {"outcome": "duplicate"}
    assert OutboxEvent.objects.filter(topic="payment.authorized").count() == 1


def test_webhook_late_is_held_back_thirty_seconds():
    with clock.frozen(MONDAY):
        payment = start()
        pay(payment, "webhook-late")

    assert SandboxWebhook.objects.get().deliver_after == MONDAY + timedelta(seconds=30)


def test_a_second_start_for_the_same_reference_and_amount_answers_the_same_payment():
    first = start(reference="order-7", amount="800.00")
    second = start(reference="order-7", amount="800.00")

    assert second.id == first.id
    assert SandboxCharge.objects.count() == 1


def test_a_start_after_the_unpaid_payment_ran_out_closes_it_and_opens_a_new_one():
    with clock.frozen(MONDAY):
        first = start(reference="order-7", amount="800.00")
    with clock.frozen(MONDAY + timedelta(minutes=30)):
        second = start(reference="order-7", amount="800.00")

        assert second.id != first.id
        assert (get_payment(first.id).status, get_payment(second.id).status) == (
            "failed",
            "created",
        )
    assert SandboxCharge.objects.count() == 2


def test_a_start_with_another_amount_closes_the_unpaid_payment_and_opens_a_new_one():
    first = start(reference="order-7", amount="800.00")
    second = start(reference="order-7", amount="900.00")

    assert (get_payment(first.id).status, get_payment(second.id).status) == ("failed", "created")
    assert (second.amount, SandboxCharge.objects.count()) == (Decimal("900.00"), 2)


def test_a_start_with_another_amount_than_an_authorised_payment_is_refused_and_changes_nothing():
    from autokauf.payments.errors import PaymentAlreadyMade

    first = start(reference="order-7", amount="800.00")
    pay(first, "success")
    post_webhook(SandboxWebhook.objects.get())

    with pytest.raises(PaymentAlreadyMade):
        start(reference="order-7", amount="900.00")

    assert list(Payment.objects.values_list("id", "status")) == [(first.id, "authorized")]
    assert SandboxCharge.objects.count() == 1


def test_opening_a_payment_for_a_reference_that_has_a_live_one_is_refused_and_changes_nothing():
    from django.db import IntegrityError, transaction

    from autokauf.payments import open_payment

    first = start(reference="order-7", amount="800.00")

    with pytest.raises(IntegrityError), transaction.atomic():
        open_payment(
            reference="order-7",
            amount=Money.of("800.00"),
            description="Anzahlung order-7",
            return_url="https://shop.example/orders/7/paid",
            customer_email="erika@example.org",
        )

    assert list(Payment.objects.values_list("id", "status")) == [(first.id, "created")]
    assert SandboxCharge.objects.count() == 1


def test_an_authorisation_given_just_before_the_payment_ran_out_is_applied_when_webhook_is_late():
    with clock.frozen(MONDAY):
        payment = start()
    with clock.frozen(MONDAY + timedelta(minutes=29)):
        pay(payment, "success")
    message = SandboxWebhook.objects.get()

    with clock.frozen(MONDAY + timedelta(minutes=31)):
        read_as_run_out = get_payment(payment.id).status
        delivered = post_webhook(message)

    assert read_as_run_out == "failed"
    assert delivered.json() == {"outcome": "applied"}
    assert get_payment(payment.id).status == "authorized"
    assert OutboxEvent.objects.filter(topic="payment.authorized").count() == 1


def test_asking_the_provider_about_a_payment_read_as_run_out_finds_the_authorisation():
    from autokauf.payments import reconcile_payment

    with clock.frozen(MONDAY):
        payment = start()
    with clock.frozen(MONDAY + timedelta(minutes=29)):
        pay(payment, "success")

    with clock.frozen(MONDAY + timedelta(minutes=31)):
        asked = reconcile_payment(payment.id)

    assert asked.status == "authorized"
    assert OutboxEvent.objects.filter(topic="payment.authorized").count() == 1
