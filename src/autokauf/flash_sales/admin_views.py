"""Back-office pages of a drop: schedule one, watch it live, read its report (sales and admins)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.admin import AdminSite
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language

from autokauf import accounts
from autokauf.core import clock
from autokauf.core.errors import DomainError
from autokauf.core.money import Money

from . import report, selectors, services
from .admin_forms import ScheduleDropForm
from .models import Drop

View = Callable[..., HttpResponse]

LIVE_FIGURES = (
    ("joined", "Joined"),
    ("admitted", "Admitted"),
    ("claimed", "Claimed"),
    ("holding", "Holding"),
    ("paid", "Paid"),
    ("expired", "Expired or cancelled"),
    ("remaining", "Remaining"),
    ("claims_per_second", "Claims per second (last 10 s)"),
)


def manufacturer_staff_only(view: View) -> View:
    """Sales staff and admins only: the site's admin_view already sent everyone else to login."""

    @wraps(view)
    def checked(site: AdminSite, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not accounts.is_manufacturer_staff(request.user):
            raise PermissionDenied
        return view(site, request, *args, **kwargs)

    return checked


def _drop(drop_id: int) -> Drop:
    drop = Drop.objects.filter(pk=drop_id).first()
    if drop is None:
        raise Http404(f"There is no drop {drop_id}.")
    return drop


def _page(site: AdminSite, request: HttpRequest, template: str, **context: Any) -> HttpResponse:
    context = {**site.each_context(request), **context}
    return TemplateResponse(request, f"flash_sales/admin/{template}", context)


@manufacturer_staff_only
def schedule(site: AdminSite, request: HttpRequest) -> HttpResponse:
    """The form: a valid one schedules the drop (services.schedule_drop); a refusal is shown
    on the form and creates nothing."""
    form = ScheduleDropForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            drop = services.schedule_drop(plan=form.plan(), created_by=request.user)
        except DomainError as refusal:
            form.refuse(refusal)
        else:
            messages.success(request, f"{drop.name} is scheduled with {drop.cars_total} cars.")
            return HttpResponseRedirect(reverse("admin:flash_sales_drop_live", args=[drop.pk]))
    return _page(site, request, "schedule.html", form=form, title="Schedule a drop")


@manufacturer_staff_only
def live(site: AdminSite, request: HttpRequest, drop_id: int) -> HttpResponse:
    drop = _drop(drop_id)
    return _page(site, request, "live.html", title=f"{drop.name}: live", **_live_context(drop))


@manufacturer_staff_only
def live_figures(site: AdminSite, request: HttpRequest, drop_id: int) -> HttpResponse:
    """The figures alone, which the live page polls every 2 s."""
    context = _live_context(_drop(drop_id))
    return TemplateResponse(request, "flash_sales/admin/live_figures.html", context)


def _live_context(drop: Drop) -> dict[str, Any]:
    now = clock.now()
    figures = selectors.live_figures(drop, now)
    # Polling stops once the last winner's payment window is over: nothing can change then.
    over = now >= drop.ends_at + timedelta(minutes=drop.payment_window_minutes)
    rows = [(label, figures[key]) for key, label in LIVE_FIGURES]
    price = Money.of(drop.price, drop.currency).format(get_language() or "de")
    return {"drop": drop, "price": price, "figures": rows, "now": now, "polling": not over}


@manufacturer_staff_only
def report_page(site: AdminSite, request: HttpRequest, drop_id: int) -> HttpResponse:
    drop = _drop(drop_id)
    figures = report.drop_report(drop)
    language = get_language() or "de"
    return _page(
        site,
        request,
        "report.html",
        title=f"{drop.name}: report",
        report=figures,
        price=Money.of(drop.price, drop.currency).format(language),
        revenue=figures.revenue.format(language),
    )


@manufacturer_staff_only
def report_download(site: AdminSite, request: HttpRequest, drop_id: int) -> HttpResponse:
    drop = _drop(drop_id)
    response = HttpResponse(
        report.report_csv(report.drop_report(drop)), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="drop-{drop.pk}-report.csv"'
    return response
