"""Pricing: the one Quote of a configuration, VAT, the Pkw-EnVKV label and the vehicle tax.

Everything here is pure (no ORM, no clock), so it is imported eagerly.
"""

from __future__ import annotations

from .errors import UnknownOption, UnknownTrim, UnsupportedCountry, VehicleTaxNotDetermined
from .formatting import format_money
from .price import price_configuration
from .quote import Co2Label, Quote, QuoteLine
from .rules import co2_class, gross_price, vat_rate_for, vehicle_tax_per_year

__all__ = [
    "Co2Label",
    "Quote",
    "QuoteLine",
    "UnknownOption",
    "UnknownTrim",
    "UnsupportedCountry",
    "VehicleTaxNotDetermined",
    "co2_class",
    "format_money",
    "gross_price",
    "price_configuration",
    "vat_rate_for",
    "vehicle_tax_per_year",
]
