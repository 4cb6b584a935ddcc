"""Back office for lenders and their rate sheets (/backoffice/)."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.contrib import admin
from django.db import transaction
from unfold.admin import ModelAdmin, TabularInline

from .models import Lender, RateSheetRow
from .services import announce_rates_changed

auditlog.register(Lender)
auditlog.register(RateSheetRow)


class RateSheetRowInline(TabularInline):
    model = RateSheetRow
    extra = 0
    fields = (
        "product",
        "risk_band",
        "term_min",
        "term_max",
        "down_payment_min_percent",
        "nominal_rate",
        "arrangement_fee",
        "monthly_fee",
        "max_financed_amount",
        "max_balloon_percent",
        "residual_percent_by_term",
        "excess_km_rate",
        "unused_km_rate",
    )


@admin.register(Lender)
class LenderAdmin(ModelAdmin):
    list_display = ("code", "name", "address", "active")
    list_filter = ("active",)
    search_fields = ("code", "name")
    inlines = [RateSheetRowInline]

    def save_related(self, request: Any, form: Any, formsets: Any, change: bool) -> None:
        # The admin runs this inside the transaction of the whole change form.
        super().save_related(request, form, formsets, change)
        announce_rates_changed()

    def delete_model(self, request: Any, obj: Lender) -> None:
        with transaction.atomic():
            super().delete_model(request, obj)
            announce_rates_changed()

    def delete_queryset(self, request: Any, queryset: Any) -> None:
        with transaction.atomic():
            super().delete_queryset(request, queryset)
            announce_rates_changed()
