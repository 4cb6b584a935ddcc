"""What one claim costs the database: on PostgreSQL an admitted buyer's claim is one statement
(after the front door took its token, or without Redis)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autokauf.core import clock
from autokauf.flash_sales import LimitReached, claim_car, fix_order
from autokauf.flash_sales.models import DropCar, DropClaim, DropEntry
from autokauf.inventory.models import Vehicle

from .conftest import START, buyers, join_all

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the one-statement claim is PostgreSQL's"
    ),
]


def test_an_admitted_buyers_claim_past_the_front_door_is_one_statement_for_car_entry_and_stock(
    drop_of_three,
):
    first, person = buyers(2)
    join_all(drop_of_three, [first, person])
    with clock.frozen(START):
        claim_car(drop=drop_of_three, buyer=first)  # fixes the order, tells the gate the places

        with CaptureQueriesContext(connection) as statements:
            claim = claim_car(drop=drop_of_three, buyer=person, token_taken=True)

    assert len(statements.captured_queries) == 1
    stored = DropClaim.objects.get(buyer=person)
    assert (stored.pk, stored.vin, stored.buyer_id, stored.status) == (
        claim.pk,
        claim.vin,
        person.pk,
        "held",
    )
    car = DropCar.objects.get(vin=claim.vin)
    assert (car.status, car.claim_id, car.held_until) == ("held", claim.pk, claim.expires_at)
    entry = DropEntry.objects.get(buyer=person)
    assert (entry.active_claim_id, entry.active_until, entry.admitted_at) == (
        claim.pk,
        claim.expires_at,
        START,
    )
    vehicle = Vehicle.objects.get(vin=claim.vin)
    assert (vehicle.held_by_id, vehicle.held_until) == (person.pk, claim.expires_at)


def test_a_claim_the_entry_refuses_in_that_statement_changes_nothing(drop_of_three):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])
    DropEntry.objects.filter(buyer=person).update(cars_bought=1)
    with clock.frozen(START):
        fix_order(drop_of_three)

        with pytest.raises(LimitReached):
            claim_car(drop=drop_of_three, buyer=person, token_taken=True)

    assert DropClaim.objects.count() == 0
    assert set(DropCar.objects.values_list("status", "claim_id")) == {("available", None)}
    assert DropEntry.objects.get(buyer=person).active_claim_id is None
    holders = set(Vehicle.objects.values_list("held_by_id", flat=True))
    assert holders == {drop_of_three.created_by_id}
