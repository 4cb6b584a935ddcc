"""Why a configuration cannot be priced."""

from __future__ import annotations

from autokauf.core.errors import DomainError, NotFound


class UnknownOption(DomainError):
    """An option code the model does not have, or one the chosen trim does not offer."""

    code = "unknown-option"
    title = "Unknown option"
    status = 422


class UnknownTrim(NotFound):
    """A trim code that is not part of the model being priced."""

    code = "unknown-trim"
    title = "Unknown trim"


class UnsupportedCountry(DomainError):
    """A country we have no VAT rate for, so no total price can be stated."""

    code = "unsupported-country"
    title = "Country not supported"
    status = 422


class VehicleTaxNotDetermined(DomainError):
    """The vehicle tax cannot be computed from the data we hold (see rules.vehicle_tax_per_year)."""

    code = "vehicle-tax-not-determined"
    title = "Vehicle tax cannot be determined"
    status = 422
