import copy
from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from autokauf.catalog import model_snapshot
from autokauf.core.money import Money
from autokauf.pricing import (
    QuoteLine,
    UnknownOption,
    UnknownTrim,
    UnsupportedCountry,
    price_configuration,
)
from tests.asta_snapshot import DEFAULTS, DIESEL, ELECTRIC, PETROL, asta_snapshot

TODAY = date(2025, 3, 3)


def quote(options=DEFAULTS, trim=PETROL, snapshot=None, **kw):
    return price_configuration(snapshot or asta_snapshot(), trim, options, today=TODAY, **kw)


def test_the_petrol_asta_with_its_defaults_costs_31059_10():
    """25,210.08 + 0 + 0 + 0 + transfer 890.00 = 26,100.08 net; VAT 4,959.0152 -> 4,959.02."""
    q = quote()

    assert [(line.code, line.kind, line.net) for line in q.lines] == [
        (PETROL, "trim", Money.of("25210.08")),
        ("INT-BLACK", "option", Money.of("0")),
        ("P-WHITE", "option", Money.of("0")),
        ("W16", "option", Money.of("0")),
    ]
    assert q.transfer_costs == Money.of("890.00")
    assert q.net == Money.of("26100.08")
    assert q.vat_rate == Decimal("19")
    assert q.vat == Money.of("4959.02")
    assert q.total == Money.of("31059.10")
    assert (q.model_slug, q.model_name, q.trim_name) == ("asta", "Nordwerk Asta", "1.5 TSI Life")
    assert (q.country, q.currency, q.revision) == ("DE", "EUR", 1)


def test_the_quote_carries_the_label_the_tax_and_the_delivery_date():
    q = quote()

    assert (q.co2.co2_g_km, q.co2.co2_class) == (145, "E")
    assert q.co2.energy_cost_per_year == Money.of("1794.24")
    assert q.co2.co2_cost_10_years["medium"] == Money.of("2501.25")
    assert q.vehicle_tax_per_year == Money.of("139.00")
    assert q.delivery_estimate == date(2025, 5, 12)  # ten weeks


def test_a_package_brings_its_wheels_at_zero_and_they_are_not_charged():
    """Sport package 2,490 includes W18 (1,100 on its own): W18 appears at 0.00 under SPORT."""
    q = quote(["INT-BLACK", "NAVI", "P-RED", "SPORT", "W18"])

    assert q.lines[1:] == (
        QuoteLine("NAVI", "option", "Navigationssystem", "Navigation system", Money.of("1200")),
        QuoteLine("INT-BLACK", "option", "Stoff Schwarz", "Black cloth", Money.of("0")),
        QuoteLine("SPORT", "package", "Sportpaket", "Sport package", Money.of("2490")),
        QuoteLine(
            "W18",
            "included",
            "18-Zoll-Sportfelgen",
            "18-inch sport wheels",
            Money.of("0.00"),
            included_in="SPORT",
        ),
        QuoteLine("P-RED", "option", "Kirschrot Metallic", "Cherry red metallic", Money.of("790")),
    )
    assert q.net == Money.of("30580.08")
    assert q.vat == Money.of("5810.22")
    assert q.total == Money.of("36390.30")


def test_included_wheels_appear_even_when_not_chosen_and_cost_the_same_either_way():
    with_w18 = quote(["INT-BLACK", "P-WHITE", "SPORT", "W18"])
    without_w18 = quote(["INT-BLACK", "P-WHITE", "SPORT"])

    assert without_w18.lines == with_w18.lines
    assert without_w18.total == with_w18.total
    assert without_w18.options == ("INT-BLACK", "P-WHITE", "SPORT")


def test_the_chosen_options_are_kept_sorted_and_once():
    assert quote(["W16", "P-WHITE", "W16", "INT-BLACK"]).options == DEFAULTS


def test_a_diesel_quote_has_its_own_tax_and_delivery_time():
    q = quote(trim=DIESEL)

    assert q.vehicle_tax_per_year == Money.of("258.00")
    assert q.delivery_estimate == date(2025, 5, 26)  # twelve weeks
    assert q.total == Money.of("35059.10")  # 29,461.43 net + 5,597.6717 -> 5,597.67 VAT


def test_the_electric_asta_is_tax_free_in_its_first_year():
    q = quote([*DEFAULTS, "HEATPUMP"], trim=ELECTRIC)

    assert q.vehicle_tax_per_year == Money.of("0.00")
    assert q.co2.co2_class == "A"
    assert q.delivery_estimate == date(2025, 6, 23)  # the trim's 16 weeks outlast the pump's 2


def test_an_option_with_a_longer_lead_time_delays_delivery():
    snapshot = asta_snapshot()
    slow_navi = replace(snapshot.options["NAVI"], lead_weeks=14)
    snapshot = replace(snapshot, options={**snapshot.options, "NAVI": slow_navi})

    q = quote([*DEFAULTS, "NAVI"], snapshot=snapshot)

    assert q.delivery_estimate == date(2025, 6, 9)  # fourteen weeks, not the trim's ten


