"""Passing a hold on a car row from one holder to the next in one statement."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from autokauf.accounts.models import User
from autokauf.inventory import claim_vehicle, import_stock_csv, pass_vehicle_hold
from autokauf.inventory.models import Vehicle

from .conftest import HEADER, row, vin

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
LATER = NOW + timedelta(minutes=10)

pytestmark = pytest.mark.django_db


@pytest.fixture
def held_car(places):
    import_stock_csv(HEADER + row(1))
    holder, buyer, other = (
        User.objects.create(email=f"{name}@example.org", password="!")
        for name in ("holder", "buyer", "other")
    )
    assert claim_vehicle(vin=vin(1), buyer_id=holder.pk, until=LATER, now=NOW)
    return holder, buyer, other


def test_the_holder_passes_the_car_to_the_next_buyer_until_the_new_end(held_car):
    holder, buyer, _ = held_car

    passed = pass_vehicle_hold(
        vin=vin(1), from_id=holder.pk, to_id=buyer.pk, until=LATER + timedelta(minutes=5), now=NOW
    )

    car = Vehicle.objects.get(vin=vin(1))
    assert passed is True
    assert (car.held_by_id, car.held_until) == (buyer.pk, LATER + timedelta(minutes=5))


def test_a_car_somebody_else_holds_now_is_not_passed_and_nothing_changes(held_car):
    holder, buyer, other = held_car

    passed = pass_vehicle_hold(vin=vin(1), from_id=other.pk, to_id=buyer.pk, until=LATER, now=NOW)

    car = Vehicle.objects.get(vin=vin(1))
    assert passed is False
    assert (car.held_by_id, car.held_until) == (holder.pk, LATER)


def test_a_hold_that_has_run_out_counts_as_nobodys_and_is_passed(held_car):
    _, buyer, other = held_car

    passed = pass_vehicle_hold(
        vin=vin(1), from_id=other.pk, to_id=buyer.pk, until=LATER + timedelta(hours=1), now=LATER
    )

    assert passed is True
    assert Vehicle.objects.get(vin=vin(1)).held_by_id == buyer.pk


@pytest.mark.parametrize(
    ("giver", "at", "passes"),
    [("holder", NOW, True), ("other", NOW, False), ("other", LATER, True)],
)
def test_the_pass_condition_in_sql_agrees_with_passing_the_hold(held_car, giver, at, passes):
    from django.db import connection

    from autokauf.inventory import pass_hold_sql, vehicle_table

    holder, _, other = held_car
    from_id = {"holder": holder, "other": other}[giver].pk
    query = f"SELECT count(*) FROM {vehicle_table()} AS v WHERE v.vin = %(vin)s AND "
    with connection.cursor() as cursor:
        now = connection.ops.adapt_datetimefield_value(at)
        cursor.execute(query + pass_hold_sql("v"), {"vin": vin(1), "now": now, "from_id": from_id})
        (matching,) = cursor.fetchone()

    assert matching == (1 if passes else 0)
    assert Vehicle.objects.get(vin=vin(1)).held_by_id == holder.pk
