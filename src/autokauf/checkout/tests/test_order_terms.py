"""An order's down payment and financing terms are the store's: a cash order pays 10 % of the
total, a financed order freezes the offer the store computes for the car. The buyer's app only
chooses the offer; figures it sends are not taken, and an offer the store does not make is refused
with nothing written."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from autokauf.checkout import reserve_vehicle
from autokauf.checkout.models import Hold, Order
from autokauf.core.models import OutboxEvent
from autokauf.core.money import Money
from autokauf.inventory.models import Vehicle
from autokauf.payments.models import Payment

from .journey import order_body, pay_and_deliver, token_client

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
CAR_PRICE = Money.of("31059.10")  # the Asta in stock, delivered at the dealer
STORE_DOWN = "3105.91"  # 10 % of it


@pytest.fixture(autouse=True)
def lenders(db, at_monday):
    from autokauf.financing import load_demo_lenders_if_empty

    load_demo_lenders_if_empty()


@pytest.fixture
def hold(cars, buyer):
    return reserve_vehicle(buyer=buyer, vin=cars[0])


def ordered(buyer, hold, **changes: Any):
    body = order_body(reservation=str(hold.id), **changes)
    return token_client(buyer).post("/api/v1/orders", body, content_type="application/json")


def store_offer(product: str, **more: Any) -> dict[str, Any]:
    """The store's best offer of a product for the Asta (48 months, 10 % down), as it is frozen."""
    from autokauf.checkout.offers import offer_terms, store_offers

    return offer_terms(store_offers(CAR_PRICE)[product][0], "de")


def assert_nothing_written(hold: Hold) -> None:
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0
    assert OutboxEvent.objects.count() == 0
    assert Hold.objects.get(pk=hold.pk).expires_at == hold.expires_at
    assert Vehicle.objects.get(vin=hold.vin).held_until == hold.expires_at


def test_a_cash_order_with_a_down_payment_of_its_own_is_refused_and_nothing_is_written(buyer, hold):
    answer = ordered(buyer, hold, payment_method="cash", financing_offer={"down_payment": "0.01"})

    assert answer.status_code == 422
    assert answer["Content-Type"] == PROBLEM
    assert answer.json()["fields"] == {
        "financing_offer": (
            "A cash purchase takes no financing offer: its down payment is 10 % of the total."
        )
    }
    assert_nothing_written(hold)


def test_a_cash_order_pays_ten_percent_of_the_total_down(buyer, hold):
    answer = ordered(buyer, hold, payment_method="cash")
    pay_and_deliver(answer.json()["payment_url"])

    order = Order.objects.get()
    assert answer.json()["down_payment"] == STORE_DOWN
    assert (order.down_payment, order.financing) == (Decimal(STORE_DOWN), None)
    assert Payment.objects.get().amount == Decimal(STORE_DOWN)
    assert order.status == "confirmed"


def test_a_loan_order_freezes_the_stores_figures_to_the_cent_whatever_figures_are_sent(buyer, hold):
    sent = {
        "lender": {"code": "rhein-mobilbank", "name": "Cheap Credit Ltd", "address": "Nowhere"},
        "product": "loan",
        "term_months": 48,
        "down_payment": "3105.91",
        "monthly_payment": "1.00",
        "nominal_rate": "0.00",
        "apr": "0.00",
        "net_loan_amount": "48.00",
        "total_amount_payable": "48.00",
        "final_payment": "1.00",
    }

    answer = ordered(buyer, hold, payment_method="loan", financing_offer=sent)

    assert answer.status_code == 201, answer.content
    order = Order.objects.get()
    frozen = order.financing
    assert frozen["lender"]["name"] == "Rhein Mobilbank GmbH"
    assert frozen["lender_code"] == "rhein-mobilbank"
    assert frozen["key"] == "loan:rhein-mobilbank"
    assert (frozen["monthly_payment"], frozen["nominal_rate"], frozen["apr"]) == (
        "637.30",
        "4.49",
        "4.87",
    )
    assert (frozen["net_loan_amount"], frozen["total_amount_payable"]) == ("27953.19", "30739.63")
    assert frozen["final_payment"] == "637.53"
    assert frozen == store_offer("loan")
    assert order.down_payment == Decimal("3105.91")
    assert Payment.objects.get().amount == Decimal("3105.91")


@pytest.mark.parametrize("product", ["balloon", "lease"])
def test_a_balloon_or_lease_order_freezes_the_stores_offer_chosen_by_lender(buyer, hold, product):
    chosen = store_offer(product)

    answer = ordered(
        buyer,
        hold,
        payment_method=product,
        financing_offer={"lender_code": chosen["lender_code"], "monthly_payment": "9.99"},
    )

    assert answer.status_code == 201, answer.content
    order = Order.objects.get()
    assert order.financing == chosen
    assert order.financing["monthly_payment"] != "9.99"
    assert order.down_payment == Decimal(chosen["down_payment"]) == Decimal(STORE_DOWN)


@pytest.mark.parametrize(
    ("sent", "problem"),
    [
        pytest.param(
            {"lender_code": "rhein-mobilbank", "down_payment": "0.01"},
            "The store's loan offer from rhein-mobilbank has down_payment 3105.91.",
            id="own-down-payment",
        ),
        pytest.param(
            {"lender_code": "rhein-mobilbank", "down_payment": "a lot"},
            "The store's loan offer from rhein-mobilbank has down_payment 3105.91.",
            id="down-payment-not-a-number",
        ),
        pytest.param(
            {"lender_code": "rhein-mobilbank", "term_months": 84},
            "The store's loan offer from rhein-mobilbank has term_months 48.",
            id="other-term",
        ),
        pytest.param(
            {"lender_code": "cheap-credit", "term_months": 48},
            "There is no loan offer from lender cheap-credit for this car; "
            "lenders offering it: rhein-mobilbank, hanse-autobank, isar-kreditbank.",
            id="unknown-lender",
        ),
        pytest.param(
            {"term_months": 48, "down_payment": "3105.91"},
            "There is no loan offer from lender (none given) for this car; "
            "lenders offering it: rhein-mobilbank, hanse-autobank, isar-kreditbank.",
            id="no-lender",
        ),
        pytest.param(
            {"lender_code": "rhein-mobilbank", "product": "lease"},
            "A loan order takes a loan offer, not lease.",
            id="other-product",
        ),
    ],
)
def test_a_loan_offer_the_store_does_not_make_is_refused_and_nothing_is_written(
    buyer, hold, sent, problem
):
    answer = ordered(buyer, hold, payment_method="loan", financing_offer=sent)

    assert answer.status_code == 422
    assert answer["Content-Type"] == PROBLEM
    assert answer.json()["detail"] == problem
    assert answer.json()["fields"] == {"financing_offer": problem}
    assert_nothing_written(hold)
