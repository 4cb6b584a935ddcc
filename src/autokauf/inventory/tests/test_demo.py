"""Demo stock: 15 places across Germany, two towers, cars that are all valid configurations."""

from collections import Counter

import pytest

from autokauf.inventory import generate_demo_stock, load_demo_stock_if_empty
from autokauf.inventory.demo import demo_csv
from autokauf.inventory.models import Location, Vehicle

from .conftest import TODAY


def test_demo_stock_fills_15_locations_with_two_towers_one_car_per_bay(small_catalogue):
    assert generate_demo_stock(300, seed=5) == 300

    kinds = Counter(Location.objects.values_list("kind", flat=True))
    assert sum(kinds.values()) == 15 and kinds["pickup_tower"] == 2
    in_towers = Vehicle.objects.filter(location__kind="pickup_tower")
    assert in_towers.count() == in_towers.exclude(bay=None).count() > 0
    assert in_towers.values("location", "bay").distinct().count() == in_towers.count()
    statuses = Counter(Vehicle.objects.values_list("status", flat=True))
    assert statuses["in_stock"] > statuses["in_transit"] > 0
    assert set(Vehicle.objects.values_list("trim_id", flat=True)) == {
        "ASTA-15TSI",
        "ASTA-20TDI",
        "ASTA-EV",
    }


def test_demo_stock_is_the_same_for_the_same_seed_and_day(small_catalogue):
    from autokauf.inventory.demo import ensure_demo_locations

    ensure_demo_locations()

    assert demo_csv(50, seed=9, today=TODAY) == demo_csv(50, seed=9, today=TODAY)
    assert demo_csv(50, seed=9, today=TODAY) != demo_csv(50, seed=10, today=TODAY)


def test_demo_stock_loads_only_into_an_empty_stock(small_catalogue):
    assert load_demo_stock_if_empty() is True
    assert Vehicle.objects.count() == 2000

    assert load_demo_stock_if_empty() is False
    assert Vehicle.objects.count() == 2000


@pytest.mark.django_db
def test_without_a_catalogue_there_is_no_demo_stock():
    assert load_demo_stock_if_empty() is False
