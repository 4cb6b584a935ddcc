"""Refusals of the payments domain."""

from __future__ import annotations

from autokauf.core.errors import DomainError, NotFound


class PaymentNotFound(NotFound):
    code = "payment-not-found"
    title = "Payment not found"


class InvalidPaymentAmount(DomainError):
    code = "invalid-payment-amount"
    title = "Invalid payment amount"
    status = 422


class PaymentAlreadyMade(DomainError):
    code = "payment-already-made"
    title = "A payment for this reference already holds money"
    status = 409


class PaymentNotCapturable(DomainError):
    code = "payment-not-capturable"
    title = "Payment cannot be captured"
    status = 409


class PaymentNotCancellable(DomainError):
    code = "payment-not-cancellable"
    title = "Payment cannot be cancelled, its money was taken"
    status = 409


class RefundNotAllowed(DomainError):
    code = "refund-not-allowed"
    title = "Payment cannot be refunded"
    status = 409


class RefundExceedsCaptured(DomainError):
    code = "refund-exceeds-captured"
    title = "Refund exceeds the captured amount"
    status = 422


class WebhookRejected(DomainError):
    code = "webhook-rejected"
    title = "Webhook rejected"
    status = 400
