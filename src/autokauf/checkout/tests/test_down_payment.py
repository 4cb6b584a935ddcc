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
