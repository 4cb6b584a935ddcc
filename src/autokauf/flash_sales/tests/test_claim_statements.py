"""What one claim costs the database: on PostgreSQL an admitted buyer's claim is one statement
(after the front door took its token, or without Redis), and one the front door admitted reads
nothing before it, not even the drop."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autokauf.core import clock
from autokauf.flash_sales import (
    DropNotOpen,
    LimitReached,
    NotAdmitted,
    UnknownDrop,
    claim_admitted_car,
    claim_car,
    fix_order,
)
from autokauf.flash_sales.models import DropCar, DropClaim, DropEntry
from autokauf.inventory.models import Vehicle

from .conftest import START, buyers, join_all, schedule

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


def second_claim_admitted(drop):
    """Two buyers joined; at the start the first claims (fixing the order), then the second's
    claim is admitted by the front door. The second buyer, their claim and its statements."""
    first, person = buyers(2)
    join_all(drop, [first, person])
    with clock.frozen(START):
        claim_car(drop=drop, buyer=first)
        with CaptureQueriesContext(connection) as statements:
            claim = claim_admitted_car(drop_id=drop.pk, buyer=person)
    return person, claim, statements.captured_queries


def test_a_claim_the_front_door_admitted_is_one_statement_that_reads_the_drop_itself(
    drop_of_three,
):
    person, claim, statements = second_claim_admitted(drop_of_three)

    assert len(statements) == 1
    assert claim.expires_at == START + timedelta(minutes=10)
    stored = DropClaim.objects.get(buyer=person)
    assert (stored.pk, stored.drop_id, stored.expires_at) == (
        claim.pk,
        drop_of_three.pk,
        START + timedelta(minutes=10),
    )
    assert Vehicle.objects.get(vin=claim.vin).held_by_id == person.pk


def test_a_build_slot_is_claimed_in_the_same_one_statement(places):
    from autokauf.configurator import save_configuration

    saved = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"])
    drop = schedule([], configuration_code=saved.code, build_slots=2)

    _person, claim, statements = second_claim_admitted(drop)

    assert len(statements) == 1
    assert (claim.vin, claim.slot) == (None, 2)
    car = DropCar.objects.get(slot=2)
    assert (car.status, car.claim_id) == ("held", claim.pk)


def test_the_statement_admits_exactly_the_places_the_rules_admit_at_that_moment(drop_of_three):
    """Three cars and 1,000 admissions a second: place 4 is admitted 1 ms after the start, by the
    one statement; a microsecond earlier it is not."""
    people = buyers(4)
    join_all(drop_of_three, people)
    with clock.frozen(START):
        fix_order(drop_of_three)
    fourth = DropEntry.objects.get(drop=drop_of_three, position=4).buyer

    with clock.frozen(START + timedelta(microseconds=999)), pytest.raises(NotAdmitted):
        claim_admitted_car(drop_id=drop_of_three.pk, buyer=fourth)
    assert DropClaim.objects.count() == 0
    one_ms_in = clock.frozen(START + timedelta(milliseconds=1))
    with one_ms_in, CaptureQueriesContext(connection) as statements:
        claim = claim_admitted_car(drop_id=drop_of_three.pk, buyer=fourth)

    assert len(statements.captured_queries) == 1
    assert DropClaim.objects.get().pk == claim.pk


def test_a_claim_the_front_door_admitted_before_the_start_is_refused_and_changes_nothing(
    drop_of_three,
):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])

    with clock.frozen(START - timedelta(seconds=1)), pytest.raises(DropNotOpen):
        claim_admitted_car(drop_id=drop_of_three.pk, buyer=person)

    assert DropClaim.objects.count() == 0
    assert set(DropCar.objects.values_list("status", "claim_id")) == {("available", None)}


def test_a_claim_the_front_door_admitted_for_no_such_drop_is_an_unknown_drop():
    person = buyers(1)[0]

    with pytest.raises(UnknownDrop):
        claim_admitted_car(drop_id=987654, buyer=person)

    assert DropClaim.objects.count() == 0
