"""The buyer's reservation, checkout and order

Each view parses its input, calls one checkout function, renders or redirects. What the pages
show (financing offers, deliveries, the final Quote, the timeline) is composed at the end.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import wraps
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from autokauf import accounts, checkout, dealers
from autokauf.core import clock
from autokauf.core.errors import DomainError

from . import offers, rules
from .forms import PAYMENT_METHODS, PROFILE_FIELDS, CheckoutForm, initial_from_profile
from .freeze import frozen_quote
from .page_offer import (
    CheckoutOffer,
    checkout_offer,
    configuration_offer,
    language,
    money_text,
)
from .wording import date_text, delivery_estimate_text, moment_text

View = Callable[..., HttpResponse]
DOCUMENTS = ("confirmation", "contract")


def not_found_on_unknown(view: View) -> View:
    """Someone else's reservation or order, or an unknown id, is a 404 page: nothing revealed."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except DomainError as error:
            if error.status == 404:
                raise Http404(error.detail) from error
            raise

    return wrapper


def vehicle_url(vin: str) -> str:
    try:
        return reverse("storefront:vehicle", args=[vin])
    except NoReverseMatch:
        return f"/cars/{vin}/"


def refusal_text(error: DomainError) -> str:
    """A refusal in the buyer's words and language."""
    if isinstance(error, accounts.EmailNotConfirmed):
        return unconfirmed_text(error.extra.get("email", ""))
    texts = {
        "vehicle-not-available": _(
            "Sorry, this car is no longer available: someone else has reserved or bought it."
        ),
        "too-many-holds": _(
            "You have reserved as many cars as you can at once. Release a reservation first."
        ),
        "hold-expired": _("Your reservation has run out. Please reserve the car again."),
        "hold-cap-reached": _("Your reservation cannot be extended any further."),
        "down-payment-not-due": _("This order does not wait for a down payment."),
        "hold-ordered": _("This car is ordered. To let it go, cancel the order."),
        "payment-deadline-passed": _(
            "The time to pay the down payment is over, so the order has lapsed."
        ),
    }
    return texts.get(error.code, error.detail)


def unconfirmed_text(email: str) -> str:
    return _("Confirm your e-mail address to order — we sent a link to %(email)s.") % {
        "email": email
    }


def confirm_email_to(user: Any) -> str:
    """The address a signed-in buyer still has to confirm before ordering, else ""."""
    return "" if accounts.is_email_confirmed(user) else str(user.email)


