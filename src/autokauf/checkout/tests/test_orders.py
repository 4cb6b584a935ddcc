"""Buying a car: reserve, place the order, pay the down payment, get the confirmation."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client

from autokauf.checkout import (
    CheckoutInvalid,
    IllegalOrderMove,
    WithdrawalPeriodOver,
    advance_order,
    allocate_vin,
    cancel_order,
    place_order,
    reserve_vehicle,
    withdraw_order,
)
from autokauf.checkout.models import Order, OrderEvent
from autokauf.core import clock
from autokauf.core.models import OutboxEvent
from autokauf.core.outbox import deliver_pending
from autokauf.inventory.models import Vehicle
from autokauf.payments import get_payment
from autokauf.payments.adapters.sandbox.models import SandboxWebhook
from autokauf.payments.models import WebhookReceipt
from autokauf.payments.tests.conftest import post_webhook

from .conftest import MONDAY, checkout_data, make_buyer, stock_cars
from .journey import order_body, pay_and_deliver, token_client

pytestmark = pytest.mark.django_db


def bought(buyer, vin, **data):
    hold = reserve_vehicle(buyer=buyer, vin=vin)
    order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(**data), language="de")
    pay_and_deliver(order.payment_url)
    order.refresh_from_db()
    return order


def test_a_cash_purchase_through_the_api_ends_confirmed_with_a_german_mail(cars, buyer):
    client = token_client(buyer)

    reserved = client.post(
        "/api/v1/reservations", {"vin": cars[0]}, content_type="application/json"
    )
    placed = client.post(
        "/api/v1/orders",
        order_body(reservation=reserved.json()["id"]),
        content_type="application/json",
        headers={"Idempotency-Key": "order-1"},
    )
    pay_and_deliver(placed.json()["payment_url"])
    order = Order.objects.get()

    assert reserved.status_code == 201 and placed.status_code == 201
    assert placed.json()["status"] == "placed"
    assert order.status == "confirmed"
    assert order.quote["total"] == "31059.10"
    assert order.down_payment == Decimal("3105.91")
    assert get_payment(order.payment_id).status == "captured"
    assert Vehicle.objects.get(vin=cars[0]).status == "reserved"
    assert [m.subject for m in mail.outbox] == [
        f"Ihre Bestellung {order.number}: Bestellt",
        f"Ihre Bestellung {order.number}: Bestätigt (Anzahlung erhalten)",
    ]
    assert mail.outbox[1].alternatives[0][1] == "text/html"
    assert client.get(f"/api/v1/orders/{order.id}").json()["status"] == "confirmed"


def placed_through_the_api(buyer, vin):
    """The buyer's app reserves the car and places a cash order: (its client, the order)."""
    client = token_client(buyer)
    reserved = client.post("/api/v1/reservations", {"vin": vin}, content_type="application/json")
    placed = client.post(
        "/api/v1/orders",
        order_body(reservation=reserved.json()["id"]),
        content_type="application/json",
        headers={"Idempotency-Key": f"order-{vin}"},
    )
    return client, placed.json()


# Committed for real, so that the confirmation runs right after the payment's commit as it does
# in production (inside a test transaction it would wait for the test's end).
@pytest.mark.django_db(transaction=True)
def test_a_buyer_back_from_the_payment_page_reads_the_order_confirmed_before_any_webhook(
    cars, buyer
):
    client, placed = placed_through_the_api(buyer, cars[0])
    Client().post(placed["payment_url"], {"instrument": "success", "action": "authorise"})

    back = client.get(f"/api/v1/orders/{placed['id']}").json()

    order = Order.objects.get()
    assert (back["status"], back["payment_url"]) == ("confirmed", None)
    assert order.paid_at is not None
    assert get_payment(order.payment_id).status == "captured"
    assert WebhookReceipt.objects.count() == 0
    assert list(order.events.values_list("to_status", flat=True)) == ["placed", "confirmed"]


def test_the_webhook_after_the_buyers_return_confirms_nothing_twice(cars, buyer):
    client, placed = placed_through_the_api(buyer, cars[0])
    Client().post(placed["payment_url"], {"instrument": "webhook-twice", "action": "authorise"})
    client.get(f"/api/v1/orders/{placed['id']}")
    deliver_pending()

    for message in SandboxWebhook.objects.all():
        post_webhook(message)
        post_webhook(message)
    deliver_pending()

    order = Order.objects.get()
    assert order.status == "confirmed"
    assert list(order.events.values_list("to_status", flat=True)) == ["placed", "confirmed"]
    assert OutboxEvent.objects.filter(topic="payment.authorized").count() == 1
    assert OutboxEvent.objects.filter(topic="payment.captured").count() == 1
    assert list(WebhookReceipt.objects.values_list("outcome", flat=True)) == ["ignored"]


