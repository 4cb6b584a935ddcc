"""API shapes of drops, places and claims."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from ninja import Field, Schema


class DropOut(Schema):
    id: int
    name: str
    status: str
    remaining: int
    cars_total: int
    waiting_room_opens_at: datetime
    starts_at: datetime
    ends_at: datetime
    price: str
    currency: str
    per_buyer_limit: int
    payment_window_minutes: int
    admissions_per_second: int
    server_time: datetime


class PlaceOut(Schema):
    position: int | None
    admitted: bool
    estimated_wait_seconds: float | None = Field(
        description=(
            "Seconds until the buyer may claim, rounded up to a tenth of a second (e.g. 0.1,"
            " 2.3); before the start the time until the draw. Zero once admitted after the"
            " start; null when the caller has not joined."
        )
    )


class ClaimOut(Schema):
    id: UUID
    drop: int
    vin: str | None
    slot: int | None
    status: str
    expires_at: datetime
    payment_url: str


class PayIn(Schema):
    first_name: str
    last_name: str
    email: str
    phone: str
    street: str
    postcode: str
    city: str
    date_of_birth: date
    payment_method: str = "cash"
    financing_offer: dict[str, Any] | None = None
    delivery: str = "dealer"
    dealer_code: str = ""
    accept_terms: bool = False
    accept_withdrawal_notice: bool = False


class PaymentOut(Schema):
    claim: ClaimOut
    order: UUID
    order_number: str
    payment_url: str | None
