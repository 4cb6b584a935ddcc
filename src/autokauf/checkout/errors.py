"""Refusals of checkout; the API answers each as problem+json."""

from __future__ import annotations

from autokauf.core.errors import DomainError, NotFound


class VehicleNotAvailable(DomainError):
    code = "vehicle-not-available"
    title = "The car is not available"
    status = 409


class TooManyHolds(DomainError):
    code = "too-many-holds"
    title = "Too many cars reserved"
    status = 409


class HoldExpired(DomainError):
    code = "hold-expired"
    title = "The reservation has run out"
    status = 409


class HoldCapReached(DomainError):
    code = "hold-cap-reached"
    title = "The reservation cannot be extended further"
    status = 409


class HoldOrdered(DomainError):
    code = "hold-ordered"
    title = "The reserved car is ordered"
    status = 409


class UnknownHold(NotFound):
    code = "unknown-reservation"
    title = "No such reservation"


class UnknownOrder(NotFound):
    code = "unknown-order"
    title = "No such order"


class CheckoutInvalid(DomainError):
    """The checkout data has problems; `extra["fields"]` maps each field to its message."""

    code = "checkout-invalid"
    title = "The checkout data is incomplete or wrong"
    status = 422


class IllegalOrderMove(DomainError):
    code = "illegal-order-move"
    title = "The order cannot move there"
    status = 409


class WithdrawalPeriodOver(DomainError):
    code = "withdrawal-period-over"
    title = "The 14-day withdrawal period is over"
    status = 409


class VinNotAllocatable(DomainError):
    code = "vin-not-allocatable"
    title = "This car cannot be allocated to the order"
    status = 409


class DownPaymentNotDue(DomainError):
    code = "down-payment-not-due"
    title = "The order does not wait for its down payment"
    status = 409


class PaymentDeadlinePassed(DomainError):
    code = "payment-deadline-passed"
    title = "The time to pay the down payment is over"
    status = 409


class PaymentStillOpen(DomainError):
    """`extra["payment_url"]` is the page where the open payment is made."""

    code = "payment-still-open"
    title = "The down payment's page is still open"
    status = 409
