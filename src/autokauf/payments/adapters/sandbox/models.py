"""The sandbox provider's own books: its charges, a double-entry ledger and outgoing webhooks."""

from __future__ import annotations

from django.db import models


class ChargeStatus(models.TextChoices):
    PENDING = "pending", "pending"
    AUTHORISED = "authorised", "authorised"
    DECLINED = "declined", "declined"
    CAPTURED = "captured", "captured"
    PARTIALLY_REFUNDED = "partially_refunded", "partially refunded"
    REFUNDED = "refunded", "refunded"
    CANCELLED = "cancelled", "cancelled"


class SandboxCharge(models.Model):
    id = models.CharField(primary_key=True, max_length=40)
    merchant_payment_id = models.CharField(max_length=64)
    merchant_reference = models.CharField(max_length=64)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3)
    description = models.CharField(max_length=200)
    customer_email = models.EmailField()
    return_url = models.CharField(max_length=500)
    status = models.CharField(
        max_length=20, choices=ChargeStatus.choices, default=ChargeStatus.PENDING
    )
    instrument = models.CharField(max_length=30, blank=True, default="")
    decline_reason = models.CharField(max_length=60, blank=True, default="")
    captured_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    refunded_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()

    class Meta:
        app_label = "payments"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(refunded_amount__lte=models.F("captured_amount"))
                & models.Q(captured_amount__lte=models.F("amount")),
                name="sandbox_charge_within_amount",
            )
        ]

    def __str__(self) -> str:
        return f"{self.id} {self.amount} {self.currency} ({self.status})"


class LedgerAccount(models.TextChoices):
    CUSTOMER = "customer", "customer's instrument"
    HOLD = "hold", "authorisation hold"
    MERCHANT = "merchant", "merchant balance"


class SandboxLedgerEntry(models.Model):
    """One leg of a journal; the legs of a journal sum to zero (double entry)."""

    charge = models.ForeignKey(SandboxCharge, on_delete=models.PROTECT, related_name="entries")
    journal = models.UUIDField()
    kind = models.CharField(max_length=20)  # authorisation | capture | release | refund
    account = models.CharField(max_length=20, choices=LedgerAccount.choices)
    amount = models.DecimalField(max_digits=12, decimal_places=2)
    created_at = models.DateTimeField()

    class Meta:
        app_label = "payments"
        indexes = [models.Index(fields=["journal"], name="sandbox_ledger_journal")]

    def __str__(self) -> str:
        return f"{self.kind} {self.account} {self.amount}"


class SandboxWebhook(models.Model):
    """A message the sandbox sends to the merchant; `copies` > 1 sends the same id again."""

    id = models.CharField(primary_key=True, max_length=40)
    charge = models.ForeignKey(SandboxCharge, on_delete=models.CASCADE, related_name="webhooks")
    event_type = models.CharField(max_length=40)
    body = models.TextField()
    deliver_after = models.DateTimeField()
    copies = models.PositiveSmallIntegerField(default=1)
    deliveries = models.PositiveIntegerField(default=0)
    last_response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        app_label = "payments"

    def __str__(self) -> str:
        return f"{self.id} {self.event_type}"
