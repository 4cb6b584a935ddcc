"""Holds (the buyer's handle on a reserved car), orders and the record of every status move."""

from __future__ import annotations

import uuid
from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from . import rules
from .rules import STATUSES


class Hold(models.Model):
    """A buyer's reservation of one car. The vehicle row is the truth; this is the handle."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="holds"
    )
    vin = models.CharField("VIN", max_length=17)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    released_at = models.DateTimeField(null=True, blank=True)
    extended_count = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["buyer", "expires_at"], name="hold_buyer_expires")]

    def __str__(self) -> str:
        return f"{self.vin} for {self.buyer_id}"


class Order(models.Model):
    """A purchase: the frozen Quote, how it is paid and delivered, and where it stands."""

    class Status(models.TextChoices):
        PLACED = "placed", _("placed")
        CONFIRMED = "confirmed", _("confirmed")
        ALLOCATED = "allocated", _("allocated")
        IN_PRODUCTION = "in_production", _("in production")
        IN_TRANSIT = "in_transit", _("in transit")
        READY_FOR_HANDOVER = "ready_for_handover", _("ready for handover")
        HANDED_OVER = "handed_over", _("handed over")
        CANCELLED = "cancelled", _("cancelled")
        WITHDRAWN = "withdrawn", _("withdrawn")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    number = models.CharField(max_length=20, unique=True)
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="orders"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    dealer = models.ForeignKey(
        "dealers.Dealer", on_delete=models.PROTECT, null=True, blank=True, related_name="orders"
    )
    hold = models.OneToOneField(
        Hold, on_delete=models.SET_NULL, null=True, blank=True, related_name="order"
    )
    configuration_code = models.CharField(max_length=8, blank=True)
    vin = models.CharField("VIN", max_length=17, null=True, blank=True)
    trim_code = models.CharField(max_length=40)
    options = models.JSONField(default=list)
    quote = models.JSONField(help_text=_("The Quote as frozen when the order was placed."))
    total = models.DecimalField(max_digits=12, decimal_places=2)
    down_payment = models.DecimalField(max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    payment_method = models.CharField(max_length=10)
    financing = models.JSONField(null=True, blank=True)
    delivery = models.CharField(max_length=10)
    customer = models.JSONField(help_text=_("Name, address and contact as given at checkout."))
    language = models.CharField(max_length=2, default="de")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PLACED)
    payment_id = models.UUIDField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    # Until when a placed order waits for its down payment; after that it lapses (cancelled).
    pay_by = models.DateTimeField(null=True, blank=True)
    # When the buyer accepted the terms and the withdrawal notice: at checkout, or for an order
    # staff placed on their behalf, when they open its down payment.
    terms_accepted_at = models.DateTimeField(null=True, blank=True)
    handed_over_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=STATUSES), name="order_status_known"),
            models.UniqueConstraint(
                fields=["vin"],
                condition=Q(vin__isnull=False) & ~Q(status__in=["cancelled", "withdrawn"]),
                name="one_live_order_per_vin",
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at", "id"], name="order_recent"),
            models.Index(fields=["status", "-created_at"], name="order_status_recent"),
            models.Index(fields=["dealer", "-created_at"], name="order_dealer_recent"),
            models.Index(fields=["buyer", "-created_at"], name="order_buyer_recent"),
            models.Index(fields=["payment_id"], name="order_payment"),
            models.Index(fields=["vin"], name="order_vin"),
            models.Index(
                fields=["pay_by"],
                condition=Q(status="placed", paid_at__isnull=True),
                name="order_unpaid_pay_by",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def waits_for_payment(self) -> bool:
        return rules.waits_for_payment(self.status, self.paid_at)

    def is_payment_overdue(self, now: datetime) -> bool:
        return rules.payment_overdue(
            status=self.status, paid_at=self.paid_at, pay_by=self.pay_by, now=now
        )


class OrderEvent(models.Model):
    """One move of an order: from where to where, who made it, when and why."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_text = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField()
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["order", "at"], name="order_event_at")]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"


class OrderNumber(models.Model):
    """Order numbers are drawn from this table's auto-increment: unique without a lock."""

    created_at = models.DateTimeField()

    def __str__(self) -> str:
        return str(self.pk)