def test_a_buyer_who_comes_back_without_paying_finds_the_order_waiting_with_its_payment_page(
    cars, buyer
):
    client, placed = placed_through_the_api(buyer, cars[0])

    back = client.get(f"/api/v1/orders/{placed['id']}").json()

    assert (back["status"], back["payment_url"]) == ("placed", placed["payment_url"])
    assert OutboxEvent.objects.filter(topic__startswith="payment.").count() == 0


def test_an_english_buyer_gets_english_mail(cars):
    buyer = make_buyer("jane@example.org", language="en")
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="en")

    pay_and_deliver(order.payment_url)

    assert (
        mail.outbox[-1].subject == f"Your order {order.number}: Confirmed (down payment received)"
    )


def test_home_delivery_adds_its_price_to_the_frozen_quote(cars, buyer):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])

    order = place_order(
        buyer=buyer, hold_id=hold.id, data=checkout_data(delivery="home"), language="de"
    )

    assert order.quote["lines"][-1]["code"] == "HOME-DELIVERY"
    assert order.quote["total"] == str(Decimal("31059.10") + Decimal("940.10"))


def test_bad_checkout_data_is_refused_naming_every_field_and_nothing_is_written(cars, buyer):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])

    with pytest.raises(CheckoutInvalid) as refused:
        place_order(
            buyer=buyer,
            hold_id=hold.id,
            data=checkout_data(postcode="1234", accept_terms=False, email=""),
            language="de",
        )

    assert sorted(refused.value.extra["fields"]) == ["accept_terms", "email", "postcode"]
    assert Order.objects.count() == 0


def test_a_build_to_order_purchase_gets_its_vin_allocated_later(small_catalogue, buyer, places):
    from autokauf.configurator import save_configuration

    saved = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"])
    order = place_order(
        buyer=buyer, configuration_code=saved.code, data=checkout_data(), language="de"
    )
    pay_and_deliver(order.payment_url)
    staff = make_buyer("sales@example.org")
    vin = stock_cars(1)[0]

    order = allocate_vin(Order.objects.get(), vin, staff)

    assert order.vin == vin and order.status == "allocated"
    assert order.quote["total"] == saved.quote["total"]
    assert Vehicle.objects.get(vin=vin).status == "reserved"
    assert list(OrderEvent.objects.values_list("to_status", "actor")) == [
        ("placed", buyer.pk),
        ("confirmed", None),
        ("allocated", staff.pk),
    ]


def test_cancelling_a_paid_order_refunds_the_down_payment_and_frees_the_car(cars, buyer):
    order = bought(buyer, cars[0])

    cancel_order(order, buyer, "changed my mind")

    payment = get_payment(order.payment_id)
    assert payment.status == "refunded" and payment.refunded_amount == Decimal("3105.91")
    assert Vehicle.objects.get(vin=cars[0]).status == "in_stock"
    assert Order.objects.get().status == "cancelled"


def test_withdrawal_within_fourteen_days_of_handover_refunds(cars, buyer):
    with clock.frozen(MONDAY):
        order = bought(buyer, cars[0])
        for step in ("ready_for_handover", "handed_over"):
            order = advance_order(order, step, buyer)
    with clock.frozen(MONDAY + timedelta(days=14)):
        order = withdraw_order(order, buyer)

    assert order.status == "withdrawn"
    assert get_payment(order.payment_id).status == "refunded"


def test_withdrawal_after_fourteen_days_is_refused_and_nothing_changes(cars, buyer):
    with clock.frozen(MONDAY):
        order = bought(buyer, cars[0])
        for step in ("ready_for_handover", "handed_over"):
            order = advance_order(order, step, buyer)
    with clock.frozen(MONDAY + timedelta(days=14, seconds=1)), pytest.raises(WithdrawalPeriodOver):
        withdraw_order(order, buyer)

    assert Order.objects.get().status == "handed_over"
    assert get_payment(order.payment_id).status == "captured"


def test_a_financed_order_stays_placed_until_credit_is_approved(cars, buyer):
    from autokauf.financing import load_demo_lenders_if_empty

    load_demo_lenders_if_empty()
    offer = {"lender_code": "rhein-mobilbank", "product": "loan", "term_months": 48}

    order = bought(buyer, cars[0], payment_method="loan", financing_offer=offer)

    assert order.status == "placed" and order.paid_at is not None
    with pytest.raises(IllegalOrderMove):
        from autokauf.checkout import confirm_order

        confirm_order(order, buyer)
    assert Order.objects.get().status == "placed"
