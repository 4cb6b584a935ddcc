"""API schemas of financing: offer requests and answers, APR flows."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

Amount = Annotated[Decimal, Field(max_digits=12, decimal_places=2)]


class OffersIn(Schema):
    price: Amount = Field(description="Total price of the car (PAngV), e.g. '35700.00'.")
    down_payment: Amount | None = Field(
        None, description="Down payment or lease Sonderzahlung; default 10 % of the price."
    )
    term_months: int = Field(description="loan 12-96, balloon 12-72, lease 12-60 months.")
    product: Literal["loan", "balloon", "lease"]
    balloon: Amount | None = Field(None, description="Balloon loans: the final instalment.")
    yearly_km: int | None = Field(None, description="Leasing: kilometres a year.")
    lease_kind: Literal["mileage", "residual_value"] = "mileage"
    risk_band: Literal["prime", "standard", "subprime"] = "standard"


class LenderOut(Schema):
    code: str
    name: str
    address: str


class ScheduleEntryOut(Schema):
    month: int = Field(description="0 = due at signing (fees).")
    payment: str
    interest: str
    principal: str
    balance: str


class OfferOut(Schema):
    lender: LenderOut
    product: str
    lease_kind: str | None
    price: str
    down_payment: str
    term_months: int
    monthly_payment: str
    number_of_payments: int
    nominal_rate: str = Field(description="Fixed borrowing rate, % a year.")
    apr: str = Field(description="Effektiver Jahreszins (EU method), %.")
    net_loan_amount: str
    total_amount_payable: str = Field(description="Sum of the schedule's payments.")
    total_cost_of_credit: str
    final_payment: str
    fees: str
    yearly_km: int | None
    excess_km_rate: str | None = Field(description="Leasing: € per excess km.")
    unused_km_rate: str | None = Field(description="Leasing: € refunded per unused km.")
    representative_example: str = Field(description="PAngV § 17, in the request's language.")
    schedule: list[ScheduleEntryOut]


class FlowIn(Schema):
    amount: Amount = Field(description="Positive = to the borrower, negative = from them.")
    date: datetime.date | None = None
    years: Decimal | None = Field(None, ge=0, le=100, description="Years from the first drawdown.")


class AprIn(Schema):
    flows: list[FlowIn] = Field(min_length=2, max_length=1200)


class AprOut(Schema):
    apr: str = Field(description="Per cent, rounded half-up to two decimals, e.g. '12.96'.")
