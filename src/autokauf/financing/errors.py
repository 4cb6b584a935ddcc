"""Refusals of the financing domain; each becomes a 422 problem in the API."""

from __future__ import annotations

from autokauf.core.errors import DomainError


class FinancingError(DomainError):
    code = "financing-invalid"
    title = "Financing request refused"
    status = 422


class TermOutOfRange(FinancingError):
    code = "term-out-of-range"
    title = "Term out of range"


class DownPaymentInvalid(FinancingError):
    code = "down-payment-invalid"
    title = "Down payment not possible"


class BalloonInvalid(FinancingError):
    code = "balloon-invalid"
    title = "Final instalment not possible"


class MileageInvalid(FinancingError):
    code = "mileage-invalid"
    title = "Yearly mileage not possible"


class PriceInvalid(FinancingError):
    code = "price-invalid"
    title = "Price not possible"


class UnknownProduct(FinancingError):
    code = "unknown-product"
    title = "Unknown financing product"


class InvalidFlows(FinancingError):
    code = "invalid-flows"
    title = "Cash flows without an APR"
