"""Drop pages: the drop with its waiting room and live count, and the buyer's claim.

Each view parses its input, calls one flash-sale function, renders or redirects."""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from autokauf import accounts, checkout, inventory
from autokauf.core import clock
from autokauf.core.errors import DomainError
from autokauf.core.money import Money

from . import claims, selectors, services
from .forms import ClaimPayForm, initial_from_profile
from .models import Drop, DropClaim

View = Callable[..., HttpResponse]


def not_found_on_unknown(view: View) -> View:
    """An unknown drop, or someone else's claim, is a 404 page: nothing revealed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as error:
            if error.status == 404:
                raise Http404(error.detail) from error
            raise

    return wrapper


def refusal_text(error: DomainError) -> str:
    """A refusal in the buyer's words and language."""
    if isinstance(error, accounts.EmailNotConfirmed):
        return _(
            "Confirm your e-mail address to take part — we sent a link to %(email)s. "
            "Your account page sends it again."
        ) % {"email": error.extra.get("email", "")}
    texts = {
        "sold-out": _("Sold out: every car of this drop is taken."),
        "not-admitted": _("It is not your turn yet. Keep this page open."),
        "limit-reached": _("You have claimed as many cars as this drop allows."),
        "ended": _("This drop is over."),
        "not-open": _("This drop has not started yet."),
        "not-eligible": _("This drop is not open to you."),
        "claim-expired": _("Your time to pay has run out; the car went back to the drop."),
        "too-many-requests": _("Too many requests. Please wait a few seconds."),
    }
    return texts.get(error.code, error.detail)


def drop_url(drop_id: int) -> str:
    return reverse("flash_sales:drop", args=[drop_id])


def price_text(drop: Drop) -> str:
    return Money.of(drop.price, drop.currency).format(get_language() or "de")


def running_claim(drop: Drop, user: Any) -> DropClaim | None:
    if not user.is_authenticated:
        return None
    claim = DropClaim.objects.filter(drop=drop, buyer_id=user.pk).first()
    if claim is None or selectors.claim_status(claim) != DropClaim.Status.HELD:
        return None
    return claim


@require_GET
@not_found_on_unknown
def drop_page(request: HttpRequest, drop_id: int) -> HttpResponse:
    drop = selectors.get_drop(drop_id)
    user = request.user
    if user.is_authenticated:
        services.fix_order(drop)  # at the start, the first look gives everyone their place
    place = selectors.place_of(drop, user) if user.is_authenticated else None
    # A person reads whole seconds ("about 1 second", not "0.3"), rounded up, never early.
    seconds = math.ceil(place.estimated_wait_seconds or 0) if place else 0
    context = {
        "drop": drop,
        "view": selectors.drop_view(drop),
        "price": price_text(drop),
        "place": place,
        "wait_seconds": seconds,
        "wait_minutes": -(-seconds // 60),
        "claim": running_claim(drop, user),
    }
    return render(request, "flash_sales/drop.html", context)


@require_GET
@not_found_on_unknown
def drop_live(request: HttpRequest, drop_id: int) -> HttpResponse:
    """The count left (or "sold out"), polled every 2 s; the same for everyone, so cacheable."""
    drop = selectors.get_drop(drop_id)
    answer = render(
        request, "flash_sales/partials/live.html", {"drop": drop, "view": selectors.drop_view(drop)}
    )
    answer["Cache-Control"] = "public, max-age=1"
    return answer


@login_required
@require_POST
@not_found_on_unknown
def join(request: HttpRequest, drop_id: int) -> HttpResponse:
    try:
        services.join_drop(drop=selectors.get_drop(drop_id), buyer=request.user)
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, refusal_text(error))
    return HttpResponseRedirect(drop_url(drop_id))


@login_required
@require_POST
@not_found_on_unknown
def claim(request: HttpRequest, drop_id: int) -> HttpResponse:
    try:
        taken = claims.claim_car(drop=selectors.get_drop(drop_id), buyer=request.user)
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, refusal_text(error))
        return HttpResponseRedirect(drop_url(drop_id))
    return HttpResponseRedirect(reverse("flash_sales:claim_page", args=[taken.pk]))


@login_required
@require_http_methods(["GET", "POST"])
@not_found_on_unknown
def claim_page(request: HttpRequest, claim_id: UUID) -> HttpResponse:
    held = selectors.access_claim(request.user, claim_id)
    if request.method == "POST":
        form = ClaimPayForm(request.POST)
        if form.is_valid():
            paid = _pay(request, held, form)
            if paid is not None:
                return paid
    else:
        form = ClaimPayForm(initial=initial_from_profile(request.user))
    return render(request, "flash_sales/claim.html", _claim_context(held, form))


def _pay(request: HttpRequest, held: DropClaim, form: ClaimPayForm) -> HttpResponse | None:
    language = (get_language() or "de")[:2]
    try:
        _paid, order = claims.pay_claim(
            buyer=request.user, claim_id=held.pk, data=form.checkout_data(), language=language
        )
    except DomainError as error:
        fields = error.extra.get("fields") if error.status == 422 else None
        for name, text in (fields or {}).items():
            form.add_error(name if name in form.fields else None, text)
        if not fields:
            form.add_error(None, refusal_text(error))
        return None
    url = getattr(order, "payment_url", None) or checkout.payment_url_of(order)
    return HttpResponseRedirect(url)


def _claim_context(held: DropClaim, form: ClaimPayForm) -> dict[str, Any]:
    now = clock.now()
    status = selectors.claim_status(held, now)
    seconds_left = max(0, int((held.expires_at - now).total_seconds()))
    return {
        "claim": held,
        "drop": held.drop,
        "price": price_text(held.drop),
        "car": _car_name(held),
        "status": status,
        "seconds_left": seconds_left,
        "time_left": f"{seconds_left // 60}:{seconds_left % 60:02d}",
        "form": form,
    }


def _car_name(held: DropClaim) -> str:
    if held.vin is None:
        return held.drop.name
    try:
        quote = inventory.vehicle_for_buyer(held.vin).quote
    except DomainError:
        return held.vin
    return f"{quote.model_name} {quote.trim_name}"
