"""The race the issue requires: 200 admitted buyers claiming 10 cars at the same moment."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from autokauf.checkout.tests.conftest import stock_cars
from autokauf.core import clock
from autokauf.flash_sales import SoldOut, claim_car, fix_order
from autokauf.flash_sales.models import DropCar, DropClaim, DropEntry
from autokauf.inventory.models import Vehicle

from .conftest import START, buyers, join_all, schedule

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_hundred_admitted_buyers_claiming_ten_cars_get_exactly_ten(places):
    drop = schedule(stock_cars(10))
    people = buyers(200)
    join_all(drop, people)
    with clock.frozen(START):
        fix_order(drop)
    DropEntry.objects.filter(drop=drop).update(position=1)  # everyone admitted at once

    def claim(n: int) -> str:
        try:
            with clock.frozen(START):
                claim_car(drop=drop, buyer=people[n])
            return "claimed"
        except SoldOut:
            return "sold-out"
        finally:
            connections.close_all()

    with ThreadPoolExecutor(24) as pool:
        outcomes = list(pool.map(claim, range(200)))

    claims = DropClaim.objects.filter(drop=drop)
    assert outcomes.count("claimed") == 10
    assert claims.count() == 10
    assert len(set(claims.values_list("buyer_id", flat=True))) == 10
    assert len(set(claims.values_list("vin", flat=True))) == 10
    held = Vehicle.objects.filter(vin__in=claims.values_list("vin", flat=True))
    assert {v.held_by_id for v in held} == set(claims.values_list("buyer_id", flat=True))


def test_ten_clicks_of_one_buyer_at_the_same_moment_make_one_claim_on_the_database(
    places, settings
):
    settings.REDIS_URL = None
    drop = schedule(stock_cars(3))
    person = buyers(1)[0]
    join_all(drop, [person])
    with clock.frozen(START):
        fix_order(drop)

    def click(_: int) -> str:
        try:
            with clock.frozen(START):
                return str(claim_car(drop=drop, buyer=person).pk)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(10) as pool:
        answers = set(pool.map(click, range(10)))

    claim = DropClaim.objects.get(drop=drop)
    assert answers == {str(claim.pk)}
    assert DropEntry.objects.get(drop=drop, buyer=person).active_claim_id == claim.pk
    assert DropCar.objects.filter(drop=drop, status="held").count() == 1
    assert Vehicle.objects.get(vin=claim.vin).held_by_id == person.pk
