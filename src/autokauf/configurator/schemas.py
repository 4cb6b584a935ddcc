"""API schemas of the configurator and the quote."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import ConfigDict, Field

Code = Annotated[str, Field(min_length=1, max_length=40)]


class ConfigurationIn(Schema):
    trim: Code = Field(description="Trim code, e.g. ASTA-15TSI.")
    options: list[Code] = Field(max_length=500, description="Option codes as chosen.")


class QuoteIn(ConfigurationIn):
    country: str = Field("DE", pattern=r"^[A-Z]{2}$", description="ISO 3166 country of sale.")


class ConflictOut(Schema):
    kind: str = Field(
        description="not-offered, requires, excludes, group-missing, "
        "group-too-many or unknown-option"
    )
    options: list[str]
    message: str = Field(description="In the request's language.")


class ResolutionOut(Schema):
    add: list[str]
    remove: list[str]
    options: list[str] = Field(description="The resulting valid configuration.")
    net_change: str = Field(description="Net price difference, e.g. '1490.00' or '-350.00'.")


class ValidationOut(Schema):
    valid: bool
    conflicts: list[ConflictOut]
    resolution: ResolutionOut | None


class QuoteLineOut(Schema):
    model_config = ConfigDict(extra="allow")
    code: str
    kind: str = Field(description="trim, option, package or included")
    name: str
    net: str
    included_in: str | None = None


class QuoteOut(Schema):
    """The one quote: net, VAT and total (PAngV total price), with the CO2 label."""

    model_config = ConfigDict(extra="allow")
    trim: str
    options: list[str]
    country: str
    currency: str
    lines: list[QuoteLineOut]
    transfer_costs: str
    net: str
    vat_rate: Any = Field(description="Per cent, e.g. 19.")
    vat: str
    total: str
    co2_class: str
    co2_g_km: int
    co2: dict[str, Any]
    vehicle_tax_per_year: str
    delivery_estimate: str = Field(description="ISO date.")


class SavedOut(Schema):
    code: str
    url: str
    quote: QuoteOut


class ChangeOut(Schema):
    kind: str = Field(description="price, option-withdrawn, trim-withdrawn, total or rule-changed")
    subject: str
    before: str | None
    after: str | None
    message: str


class ReopenedOut(Schema):
    code: str
    trim: str
    options: list[str]
    country: str
    quote: QuoteOut | None = Field(description="Today's quote; null if it can no longer be built.")
    saved_quote: QuoteOut
    changes: list[ChangeOut]
