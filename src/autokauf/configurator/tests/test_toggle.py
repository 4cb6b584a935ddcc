"""What a click does, on the Nordwerk Asta in the database."""

from decimal import Decimal

import pytest

from autokauf.configurator import toggle_option, validate_configuration
from autokauf.core.money import Money

pytestmark = pytest.mark.django_db
DEFAULTS = ["P-WHITE", "W16", "INT-BLACK"]


def test_the_defaults_are_a_valid_configuration(small_catalogue):
    validation = validate_configuration(trim="ASTA-15TSI", options=DEFAULTS)

    assert (validation.valid, validation.conflicts, validation.resolution) == (True, [], None)


def test_an_invalid_configuration_comes_with_its_conflicts_and_the_cheapest_repair(
    small_catalogue,
):
    """Nothing was clicked: dropping the head-up display (-650.00) beats adding navigation."""
    validation = validate_configuration(trim="ASTA-15TSI", options=[*DEFAULTS, "HUD"])

    assert not validation.valid
    assert [c.kind for c in validation.conflicts] == ["requires"]
    assert validation.resolution is not None
    assert validation.resolution.options == ("INT-BLACK", "P-WHITE", "W16")
    assert validation.resolution.net_change == Money(Decimal("-650.00"))


def test_clicking_an_unproblematic_option_simply_selects_it(small_catalogue):
    validation = toggle_option(trim="ASTA-15TSI", options=DEFAULTS, code="NAVI")

    assert validation.valid
    assert validation.options == ("INT-BLACK", "NAVI", "P-WHITE", "W16")


def test_clicking_another_paint_replaces_the_paint(small_catalogue):
    validation = toggle_option(trim="ASTA-15TSI", options=DEFAULTS, code="P-RED")

    assert validation.valid
    assert validation.options == ("INT-BLACK", "P-RED", "W16")


def test_clicking_green_paint_proposes_the_cognac_leather_at_1490_euros_net(small_catalogue):
    validation = toggle_option(trim="ASTA-15TSI", options=DEFAULTS, code="P-GREEN")

    assert not validation.valid
    assert validation.resolution is not None
    assert validation.resolution.add == ("INT-COGNAC",)
    assert validation.resolution.remove == ("INT-BLACK",)
    assert validation.resolution.net_change == Money(Decimal("1490.00"))


def test_clicking_roof_rails_with_the_sunroof_proposes_removing_the_sunroof(small_catalogue):
    validation = toggle_option(trim="ASTA-15TSI", options=[*DEFAULTS, "SUNROOF"], code="ROOFRAILS")

    assert validation.resolution is not None
    assert validation.resolution.remove == ("SUNROOF",)
    assert "ROOFRAILS" in validation.resolution.options


def test_clicking_the_sport_package_switches_the_wheels_to_w18(small_catalogue):
    validation = toggle_option(trim="ASTA-20TDI", options=DEFAULTS, code="SPORT")

    assert validation.resolution is not None
    assert validation.resolution.remove == ("W16",)
    assert validation.resolution.options == ("INT-BLACK", "P-WHITE", "SPORT")


def test_a_towbar_clicked_on_the_electric_trim_has_no_resolution(small_catalogue):
    validation = toggle_option(trim="ASTA-EV", options=DEFAULTS, code="TOW")

    assert not validation.valid
    assert [c.kind for c in validation.conflicts] == ["not-offered"]
    assert validation.resolution is None


def test_deselecting_the_navigation_system_proposes_dropping_the_head_up_display(small_catalogue):
    validation = toggle_option(trim="ASTA-15TSI", options=[*DEFAULTS, "NAVI", "HUD"], code="NAVI")

    assert validation.resolution is not None
    assert validation.resolution.options == ("INT-BLACK", "P-WHITE", "W16")


def test_clicking_the_chosen_paint_keeps_it_like_a_radio_button(small_catalogue):
    validation = toggle_option(trim="ASTA-15TSI", options=DEFAULTS, code="P-WHITE")

    assert validation.valid
    assert validation.options == ("INT-BLACK", "P-WHITE", "W16")


def test_deselecting_wheels_the_package_brings_means_giving_up_the_package(small_catalogue):
    chosen = ["P-WHITE", "INT-BLACK", "SPORT", "TOW"]

    validation = toggle_option(trim="ASTA-15TSI", options=chosen, code="W18")

    assert validation.valid  # W18 is a radio choice: it stays
    assert validation.options == ("INT-BLACK", "P-WHITE", "SPORT", "TOW")
