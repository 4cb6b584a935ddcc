"""Cars like a configuration (inventory.closest_vehicles), on the 1.5 TSI with its defaults
(INT-BLACK P-WHITE W16):
    01 ASTA-15TSI defaults             Berlin      exact
    02 ASTA-15TSI red, towbar          Berlin      + P-RED TOW, - P-WHITE
    06 ASTA-15TSI red, sport package   Leipzig     + P-RED SPORT W18, - P-WHITE W16
    04 ASTA-EV defaults                Leipzig     another trim, 40,959.10 €
    08 ASTA-20TDI defaults, 1,000 off  München     another trim, 33,869.10 €
    07 ASTA-15TSI defaults, reserved   (not for sale)
"""

from datetime import timedelta

import pytest

from autokauf.core import clock
from autokauf.inventory import closest_vehicles
from autokauf.inventory.models import Vehicle
from autokauf.inventory.stock_file import import_stock_csv

from .conftest import HEADER, row, vin

DEFAULTS = ("INT-BLACK", "P-WHITE", "W16")


@pytest.fixture
def stock(places):
    import_stock_csv(
        HEADER
        + row(1)
        + row(2, options="INT-BLACK P-RED W16 TOW")
        + row(4, trim="ASTA-EV", location="LEJ", bay="1")
        + row(6, options="INT-BLACK P-RED SPORT", location="LEJ", bay="2")
        + row(7, status="reserved")
        + row(8, trim="ASTA-20TDI", discount="1000.00", location="MUC")
    )


def ranked(**kwargs):
    return [
        (c.vehicle.vin[-2:], c.same_trim, c.extra, c.lacking) for c in closest_vehicles(**kwargs)
    ]


def test_the_same_trim_comes_first_then_fewest_differences_then_the_cheapest(stock):
    assert ranked(trim="ASTA-15TSI", options=DEFAULTS) == [
        ("01", True, (), ()),
        ("02", True, ("P-RED", "TOW"), ("P-WHITE",)),
        ("06", True, ("P-RED", "SPORT", "W18"), ("P-WHITE", "W16")),
        ("08", False, (), ()),
        ("04", False, (), ()),
    ]


def test_a_package_brings_its_contents_into_the_comparison(stock):
    """SPORT includes W18: configuring red + sport matches car 06 exactly."""
    result = ranked(trim="ASTA-15TSI", options=("INT-BLACK", "P-RED", "SPORT"), limit=1)

    assert result == [("06", True, (), ())]


def test_among_equally_close_cars_the_nearest_comes_first(stock):
    import_stock_csv(HEADER + row(9, location="MUC"))

    anywhere = ranked(trim="ASTA-15TSI", options=DEFAULTS, limit=2)
    near_munich = ranked(trim="ASTA-15TSI", options=DEFAULTS, near="80807", limit=2)

    assert [r[0] for r in anywhere] == ["01", "09"]
    assert [r[0] for r in near_munich] == ["09", "01"]
    assert (
        closest_vehicles(trim="ASTA-15TSI", options=DEFAULTS, near="80807")[0].distance_km == 5.042
    )


def test_a_car_someone_holds_is_not_offered(stock):
    Vehicle.objects.filter(vin=vin(1)).update(held_until=clock.now() + timedelta(minutes=15))

    assert [r[0] for r in ranked(trim="ASTA-15TSI", options=DEFAULTS, limit=2)] == ["02", "06"]


def test_the_limit_bounds_the_answer(stock):
    assert [r[0] for r in ranked(trim="ASTA-EV", options=DEFAULTS, limit=2)] == ["04", "01"]
