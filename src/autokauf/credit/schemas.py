"""API input of the credit domain. Types are loose on purpose: the domain's validation checks each
field and answers in the buyer's language (German and English)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Schema


class OfferIn(Schema):
    lender_code: str | None = None
    product: str | None = None  # loan | balloon | lease
    amount: Decimal | None = None  # net loan amount, EUR
    term_months: int | None = None
    monthly_payment: Decimal | None = None
    nominal_rate: Decimal | None = None  # percent a year
    final_payment: Decimal | None = None


class EmploymentIn(Schema):
    status: str | None = None
    employer: str | None = None
    since: date | None = None


class IdentityIn(Schema):
    first_name: str | None = None
    last_name: str | None = None
    date_of_birth: date | None = None
    nationality: str | None = None  # ISO 3166 alpha-2


class AddressIn(Schema):
    street: str | None = None
    postcode: str | None = None
    city: str | None = None
    country: str | None = None
    since: date | None = None


class HouseholdFields(Schema):
    net_monthly_income: Decimal | None = None
    housing_costs: Decimal | None = None
    existing_instalments: Decimal | None = None
    dependants: int | None = None
    household_adults: int | None = None


class PrequalificationIn(HouseholdFields):
    consent_version: str | None = None
    offer: OfferIn = OfferIn()
    date_of_birth: date | None = None
    employment: EmploymentIn = EmploymentIn()
    address_since: date | None = None


class ApplicationIn(HouseholdFields):
    consent_version: str | None = None
    offer: OfferIn = OfferIn()
    identity: IdentityIn = IdentityIn()
    addresses: list[AddressIn] = []
    employment: EmploymentIn = EmploymentIn()
    iban: str | None = None


class ReviewRequestIn(Schema):
    statement: str = ""
