"""API input and output of checkout."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Schema


class ReservationIn(Schema):
    vin: str


class ReservationOut(Schema):
    id: UUID
    vin: str
    expires_at: datetime


class OrderIn(Schema):
    reservation: UUID | None = None
    configuration: str | None = None
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    date_of_birth: date | None = None
    payment_method: str = "cash"
    financing_offer: dict[str, Any] | None = None
    delivery: str = "dealer"
    dealer_code: str = ""
    accept_terms: bool = False
    accept_withdrawal_notice: bool = False


class OrderOut(Schema):
    id: UUID
    number: str
    status: str
    vin: str | None
    trim: str
    options: list[str]
    quote: dict[str, Any]
    total: str
    down_payment: str
    payment_method: str
    delivery: str
    payment_url: str | None
    pay_by: datetime | None
    created_at: datetime


class CancelIn(Schema):
    reason: str = ""


class PayIn(Schema):
    """The buyer's acceptances, asked for an order staff placed on their behalf."""

    accept_terms: bool = False
    accept_withdrawal_notice: bool = False
