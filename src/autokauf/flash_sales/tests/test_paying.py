"""Specs of paying a claim: the order is charged the drop price to the cent (invariant 1)."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest

from autokauf import checkout
from autokauf.checkout.tests.conftest import checkout_data
from autokauf.core import clock
from autokauf.flash_sales import ClaimExpired, claim_car, pay_claim
from autokauf.flash_sales.models import DropClaim

from .conftest import START, buyers, join_all

pytestmark = pytest.mark.django_db


def claimed(drop):
    person = buyers(1)[0]
    join_all(drop, [person])
    with clock.frozen(START):
        return person, claim_car(drop=drop, buyer=person)


def test_a_drop_car_is_ordered_at_the_drop_price_with_ten_percent_down(drop_of_three):
    person, claim = claimed(drop_of_three)

    with clock.frozen(START + timedelta(minutes=5)):
        paid, order = pay_claim(
            buyer=person, claim_id=claim.pk, data=checkout_data(), language="de"
        )

    assert (order.total, order.down_payment) == (Decimal("19990.00"), Decimal("1999.00"))
    assert order.quote["total"] == "19990.00"
    assert order.vin == claim.vin
    assert paid.status == "paid"
    assert paid.order_id == order.id


def test_the_drop_price_shows_as_its_own_line_and_the_lines_add_up_to_the_net(drop_of_three):
    person, claim = claimed(drop_of_three)

    with clock.frozen(START + timedelta(minutes=5)):
        _, order = pay_claim(buyer=person, claim_id=claim.pk, data=checkout_data(), language="de")

    quote = order.quote
    line = quote["lines"][-1]
    assert (line["code"], line["name"]) == ("PRICE-REDUCTION", "Drop-Preis: Asta Winter Drop")
    nets = sum(Decimal(item["net"]) for item in quote["lines"]) + Decimal(quote["transfer_costs"])
    assert nets == Decimal(quote["net"])
    assert Decimal(quote["net"]) + Decimal(quote["vat"]) == Decimal("19990.00")


def test_home_delivery_is_charged_on_top_of_the_drop_price(drop_of_three):
    person, claim = claimed(drop_of_three)

    with clock.frozen(START + timedelta(minutes=5)):
        _, order = pay_claim(
            buyer=person,
            claim_id=claim.pk,
            data=checkout_data(delivery="home"),
            language="de",
        )

    # 790.00 net home delivery + 19 % VAT = 940.10
    assert order.total == Decimal("20930.10")


def test_a_lapsed_claim_cannot_be_paid_and_no_order_is_written(drop_of_three):
    person, claim = claimed(drop_of_three)

    with clock.frozen(START + timedelta(minutes=11)), pytest.raises(ClaimExpired):
        pay_claim(buyer=person, claim_id=claim.pk, data=checkout_data(), language="de")

    assert checkout.Order.objects.count() == 0
    assert DropClaim.objects.get(pk=claim.pk).status == "held"
