"""The status state machine: legal moves, refusals that change nothing, and races."""

import itertools
import threading
from datetime import UTC, datetime

import pytest
from django.db import connection

from autokauf.core import clock
from autokauf.inventory import IllegalStatusMove, StatusChanged, move_vehicle, rules
from autokauf.inventory.models import Vehicle, VehicleEvent
from autokauf.inventory.stock_file import import_stock_csv

from .conftest import HEADER, row, vin

MOMENT = datetime(2026, 11, 25, 9, 30, tzinfo=UTC)


@pytest.fixture
def car(places):
    import_stock_csv(HEADER + row(1))
    return Vehicle.objects.get(vin=vin(1))


def snapshot(vehicle_vin):
    v = Vehicle.objects.get(vin=vehicle_vin)
    return v.status, v.block_reason, v.bay, VehicleEvent.objects.filter(vehicle=v).count()


def test_the_whole_life_of_a_car_follows_the_documented_order():
    path = ["planned", "in_production", "in_transit", "in_stock", "reserved", "sold", "handed_over"]

    for here, there in itertools.pairwise(path):
        rules.check_move(here, there, "")


@pytest.mark.parametrize(
    ("here", "there"),
    [
        ("planned", "in_stock"),
        ("in_stock", "sold"),
        ("handed_over", "in_stock"),
        ("sold", "in_stock"),
        ("in_production", "blocked"),
        ("blocked", "reserved"),
    ],
    ids=lambda s: s,
)
def test_a_move_the_state_machine_does_not_have_is_illegal(here, there):
    with pytest.raises(IllegalStatusMove):
        rules.check_move(here, there, "damage")


def test_a_reserved_car_goes_back_to_stock_when_the_reservation_ends(car):
    move_vehicle(vin=car.vin, to_status="reserved", actor="checkout", reason="hold H-1")

    moved = move_vehicle(vin=car.vin, to_status="in_stock", actor="checkout", reason="hold expired")

    assert moved.status == "in_stock"


def test_a_move_reads_the_car_once_and_writes_the_car_and_its_record(
    car, django_assert_num_queries
):
    with django_assert_num_queries(3):
        moved = move_vehicle(vin=car.vin, to_status="reserved", actor="checkout", reason="H-1")

    assert (moved.vin, moved.status, moved.listed) == (car.vin, "reserved", False)
    assert Vehicle.objects.get(pk=car.pk).status == "reserved"


def test_a_move_is_recorded_with_who_when_and_why(car, django_user_model):
    staff = django_user_model.objects.create_user(
        email="lager@autokauf.example", password="x-y-z-123"
    )

    with clock.frozen(MOMENT):
        move_vehicle(vin=car.vin, to_status="blocked", actor=staff, reason="recall")

    event = VehicleEvent.objects.filter(vehicle=car).order_by("pk").last()
    assert (
        event.from_status,
        event.to_status,
        event.actor,
        event.actor_text,
        event.reason,
        event.at,
    ) == ("in_stock", "blocked", staff, "lager@autokauf.example", "recall", MOMENT)
    assert Vehicle.objects.get(pk=car.pk).block_reason == "recall"


def test_an_illegal_move_is_refused_in_words_and_changes_nothing(car):
    before = snapshot(car.vin)

    with pytest.raises(IllegalStatusMove) as refused:
        move_vehicle(vin=car.vin, to_status="handed_over", actor="someone", reason="")

    assert refused.value.code == "illegal-status-move"
    assert refused.value.status == 422
    assert refused.value.detail == (
        "A vehicle that is in stock cannot become handed over; it can become: blocked, reserved."
    )
    assert snapshot(car.vin) == before


def test_blocking_without_damage_or_recall_as_reason_is_refused_and_changes_nothing(car):
    before = snapshot(car.vin)

    with pytest.raises(IllegalStatusMove, match="needs a reason: damage or recall"):
        move_vehicle(vin=car.vin, to_status="blocked", actor="someone", reason="looks odd")

    assert snapshot(car.vin) == before


def test_a_blocked_car_returns_to_stock_and_loses_its_block_reason(car):
    move_vehicle(vin=car.vin, to_status="blocked", actor="workshop", reason="damage")

    moved = move_vehicle(vin=car.vin, to_status="in_stock", actor="workshop", reason="repaired")

    assert (moved.status, moved.block_reason) == ("in_stock", "")


def test_a_car_handed_over_from_a_tower_frees_its_bay(places):
    import_stock_csv(HEADER + row(2, location="LEJ", bay="2"))
    for status in ("reserved", "sold", "handed_over"):
        moved = move_vehicle(vin=vin(2), to_status=status, actor="checkout", reason="")

    assert (moved.status, moved.bay) == ("handed_over", None)


def test_when_another_move_came_first_the_conditional_update_matches_nothing(car, monkeypatch):
    """Simulates the race deterministically: the status changes between the read and the update."""
    real_check = rules.check_move

    def someone_else_moves_first(here, there, reason):
        real_check(here, there, reason)
        Vehicle.objects.filter(pk=car.pk).update(status="reserved")

    monkeypatch.setattr(rules, "check_move", someone_else_moves_first)

    with pytest.raises(StatusChanged, match="no longer in stock"):
        move_vehicle(vin=car.vin, to_status="blocked", actor="a", reason="damage")

    assert VehicleEvent.objects.filter(vehicle=car).count() == 1  # only the import's


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_reservations_of_one_car_let_exactly_one_win(places):
    import_stock_csv(HEADER + row(3))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def reserve(who: str) -> None:
        barrier.wait()
        try:
            move_vehicle(vin=vin(3), to_status="reserved", actor=who, reason="checkout")
            outcomes.append("won")
        except (IllegalStatusMove, StatusChanged) as refused:
            outcomes.append(refused.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=reserve, args=(who,)) for who in ("anna", "ben")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert sorted(outcomes)[-1] == "won" and outcomes.count("won") == 1
    assert list(
        VehicleEvent.objects.filter(vehicle__vin=vin(3))
        .order_by("id")
        .values_list("to_status", flat=True)
    ) == ["in_stock", "reserved"]
