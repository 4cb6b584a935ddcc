"""The stock pages: the locator (/cars/) and one car (/cars/<vin>/)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from . import locator
from .views import HtmxRequest, not_found_on_unknown


@require_GET
def stock(request: HtmxRequest) -> HttpResponse:
    """The locator. htmx asks for the results part (filters changed) or the next cards
    (`part=more`); without JavaScript every change is a whole page."""
    page = locator.locator_page(request.GET)
    context = {"page": page, "radii": locator.RADII, "sorts": locator.SORTS}
    if request.htmx and request.GET.get("part") == "more":
        return render(request, "storefront/stock/more.html", context)
    if request.htmx and request.htmx.target == "locator":
        return render(request, "storefront/stock/locator.html", context)
    return render(request, "storefront/stock/list.html", context)


@require_GET
@not_found_on_unknown
def vehicle(request: HttpRequest, vin: str) -> HttpResponse:
    page, problem = locator.vehicle_page(vin, request.GET.get("near", "").strip()[:60])
    return render(request, "storefront/stock/vehicle.html", {"page": page, "problem": problem})
