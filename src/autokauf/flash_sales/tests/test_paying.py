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
from autokauf.inventory.tests.conftest import places  # noqa: F401

from .conftest import BEFORE, START, buyers, join_all, schedule

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


def test_a_build_slot_winner_claims_and_pays_through_the_api_for_a_build_to_order_order(places):  # noqa: F811
    from autokauf.checkout.tests.journey import order_body, token_client
    from autokauf.configurator import save_configuration

    saved = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"])
    drop = schedule([], configuration_code=saved.code, build_slots=2)
    client = token_client(buyers(1)[0])
    with clock.frozen(BEFORE):
        client.post(f"/api/v1/drops/{drop.pk}/join")

    with clock.frozen(START):
        claim = client.post(f"/api/v1/drops/{drop.pk}/claims").json()
    with clock.frozen(START + timedelta(minutes=5)):
        paid = client.post(
            f"/api/v1/drops/claims/{claim['id']}/pay",
            order_body(),
            content_type="application/json",
        )

    assert paid.status_code == 200
    assert paid.json()["claim"]["status"] == "paid"
    order = checkout.Order.objects.get(pk=paid.json()["order"])
    assert (order.configuration_code, order.vin, order.status) == (saved.code, None, "placed")
    assert (order.trim_code, order.options) == ("ASTA-15TSI", ["INT-BLACK", "P-WHITE", "W16"])
    assert (order.total, order.down_payment) == (Decimal("19990.00"), Decimal("1999.00"))
    line = order.quote["lines"][-1]
    assert (line["code"], line["name"]) == ("PRICE-REDUCTION", "Drop-Preis: Asta Winter Drop")
    assert DropClaim.objects.get(pk=claim["id"]).order_id == order.id


def test_a_drop_order_unpaid_by_its_deadline_lapses_and_the_drop_lets_its_car_go(drop_of_three):
    from autokauf.checkout.tasks import sweep
    from autokauf.core.outbox import deliver_pending
    from autokauf.flash_sales.models import DropCar, DropEntry
    from autokauf.inventory.models import Vehicle

    person, claim = claimed(drop_of_three)
    with clock.frozen(START + timedelta(minutes=5)):
        _, order = pay_claim(buyer=person, claim_id=claim.pk, data=checkout_data(), language="de")

    with clock.frozen(order.pay_by):
        swept = sweep.call()
        while deliver_pending():
            pass

    assert order.pay_by == START + timedelta(minutes=50)
    assert swept == {"orders_lapsed": 1}
    assert checkout.Order.objects.get().status == "cancelled"
    assert DropClaim.objects.get(pk=claim.pk).status == "cancelled"
    assert DropCar.objects.get(pk=claim.car_id).status == "withdrawn"
    assert DropEntry.objects.get(buyer=person).cars_bought == 0
    car = Vehicle.objects.get(vin=claim.vin)
    assert (car.status, car.held_by_id) == ("in_stock", None)
