"""Insurance policies taken out with the built-in insurer."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from autokauf.core import clock


def money(**options: Any) -> models.DecimalField:
    """An amount in EUR with cents."""
    return models.DecimalField(max_digits=10, decimal_places=2, **options)


EVB_PATTERN = r"^[A-HJ-NP-Z2-9]{7}$"


class Cover(models.TextChoices):
    LIABILITY = "liability", _("Liability")
    PARTIAL = "partial", _("Partial cover (Teilkasko)")
    COMPREHENSIVE = "comprehensive", _("Comprehensive cover (Vollkasko)")


class Policy(models.Model):
    """A policy with the premium as rated when it was taken, and its eVB number."""

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="insurance_policies"
    )
    cover = models.CharField(max_length=16, choices=Cover.choices)
    model_slug = models.CharField(max_length=50)
    postcode = models.CharField(max_length=5)
    profile = models.JSONField()
    quote = models.JSONField(help_text=_("The quote with every factor, as the buyer saw it."))
    net_yearly = money()
    insurance_tax_yearly = money()
    yearly_premium = money()
    monthly_premium = money()
    evb_number = models.CharField(
        _("eVB number"),
        max_length=7,
        unique=True,
        validators=[RegexValidator(EVB_PATTERN)],
        help_text=_("Electronic insurance confirmation for the registration office."),
    )
    starts_on = models.DateField()
    order_reference = models.CharField(
        max_length=20,
        blank=True,
        help_text=_("The number of the order the insured car belongs to."),
    )
    created_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = _("policies")

    def __str__(self) -> str:
        return f"{self.evb_number} {self.cover} {self.model_slug}"
