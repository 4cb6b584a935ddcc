"""Back office for drops: schedule (through services.schedule_drop), watch live, read the report."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import URLPattern, path, reverse
from django.utils.html import format_html, format_html_join
from unfold.admin import ModelAdmin, TabularInline
from unfold.decorators import action

from autokauf import accounts

from . import admin_views, selectors
from .models import Drop, DropCar, DropClaim


class ManufacturerStaffMayView:
    """Sales staff and admins see drops and claims by their role, without model permissions."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return accounts.is_manufacturer_staff(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return accounts.is_manufacturer_staff(request.user)


class DropCarInline(ManufacturerStaffMayView, TabularInline):
    model = DropCar
    fields = ("vin", "slot", "status", "held_until")
    readonly_fields = fields
    extra = 0
    can_delete = False


@admin.register(Drop)
class DropAdmin(ManufacturerStaffMayView, ModelAdmin):
    list_display = ("name", "starts_at", "ends_at", "cars_total", "price", "pages")
    readonly_fields = ("cars_total", "order_fixed_at", "live")
    inlines = [DropCarInline]
    actions_list = ["schedule_a_drop"]

    @admin.display(description="Live (joined, admitted, claimed, paid, expired, claims/s)")
    def live(self, drop: Drop) -> Any:
        if drop.pk is None:
            return "-"
        figures = selectors.live_figures(drop)
        return format_html_join(" · ", "{}: {}", figures.items())

    @admin.display(description="Pages")
    def pages(self, drop: Drop) -> Any:
        return format_html(
            '<a href="{}">live</a> · <a href="{}">report</a>',
            reverse("admin:flash_sales_drop_live", args=[drop.pk]),
            reverse("admin:flash_sales_drop_report", args=[drop.pk]),
        )

    @action(description="Schedule a drop", url_path="schedule-action", icon="add")
    def schedule_a_drop(self, request: HttpRequest) -> HttpResponse:
        return HttpResponseRedirect(reverse("admin:flash_sales_drop_schedule"))

    def has_add_permission(self, request: Any) -> bool:
        # A drop must take its cars out of the stock: it is scheduled through the service.
        return False

    def get_urls(self) -> list[URLPattern]:
        pages = [
            ("schedule/", admin_views.schedule, "schedule"),
            ("<int:drop_id>/live/", admin_views.live, "live"),
            ("<int:drop_id>/live/figures/", admin_views.live_figures, "live_figures"),
            ("<int:drop_id>/report/", admin_views.report_page, "report"),
            ("<int:drop_id>/report.csv", admin_views.report_download, "report_csv"),
        ]
        site = self.admin_site
        return [
            *(
                path(route, site.admin_view(partial(view, site)), name=f"flash_sales_drop_{name}")
                for route, view, name in pages
            ),
            *super().get_urls(),
        ]


@admin.register(DropClaim)
class DropClaimAdmin(ManufacturerStaffMayView, ModelAdmin):
    list_display = ("drop", "buyer", "vin", "status", "created_at", "expires_at", "paid_at")
    list_filter = ("status", "drop")
    list_select_related = ("drop", "buyer")
    readonly_fields = [f.name for f in DropClaim._meta.fields]
