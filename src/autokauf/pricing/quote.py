"""The Quote: everything a buyer must see about the price of one configured car.

A quote states the PAngV total price (net of all lines and the transfer costs, plus VAT) and the
Pkw-EnVKV figures (consumption, CO2 class, energy and CO2 costs, vehicle tax).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from autokauf.core.money import Money


def _text(value: Decimal | int | None) -> str | None:
    return None if value is None else str(value)


@dataclass(frozen=True)
class QuoteLine:
    """One line of the quote. An "included" line is an option a chosen package brings: it costs
    0.00 and names the package in `included_in`."""

    code: str
    kind: str  # "trim" | "option" | "package" | "included"
    name_de: str
    name_en: str
    net: Money
    included_in: str | None = None

    def name(self, language: str) -> str:
        return self.name_de if language.startswith("de") else self.name_en

    def to_dict(self, language: str) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "name": self.name(language),
            "net": self.net.as_str(),
            "included_in": self.included_in,
        }


@dataclass(frozen=True)
class Co2Label:
    """The Pkw-EnVKV figures of the chosen trim. The discharged-battery values are set for plug-in
    hybrids only. Energy costs are at 15,000 km a year; CO2 costs over ten years at the low, medium
    and high assumed CO2 price (`co2_prices_per_tonne`)."""

    co2_g_km: int
    co2_class: str
    co2_g_km_discharged: int | None
    co2_class_discharged: str | None
    consumption_l_100km: Decimal | None
    consumption_discharged_l_100km: Decimal | None
    energy_kwh_100km: Decimal | None
    electric_range_km: int | None
    energy_cost_per_year: Money
    co2_cost_10_years: dict[str, Money]
    energy_prices: dict[str, Decimal] = field(default_factory=dict)
    co2_prices_per_tonne: dict[str, Decimal] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "co2_g_km": self.co2_g_km,
            "co2_class": self.co2_class,
            "co2_g_km_discharged": self.co2_g_km_discharged,
            "co2_class_discharged": self.co2_class_discharged,
            "consumption_l_100km": _text(self.consumption_l_100km),
            "consumption_discharged_l_100km": _text(self.consumption_discharged_l_100km),
            "energy_kwh_100km": _text(self.energy_kwh_100km),
            "electric_range_km": self.electric_range_km,
            "energy_cost_per_year": self.energy_cost_per_year.as_str(),
            "co2_cost_10_years": {k: v.as_str() for k, v in self.co2_cost_10_years.items()},
            "energy_prices": {k: str(v) for k, v in self.energy_prices.items()},
            "co2_prices_per_tonne": {k: str(v) for k, v in self.co2_prices_per_tonne.items()},
        }


@dataclass(frozen=True)
class Quote:
    """The priced configuration. `total` is the PAngV total price: every line, the transfer costs
    and VAT. `options` are the chosen codes, sorted; included lines are not among them unless
    chosen too."""

    model_slug: str
    model_name: str
    trim_code: str
    trim_name: str
    options: tuple[str, ...]
    country: str
    currency: str
    lines: tuple[QuoteLine, ...]
    transfer_costs: Money
    net: Money
    vat_rate: Decimal
    vat: Money
    total: Money
    co2: Co2Label
    vehicle_tax_per_year: Money
    delivery_estimate: date
    revision: int

    def to_dict(self, language: str | None = None) -> dict[str, Any]:
        """The JSON shape of POST /api/v1/quotes; money as decimal strings with two places.
        Line names are in `language`, by default the active Django language (German if none)."""
        language = language or _active_language()
        return {
            "model": self.model_slug,
            "trim": self.trim_code,
            "options": list(self.options),
            "country": self.country,
            "currency": self.currency,
            "lines": [line.to_dict(language) for line in self.lines],
            "transfer_costs": self.transfer_costs.as_str(),
            "net": self.net.as_str(),
            "vat_rate": str(self.vat_rate),
            "vat": self.vat.as_str(),
            "total": self.total.as_str(),
            "co2_class": self.co2.co2_class,
            "co2_g_km": self.co2.co2_g_km,
            "co2": self.co2.to_dict(),
            "vehicle_tax_per_year": self.vehicle_tax_per_year.as_str(),
            "delivery_estimate": self.delivery_estimate.isoformat(),
            "revision": self.revision,
        }


def _active_language() -> str:
    from django.utils import translation

    return translation.get_language() or "de"
