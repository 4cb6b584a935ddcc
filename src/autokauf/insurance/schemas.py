"""API input of the insurance domain. Types are loose on purpose: the domain checks each field
and answers in the buyer's language."""

from __future__ import annotations

from datetime import date

from ninja import Schema


class ProfileIn(Schema):
    model: str | None = None  # catalogue model slug, e.g. "asta"
    postcode: str | None = None
    no_claims_class: int | None = None  # SF 0..35
    driver_age: int | None = None  # youngest driver
    yearly_km: int | None = None
    deductible_partial: int | None = None  # 0, 150, 300
    deductible_comprehensive: int | None = None  # 0, 300, 500, 1000
    garage: bool = False


class PolicyIn(ProfileIn):
    cover: str  # liability | partial | comprehensive
    starts_on: date | None = None
