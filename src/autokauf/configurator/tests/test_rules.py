"""The option rules, as a buyer meets them, on the Nordwerk Asta (pure: no database)."""

from decimal import Decimal

import pytest

from autokauf.configurator import Conflict, check
from autokauf.configurator.rules import charged_net, effective
from tests.asta_snapshot import asta_snapshot

ASTA = asta_snapshot()
DEFAULTS = ["P-WHITE", "W16", "INT-BLACK"]


def test_the_defaults_of_every_trim_break_no_rule():
    for trim in ASTA.trims.values():
        assert check(ASTA, trim.code, trim.defaults) == []


def test_a_head_up_display_without_navigation_is_refused_in_words():
    assert check(ASTA, "ASTA-15TSI", [*DEFAULTS, "HUD"]) == [
        Conflict(
            "requires",
            ("HUD", "NAVI"),
            "Das Head-up-Display erfordert das Navigationssystem.",
            "The head-up display requires the navigation system.",
        ),
    ]


def test_the_head_up_display_with_navigation_is_fine():
    assert check(ASTA, "ASTA-15TSI", [*DEFAULTS, "HUD", "NAVI"]) == []


def test_a_towbar_is_not_offered_on_the_electric_trim():
    assert check(ASTA, "ASTA-EV", [*DEFAULTS, "TOW"]) == [
        Conflict(
            "not-offered",
            ("TOW",),
            "Die Anhängerkupplung ist für e-Drive Pro nicht erhältlich.",
            "The towbar is not available for e-Drive Pro.",
        ),
    ]


def test_a_sunroof_and_roof_rails_exclude_each_other():
    assert check(ASTA, "ASTA-20TDI", [*DEFAULTS, "SUNROOF", "ROOFRAILS"]) == [
        Conflict(
            "excludes",
            ("SUNROOF", "ROOFRAILS"),
            "Das Schiebedach ist nicht mit der Dachreling kombinierbar.",
            "The sunroof cannot be combined with the roof rails.",
        ),
    ]


def test_green_paint_requires_the_cognac_leather():
    (conflict,) = check(ASTA, "ASTA-15TSI", ["P-GREEN", "W16", "INT-BLACK"])

    assert conflict.kind == "requires"
    assert conflict.message("de") == (
        "Die Lackierung Tannengrün Perleffekt erfordert die Innenausstattung Leder Cognac."
    )
    assert (
        conflict.message("en") == "The fir green pearl paint requires the cognac leather interior."
    )


def test_a_configuration_without_paint_asks_for_one():
    assert check(ASTA, "ASTA-15TSI", ["W16", "INT-BLACK"]) == [
        Conflict(
            "group-missing",
            ("P-GREEN", "P-RED", "P-WHITE"),
            "Bitte wählen Sie eine Option unter „Lackierung“.",
            "Please choose one option under “Paint”.",
        ),
    ]


def test_the_sport_package_brings_its_wheels_so_other_wheels_are_too_many():
    assert check(ASTA, "ASTA-15TSI", [*DEFAULTS, "SPORT"]) == [
        Conflict(
            "group-too-many",
            ("W16", "W18"),
            "Unter „Räder“ ist nur eine Auswahl möglich, gewählt sind 16-Zoll-Stahlräder "
            "und 18-Zoll-Sportfelgen.",
            "Only one choice is possible under “Wheels”; chosen are 16-inch steel wheels "
            "and 18-inch sport wheels.",
        ),
    ]


def test_the_sport_package_counts_as_choosing_its_wheels():
    assert check(ASTA, "ASTA-15TSI", ["P-WHITE", "INT-BLACK", "SPORT"]) == []
    assert effective(ASTA, ["SPORT"]) == {"SPORT", "W18"}


def test_an_option_the_model_does_not_have_is_named():
    assert check(ASTA, "ASTA-15TSI", [*DEFAULTS, "LASER"]) == [
        Conflict(
            "unknown-option",
            ("LASER",),
            "Die Option „LASER“ gibt es beim Modell Nordwerk Asta nicht.",
            "The Nordwerk Asta has no option “LASER”.",
        ),
    ]


@pytest.mark.parametrize(
    ("options", "net"),
    [
        pytest.param(["SPORT", "P-WHITE", "INT-BLACK"], "2490", id="package-wheels-not-charged"),
        pytest.param(["SPORT", "W18", "P-RED"], "3280", id="listed-content-still-not-charged"),
        pytest.param(["NAVI", "HUD", "W17"], "2300", id="plain-options"),
    ],
)
def test_the_net_option_price_charges_package_contents_only_once(options, net):
    assert charged_net(ASTA, options).amount == Decimal(net)
