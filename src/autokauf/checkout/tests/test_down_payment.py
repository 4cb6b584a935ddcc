"""The down payment of an order that is cancelled before it is paid, and of one whose payment
was declined or ran out: no money stays with a cancelled order, a waiting order can be paid
again."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from autokauf.checkout import confirm_payment, reserve_vehicle
from autokauf.checkout.models import Order
from autokauf.core.models import OutboxEvent
from autokauf.core.outbox import deliver_pending
from autokauf.inventory.models import Vehicle
from autokauf.payments import get_payment
from autokauf.payments.adapters.sandbox import services as sandbox
from autokauf.payments.adapters.sandbox.models import SandboxWebhook
from autokauf.payments.models import WebhookReceipt
from autokauf.payments.tests.conftest import post_webhook

from .conftest import make_buyer
from .journey import order_body, token_client

pytestmark = pytest.mark.django_db
NOTHING_MOVED = {"customer": Decimal("0.00"), "hold": Decimal("0.00"), "merchant": Decimal("0.00")}


def placed(buyer, vin):
    """The buyer's app reserves the car and places a cash order: (its client, the order)."""
    client = token_client(buyer)
    hold = reserve_vehicle(buyer=buyer, vin=vin)
    answer = client.post(
        "/api/v1/orders", order_body(reservation=str(hold.id)), content_type="application/json"
    )
    return client, answer.json()


def cancel(client, order):
    return client.post(
        f"/api/v1/orders/{order['id']}/cancel",
        {"reason": "Termin passt nicht"},
        content_type="application/json",
    )


def authorise(payment_url, instrument="success"):
    return Client().post(payment_url, {"instrument": instrument, "action": "authorise"})


def deliver_webhooks():
    outcomes = [post_webhook(message).json() for message in SandboxWebhook.objects.all()]
    while deliver_pending():
        pass
    return outcomes


def assert_cancelled_with_nothing_kept(vin):
    order = Order.objects.get()
    payment = get_payment(order.payment_id)
    assert (order.status, order.paid_at) == ("cancelled", None)
    assert payment.status == "cancelled"
    assert payment.captured_amount == Decimal("0.00")
    assert payment.refundable.amount == Decimal("0.00")
    assert sandbox.balances() == NOTHING_MOVED
    assert OutboxEvent.objects.filter(topic="payment.captured").count() == 0
    car = Vehicle.objects.get(vin=vin)
    assert (car.status, car.held_by_id) == ("in_stock", None)


def test_the_payment_page_of_a_cancelled_order_refuses_the_buyers_authorisation(cars, buyer):
    client, order = placed(buyer, cars[0])
    assert cancel(client, order).json()["payment_url"] is None

    answer = authorise(order["payment_url"])
    deliver_webhooks()

    assert answer.status_code == 409
    assert SandboxWebhook.objects.count() == 0
    assert_cancelled_with_nothing_kept(cars[0])
    assert reserve_vehicle(buyer=make_buyer("max@example.org"), vin=cars[0]).vin == cars[0]


def test_an_authorisation_whose_webhook_arrives_after_the_cancellation_changes_nothing(cars, buyer):
    client, order = placed(buyer, cars[0])
    authorise(order["payment_url"])
    cancel(client, order)

    outcomes = deliver_webhooks()

    assert outcomes == [{"outcome": "ignored"}]
    assert OutboxEvent.objects.filter(topic="payment.authorized").count() == 0
    assert_cancelled_with_nothing_kept(cars[0])


def test_an_authorisation_taken_in_before_the_cancellation_is_cancelled_not_captured(cars, buyer):
    client, order = placed(buyer, cars[0])
    authorise(order["payment_url"])
    post_webhook(SandboxWebhook.objects.get())  # its payment.authorized waits in the outbox

    cancel(client, order)
    while deliver_pending():
        pass

    assert list(WebhookReceipt.objects.values_list("outcome", flat=True)) == ["applied"]
    assert_cancelled_with_nothing_kept(cars[0])
    assert list(Order.objects.get().events.values_list("to_status", flat=True)) == [
        "placed",
        "cancelled",
    ]


