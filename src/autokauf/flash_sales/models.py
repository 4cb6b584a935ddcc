"""Drops: a fixed set of cars on sale at one moment, the waiting room and the claims."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .rules import DEFAULT_ADMISSIONS_PER_SECOND


class Drop(models.Model):
    """A flash sale: these cars (or build slots), this price, from `starts_at` to `ends_at`."""

    name = models.CharField(_("name"), max_length=120)
    price = models.DecimalField(_("price"), max_digits=12, decimal_places=2)
    currency = models.CharField(max_length=3, default="EUR")
    configuration_code = models.CharField(
        _("configuration code"), max_length=8, blank=True, help_text=_("For build slots only.")
    )
    waiting_room_opens_at = models.DateTimeField(_("waiting room opens at"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    per_buyer_limit = models.PositiveSmallIntegerField(_("cars per buyer"), default=1)
    prequalification_required = models.BooleanField(
        _("pre-qualified credit check required"), default=False
    )
    countries = models.JSONField(
        _("countries"), default=list, blank=True, help_text=_("Empty: every country.")
    )
    payment_window_minutes = models.PositiveSmallIntegerField(_("payment window"), default=10)
    admissions_per_second = models.PositiveIntegerField(
        _("admissions per second"),
        default=DEFAULT_ADMISSIONS_PER_SECOND,
        validators=[MinValueValidator(1)],
        help_text=_("Further places of the waiting room admitted each second after the start."),
    )
    cars_total = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    order_fixed_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(waiting_room_opens_at__lte=models.F("starts_at"))
                & Q(starts_at__lt=models.F("ends_at")),
                name="drop_times_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class DropCar(models.Model):
    """One car (a VIN) or one build slot of a drop; the row a claim takes (invariant 2)."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("available")
        HELD = "held", _("held")
        SOLD = "sold", _("sold")
        WITHDRAWN = "withdrawn", _("withdrawn")

    drop = models.ForeignKey(Drop, on_delete=models.CASCADE, related_name="cars")
    vin = models.CharField("VIN", max_length=17, null=True, blank=True)
    slot = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.AVAILABLE)
    held_until = models.DateTimeField(null=True, blank=True)
    claim_id = models.UUIDField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["drop", "vin"], name="drop_car_vin_once"),
            models.UniqueConstraint(fields=["drop", "slot"], name="drop_car_slot_once"),
        ]
        indexes = [models.Index(fields=["drop", "status", "held_until"], name="drop_car_free")]

    def __str__(self) -> str:
        return self.vin or f"slot {self.slot}"


class DropEntry(models.Model):
    """A buyer in the waiting room: their ticket, their place, their current claim."""

    drop = models.ForeignKey(Drop, on_delete=models.CASCADE, related_name="entries")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    joined_at = models.DateTimeField()
    ticket = models.BigIntegerField(help_text=_("Random draw deciding the order at the start."))
    position = models.PositiveIntegerField(null=True, blank=True)
    admitted_at = models.DateTimeField(null=True, blank=True)
    active_claim_id = models.UUIDField(null=True, blank=True)
    active_until = models.DateTimeField(null=True, blank=True)
    cars_bought = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["drop", "buyer"], name="drop_entry_once"),
        ]
        indexes = [models.Index(fields=["drop", "position"], name="drop_entry_position")]

    def __str__(self) -> str:
        return f"{self.buyer_id} #{self.position}"


class DropClaim(models.Model):
    """A buyer's claim of one car of a drop, held for the payment window."""

    class Status(models.TextChoices):
        HELD = "held", _("held")
        PAID = "paid", _("paid")
        EXPIRED = "expired", _("expired")
        CANCELLED = "cancelled", _("cancelled")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    drop = models.ForeignKey(Drop, on_delete=models.CASCADE, related_name="claims")
    buyer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", db_index=False
    )
    car = models.ForeignKey(DropCar, on_delete=models.CASCADE, related_name="claims")
    vin = models.CharField("VIN", max_length=17, null=True, blank=True)
    slot = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    order_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["drop", "buyer", "-created_at"], name="drop_claim_buyer"),
            models.Index(fields=["drop", "status", "expires_at"], name="drop_claim_status"),
            models.Index(fields=["order_id"], name="drop_claim_order"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["car"], condition=Q(status="paid"), name="drop_car_paid_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vin or self.slot} for {self.buyer_id}"
