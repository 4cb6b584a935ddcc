"""Back office for lenders and their rate sheets (/backoffice/)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.contrib import admin
from unfold.admin import ModelAdmin, TabularInline

from .models import Lender, RateSheetRow

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