def test_an_authorisation_for_an_order_that_ended_unpaid_is_cancelled_not_captured(cars, buyer):
    _client, order = placed(buyer, cars[0])
    authorise(order["payment_url"])
    post_webhook(SandboxWebhook.objects.get())
    # The order ended while its payment stood authorised, as a cancellation racing the webhook.
    Order.objects.filter(pk=order["id"]).update(status="cancelled")
    payload = OutboxEvent.objects.get(topic="payment.authorized").payload

    answered = confirm_payment(payload)

    assert (answered.status, answered.paid_at) == ("cancelled", None)
    payment = get_payment(answered.payment_id)
    assert (payment.status, payment.captured_amount) == ("cancelled", Decimal("0.00"))
    assert sandbox.balances() == NOTHING_MOVED


def declined(buyer, vin):
    """A placed order whose down payment the bank declined: (the buyer's client, the order)."""
    client, order = placed(buyer, vin)
    authorise(order["payment_url"], "decline")
    deliver_webhooks()
    return client, order


def pay_again(client, order, body=None, **headers):
    path = f"/api/v1/orders/{order['id']}/payment"
    return client.post(path, body or {}, content_type="application/json", headers=headers)


def payments_of(order_id):
    from autokauf.payments.models import Payment

    number = Order.objects.get(pk=order_id).number
    return list(Payment.objects.filter(reference=number).order_by("created_at"))


def test_a_buyer_whose_down_payment_was_declined_pays_again_and_the_order_is_confirmed(cars, buyer):
    client, order = declined(buyer, cars[0])
    assert client.get(f"/api/v1/orders/{order['id']}").json()["payment_url"] is None

    again = pay_again(client, order)
    authorise(again.json()["payment_url"])
    deliver_webhooks()

    assert again.status_code == 201
    assert again.json()["status"] == "placed"
    assert again.json()["payment_url"] != order["payment_url"]
    confirmed = Order.objects.get()
    assert confirmed.status == "confirmed" and confirmed.paid_at is not None
    first, second = payments_of(order["id"])
    assert (first.status, second.status) == ("declined", "captured")
    assert confirmed.payment_id == second.id
    assert second.captured_amount == Decimal("3105.91")
    assert OutboxEvent.objects.filter(topic="payment.captured").count() == 1
    assert sandbox.balances()["merchant"] == Decimal("3105.91")


def test_a_second_call_while_the_new_payment_is_open_answers_its_page_and_opens_none(cars, buyer):
    client, order = declined(buyer, cars[0])
    first = pay_again(client, order).json()

    second = pay_again(client, order)

    assert second.status_code == 409
    assert second["Content-Type"] == "application/problem+json"
    assert second.json()["type"].endswith("/payment-still-open")
    assert second.json()["payment_url"] == first["payment_url"]
    assert len(payments_of(order["id"])) == 2
    assert str(Order.objects.get().payment_id) == str(payments_of(order["id"])[1].id)


def test_the_same_idempotency_key_answers_the_same_new_payment(cars, buyer):
    client, order = declined(buyer, cars[0])

    answers = [pay_again(client, order, **{"Idempotency-Key": "pay-again-1"}) for _ in range(2)]

    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json()["payment_url"] == answers[1].json()["payment_url"]
    assert answers[1]["Idempotent-Replayed"] == "true"
    assert len(payments_of(order["id"])) == 2


def placed_by_staff(buyer, vin):
    """Sales staff placed an order of the car for the buyer on Monday: no payment is open yet."""
    from autokauf.accounts.models import User
    from autokauf.checkout import place_order
    from autokauf.core import clock

    from .conftest import MONDAY, checkout_data

    staff = User.objects.create_user("sales@example.org", None, role="sales")
    unaccepted = checkout_data(accept_terms=False, accept_withdrawal_notice=False)
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=vin)
        return place_order(
            buyer=buyer, hold_id=hold.id, data=unaccepted, language="de", created_by=staff
        )


def test_an_order_placed_by_staff_is_paid_days_later_once_the_buyer_accepts_the_terms(cars, buyer):
    from datetime import timedelta

    from autokauf.core import clock

    from .conftest import MONDAY

    order = placed_by_staff(buyer, cars[0])
    client = token_client(buyer)
    accepted = {"accept_terms": True, "accept_withdrawal_notice": True}
    with clock.frozen(MONDAY + timedelta(days=2)):
        seen = client.get(f"/api/v1/orders/{order.pk}").json()
        again = pay_again(client, {"id": str(order.pk)}, accepted)
        authorise(again.json()["payment_url"])
        deliver_webhooks()

    assert (seen["status"], seen["payment_url"], order.payment_id) == ("placed", None, None)
    assert again.status_code == 201
    (only,) = payments_of(order.pk)
    assert only.status == "captured"
    confirmed = Order.objects.get()
    assert confirmed.status == "confirmed"
    assert confirmed.terms_accepted_at == MONDAY + timedelta(days=2)


