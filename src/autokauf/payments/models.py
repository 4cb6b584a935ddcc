"""Payments as Autokauf records them, and the incoming webhooks it has seen."""

from __future__ import annotations

import uuid

from django.db import models

from autokauf.core.money import Money

from .adapters.sandbox.models import SandboxCharge, SandboxLedgerEntry, SandboxWebhook

__all__ = [
    "Payment",
    "Refund",
    "SandboxCharge",
    "SandboxLedgerEntry",
    "SandboxWebhook",
    "WebhookReceipt",
]


class PaymentStatus(models.TextChoices):
    CREATED = "created", "created"
    AUTHORIZED = "authorized", "authorized"
    CAPTURED = "captured", "captured"
    DECLINED = "declined", "declined"
    FAILED = "failed", "failed"
    REFUNDED = "refunded", "refunded"
    PARTIALLY_REFUNDED = "partially_refunded", "partially refunded"
    CANCELLED = "cancelled", "cancelled"


# A payment for a reference that may still take or hold the buyer's money.
LIVE_STATUSES = (
    PaymentStatus.CREATED,
    PaymentStatus.AUTHORIZED,
    PaymentStatus.CAPTURED,
    PaymentStatus.PARTIALLY_REFUNDED,
)


class Payment(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    reference = models.CharField(max_length=64, db_index=True)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    description = models.CharField(max_length=200)
    customer_email = models.EmailField()
    return_url = models.URLField(max_length=500)
    status = models.CharField(
        max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.CREATED
    )
    provider = models.CharField(max_length=30)
    provider_payment_id = models.CharField(max_length=100, blank=True, default="", db_index=True)
    redirect_url = models.CharField(max_length=500, blank=True, default="")
    captured_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    refunded_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    captured_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reference"],
                condition=models.Q(status__in=LIVE_STATUSES),
                name="payments_one_live_payment_per_reference",
            ),
            models.CheckConstraint(
                condition=models.Q(refunded_amount__lte=models.F("captured_amount")),
                name="payments_refunds_within_captured",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.amount} {self.currency} ({self.status})"

    @property
    def money(self) -> Money:
        return Money.of(self.amount, self.currency)

    @property
    def refundable(self) -> Money:
        return Money.of(self.captured_amount - self.refunded_amount, self.currency)


class Refund(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    payment = models.ForeignKey(Payment, on_delete=models.PROTECT, related_name="refunds")
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    reason = models.CharField(max_length=200)
    provider_refund_id = models.CharField(max_length=100)
    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"refund {self.amount} {self.currency} of {self.payment_id}"


class WebhookReceipt(models.Model):
    """A webhook message taken in; its id is accepted once (Standard Webhooks `webhook-id`)."""

    provider = models.CharField(max_length=30)
    webhook_id = models.CharField(max_length=100)
    event_type = models.CharField(max_length=60)
    payload = models.JSONField()
    received_at = models.DateTimeField()
    outcome = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "webhook_id"], name="payments_webhook_taken_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.provider} {self.webhook_id} {self.event_type}"
