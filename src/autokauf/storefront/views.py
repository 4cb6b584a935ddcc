"""The buyer's pages. Each view parses its input, asks one composing function, renders."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.middleware import HtmxDetails

from autokauf import catalog, configurator
from autokauf.core.errors import DomainError

from . import locator, pages
from .carsvg import car_svg
from .query import CONFIGURATION_CODE, options_query, read_code, read_options

View = Callable[..., HttpResponse]


class HtmxRequest(HttpRequest):
    htmx: HtmxDetails


def not_found_on_unknown(view: View) -> View:
    """Unknown models, trims and codes are a 404 page, never a server error."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as error:
            if error.status == 404:
                raise Http404(error.detail) from error
            raise

    return wrapper


def configure_url(trim_code: str, options: tuple[str, ...] | list[str], **extra: str) -> str:
    query = options_query(options)
    for key, value in extra.items():
        query += f"&{key}={value}"
    return f"{reverse('storefront:configure', args=[trim_code])}?{query}"


@require_GET
def model_range(request: HttpRequest) -> HttpResponse:
    return render(request, "storefront/model_range.html", {"cards": pages.model_range()})


@require_GET
@not_found_on_unknown
def model_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "storefront/model_detail.html", {"card": pages.model_card(slug)})


@require_GET
@not_found_on_unknown
def configure(request: HttpRequest, trim_code: str) -> HttpResponse:
    requested = read_options(request.GET)
    page = pages.configurator_page(
        trim_code,
        requested.codes if requested.given else None,
        clicked=read_code(request.GET, "toggle"),
    )
    if page.moved:
        return HttpResponseRedirect(configure_url(trim_code, page.options), status=303)
    return _render_configurator(request, page, requested.malformed, partial=False)


@require_POST
@not_found_on_unknown
def toggle(request: HtmxRequest, trim_code: str) -> HttpResponse:
    """One click on an option: htmx gets the option list and price panel; a form, a redirect."""
    requested = read_options(request.POST)
    clicked = read_code(request.POST, "code")
    if not request.htmx:
        extra = {"toggle": clicked} if clicked else {}
        return HttpResponseRedirect(configure_url(trim_code, requested.codes, **extra), status=303)
    page = pages.configurator_page(trim_code, requested.codes, clicked=clicked)
    return _render_configurator(request, page, requested.malformed, partial=True)


@require_POST
@not_found_on_unknown
def show(request: HtmxRequest, trim_code: str) -> HttpResponse:
    """Apply or cancel a proposal: show the configuration the buyer's form names."""
    requested = read_options(request.POST)
    if not request.htmx:
        return HttpResponseRedirect(configure_url(trim_code, requested.codes), status=303)
    page = pages.configurator_page(trim_code, requested.codes)
    return _render_configurator(request, page, requested.malformed, partial=True)


def _render_configurator(
    request: HttpRequest, page: pages.ConfiguratorPage, malformed: tuple[str, ...], *, partial: bool
) -> HttpResponse:
    context = {"page": page, "malformed": malformed, "trim_code": page.trim.code}
    if not partial:
        return render(request, "storefront/configure.html", context)
    response = render(request, "storefront/partials/configurator.html", context)
    if page.quote is not None and page.proposal is None:
        response["HX-Push-Url"] = configure_url(page.trim.code, page.options)
    return response


@require_GET
@not_found_on_unknown
def car_image(request: HttpRequest, trim_code: str) -> HttpResponse:
    snapshot, _code = catalog.snapshot_for_trim(trim_code)
    paint = snapshot.options.get(read_code(request.GET, "paint") or "")
    colour = paint.color_hex if paint is not None and paint.kind == "paint" else None
    if colour is None:
        colour = pages.default_paint(snapshot, snapshot.trims[trim_code])
    svg = car_svg(snapshot.body, colour, title=snapshot.full_name)
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
@not_found_on_unknown
def summary(request: HttpRequest, trim_code: str) -> HttpResponse:
    data = request.POST if request.method == "POST" else request.GET
    requested = read_options(data)
    if not requested.given or requested.malformed:
        return HttpResponseRedirect(configure_url(trim_code, requested.codes), status=303)
    try:
        if request.method == "POST":
            stored = configurator.save_configuration(trim=trim_code, options=requested.codes)
            return HttpResponseRedirect(reverse("storefront:saved", args=[stored.code]), status=303)
        priced = pages.summary(trim_code, requested.codes)
    except configurator.InvalidConfiguration:
        return HttpResponseRedirect(configure_url(trim_code, requested.codes), status=303)
    context = {
        "quote": priced.quote,
        "snapshot": priced.snapshot,
        "paint_hex": priced.paint_hex,
        "cars_like": locator.cars_like(priced.quote, near=request.GET.get("near", "")[:60]),
    }
    return render(request, "storefront/summary.html", context)


def _saved_code(code: str) -> str:
    if not CONFIGURATION_CODE.match(code):
        raise Http404(_("There is no saved configuration with this code."))
    return code.upper()


@require_GET
@not_found_on_unknown
def saved(request: HttpRequest, code: str) -> HttpResponse:
    page = pages.saved(_saved_code(code))
    share_url = request.build_absolute_uri(
        reverse("storefront:saved", args=[page.reopened.saved.code])
    )
    context = {
        "reopened": page.reopened,
        "share_url": share_url,
        "snapshot": page.priced.snapshot if page.priced else None,
        "paint_hex": page.priced.paint_hex if page.priced else "",
    }
    return render(request, "storefront/saved.html", context)


@require_GET
@not_found_on_unknown
def saved_qr(request: HttpRequest, code: str) -> HttpResponse:
    code = _saved_code(code)
    share_url = request.build_absolute_uri(reverse("storefront:saved", args=[code]))
    svg = pages.share_qr(code, share_url)
    return HttpResponse(svg, content_type="image/svg+xml")


@require_GET
def compare(request: HttpRequest) -> HttpResponse:
    raw = [c.strip() for c in request.GET.getlist("c") if c.strip()][:20]
    malformed = tuple(c[:20] for c in raw if not CONFIGURATION_CODE.match(c))
    codes = tuple(dict.fromkeys(c.upper() for c in raw if CONFIGURATION_CODE.match(c)))
    comparison = pages.compare(codes)
    context = {"comparison": comparison, "malformed": malformed, "limit": pages.COMPARE_LIMIT}
    return render(request, "storefront/compare.html", context)
