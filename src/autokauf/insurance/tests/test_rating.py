"""Premiums of the built-in insurer for fixed profiles, to the cent (docs/domains/insurance.md)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest
import yaml

from autokauf.insurance import rules
from autokauf.insurance.tables import DATA_DIR, current_tariff

# An Asta in Berlin-Kreuzberg, SF 10, driver 40, 15,000 km a year, TK 150 / VK 500, no garage.
BERLIN = rules.Profile("asta", "10969", 10, 40, 15000, 150, 500, False)


def test_liability_partial_and_comprehensive_for_the_berlin_asta():
    quotes = {q.cover: q for q in rules.quotes(current_tariff(), BERLIN)}

    # liability 480 x 1.05 (TK 15) x 1.20 (RK 11) x 40 % (SF 10) = 241.92
    # partial 120 x 1.23 (TK 19) x 1.35 (RK 14) x 0.85 (150 EUR) = 169.37 (no SF in partial)
    # comprehensive 420 x 1.20 (TK 20) x 1.22 (RK 8) x 40 % x 0.78 (500 EUR) = 191.84
    assert [(q.net_yearly, q.tax_yearly, q.yearly, q.monthly) for q in quotes.values()] == [
        (D("241.92"), D("45.96"), D("287.88"), D("23.99")),
        (D("411.29"), D("78.15"), D("489.44"), D("40.79")),
        (D("433.76"), D("82.41"), D("516.17"), D("43.01")),
    ]
    assert [c.net_yearly for c in quotes["partial"].components] == [D("241.92"), D("169.37")]


def test_every_factor_is_shown_with_its_value():
    comprehensive = rules.quote(current_tariff(), BERLIN, "comprehensive").to_dict()

    assert comprehensive["components"][1] == {
        "part": "comprehensive",
        "base": "420.00",
        "net_yearly": "191.84",
        "factors": [
            {"name": "type_class", "value": "20", "factor": "1.20"},
            {"name": "regional_class", "value": "8", "factor": "1.22"},
            {"name": "no_claims_class", "value": "SF 10", "factor": "0.4"},
            {"name": "driver_age", "value": "40", "factor": "1.00"},
            {"name": "yearly_km", "value": "15000", "factor": "1.00"},
            {"name": "deductible", "value": "500 EUR", "factor": "0.78"},
            {"name": "garage", "value": "no", "factor": "1.00"},
        ],
    }
    assert comprehensive["insurance_tax_rate"] == "19"


def test_a_young_driver_in_munich_with_a_garage_and_sf_0():
    young = rules.Profile("corvane-lys", "80331", 0, 19, 20000, 300, 1000, True)

    quotes = rules.quotes(current_tariff(), young)

    # liability 480 x 1.35 (TK 21) x 1.12 (RK 9) x 100 % (SF 0) x 1.80 x 1.06 = 1384.75
    # partial 120 x 1.86 (TK 28) x 1.45 (RK 16) x 1.80 x 1.06 x 0.75 x 0.90 = 416.82
    # comprehensive 420 x 1.74 (TK 29) x 1.28 (RK 9) x 1.80 x 1.06 x 0.68 x 0.90 = 1092.29
    assert [(q.net_yearly, q.tax_yearly, q.yearly, q.monthly) for q in quotes] == [
        (D("1384.75"), D("263.10"), D("1647.85"), D("137.32")),
        (D("1801.57"), D("342.30"), D("2143.87"), D("178.66")),
        (D("2477.04"), D("470.64"), D("2947.68"), D("245.64")),
    ]


@pytest.mark.parametrize(
    ("postcode", "classes"),
    [
        ("01067", (5, 8, 4)),
        ("10115", (11, 14, 8)),
        ("20095", (10, 12, 7)),
        ("80331", (9, 16, 9)),
        ("99084", (5, 8, 4)),
    ],
)
def test_regional_classes_follow_the_first_two_digits(postcode, classes):
    found = rules.regional_classes(current_tariff(), postcode)
    assert (found.liability, found.partial, found.comprehensive) == classes


def test_the_shipped_tables_cover_every_postcode_region_and_every_class():
    tariff = current_tariff()
    regions = [n for low, high, _ in tariff.regions for n in range(low, high + 1)]
    assert regions == list(range(1, 100))
    assert sorted(tariff.type_class_factor["liability"]) == list(range(10, 26))
    assert sorted(tariff.type_class_factor["partial"]) == list(range(10, 34))
    assert sorted(tariff.type_class_factor["comprehensive"]) == list(range(10, 35))
    assert sorted(tariff.no_claims_percent) == list(range(36))


def test_every_model_of_the_demo_catalogue_has_type_classes_in_range():
    catalogue = yaml.safe_load(
        (DATA_DIR.parents[1] / "catalog/data/demo-catalogue.yaml").read_text()
    )
    slugs = {model["slug"] for brand in catalogue["brands"] for model in brand["models"]}
    tariff = current_tariff()

    assert slugs | {"asta"} == set(tariff.type_classes)
    for classes in tariff.type_classes.values():
        assert 10 <= classes.liability <= 25 and 10 <= classes.partial <= 33
        assert 10 <= classes.comprehensive <= 34


def test_more_no_claims_years_never_cost_more():
    tariff = current_tariff()
    yearly = [
        rules.quote(tariff, replace(BERLIN, no_claims_class=sf), "comprehensive").yearly
        for sf in range(36)
    ]
    assert yearly == sorted(yearly, reverse=True)


def test_wrong_fields_are_listed_in_german_and_english():
    raw = {
        "model": "zeppelin",
        "postcode": "1234",
        "no_claims_class": 36,
        "driver_age": 17,
        "yearly_km": 150000,
        "deductible_comprehensive": 250,
    }

    profile, errors = rules.parse_profile(raw, current_tariff())

    assert profile is None
    assert [(e.field, e.code) for e in errors] == [
        ("model", "no-type-class"),
        ("postcode", "invalid-postcode"),
        ("no_claims_class", "out-of-range"),
        ("driver_age", "out-of-range"),
        ("yearly_km", "out-of-range"),
        ("deductible_comprehensive", "out-of-range"),
    ]
    assert errors[0].to_dict("en")["message"] == "There is no type class for this model."
    assert errors[0].to_dict("de")["message"] == "Für dieses Modell gibt es keine Typklasse."
