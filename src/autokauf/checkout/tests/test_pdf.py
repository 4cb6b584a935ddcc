"""The order confirmation and the contract print the frozen Quote's amounts to the cent."""

from __future__ import annotations

import pytest

from autokauf.checkout import place_order, reserve_vehicle
from autokauf.checkout.pdf import order_pdf

from .conftest import checkout_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["confirmation", "contract"])
def test_the_pdf_carries_the_exact_amounts_of_the_frozen_quote(cars, buyer, kind):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    order = place_order(
        buyer=buyer, hold_id=hold.id, data=checkout_data(delivery="home"), language="de"
    )

    text = order_pdf(order, kind, "de", compress=False).decode("latin-1")

    for amount in (
        "25.210,08 EUR",
        "790,00 EUR",
        "890,00 EUR",
        "26.890,08 EUR",
        "5.109,12 EUR",
        "31.999,20 EUR",
        "3.199,92 EUR",
    ):
        assert amount in text
    assert order.number in text
    assert ("widerrufen" in text) == (kind == "contract")
