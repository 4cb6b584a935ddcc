"""The fields of the credit application and insurance forms on the order's pages."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

Field = tuple[str, str, str]  # name, label (translated when shown), input type
CREDIT_FORM: list[tuple[str, list[Field]]] = [
    (
        "About you",
        [
            ("first_name", "First name", "text"),
            ("last_name", "Last name", "text"),
            ("date_of_birth", "Date of birth", "date"),
            ("nationality", "Nationality (country code, e.g. DE)", "text"),
        ],
    ),
    (
        "Your address",
        [
            ("street", "Street and number", "text"),
            ("postcode", "Postcode", "text"),
            ("city", "City", "text"),
            ("country", "Country (code)", "text"),
            ("address_since", "Living there since", "date"),
        ],
    ),
    (
        "Previous address (if you moved in the last three years)",
        [
            ("previous_street", "Street and number", "text"),
            ("previous_postcode", "Postcode", "text"),
            ("previous_city", "City", "text"),
            ("previous_country", "Country (code)", "text"),
            ("previous_since", "Living there since", "date"),
        ],
    ),
    (
        "Your work",
        [
            ("employment_status", "Employment", "select"),
            ("employer", "Employer", "text"),
            ("employed_since", "Employed since", "date"),
        ],
    ),
    (
        "Income and expenses",
        [
            ("net_monthly_income", "Net monthly income (EUR)", "text"),
            ("housing_costs", "Housing costs a month (EUR)", "text"),
            ("existing_instalments", "Instalments of existing credit a month (EUR)", "text"),
            ("dependants", "Dependants", "number"),
            ("household_adults", "Adults in the household", "number"),
            ("iban", "IBAN", "text"),
        ],
    ),
]
INSURANCE_FORM: list[Field] = [
    ("postcode", "Postcode where the car is kept", "text"),
    ("date_of_birth", "Date of birth of the youngest driver", "date"),
    ("no_claims_class", "No-claims class (SF, 0 to 35)", "number"),
    ("yearly_km", "Yearly mileage (km)", "number"),
    ("deductible_partial", "Partial cover deductible (0, 150 or 300 EUR)", "number"),
    ("deductible_comprehensive", "Comprehensive deductible (0, 300, 500 or 1000 EUR)", "number"),
]


def fields_of(
    spec: list[Field], values: dict[str, Any], errors: dict[str, list[str]]
) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "label": _(label),
            "type": kind,
            "value": values.get(name, ""),
            "errors": errors.get(name, []),
        }
        for name, label, kind in spec
    ]


def credit_sections(values: dict[str, Any], errors: dict[str, list[str]]) -> list[Any]:
    return [(_(title), fields_of(spec, values, errors)) for title, spec in CREDIT_FORM]
