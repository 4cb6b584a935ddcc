"""The sandbox's hosted payment page: merchant, amount and reference, a choice of named test
instruments (never card fields), authorise or cancel, then back to the merchant's return_url."""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_http_methods

from autokauf.core.money import Money

from ..base import ProviderRefused
from . import rules
from .models import ChargeStatus, SandboxCharge
from .services import authorise_charge, is_expired


def _back_to_merchant(charge: SandboxCharge, status: str) -> HttpResponseRedirect:
    separator = "&" if "?" in charge.return_url else "?"
    query = urlencode({"payment_id": charge.merchant_payment_id, "status": status})
    return HttpResponseRedirect(f"{charge.return_url}{separator}{query}")


@require_http_methods(["GET", "POST"])
def hosted_page(request: HttpRequest, charge_id: str) -> HttpResponse:
    if request.method == "POST":
        return _answer(request, charge_id)
    return _page(request, _charge(charge_id))


def _charge(charge_id: str) -> SandboxCharge:
    charge = SandboxCharge.objects.filter(pk=charge_id).first()
    if charge is None:
        raise Http404("no such charge")
    return charge


def _answer(request: HttpRequest, charge_id: str) -> HttpResponse:
    """The buyer's answer goes straight to the charge's locked read (authorise_charge); the page
    is read again only to show a refusal."""
    if request.POST.get("action") == "cancel":
        instrument = "decline"
    else:
        instrument = request.POST.get("instrument", "")
        if instrument not in rules.INSTRUMENT_CODES:
            return _page(request, _charge(charge_id), error=True, status=400)
    try:
        charge, decision = authorise_charge(charge_id, instrument)
    except SandboxCharge.DoesNotExist:
        raise Http404("no such charge") from None
    except ProviderRefused:
        return _page(request, _charge(charge_id), status=409)
    if decision.outcome == rules.NO_ANSWER:
        return _page(request, charge)
    return _back_to_merchant(
        charge, "authorized" if decision.outcome == rules.AUTHORISE else "declined"
    )


def _page(
    request: HttpRequest, charge: SandboxCharge, *, error: bool = False, status: int = 200
) -> HttpResponse:
    language = (get_language() or "de")[:2]
    context = {
        "charge": charge,
        "language": language,
        "merchant": getattr(settings, "SANDBOX_PSP_MERCHANT_NAME", "Autokauf"),
        "amount": Money.of(charge.amount, charge.currency).format(language),
        "instruments": [(i.code, i.label(language)) for i in rules.INSTRUMENTS],
        "open": charge.status == ChargeStatus.PENDING
        and not charge.instrument
        and not is_expired(charge),
        "waiting": charge.status == ChargeStatus.PENDING and bool(charge.instrument),
        "expired": is_expired(charge),
        "cancelled": charge.status == ChargeStatus.CANCELLED,
        "error": error,
        "return_url": charge.return_url,
    }
    return render(request, "sandbox_psp/pay.html", context, status=status)