def test_a_quote_for_austria_charges_austrian_vat():
    q = quote(country="at")

    assert (q.country, q.vat_rate) == ("AT", Decimal("20"))
    assert q.vat == Money.of("5220.02")  # 26,100.08 x 20 % = 5,220.016
    assert q.total == Money.of("31320.10")


def test_an_option_the_model_does_not_have_is_refused_by_name():
    snapshot = asta_snapshot()
    before = copy.deepcopy(snapshot)

    with pytest.raises(UnknownOption) as refused:
        quote([*DEFAULTS, "JETPACK"], snapshot=snapshot)

    assert refused.value.status == 422
    assert refused.value.code == "unknown-option"
    assert "JETPACK" in refused.value.detail
    assert refused.value.extra == {"options": ["JETPACK"]}
    assert snapshot == before


def test_a_towbar_is_not_offered_on_the_electric_trim():
    with pytest.raises(UnknownOption) as refused:
        quote([*DEFAULTS, "TOW"], trim=ELECTRIC)

    assert refused.value.detail == (
        "Cannot price this configuration: option 'TOW' is not offered on trim 'ASTA-EV'."
    )
    assert refused.value.extra == {"options": ["TOW"]}


def test_every_refused_code_is_named_at_once():
    with pytest.raises(UnknownOption) as refused:
        quote([*DEFAULTS, "TOW", "JETPACK"], trim=ELECTRIC)

    assert refused.value.extra == {"options": ["JETPACK", "TOW"]}


def test_a_trim_of_another_model_is_refused():
    with pytest.raises(UnknownTrim):
        quote(trim="OTHER-1")


def test_a_country_without_vat_rate_is_refused():
    with pytest.raises(UnsupportedCountry):
        quote(country="CH")


def test_the_quote_as_json_has_money_as_two_decimal_strings():
    data = quote(["INT-BLACK", "P-WHITE", "SPORT"]).to_dict("en")

    assert data["lines"] == [
        {
            "code": PETROL,
            "kind": "trim",
            "name": "1.5 TSI Life",
            "net": "25210.08",
            "included_in": None,
        },
        {
            "code": "INT-BLACK",
            "kind": "option",
            "name": "Black cloth",
            "net": "0.00",
            "included_in": None,
        },
        {
            "code": "SPORT",
            "kind": "package",
            "name": "Sport package",
            "net": "2490.00",
            "included_in": None,
        },
        {
            "code": "W18",
            "kind": "included",
            "name": "18-inch sport wheels",
            "net": "0.00",
            "included_in": "SPORT",
        },
        {
            "code": "P-WHITE",
            "kind": "option",
            "name": "Glacier white",
            "net": "0.00",
            "included_in": None,
        },
    ]
    assert {k: data[k] for k in ("transfer_costs", "net", "vat_rate", "vat", "total")} == {
        "transfer_costs": "890.00",
        "net": "28590.08",
        "vat_rate": "19",
        "vat": "5432.12",
        "total": "34022.20",
    }
    assert (data["trim"], data["options"], data["country"], data["currency"]) == (
        PETROL,
        ["INT-BLACK", "P-WHITE", "SPORT"],
        "DE",
        "EUR",
    )
    assert (data["co2_class"], data["co2_g_km"]) == ("E", 145)
    assert data["co2"]["co2_cost_10_years"] == {
        "low": "1087.50",
        "medium": "2501.25",
        "high": "4132.50",
    }
    assert data["co2"]["energy_cost_per_year"] == "1794.24"
    assert data["vehicle_tax_per_year"] == "139.00"
    assert data["delivery_estimate"] == "2025-05-12"


def test_line_names_follow_the_active_language_by_default(settings):
    from django.utils import translation

    with translation.override("de"):
        assert quote().to_dict()["lines"][1]["name"] == "Stoff Schwarz"
    with translation.override("en"):
        assert quote().to_dict()["lines"][1]["name"] == "Black cloth"


def test_the_hand_built_asta_prices_like_the_catalogue_in_the_database(small_catalogue):
    from_db = model_snapshot("asta")
    options = ["INT-COGNAC", "NAVI", "P-GREEN", "SPORT", "TOW"]

    by_hand = price_configuration(asta_snapshot(), PETROL, options, today=TODAY)
    from_catalogue = price_configuration(from_db, PETROL, options, today=TODAY)

    assert from_catalogue.lines == by_hand.lines
    # 25,210.08 + 1,490 + 1,200 + 990 + 2,490 + 890 + transfer 890 = 33,160.08 net
    assert from_catalogue.total == by_hand.total == Money.of("39460.50")
    assert from_catalogue.co2 == by_hand.co2
