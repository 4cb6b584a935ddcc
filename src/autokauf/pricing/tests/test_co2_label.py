from dataclasses import replace
from decimal import Decimal

import pytest

from autokauf.core.money import Money
from autokauf.pricing import co2_class
from autokauf.pricing.price import co2_label
from autokauf.pricing.rules import co2_costs_ten_years, energy_cost_per_year
from tests.asta_snapshot import DIESEL, ELECTRIC, PETROL, asta_snapshot


@pytest.mark.parametrize(
    ("co2", "label"),
    [
        (0, "A"),
        (1, "B"),
        (95, "B"),
        (96, "C"),
        (115, "C"),
        (116, "D"),
        (135, "D"),
        (136, "E"),
        (155, "E"),
        (156, "F"),
        (175, "F"),
        (176, "G"),
        (350, "G"),
    ],
    ids=lambda v: str(v),
)
def test_the_co2_class_follows_the_pkw_envkv_bands(co2, label):
    assert co2_class(co2) == label


def test_negative_emissions_have_no_class():
    with pytest.raises(ValueError):
        co2_class(-1)


def test_petrol_energy_costs_are_price_times_consumption_times_150():
    """6.4 l/100 km x 1.869 €/l x 150 = 1,794.24 €."""
    costs = energy_cost_per_year(
        fuel="petrol", consumption_l_100km=Decimal("6.4"), energy_kwh_100km=None
    )

    assert costs == Money.of("1794.24")


def test_electric_energy_costs_are_rounded_half_up_to_cents():
    """15.8 kWh/100 km x 0.5254 €/kWh x 150 = 1,245.198 € -> 1,245.20 €."""
    costs = energy_cost_per_year(
        fuel="bev", consumption_l_100km=None, energy_kwh_100km=Decimal("15.8")
    )

    assert costs == Money.of("1245.20")


def test_a_plug_in_hybrid_pays_for_fuel_and_electricity():
    """1.3 l x 1.869 x 150 = 364.455 plus 14.2 kWh x 0.5254 x 150 = 1,119.102: 1,483.56 €."""
    costs = energy_cost_per_year(
        fuel="phev", consumption_l_100km=Decimal("1.3"), energy_kwh_100km=Decimal("14.2")
    )

    assert costs == Money.of("1483.56")


def test_co2_costs_over_ten_years_at_three_co2_prices():
    """145 g/km x 0.15 t per g/km = 21.75 t over 150,000 km, at 50, 115 and 190 €/t."""
    assert co2_costs_ten_years(145) == {
        "low": Money.of("1087.50"),
        "medium": Money.of("2501.25"),
        "high": Money.of("4132.50"),
    }


def test_an_electric_car_has_class_a_and_no_co2_costs():
    label = co2_label(asta_snapshot().trims[ELECTRIC])

    assert label.co2_class == "A"
    assert set(label.co2_cost_10_years.values()) == {Money.of("0.00")}
    assert label.electric_range_km == 420
    assert label.energy_prices == {"electricity": Decimal("0.5254")}


def test_the_diesel_label_carries_its_class_and_costs():
    label = co2_label(asta_snapshot().trims[DIESEL])

    assert (label.co2_g_km, label.co2_class) == (128, "D")
    assert label.energy_cost_per_year == Money.of("1444.28")  # 4.9 x 1.965 x 150 = 1,444.275
    assert label.co2_g_km_discharged is None
    assert label.co2_class_discharged is None


def test_a_plug_in_hybrid_also_shows_the_class_with_a_discharged_battery():
    phev = replace(
        asta_snapshot().trims[PETROL],
        fuel="phev",
        co2_g_km=30,
        co2_discharged_g_km=140,
        consumption_l_100km=Decimal("1.3"),
        consumption_discharged_l_100km=Decimal("6.1"),
        energy_kwh_100km=Decimal("14.2"),
        electric_range_km=62,
    )

    label = co2_label(phev)

    assert (label.co2_class, label.co2_class_discharged) == ("B", "E")
    assert label.co2_g_km_discharged == 140
    assert label.consumption_discharged_l_100km == Decimal("6.1")
    assert label.energy_cost_per_year == Money.of("1483.56")


def test_a_discharged_value_on_a_non_hybrid_is_not_shown():
    petrol = replace(asta_snapshot().trims[PETROL], co2_discharged_g_km=150)

    assert co2_label(petrol).co2_class_discharged is None
