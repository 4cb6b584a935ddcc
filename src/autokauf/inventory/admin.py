"""Back office for stock: places, cars (fast with 100,000: no query per row), their history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path
from unfold.admin import ModelAdmin, TabularInline

from autokauf.core import clock
from autokauf.core.errors import DomainError

from . import rules, services
from .errors import StockFileInvalid
from .models import Location, Vehicle, VehicleEvent
from .stock_file import export_stock_csv, import_stock_csv


class StockUploadForm(forms.Form):
    file = forms.FileField(label="Stock CSV file")


@admin.register(Location)
class LocationAdmin(ModelAdmin):
    list_display = ("code", "name", "kind", "postcode", "city", "bays")
    list_filter = ("kind",)
    search_fields = ("code", "name", "city", "postcode")
    ordering = ("code",)


class VehicleEventInline(TabularInline):
    model = VehicleEvent
    extra = 0
    can_delete = False
    fields = ("at", "from_status", "to_status", "actor", "actor_text", "reason")
    readonly_fields = fields
    ordering = ("-at", "-id")

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


def _move_action(to_status: str, reason: str, label: str) -> Callable[..., None]:
    def move(modeladmin: VehicleAdmin, request: HttpRequest, queryset: QuerySet[Vehicle]) -> None:
        moved, refused = 0, []
        for vin in queryset.values_list("vin", flat=True).iterator():
            try:
                services.move_vehicle(
                    vin=vin, to_status=to_status, actor=request.user, reason=reason
                )
                moved += 1
            except DomainError as exc:
                refused.append(f"{vin}: {exc.detail}")
        if moved:
            modeladmin.message_user(
                request, f"{moved} vehicle(s) now {rules.STATUS_WORDS[to_status]}."
            )
        for line in refused[:20]:
            modeladmin.message_user(request, line, level=messages.WARNING)
        if len(refused) > 20:
            modeladmin.message_user(
                request, f"... and {len(refused) - 20} more refused.", messages.WARNING
            )

    move.__name__ = f"move_to_{to_status}" + (f"_{reason}" if to_status == rules.BLOCKED else "")
    return admin.action(description=label)(move)


MOVE_ACTIONS = [
    _move_action("in_transit", "", "Move to: in transit"),
    _move_action("in_stock", "", "Move to: in stock"),
    _move_action("reserved", "back office", "Move to: reserved"),
    _move_action("sold", "", "Move to: sold"),
    _move_action("handed_over", "", "Move to: handed over"),
    _move_action("blocked", "damage", "Block: damage"),
    _move_action("blocked", "recall", "Block: recall"),
]


@admin.register(Vehicle)
class VehicleAdmin(ModelAdmin):
    list_display = (
        "vin",
        "trim_id",
        "paint_code",
        "status",
        "condition",
        "location",
        "bay",
        "price_total",
        "available_from",
    )
    list_select_related = ("location",)
    list_filter = ("status", "condition", "fuel", "brand_slug", "model_slug", "location")
    search_fields = ("=vin", "^vin")
    list_per_page = 100
    show_full_result_count = False
    ordering = ("-id",)
    inlines = [VehicleEventInline]
    actions = [*MOVE_ACTIONS, "export_csv"]
    readonly_fields = (
        "vin",
        "trim",
        "options",
        "options_key",
        "status",
        "brand_slug",
        "model_slug",
        "fuel",
        "paint_code",
        "price_total",
        "price_band",
        "listed",
        "block_reason",
        "created_at",
    )
    fields = (
        "vin",
        "trim",
        "options",
        "paint_code",
        "model_year",
        "production_date",
        "status",
        "block_reason",
        "location",
        "bay",
        "condition",
        "first_registration",
        "mileage_km",
        "available_from",
        "discount_net",
        "price_total",
        "brand_slug",
        "model_slug",
        "fuel",
        "created_at",
    )

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # cars come in through the stock import, which checks every rule

    @admin.action(description="Export selected as stock CSV")
    def export_csv(self, request: HttpRequest, queryset: QuerySet[Vehicle]) -> HttpResponse:
        return _csv_response(queryset)

    def get_urls(self) -> list[URLPattern]:
        export = path(
            "export-csv/",
            self.admin_site.admin_view(self.export_filtered),
            name="inventory_vehicle_export_csv",
        )
        upload = path(
            "import-csv/",
            self.admin_site.admin_view(self.import_upload),
            name="inventory_vehicle_import_csv",
        )
        return [export, upload, *super().get_urls()]

    def import_upload(self, request: HttpRequest) -> HttpResponse:
        """Upload a stock CSV: all rows are imported, or none and every problem is shown."""
        if not self.has_change_permission(request):
            return HttpResponse(status=403)
        form = StockUploadForm(request.POST or None, request.FILES or None)
        context = {**self.admin_site.each_context(request), "form": form, "title": "Import stock"}
        if request.method == "POST" and form.is_valid():
            try:
                report = import_stock_csv(form.cleaned_data["file"].read(), actor=request.user)
            except StockFileInvalid as invalid:
                context.update(detail=invalid.detail, problems=invalid.problems[:500])
            else:
                self.message_user(request, f"{report.created} vehicles imported.")
                return HttpResponseRedirect("../")
        return TemplateResponse(request, "inventory/admin/import_csv.html", context)

    def export_filtered(self, request: HttpRequest) -> HttpResponse:
        """The list as filtered and searched (same query string as the change list), as CSV."""
        if not self.has_view_permission(request):
            return HttpResponse(status=403)
        changelist = self.get_changelist_instance(request)
        return _csv_response(changelist.get_queryset(request))


def _csv_response(queryset: QuerySet[Vehicle]) -> HttpResponse:
    vehicles = queryset.select_related("location").order_by("id").iterator(chunk_size=2000)
    response = HttpResponse(export_stock_csv(vehicles), content_type="text/csv; charset=utf-8")
    name = f"stock-{clock.today_berlin().isoformat()}.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
