"""The buyer withdraws within 14 days of handover, through the API, the order page or the back
office; the down payment is refunded. Before handover and after the 14 days nothing changes."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from autokauf.checkout import advance_order, place_order, reserve_vehicle
from autokauf.checkout.models import Order, OrderEvent
from autokauf.core import clock
from autokauf.payments import get_payment

from .conftest import MONDAY, checkout_data
from .journey import pay_and_deliver, token_client

pytestmark = pytest.mark.django_db
HANDED_OVER = MONDAY + timedelta(days=3)


def handed_over(buyer, vin) -> Order:
    """Bought on Monday and handed over three days later (Thursday 10:00 in Berlin)."""
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=vin)
        order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")
        pay_and_deliver(order.payment_url)
        order = Order.objects.get(pk=order.pk)
        order = advance_order(order, "ready_for_handover", buyer)
    with clock.frozen(HANDED_OVER):
        return advance_order(order, "handed_over", buyer)


def test_the_buyer_withdraws_through_the_api_on_the_fourteenth_day(cars, buyer):
    order = handed_over(buyer, cars[0])

    with clock.frozen(HANDED_OVER + timedelta(days=14)):
        answer = token_client(buyer).post(f"/api/v1/orders/{order.id}/withdraw")

    assert answer.status_code == 200
    assert answer.json()["status"] == "withdrawn"
    payment = get_payment(order.payment_id)
    assert payment.status == "refunded" and payment.refunded_amount == Decimal("3105.91")
    assert OrderEvent.objects.filter(order=order).last().to_status == "withdrawn"


def test_a_withdrawal_a_second_after_the_fourteen_days_is_refused_and_nothing_changes(cars, buyer):
    order = handed_over(buyer, cars[0])

    with clock.frozen(HANDED_OVER + timedelta(days=14, seconds=1)):
        answer = token_client(buyer).post(f"/api/v1/orders/{order.id}/withdraw")

    assert answer.status_code == 409
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["title"] == "The 14-day withdrawal period is over"
    assert Order.objects.get(pk=order.pk).status == "handed_over"
    assert get_payment(order.payment_id).status == "captured"


def test_an_order_not_yet_handed_over_is_not_withdrawn_but_cancelled(cars, buyer):
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=cars[0])
        order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")
        pay_and_deliver(order.payment_url)

        answer = token_client(buyer).post(f"/api/v1/orders/{order.id}/withdraw")

    assert answer.status_code == 409
    assert "cancelled before that" in answer.json()["detail"]
    assert Order.objects.get(pk=order.pk).status == "confirmed"


def test_the_order_page_offers_the_withdrawal_until_its_end_and_takes_it(cars, buyer):
    order = handed_over(buyer, cars[0])
    client = Client()
    client.force_login(buyer)

    with clock.frozen(HANDED_OVER + timedelta(days=1)):
        page = client.get(f"/checkout/orders/{order.id}/").content.decode()
        answer = client.post(f"/checkout/orders/{order.id}/withdraw/")

    assert "Vom Kauf zurücktreten" in page
    assert "bis 17.12.2026, 10:00:00 ohne Angabe" in page  # Thursday 3 December + 14 days
    assert answer.status_code == 303
    assert Order.objects.get(pk=order.pk).status == "withdrawn"


def test_the_order_page_offers_no_withdrawal_after_the_fourteen_days(cars, buyer):
    order = handed_over(buyer, cars[0])
    client = Client()
    client.force_login(buyer)

    with clock.frozen(HANDED_OVER + timedelta(days=15)):
        page = client.get(f"/checkout/orders/{order.id}/").content.decode()

    assert f"/checkout/orders/{order.id}/withdraw/" not in page


def test_staff_record_a_withdrawal_in_the_back_office(cars, buyer):
    from autokauf.accounts.models import User

    order = handed_over(buyer, cars[0])
    staff = Client()
    staff.force_login(User.objects.create_superuser("verkauf@autokauf.example", None))

    with clock.frozen(HANDED_OVER + timedelta(days=2)):
        staff.post(
            "/backoffice/checkout/order/",
            {"action": "withdraw_with_refund", "_selected_action": [order.pk]},
        )

    assert Order.objects.get(pk=order.pk).status == "withdrawn"
    assert get_payment(order.payment_id).refunded_amount == Decimal("3105.91")
