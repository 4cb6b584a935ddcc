"""Checkout fixtures: the Nordwerk Asta in stock in Berlin, a buyer, their checkout data.

A buyer has confirmed their e-mail address, as buying needs; `make_buyer(confirmed=False)` makes
one who has not yet."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from autokauf.checkout import CheckoutData
from autokauf.core import clock
from autokauf.inventory.tests.conftest import HEADER, places, row, vin  # noqa: F401

MONDAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


@pytest.fixture
def at_monday():
    with clock.frozen(MONDAY):
        yield MONDAY


def stock_cars(count: int, **kwargs) -> list[str]:
    from autokauf.inventory import import_stock_csv

    import_stock_csv(HEADER + "".join(row(n, **kwargs) for n in range(1, count + 1)))
    return [vin(n) for n in range(1, count + 1)]


@pytest.fixture
def cars(places):  # noqa: F811
    """Three Asta 1.5 TSI in stock at the Berlin showroom, with the Berlin dealer."""
    from autokauf.dealers.models import Dealer

    Dealer.objects.create(
        code="D-BER", name="Autohaus Berlin", email="berlin@example.org", location=places["BER"]
    )
    return stock_cars(3)


def make_buyer(email: str = "erika@example.org", language: str = "de", *, confirmed: bool = True):
    from autokauf.accounts.models import User

    return User.objects.create_user(
        email=email,
        password="a long passphrase 42",
        language=language,
        email_confirmed_at=clock.now() if confirmed else None,
    )


@pytest.fixture
def buyer(db):
    return make_buyer()


def checkout_data(**changes) -> CheckoutData:
    given = {
        "first_name": "Erika",
        "last_name": "Mustermann",
        "email": "erika@example.org",
        "phone": "+49 30 1234567",
        "street": "Heidestraße 17",
        "postcode": "51147",
        "city": "Köln",
        "date_of_birth": date(1984, 8, 12),
        "payment_method": "cash",
        "delivery": "dealer",
        "accept_terms": True,
        "accept_withdrawal_notice": True,
    }
    given.update(changes)
    return CheckoutData(**given)
