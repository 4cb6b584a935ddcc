from datetime import date
from decimal import Decimal

import pytest

from autokauf.core.money import Money
from autokauf.pricing import VehicleTaxNotDetermined, vehicle_tax_per_year
from autokauf.pricing.rules import bev_tax_exempt_until, co2_tax_component

IN_2026 = date(2026, 3, 1)


def tax(fuel: str, ccm: int | None, co2: int, registered: date = IN_2026) -> Money:
    return vehicle_tax_per_year(
        fuel=fuel, displacement_ccm=ccm, co2_g_km=co2, first_registration=registered
    )


def test_a_1498_ccm_petrol_car_at_145_g_pays_139_euros():
    """The KraftStG example: 15 x 2.00 + 20 x 2.00 + 20 x 2.20 + 10 x 2.50 = 139.00."""
    assert tax("petrol", 1498, 145) == Money.of("139.00")


def test_a_1968_ccm_diesel_at_128_g_pays_258_euros_rounded_down():
    """20 x 9.50 = 190.00; 20 x 2.00 + 13 x 2.20 = 68.60; 258.60 is rounded down to 258."""
    assert tax("diesel", 1968, 128) == Money.of("258.00")


def test_a_car_at_exactly_95_g_pays_for_its_displacement_only():
    assert tax("petrol", 999, 95) == Money.of("20.00")
    assert tax("diesel", 1598, 95) == Money.of("152.00")


@pytest.mark.parametrize(
    ("ccm", "hundreds"),
    [(1000, 10), (1001, 11), (1099, 11), (1100, 11)],
    ids=["exactly-1000", "one-above", "just-below-next", "exactly-1100"],
)
def test_displacement_is_charged_per_started_100_ccm(ccm, hundreds):
    assert tax("petrol", ccm, 0) == Money.of(2 * hundreds)


def test_half_euros_of_a_diesel_are_rounded_down():
    """15 started 100 cm³ x 9.50 = 142.50."""
    assert tax("diesel", 1401, 90) == Money.of("142.00")


@pytest.mark.parametrize(
    ("co2", "component"),
    [
        (95, "0"),
        (96, "2.00"),
        (115, "40.00"),
        (116, "42.20"),
        (135, "84.00"),
        (136, "86.50"),
        (155, "134.00"),
        (156, "136.90"),
        (175, "192.00"),
        (176, "195.40"),
        (195, "260.00"),
        (196, "264.00"),
        (200, "280.00"),
    ],
    ids=lambda v: str(v),
)
def test_each_co2_band_edge_is_charged_at_its_rate(co2, component):
    assert co2_tax_component(co2) == Decimal(component)


@pytest.mark.parametrize(
    ("co2", "euros"),
    [(116, 62), (136, 106), (156, 156), (176, 215), (196, 284)],
    ids=["116g", "136g", "156g", "176g", "196g"],
)
def test_the_yearly_sum_at_a_band_edge_is_rounded_down_to_whole_euros(co2, euros):
    """1,000 cm³ petrol (20.00 €) plus the CO2 part, e.g. 116 g: 42.20 -> 62.20 -> 62."""
    assert tax("petrol", 1000, co2) == Money.of(euros)


def test_a_plug_in_hybrid_is_taxed_like_petrol():
    """14 started 100 cm³ x 2.00 = 28.00; 30 g/km is below 95."""
    assert tax("phev", 1395, 30) == Money.of("28.00")
    assert tax("phev", 1395, 100) == tax("petrol", 1395, 100)


@pytest.mark.parametrize(
    "registered",
    [date(2025, 6, 1), date(2030, 12, 31)],
    ids=["2025", "last-exempt-day-2030"],
)
def test_an_electric_car_first_registered_by_2030_pays_nothing_in_its_first_year(registered):
    assert tax("bev", None, 0, registered) == Money.of("0.00")


def test_an_electric_car_first_registered_in_2031_is_not_exempt():
    with pytest.raises(VehicleTaxNotDetermined) as refused:
        tax("bev", None, 0, date(2031, 1, 1))

    assert refused.value.status == 422


@pytest.mark.parametrize(
    ("registered", "exempt_until"),
    [
        (date(2025, 3, 1), date(2035, 2, 28)),
        (date(2024, 2, 29), date(2034, 2, 28)),
        (date(2025, 12, 31), date(2035, 12, 30)),
        (date(2026, 1, 1), date(2035, 12, 31)),
        (date(2030, 12, 31), date(2035, 12, 31)),
        (date(2031, 1, 1), None),
    ],
    ids=["ten-years", "leap-day", "ten-years-ends-in-2035", "capped", "last-day", "too-late"],
)
def test_the_electric_exemption_lasts_ten_years_but_ends_by_2035(registered, exempt_until):
    assert bev_tax_exempt_until(registered) == exempt_until


def test_a_combustion_car_registered_before_2021_falls_under_older_rules():
    with pytest.raises(VehicleTaxNotDetermined):
        tax("petrol", 1498, 145, date(2020, 12, 31))


def test_a_combustion_car_without_displacement_cannot_be_taxed():
    with pytest.raises(VehicleTaxNotDetermined):
        tax("diesel", None, 120)