@pytest.mark.parametrize(
    "given",
    [{}, {"accept_terms": True}, {"accept_withdrawal_notice": True}],
    ids=["neither", "terms only", "withdrawal notice only"],
)
def test_the_buyer_who_does_not_accept_both_gets_no_payment_and_nothing_changes(cars, buyer, given):
    order = placed_by_staff(buyer, cars[0])

    answer = pay_again(token_client(buyer), {"id": str(order.pk)}, given)

    assert answer.status_code == 422
    assert answer["Content-Type"] == "application/problem+json"
    missing = {"accept_terms", "accept_withdrawal_notice"} - set(given)
    assert set(answer.json()["fields"]) == missing
    assert payments_of(order.pk) == []
    unchanged = Order.objects.get()
    assert (unchanged.payment_id, unchanged.terms_accepted_at) == (None, None)


def test_paying_again_is_refused_while_the_first_payment_is_open_and_nothing_changes(cars, buyer):
    client, order = placed(buyer, cars[0])

    answer = pay_again(client, order)

    assert answer.status_code == 409
    assert answer.json()["payment_url"] == order["payment_url"]
    (only,) = payments_of(order["id"])
    assert only.status == "created"
    assert str(Order.objects.get().payment_id) == str(only.id)


@pytest.mark.parametrize("ending", ["paid", "cancelled"])
def test_paying_again_is_refused_for_an_order_that_waits_for_no_down_payment(cars, buyer, ending):
    client, order = placed(buyer, cars[0])
    if ending == "paid":
        authorise(order["payment_url"])
        deliver_webhooks()
    else:
        cancel(client, order)
    before = [(p.id, p.status) for p in payments_of(order["id"])]

    answer = pay_again(client, order)

    assert answer.status_code == 409
    assert answer.json()["type"].endswith("/down-payment-not-due")
    assert [(p.id, p.status) for p in payments_of(order["id"])] == before
    assert Order.objects.get().status == {"paid": "confirmed", "cancelled": "cancelled"}[ending]


def test_the_order_page_after_a_declined_payment_offers_to_pay_again(cars, buyer):
    _client, order = declined(buyer, cars[0])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(buyer)

    page = browser.get(f"/checkout/orders/{order['id']}/?status=declined")
    html = page.content.decode()
    token = browser.cookies["csrftoken"].value
    paid = browser.post(f"/checkout/orders/{order['id']}/payment/", {"csrfmiddlewaretoken": token})

    assert 'data-testid="pay-again"' in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert "Anzahlung erneut leisten" in html
    assert paid.status_code == 303
    assert paid["Location"] == payments_of(order["id"])[1].redirect_url
    assert paid["Location"].startswith("/sandbox-psp/pay/")


def test_the_order_page_without_the_csrf_token_opens_no_payment(cars, buyer):
    _client, order = declined(buyer, cars[0])
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(buyer)

    answer = browser.post(f"/checkout/orders/{order['id']}/payment/")

    assert answer.status_code == 403
    assert len(payments_of(order["id"])) == 1


def test_on_the_order_page_the_buyer_accepts_a_staff_order_and_goes_on_to_pay(cars, buyer):
    order = placed_by_staff(buyer, cars[0])
    browser = Client()
    browser.force_login(buyer)
    path = f"/checkout/orders/{order.pk}/payment/"

    html = browser.get(f"/checkout/orders/{order.pk}/").content.decode()
    refused = browser.post(path, {"accept_terms": "on"})
    nothing_opened = payments_of(order.pk)
    paid = browser.post(path, {"accept_terms": "on", "accept_withdrawal_notice": "on"})

    assert "Unser Team hat diese Bestellung für Sie vorbereitet." in html
    assert 'name="accept_terms"' in html and 'name="accept_withdrawal_notice"' in html
    assert refused.status_code == 303 and nothing_opened == []
    assert paid.status_code == 303
    assert paid["Location"] == payments_of(order.pk)[0].redirect_url
    assert Order.objects.get().terms_accepted_at is not None
