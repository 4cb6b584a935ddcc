"""Back office for drops: schedule (through services.schedule_drop), watch live, read the report."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.utils.html import format_html_join
from unfold.admin import ModelAdmin, TabularInline

from . import selectors
from .models import Drop, DropCar, DropClaim


class DropCarInline(TabularInline):
    model = DropCar
    fields = ("vin", "slot", "status", "held_until")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Drop)
class DropAdmin(ModelAdmin):
    list_display = ("name", "starts_at", "ends_at", "cars_total", "price")
    readonly_fields = ("cars_total", "order_fixed_at", "live")
    inlines = [DropCarInline]

    @admin.display(description="Live (joined, admitted, claimed, paid, expired, claims/s)")
    def live(self, drop: Drop) -> Any:
        if drop.pk is None:
            return "-"
        figures = selectors.live_figures(drop)
        return format_html_join(" · ", "{}: {}", figures.items())

    def has_add_permission(self, request: Any) -> bool:
        # A drop must take its cars out of the stock: it is scheduled through the service.
        return False


@admin.register(DropClaim)
class DropClaimAdmin(ModelAdmin):
    list_display = ("drop", "buyer", "vin", "status", "created_at", "expires_at", "paid_at")
    list_filter = ("status", "drop")
    readonly_fields = [f.name for f in DropClaim._meta.fields]
