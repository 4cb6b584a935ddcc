"""Specs of a price reduction frozen into an order's Quote (invariant 1)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autokauf import checkout
from autokauf.checkout.freeze import frozen_quote
from autokauf.core import clock
from autokauf.core.money import Money

from .conftest import MONDAY, checkout_data

QUOTE = {
    "lines": [{"code": "BASE", "kind": "base", "name": "Asta", "net": "21000.00"}],
    "transfer_costs": "890.00",
    "vat_rate": "19",
    "net": "21890.00",
    "vat": "4159.10",
    "total": "26049.10",
}


@given(reduction=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("20000"), places=2))
def test_a_reduction_lowers_the_total_by_exactly_its_amount_and_the_lines_add_up(reduction):
    frozen = frozen_quote(
        QUOTE,
        discount_net=Decimal("0"),
        home_delivery=False,
        language="de",
        price_reduction=reduction,
    )

    assert Decimal(frozen["total"]) == Decimal("26049.10") - reduction
    nets = sum(Decimal(line["net"]) for line in frozen["lines"]) + Decimal("890.00")
    assert nets == Decimal(frozen["net"])
    assert Decimal(frozen["net"]) + Decimal(frozen["vat"]) == Decimal(frozen["total"])


def test_the_reduction_line_carries_its_label():
    frozen = frozen_quote(
        QUOTE,
        discount_net=Decimal("0"),
        home_delivery=False,
        language="en",
        price_reduction=Decimal("6049.10"),
        reduction_label="Winter drop",
    )

    assert frozen["lines"][-1]["name"] == "Winter drop"
    assert (frozen["net"], frozen["vat"], frozen["total"]) == ("16806.72", "3193.28", "20000.00")


@pytest.mark.django_db
def test_an_order_with_a_reduction_charges_ten_percent_of_the_reduced_total(cars, buyer):
    with clock.frozen(MONDAY):
        hold = checkout.reserve_vehicle(buyer=buyer, vin=cars[0])
        before = checkout.quoted_total(vin=cars[0])
        order = checkout.place_order(
            buyer=buyer,
            hold_id=hold.pk,
            data=checkout_data(),
            language="de",
            price_reduction=before - Money.of("20000.00"),
        )

    assert (order.total, order.down_payment) == (Decimal("20000.00"), Decimal("2000.00"))


@pytest.mark.django_db
def test_a_negative_reduction_is_refused_and_no_order_is_written(cars, buyer):
    with clock.frozen(MONDAY):
        hold = checkout.reserve_vehicle(buyer=buyer, vin=cars[0])
        with pytest.raises(checkout.CheckoutInvalid):
            checkout.place_order(
                buyer=buyer,
                hold_id=hold.pk,
                data=checkout_data(),
                language="de",
                price_reduction=Money.of("-1.00"),
            )

    assert checkout.Order.objects.count() == 0


@pytest.mark.django_db
def test_a_hold_is_adopted_only_for_a_car_already_held_for_the_buyer(cars, buyer):
    with clock.frozen(MONDAY), pytest.raises(checkout.VehicleNotAvailable):
        checkout.adopt_hold(buyer=buyer, vin=cars[0], until=MONDAY + timedelta(minutes=10))

    assert checkout.Hold.objects.count() == 0
