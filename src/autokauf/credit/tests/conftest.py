"""A fixed day, people in each role, and an application body that passes every check.

The standard applicant (39, employed for seven years, at the address for seven years, 3,200 € net,
900 € rent, no other credit, living alone) asks Nordwerk Bank for 27,000.00 € over 60 months at
5.99 % nominal: 521.86 € a month.
"""

from __future__ import annotations

import copy
from datetime import UTC, datetime
from typing import Any

import pytest

from autokauf.core import clock
from autokauf.credit.consent import CURRENT_VERSION

TODAY = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)

OFFER = {
    "lender_code": "NWB",
    "product": "loan",
    "amount": "27000.00",
    "term_months": 60,
    "monthly_payment": "521.86",
    "nominal_rate": "5.99",
}

APPLICATION = {
    "consent_version": CURRENT_VERSION,
    "offer": OFFER,
    "identity": {
        "first_name": "Jana",
        "last_name": "Keller",
        "date_of_birth": "1986-05-20",
        "nationality": "DE",
    },
    "addresses": [
        {
            "street": "Lindenstraße 4",
            "postcode": "10969",
            "city": "Berlin",
            "country": "DE",
            "since": "2018-06-01",
        }
    ],
    "employment": {"status": "employed", "employer": "Stadtwerke Berlin", "since": "2019-01-01"},
    "net_monthly_income": "3200.00",
    "housing_costs": "900.00",
    "existing_instalments": "0.00",
    "dependants": 0,
    "iban": "DE89 3704 0044 0532 0130 00",
}

PREQUALIFICATION = {
    "consent_version": CURRENT_VERSION,
    "offer": OFFER,
    "date_of_birth": "1986-05-20",
    "employment": {"status": "employed", "since": "2019-01-01"},
    "address_since": "2018-06-01",
    "net_monthly_income": "3200.00",
    "housing_costs": "900.00",
    "existing_instalments": "0.00",
    "dependants": 0,
}


def body(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of `base` with dotted paths replaced, e.g. **{"identity.nationality": "FR"}."""
    data = copy.deepcopy(base)
    for path, value in changes.items():
        *parents, last = path.split(".")
        target = data
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]
        target[last] = value
    return data


@pytest.fixture(autouse=True)
def fixed_day():
    with clock.frozen(TODAY):
        yield


@pytest.fixture
def people(db):
    from autokauf.accounts.models import User

    return {
        role: User.objects.create_user(f"{role}@example.org", None, role=role)
        for role in ("buyer", "dealer_staff", "sales", "admin")
    } | {"other_buyer": User.objects.create_user("other@example.org", None)}