@require_http_methods(["GET", "POST"])
def reserve(request: HttpRequest, vin: str) -> HttpResponse:
    """POST holds the car and opens the checkout; GET (after logging in) asks to confirm."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.path)
    if request.method == "GET":
        return render(
            request, "checkout/reserve.html", {"vin": vin, "vehicle_url": vehicle_url(vin)}
        )
    try:
        hold = checkout.reserve_vehicle(buyer=request.user, vin=vin)
    except DomainError as error:
        if error.status >= 500:
            raise
        messages.error(request, refusal_text(error))
        return HttpResponseRedirect(vehicle_url(vin.strip().upper()), status=303)
    return HttpResponseRedirect(reverse("checkout:checkout", args=[hold.id]), status=303)


@login_required
@require_http_methods(["GET", "POST"])
@not_found_on_unknown
def checkout_page(request: HttpRequest, hold_id: UUID) -> HttpResponse:
    hold = checkout.access_hold(request.user, hold_id)
    placed = order_of_hold(hold)
    if placed is not None:
        return HttpResponseRedirect(reverse("checkout:order", args=[placed.id]), status=303)
    if not hold_runs(hold):
        context = {"hold": hold, "vehicle_url": vehicle_url(hold.vin)}
        return render(request, "checkout/hold_over.html", context, status=410)
    offer = checkout_offer(hold, language())
    return _checkout(request, offer, hold=hold, source={"hold_id": hold.id})


@login_required
@require_http_methods(["GET", "POST"])
@not_found_on_unknown
def configuration_checkout_page(request: HttpRequest, code: str) -> HttpResponse:
    """Build-to-order: the same steps for a saved configuration, which holds no car."""
    offer = configuration_offer(code, language())
    back_url = reverse("storefront:saved", args=[code])
    source = {"configuration_code": code}
    return _checkout(request, offer, hold=None, source=source, back_url=back_url)


def _checkout(
    request: HttpRequest,
    offer: CheckoutOffer,
    *,
    hold: Any,
    source: dict[str, Any],
    back_url: str | None = None,
) -> HttpResponse:
    """The checkout page's answer: the page, or on a valid POST the order placed from `source`
    (its hold or its configuration) and the way on to its payment page."""
    posted = request.POST if request.method == "POST" else None
    if posted is not None and "preview" in posted:
        # The buyer changed a choice: show the page for it, place nothing, flag no errors yet.
        initial = {**initial_from_profile(request.user), **posted.dict()}
        form = _form(offer, None, initial)
        return _render_checkout(request, hold, offer, form, back_url=back_url)
    form = _form(offer, posted, initial_from_profile(request.user))
    if posted is not None and form.is_valid():
        try:
            order = checkout.place_order(
                buyer=request.user,
                data=checkout_data(form.cleaned_data, offer),
                language=language(),
                **source,
            )
        except DomainError as error:
            _show_refusal(form, error)
        else:
            return HttpResponseRedirect(order.payment_url, status=303)
    if posted is not None and hold is not None:
        hold = extend_if_possible(request.user, hold)
    return _render_checkout(request, hold, offer, form, back_url=back_url)


def _form(offer: CheckoutOffer, data: Any, initial: dict[str, Any]) -> CheckoutForm:
    choosable = [] if offer.location is not None else dealer_choices()
    return CheckoutForm(
        data,
        offers=offer.offer_keys,
        deliveries=offer.delivery_codes,
        dealers=choosable,
        initial=initial,
    )


def dealer_choices() -> list[tuple[str, str]]:
    return [(d.code, f"{d.name}, {d.location.city}") for d in dealers.dealers()]


def _render_checkout(
    request: HttpRequest,
    hold: Any,
    offer: CheckoutOffer,
    form: CheckoutForm,
    *,
    back_url: str | None = None,
) -> HttpResponse:
    values = form.data if form.is_bound else form.initial
    method = str(values.get("payment_method") or "cash")
    delivery = str(values.get("delivery") or "dealer")
    chosen = str(values.get("financing_offer") or "")
    context = {
        "hold": hold,
        "offer": offer,
        "form": form,
        "review": review(offer, delivery=delivery, method=method, key=chosen),
        "minutes_left": (seconds_left(hold) + 59) // 60 if hold is not None else None,
        "back_url": back_url or vehicle_url(hold.vin),
        "delivery_estimate": (
            date_text(offer.quote["delivery_estimate"], language()) if not offer.vin else None
        ),
        "detail_fields": PROFILE_FIELDS,
        "payment_options": [
            (code, label, offer.financing.get(code, [])) for code, label in PAYMENT_METHODS
        ],
        "chosen_method": method,
        "chosen_offer": chosen,
        "chosen_delivery": delivery,
        "confirm_email_to": confirm_email_to(request.user),
    }
    if getattr(request, "htmx", False) and request.headers.get("HX-Target") == "review":
        return render(request, "checkout/partials/review.html", context)
    status = 422 if form.is_bound and form.errors else 200
    return render(request, "checkout/checkout.html", context, status=status)


def _show_refusal(form: CheckoutForm, error: DomainError) -> None:
    """A refusal of place_order: each named field gets its message, the rest goes on top."""
    fields = error.extra.get("fields") if isinstance(error.extra, dict) else None
    shown = False
    for name, message in (fields or {}).items():
        if name in form.fields:
            form.add_error(name, str(message))
            shown = True
    if not shown:
        form.add_error(None, refusal_text(error))


@login_required
@require_POST
@not_found_on_unknown
def release(request: HttpRequest, hold_id: UUID) -> HttpResponse:
    hold = checkout.access_hold(request.user, hold_id)
    try:
        checkout.release_hold(buyer=request.user, hold_id=hold.id)
    except checkout.HoldOrdered as refused:
        messages.error(request, refusal_text(refused))
        order = order_of_hold(hold)
        return HttpResponseRedirect(reverse("checkout:order", args=[order.id]), status=303)
    messages.success(request, _("The reservation is released. The car is free for others again."))
    return HttpResponseRedirect(vehicle_url(hold.vin), status=303)


@login_required
@require_GET
@not_found_on_unknown
def order_page(request: HttpRequest, order_id: UUID) -> HttpResponse:
    order = checkout.follow_order(checkout.access_order(request.user, order_id))
    context = order_context(order, language(), returned=request.GET.get("status", ""))
    if order.buyer_id == request.user.pk and context["may_pay_again"]:
        context["confirm_email_to"] = confirm_email_to(request.user)
    if getattr(request, "htmx", False) and request.headers.get("HX-Target") == "order-status":
        return render(request, "checkout/partials/order_status.html", context)
    return render(request, "checkout/order.html", context)


@login_required
@require_POST
@not_found_on_unknown
def cancel(request: HttpRequest, order_id: UUID) -> HttpResponse:
    order = checkout.access_order(request.user, order_id)
    try:
        checkout.cancel_order(order, actor=request.user, reason=_("Cancelled by the buyer"))
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Your order is cancelled. A payment made is refunded."))
    return HttpResponseRedirect(reverse("checkout:order", args=[order.id]), status=303)


@login_required
@require_POST
@not_found_on_unknown
def withdraw(request: HttpRequest, order_id: UUID) -> HttpResponse:
    order = checkout.access_order(request.user, order_id)
    try:
        checkout.withdraw_order(order, actor=request.user)
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, refusal_text(error))
    else:
        messages.success(
            request, _("You have withdrawn from the purchase. The down payment is refunded.")
        )
    return HttpResponseRedirect(reverse("checkout:order", args=[order.id]), status=303)


ACCEPTANCES = ("accept_terms", "accept_withdrawal_notice")
ORDERS_ON_PAGE = 50


@login_required
@require_POST
@not_found_on_unknown
def pay_again(request: HttpRequest, order_id: UUID) -> HttpResponse:
    """A new down payment after a declined, cancelled or run-out one: on to its page. While the
    payment is still open, on to that one."""
    order = checkout.access_order(request.user, order_id)
    accepted = {name: name in request.POST for name in ACCEPTANCES}
    try:
        payment_url = checkout.pay_down_payment_again(order, accepted=accepted)
    except checkout.PaymentStillOpen as still_open:
        payment_url = still_open.extra["payment_url"]
    except DomainError as error:
        if error.status == 404:
            raise
        messages.error(request, refusal_text(error))
        return HttpResponseRedirect(reverse("checkout:order", args=[order.id]), status=303)
    return HttpResponseRedirect(payment_url, status=303)


@login_required
@require_GET
@not_found_on_unknown
def order_document(request: HttpRequest, order_id: UUID, kind: str) -> HttpResponse:
    if kind not in DOCUMENTS:
        raise Http404("no such document")
    order = checkout.access_order(request.user, order_id)
    pdf = checkout.order_pdf(order, kind, language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{order.number}-{kind}.pdf"'
    return response


@login_required
@require_GET
def order_list(request: HttpRequest) -> HttpResponse:
    newest = checkout.orders_of(request.user)[:ORDERS_ON_PAGE]
    orders = order_rows(checkout.current_orders(newest), language())
    return render(request, "checkout/orders.html", {"orders": orders})


# --- What the pages show ------------------------------------------------------------------------


def order_of_hold(hold: Any) -> Any:
    return getattr(hold, "order", None) if _has_order(hold) else None


def _has_order(hold: Any) -> bool:
    try:
        return hold.order is not None
    except ObjectDoesNotExist:
        return False


def hold_runs(hold: Any) -> bool:
    return hold.released_at is None and hold.expires_at > clock.now()


def seconds_left(hold: Any) -> int:
    return max(0, int((hold.expires_at - clock.now()).total_seconds()))


def extend_if_possible(user: Any, hold: Any) -> Any:
    """Progress through checkout buys time, up to the cap; at the cap the hold stays as it is."""
    try:
        return checkout.extend_hold(buyer=user, hold_id=hold.id)
    except DomainError:
        return hold


def review(offer: CheckoutOffer, *, delivery: str, method: str, key: str | None) -> dict[str, Any]:
    """The final Quote as the order will freeze it, with the down payment due now."""
    frozen = frozen_quote(
        offer.quote,
        discount_net=offer.discount_net,
        home_delivery=delivery == "home",
        language=language(),
    )
    chosen = offer.choice(key) if method != "cash" else None
    offered = chosen.offer.down_payment.amount if chosen is not None else None
    down = rules.down_payment(Decimal(frozen["total"]), offered)
    return {
        "lines": [{**line, "net_text": money_text(line["net"])} for line in frozen["lines"]],
        "transfer_costs": money_text(frozen["transfer_costs"]),
        "net": money_text(frozen["net"]),
        "vat_rate": Decimal(frozen["vat_rate"]).normalize(),
        "vat": money_text(frozen["vat"]),
        "total": money_text(frozen["total"]),
        "down_payment": money_text(down),
        "chosen": chosen,
    }


def checkout_data(cleaned: dict[str, Any], offer: CheckoutOffer) -> Any:
    chosen = offer.choice(cleaned.get("financing_offer"))
    return checkout.CheckoutData(
        first_name=cleaned["first_name"],
        last_name=cleaned["last_name"],
        email=cleaned["email"],
        phone=cleaned["phone"],
        street=cleaned["street"],
        postcode=cleaned["postcode"],
        city=cleaned["city"],
        date_of_birth=cleaned["date_of_birth"],
        payment_method=cleaned["payment_method"],
        financing_offer=offers.offer_terms(chosen.offer, language()) if chosen else None,
        delivery=cleaned["delivery"],
        dealer_code=cleaned.get("dealer") or (offer.dealer.code if offer.dealer else ""),
        accept_terms=cleaned["accept_terms"],
        accept_withdrawal_notice=cleaned["accept_withdrawal_notice"],
    )


def _withdrawal_until(order: Any, lang: str) -> str | None:
    """When the buyer may still withdraw, the end of that right in words, else None."""
    if order.status != rules.HANDED_OVER or not rules.may_withdraw(
        order.handed_over_at, clock.now()
    ):
        return None
    return moment_text(rules.withdrawal_deadline(order.handed_over_at), lang)


def _pay_by(order: Any, lang: str) -> str | None:
    """Until when the buyer may pay the down payment, in words, while the order waits for it."""
    if not order.waits_for_payment or order.pay_by is None:
        return None
    return moment_text(order.pay_by, lang)


def order_context(order: Any, lang: str, *, returned: str) -> dict[str, Any]:
    from .purchase_views import policies_of

    quote = order.quote
    return {
        "credit_url": reverse("checkout:credit", args=[order.id])
        if order.payment_method in rules.FINANCED
        else None,
        "insurance_url": reverse("checkout:insurance", args=[order.id]),
        "policies": [
            {
                "policy": policy,
                "yearly": money_text(policy.yearly_premium),
                "monthly": money_text(policy.monthly_premium),
            }
            for policy in policies_of(order)
        ],
        "delivery_estimate": delivery_estimate_text(order, lang),
        "order": order,
        "timeline": checkout.order_timeline(order, lang),
        "lines": [{**line, "net_text": money_text(line["net"])} for line in quote["lines"]],
        "transfer_costs": money_text(quote["transfer_costs"]),
        "net": money_text(quote["net"]),
        "vat_rate": Decimal(quote["vat_rate"]).normalize(),
        "vat": money_text(quote["vat"]),
        "total": money_text(order.total),
        "down_payment": money_text(order.down_payment),
        "may_cancel": rules.can_move(order.status, rules.CANCELLED),
        "withdrawal_until": _withdrawal_until(order, lang),
        "waiting_for_payment": order.status == rules.PLACED,
        "pay_by": _pay_by(order, lang),
        "payment_url": checkout.payment_url_of(order),
        "may_pay_again": checkout.may_pay_again(order),
        "returned": returned if returned in ("authorized", "declined") else "",
        "documents": [
            (kind, reverse("checkout:document", args=[order.id, kind])) for kind in DOCUMENTS
        ],
    }


def order_rows(orders: Any, lang: str) -> list[dict[str, Any]]:
    return [
        {
            "order": order,
            "total": money_text(order.total),
            "status": order.get_status_display(),
            "title": order.quote.get("trim", order.trim_code),
        }
        for order in orders
    ]
