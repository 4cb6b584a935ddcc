"""Specs of a drop: fair order, admission, exact claims, expiry, idempotency, refusals."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autokauf.core import clock
from autokauf.flash_sales import (
    ClaimExpired,
    LimitReached,
    NotAdmitted,
    SoldOut,
    cancel_claim,
    claim_car,
    fix_order,
    place_of,
    remaining,
)
from autokauf.flash_sales.models import DropCar, DropClaim, DropEntry
from autokauf.flash_sales.rules import Joiner, estimated_wait_seconds, fair_order
from autokauf.inventory import claim_vehicle
from autokauf.inventory.models import Vehicle

from .conftest import BEFORE, START, buyers, join_all, schedule

pytestmark = pytest.mark.django_db


def positions(drop) -> dict[int, int]:
    return dict(DropEntry.objects.filter(drop=drop).values_list("buyer_id", "position"))


def test_buyers_who_join_before_the_start_are_ordered_by_their_random_tickets(drop_of_three):
    people = buyers(6)
    join_all(drop_of_three, people)

    with clock.frozen(START):
        fix_order(drop_of_three)

    entries = list(DropEntry.objects.filter(drop=drop_of_three))
    by_ticket = sorted(entries, key=lambda e: (e.ticket, e.id))
    assert [e.position for e in by_ticket] == [1, 2, 3, 4, 5, 6]


def test_the_order_is_reproducible_from_the_stored_tickets(drop_of_three):
    join_all(drop_of_three, buyers(8))
    with clock.frozen(START):
        fix_order(drop_of_three)
    entries = DropEntry.objects.filter(drop=drop_of_three)

    replayed = fair_order([Joiner(e.id, e.ticket, e.joined_at) for e in entries], START)

    assert replayed == [e.id for e in entries.order_by("position")]


def test_buyers_who_join_after_the_start_follow_in_join_order(drop_of_three):
    early, late = buyers(4, "early"), buyers(3, "late")
    join_all(drop_of_three, early)

    for n, person in enumerate(late):
        join_all(drop_of_three, [person], at=START + timedelta(seconds=n + 1))

    places = positions(drop_of_three)
    assert sorted(places[p.pk] for p in early) == [1, 2, 3, 4]
    assert [places[p.pk] for p in late] == [5, 6, 7]


def test_the_order_is_fixed_once(drop_of_three):
    join_all(drop_of_three, buyers(5))
    with clock.frozen(START):
        assert fix_order(drop_of_three) is True
        before = positions(drop_of_three)
        assert fix_order(drop_of_three) is False
    assert positions(drop_of_three) == before


def test_at_the_start_as_many_buyers_are_admitted_as_there_are_cars(drop_of_three):
    people = buyers(5)
    join_all(drop_of_three, people)
    with clock.frozen(START):
        fix_order(drop_of_three)
        admitted = [place_of(drop_of_three, p).admitted for p in people]
    assert admitted.count(True) == 3


def test_after_the_start_the_line_moves_up_at_the_drops_admission_rate(places):
    drop = schedule(_cars(3), admissions_per_second=1)
    people = buyers(5)
    join_all(drop, people)
    with clock.frozen(START):
        fix_order(drop)
    by_place = {e.position: e.buyer for e in DropEntry.objects.filter(drop=drop)}

    def admitted(at):
        with clock.frozen(at):
            return [place_of(drop, by_place[n]).admitted for n in (4, 5)]

    assert admitted(START) == [False, False]
    assert admitted(START + timedelta(seconds=1)) == [True, False]
    assert admitted(START + timedelta(seconds=2)) == [True, True]


def test_a_buyer_who_never_claims_holds_no_car_back(places):
    drop = schedule(_cars(1), admissions_per_second=1)
    join_all(drop, buyers(2))
    with clock.frozen(START):
        fix_order(drop)
    second = DropEntry.objects.get(drop=drop, position=2).buyer

    with clock.frozen(START + timedelta(seconds=1)):
        claim = claim_car(drop=drop, buyer=second)

    assert claim.buyer_id == second.pk
    assert DropEntry.objects.get(drop=drop, position=1).active_claim_id is None


@pytest.mark.parametrize(
    ("position", "line", "rate", "now", "wait"),
    [
        (103, 3, 1000, START, "0.1"),
        (353, 3, 1000, START, "0.4"),
        (2303, 3, 1000, START, "2.3"),
        (2304, 3, 1000, START, "2.4"),
        (5, 3, 3, START + timedelta(milliseconds=250), "0.7"),
        (3, 3, 1000, START, "0.0"),
        (1, 1003, 1000, START + timedelta(seconds=1), "0.0"),
        (None, 0, 1000, BEFORE, "1800.0"),
        (None, 0, 1000, START - timedelta(milliseconds=200), "1.0"),
        (103, 3, 1000, START - timedelta(milliseconds=200), "1.1"),
    ],
)
def test_the_wait_is_rounded_up_to_a_tenth_of_a_second_and_the_time_until_the_start_to_a_second(
    position, line, rate, now, wait
):
    estimate = estimated_wait_seconds(
        position=position, line=line, admissions_per_second=rate, starts_at=START, now=now
    )
    assert str(estimate) == wait


def test_a_buyer_behind_the_line_is_told_their_wait_to_a_tenth_of_a_second(drop_of_three):
    drop = drop_of_three
    drop.admissions_per_second = 3
    drop.save(update_fields=["admissions_per_second"])
    people = buyers(5)
    join_all(drop, people)
    with clock.frozen(START):
        fix_order(drop)
    by_place = {e.position: e.buyer for e in DropEntry.objects.filter(drop=drop)}

    with clock.frozen(START):
        waits = [str(place_of(drop, by_place[n]).estimated_wait_seconds) for n in (3, 4, 5)]
        with pytest.raises(NotAdmitted) as refused:
            claim_car(drop=drop, buyer=by_place[5])

    assert waits == ["0.0", "0.4", "0.7"]
    assert refused.value.extra == {"position": 5, "estimated_wait_seconds": 0.7}
    assert DropClaim.objects.count() == 0


def test_an_admitted_buyer_claims_a_car_held_for_the_payment_window(drop_of_three):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])

    with clock.frozen(START):
        claim = claim_car(drop=drop_of_three, buyer=person)

    assert claim.status == "held"
    assert claim.expires_at == START + timedelta(minutes=10)
    vehicle = Vehicle.objects.get(vin=claim.vin)
    assert vehicle.held_by_id == person.pk
    assert vehicle.held_until == START + timedelta(minutes=10)
    with clock.frozen(START):
        assert remaining(drop_of_three.pk) == 2


def test_a_double_click_answers_the_same_claim(drop_of_three):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])

    with clock.frozen(START):
        first = claim_car(drop=drop_of_three, buyer=person)
        second = claim_car(drop=drop_of_three, buyer=person)

    assert second.pk == first.pk
    assert DropClaim.objects.count() == 1


def test_a_buyer_not_yet_admitted_cannot_claim_and_nothing_changes(drop_of_three):
    people = buyers(4)
    join_all(drop_of_three, people)
    with clock.frozen(START):
        fix_order(drop_of_three)
        fourth = DropEntry.objects.get(drop=drop_of_three, position=4).buyer

        with pytest.raises(NotAdmitted):
            claim_car(drop=drop_of_three, buyer=fourth)

        assert DropClaim.objects.count() == 0
        assert remaining(drop_of_three.pk) == 3
    assert DropCar.objects.filter(status="available").count() == 3


def test_a_buyer_who_never_joined_cannot_claim(drop_of_three):
    stranger = buyers(1, "stranger")[0]
    with clock.frozen(START), pytest.raises(NotAdmitted):
        claim_car(drop=drop_of_three, buyer=stranger)
    assert DropClaim.objects.count() == 0


def test_the_cars_run_out_exactly_and_every_claim_has_its_own_buyer_and_car(places):
    drop = schedule(_cars(2))
    people = buyers(2)
    join_all(drop, people)
    late = buyers(1, "late")[0]
    join_all(drop, [late], at=START)

    with clock.frozen(START):
        claims = [claim_car(drop=drop, buyer=p) for p in people]
        with pytest.raises(NotAdmitted):
            claim_car(drop=drop, buyer=late)

    assert len({c.vin for c in claims}) == 2
    assert remaining(drop.pk, START) == 0


def fourth_in_line_and_the_first_claim(drop):
    """Four buyers join a drop of three cars; at the start the first in line claims a car."""
    join_all(drop, buyers(4))
    with clock.frozen(START):
        fix_order(drop)
        first = DropEntry.objects.get(drop=drop, position=1).buyer
        fourth = DropEntry.objects.get(drop=drop, position=4).buyer
        return fourth, claim_car(drop=drop, buyer=first)


def test_a_claim_past_its_window_gives_the_car_back_and_admits_the_next_buyer(drop_of_three):
    fourth, lapsing = fourth_in_line_and_the_first_claim(drop_of_three)

    later = START + timedelta(minutes=10)
    with clock.frozen(later):
        assert place_of(drop_of_three, fourth).admitted is True
        claim = claim_car(drop=drop_of_three, buyer=fourth)

    assert claim.vin == lapsing.vin
    assert Vehicle.objects.get(vin=claim.vin).held_by_id == fourth.pk


def test_a_car_taken_outside_the_drop_after_its_claim_lapsed_is_withdrawn_and_the_next_car_claimed(
    drop_of_three,
):
    fourth, lapsing = fourth_in_line_and_the_first_claim(drop_of_three)
    later = START + timedelta(minutes=10)
    outsider = buyers(1, prefix="outsider")[0]
    assert claim_vehicle(
        vin=lapsing.vin, buyer_id=outsider.pk, until=later + timedelta(minutes=15), now=later
    )

    with clock.frozen(later):
        claim = claim_car(drop=drop_of_three, buyer=fourth)
        assert remaining(drop_of_three.pk) == 1

    assert claim.vin != lapsing.vin
    assert DropCar.objects.get(vin=lapsing.vin).status == "withdrawn"
    assert Vehicle.objects.get(vin=lapsing.vin).held_by_id == outsider.pk
    assert Vehicle.objects.get(vin=claim.vin).held_by_id == fourth.pk


def test_a_buyer_whose_claim_lapsed_has_had_their_turn(drop_of_three):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])
    with clock.frozen(START):
        claim_car(drop=drop_of_three, buyer=person)

    with clock.frozen(START + timedelta(minutes=11)), pytest.raises(ClaimExpired):
        claim_car(drop=drop_of_three, buyer=person)
    assert DropClaim.objects.count() == 1


def test_a_cancelled_claim_gives_the_car_back_at_once(drop_of_three):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])
    with clock.frozen(START):
        claim = claim_car(drop=drop_of_three, buyer=person)
        cancel_claim(buyer=person, claim_id=claim.pk)
        assert remaining(drop_of_three.pk) == 3
    assert Vehicle.objects.get(vin=claim.vin).held_by_id is None


def test_when_every_car_is_held_the_next_admitted_claim_is_sold_out(places):
    drop = schedule(_cars(1))
    people = buyers(2)
    join_all(drop, people)
    with clock.frozen(START):
        fix_order(drop)
        DropEntry.objects.filter(drop=drop).update(position=1)  # both at the head of the line
        claim_car(drop=drop, buyer=people[0])
        with pytest.raises(SoldOut):
            claim_car(drop=drop, buyer=people[1])
    assert DropClaim.objects.count() == 1
    assert DropEntry.objects.get(buyer=people[1]).active_claim_id is None


def test_one_car_per_buyer_when_the_limit_is_one(drop_of_three):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])
    DropEntry.objects.filter(buyer=person).update(cars_bought=1)
    with clock.frozen(START), pytest.raises(LimitReached):
        claim_car(drop=drop_of_three, buyer=person)


def _cars(n: int) -> list[str]:
    from autokauf.checkout.tests.conftest import stock_cars

    return stock_cars(n)
