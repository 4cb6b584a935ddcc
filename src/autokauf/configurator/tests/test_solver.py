"""Repairs proposed by the MaxSAT solver on the Nordwerk Asta (pure: no database)."""

from decimal import Decimal

from autokauf.configurator import Resolution, resolve
from autokauf.configurator.solver import compiled
from autokauf.core.money import Money
from tests.asta_snapshot import asta_snapshot

ASTA = asta_snapshot()


def test_clicking_green_paint_proposes_adding_the_cognac_leather():
    resolution = resolve(ASTA, "ASTA-15TSI", ["P-GREEN", "W16", "INT-BLACK"], keep="P-GREEN")

    assert resolution == Resolution(
        add=("INT-COGNAC",),
        remove=("INT-BLACK",),
        options=("INT-COGNAC", "P-GREEN", "W16"),
        net_change=Money(Decimal("1490.00")),
    )


def test_clicking_roof_rails_with_a_sunroof_proposes_removing_the_sunroof():
    chosen = ["P-WHITE", "W16", "INT-BLACK", "SUNROOF", "ROOFRAILS"]

    resolution = resolve(ASTA, "ASTA-15TSI", chosen, keep="ROOFRAILS")

    assert resolution is not None
    assert (resolution.add, resolution.remove) == ((), ("SUNROOF",))
    assert resolution.net_change == Money(Decimal("-1050.00"))


def test_clicking_the_sport_package_switches_the_wheels_to_its_own():
    resolution = resolve(ASTA, "ASTA-15TSI", ["P-WHITE", "W16", "INT-BLACK", "SPORT"], keep="SPORT")

    assert resolution is not None
    assert (resolution.add, resolution.remove) == ((), ("W16",))
    assert resolution.options == ("INT-BLACK", "P-WHITE", "SPORT")
    assert resolution.net_change == Money(Decimal("0.00"))


def test_a_towbar_on_the_electric_trim_has_no_resolution():
    assert resolve(ASTA, "ASTA-EV", ["P-WHITE", "W16", "INT-BLACK", "TOW"], keep="TOW") is None


def test_among_equally_small_repairs_the_cheaper_one_is_proposed():
    """Missing wheels: 16-inch steel (0.00) rather than 17-inch alloy (450.00)."""
    resolution = resolve(ASTA, "ASTA-15TSI", ["P-WHITE", "INT-BLACK"])

    assert resolution is not None
    assert resolution.add == ("W16",)


def test_without_a_clicked_option_unknown_and_unoffered_codes_are_removed():
    resolution = resolve(ASTA, "ASTA-EV", ["P-WHITE", "W16", "INT-BLACK", "TOW", "LASER"])

    assert resolution == Resolution(
        add=(),
        remove=("LASER", "TOW"),
        options=("INT-BLACK", "P-WHITE", "W16"),
        net_change=Money(Decimal("-890.00")),
    )


def test_a_deselected_option_stays_out_of_the_repair():
    """Leaving out the navigation system takes the head-up display with it."""
    resolution = resolve(ASTA, "ASTA-15TSI", ["P-WHITE", "W16", "INT-BLACK", "HUD"], drop="NAVI")

    assert resolution is not None
    assert (resolution.add, resolution.remove) == ((), ("HUD",))


def test_the_compiled_rules_are_reused_for_the_same_catalogue_revision():
    assert compiled(ASTA, "ASTA-EV") is compiled(ASTA, "ASTA-EV")
    assert compiled(asta_snapshot(revision=2), "ASTA-EV") is not compiled(ASTA, "ASTA-EV")


def test_the_encoding_offers_only_what_the_trim_offers():
    assert "TOW" not in compiled(ASTA, "ASTA-EV").var
    assert "HEATPUMP" not in compiled(ASTA, "ASTA-15TSI").var
