"""API input of the stock locator."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ninja import Field, Schema


class VehicleQuery(Schema):
    """Query of GET /api/v1/vehicles. A dimension takes several values, repeated or comma-separated;
    `options` means "has every one of these"."""

    brand: list[str] = Field(default_factory=list)
    model: list[str] = Field(default_factory=list)
    trim: list[str] = Field(default_factory=list)
    fuel: list[str] = Field(default_factory=list)
    paint: list[str] = Field(default_factory=list)
    options: list[str] = Field(default_factory=list)
    price_min: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    price_max: Decimal | None = Field(None, ge=0, max_digits=12, decimal_places=2)
    rate_min: Decimal | None = Field(
        None, ge=0, max_digits=10, decimal_places=2, description='The "from x € a month" rate'
    )
    rate_max: Decimal | None = Field(None, ge=0, max_digits=10, decimal_places=2)
    near: str | None = Field(None, max_length=60, description='German postcode or "lat,lon"')
    radius_km: float | None = Field(None, gt=0, le=1000)
    available_by: date | None = None
    sort: str = Field("price", pattern="^(price|distance|availability)$")
    cursor: str | None = Field(None, max_length=500)
    limit: int = Field(20, ge=1, le=100)
    facets: bool = True


class VehicleDetailQuery(Schema):
    near: str | None = Field(None, max_length=60, description='German postcode or "lat,lon"')
