"""The built-in bureau's scorecard, row by row (docs/domains/credit.md, "Scorecard")."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D

import pytest

from autokauf.credit.adapters.base import ScoringFacts
from autokauf.credit.adapters.builtin_bureau import score_factors, score_of

STANDARD = ScoringFacts(
    age_years=39,
    employment_status="employed",
    employment_years=7,
    address_years=7,
    net_monthly_income=D("3200.00"),
    existing_instalments=D("0.00"),
    new_instalment=D("521.86"),
)


def points(facts: ScoringFacts, factor: str) -> int:
    return next(row.points for row in score_factors(facts) if row.factor == factor)


def test_the_standard_applicant_scores_770():
    rows = [(row.factor, row.points) for row in score_factors(STANDARD)]

    assert rows == [
        ("age", 30),
        ("employment", 40),
        ("address", 30),
        ("debt_to_income", 50),
        ("existing_credit", 20),
    ]
    assert score_of(score_factors(STANDARD)) == 770


@pytest.mark.parametrize(
    ("age", "expected"),
    [(18, -40), (24, -40), (25, 0), (34, 0), (35, 30), (64, 30), (65, 10), (90, 10)],
)
def test_age_rows(age, expected):
    assert points(replace(STANDARD, age_years=age), "age") == expected


@pytest.mark.parametrize(
    ("status", "years", "expected"),
    [
        ("civil_servant", 0, 60),
        ("employed", 3, 40),
        ("employed", 2, 10),
        ("employed", 1, 10),
        ("employed", 0, -40),
        ("self_employed", 3, 10),
        ("self_employed", 2, -60),
        ("retired", 0, 30),
        ("student", 0, -60),
        ("unemployed", 0, -150),
        ("other", 5, -40),
    ],
)
def test_employment_rows(status, years, expected):
    facts = replace(STANDARD, employment_status=status, employment_years=years)
    assert points(facts, "employment") == expected


@pytest.mark.parametrize(("years", "expected"), [(0, -30), (1, 0), (2, 0), (3, 30)])
def test_address_stability_rows(years, expected):
    assert points(replace(STANDARD, address_years=years), "address") == expected


@pytest.mark.parametrize(
    ("existing", "new", "expected"),
    [
        ("0.00", "640.00", 50),  # 20.0 %
        ("0.00", "641.60", 0),  # 20.05 % shows as 20.1 %
        ("300.00", "820.00", 0),  # 35.0 %
        ("300.00", "1300.00", -80),  # 50.0 %
        ("300.00", "1303.20", -200),  # 50.1 %
    ],
)
def test_debt_to_income_rows_count_existing_and_new_instalments(existing, new, expected):
    facts = replace(STANDARD, existing_instalments=D(existing), new_instalment=D(new))
    assert points(facts, "debt_to_income") == expected


@pytest.mark.parametrize(("existing", "expected"), [("0.00", 20), ("320.00", 0), ("321.60", -30)])
def test_existing_credit_rows(existing, expected):
    assert (
        points(replace(STANDARD, existing_instalments=D(existing)), "existing_credit") == expected
    )


def test_each_row_explains_itself_in_german_and_english():
    young = replace(STANDARD, age_years=22)
    row = score_factors(young)[0]

    assert (row.factor, row.value, row.points, row.de, row.en) == (
        "age",
        "22",
        -40,
        "Alter unter 25 Jahren",
        "Age under 25",
    )
