"""API schemas of accounts."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import Field


class SignUpIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)
    language: str = Field(default="de", pattern="^(de|en)$")


class AcceptedOut(Schema):
    detail: str


class LoginIn(Schema):
    email: str = Field(max_length=254)
    password: str = Field(max_length=256)
    code: str = Field(default="", max_length=12, description="TOTP code, when one is set up")


class ProfileOut(Schema):
    id: int
    email: str
    email_confirmed: bool
    role: str
    first_name: str
    last_name: str
    phone: str
    date_of_birth: date | None
    street: str
    postcode: str
    city: str
    country: str
    language: str
    second_factor: bool
    dealer: str | None = None


class ProfileIn(Schema):
    first_name: str | None = Field(default=None, max_length=150)
    last_name: str | None = Field(default=None, max_length=150)
    phone: str | None = Field(default=None, max_length=32)
    date_of_birth: date | None = None
    street: str | None = Field(default=None, max_length=120)
    postcode: str | None = Field(default=None, max_length=10)
    city: str | None = Field(default=None, max_length=80)
    country: str | None = Field(default=None, pattern="^[A-Z]{2}$")
    language: str | None = Field(default=None, pattern="^(de|en)$")


class EmailChangeIn(Schema):
    password: str = Field(max_length=256)
    new_email: str = Field(max_length=254)


class ConsentOut(Schema):
    purpose: str
    text: str
    current_version: str
    standing: bool
    given_version: str | None
    given_at: datetime | None
    outdated: bool


class ConsentRecordOut(Schema):
    purpose: str
    text_version: str
    given_at: datetime
    withdrawn_at: datetime | None


class ConsentIn(Schema):
    purpose: str = Field(max_length=40)


class TokenIn(Schema):
    name: str = Field(max_length=80)


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class NewTokenOut(TokenOut):
    token: str = Field(description="Shown once; only its digest is stored.")
