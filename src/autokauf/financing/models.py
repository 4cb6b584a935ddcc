"""Lenders and their rate sheets, edited in the back office."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import models
from django.db.models import F, Q

from . import limits

PRODUCT_CHOICES = [(p, p) for p in limits.PRODUCTS]
RISK_BAND_CHOICES = [(b, b) for b in limits.RISK_BANDS]


class RateSheetRevision(models.Model):
    """One row (pk 1): bumped on every write to lenders and rate sheets, so that a process can
    keep the rate sheets in memory and see in one tiny read whether they are still current.
    `token` is new on every bump: a number reused after a rolled-back bump differs in token."""

    number = models.BigIntegerField(default=0)
    token = models.CharField(max_length=32, blank=True)

    def __str__(self) -> str:
        return f"rate sheets revision {self.number}"


class RevisedQuerySet(models.QuerySet[Any]):
    """Bulk writes skip the model signals; these bump the revision themselves."""

    def update(self, **kwargs: Any) -> int:
        changed = super().update(**kwargs)
        _bump()
        return changed

    def bulk_create(self, *args: Any, **kwargs: Any) -> list[Any]:
        created = super().bulk_create(*args, **kwargs)
        _bump()
        return created

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        changed = super().bulk_update(*args, **kwargs)
        _bump()
        return changed

    def delete(self) -> tuple[int, dict[str, int]]:
        deleted = super().delete()
        _bump()
        return deleted


def _bump() -> None:
    from .revision import bump

    bump()


class Lender(models.Model):
    code = models.SlugField(max_length=30, unique=True)
    name = models.CharField(max_length=200)
    address = models.CharField(max_length=300, help_text="Postal address, shown in every offer.")
    active = models.BooleanField(default=True)

    objects = RevisedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class RateSheetRow(models.Model):
    """One line of a lender's rate sheet: the conditions for a product, a term range, a minimum
    down payment and a risk band."""

    lender = models.ForeignKey(Lender, on_delete=models.CASCADE, related_name="rate_rows")
    product = models.CharField(max_length=10, choices=PRODUCT_CHOICES)
    risk_band = models.CharField(max_length=10, choices=RISK_BAND_CHOICES, default="standard")
    term_min = models.PositiveSmallIntegerField()
    term_max = models.PositiveSmallIntegerField()
    down_payment_min_percent = models.DecimalField(max_digits=5, decimal_places=2, default=0)
    nominal_rate = models.DecimalField(
        max_digits=5, decimal_places=2, help_text="Fixed borrowing rate, % a year."
    )
    arrangement_fee = models.DecimalField(max_digits=10, decimal_places=2, default=Decimal(0))
    monthly_fee = models.DecimalField(max_digits=8, decimal_places=2, default=Decimal(0))
    max_financed_amount = models.DecimalField(max_digits=12, decimal_places=2)
    max_balloon_percent = models.DecimalField(
        max_digits=5, decimal_places=2, default=0, help_text="Balloon loans: % of the price."
    )
    residual_percent_by_term = models.JSONField(
        default=dict,
        blank=True,
        help_text="Leasing: residual value in % of the price per term at 15,000 km a year, "
        'e.g. {"24": "62", "36": "54", "48": "47"}.',
    )
    excess_km_rate = models.DecimalField(
        max_digits=6, decimal_places=4, default=0, help_text="Leasing: € per excess km."
    )
    unused_km_rate = models.DecimalField(
        max_digits=6, decimal_places=4, default=0, help_text="Leasing: € refunded per unused km."
    )

    objects = RevisedQuerySet.as_manager()

    class Meta:
        ordering = ["lender", "product", "risk_band", "term_min"]
        indexes = [models.Index(fields=["product", "risk_band"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_min__lte=F("term_max")), name="rate_row_term_range"
            ),
            models.CheckConstraint(condition=Q(nominal_rate__gte=0), name="rate_row_rate"),
        ]

    def __str__(self) -> str:
        return f"{self.lender.code} {self.product} {self.term_min}-{self.term_max} {self.risk_band}"

    def residual_table(self) -> dict[int, Decimal]:
        return {int(term): Decimal(str(p)) for term, p in self.residual_percent_by_term.items()}
