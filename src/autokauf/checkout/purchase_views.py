"""The buyer's credit application and car insurance for an order.

The credit page sends the application for the order's chosen offer and shows the decision with its
reasons in words (never the score); the insurance page rates the three covers for the ordered model
and takes one out, linked to the order by its number.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from autokauf import checkout, credit, insurance
from autokauf.core import clock
from autokauf.core.errors import DomainError

from . import rules
from .purchase_forms import INSURANCE_FORM, credit_sections, fields_of
from .views import language, money_text, not_found_on_unknown

REVIEWABLE = ("declined", "referred")
# Where each field of the credit domain's application appears on the page.
CREDIT_FIELDS = {
    "identity.first_name": "first_name",
    "identity.last_name": "last_name",
    "identity.date_of_birth": "date_of_birth",
    "identity.nationality": "nationality",
    "addresses": "address_since",
    "addresses.0.street": "street",
    "addresses.0.postcode": "postcode",
    "addresses.0.city": "city",
    "addresses.0.country": "country",
    "addresses.0.since": "address_since",
    "addresses.1.street": "previous_street",
    "addresses.1.postcode": "previous_postcode",
    "addresses.1.city": "previous_city",
    "addresses.1.country": "previous_country",
    "addresses.1.since": "previous_since",
    "employment.status": "employment_status",
    "employment.employer": "employer",
    "employment.since": "employed_since",
}
EMPLOYMENT_STATUSES = (
    ("employed", "Employed"),
    ("civil_servant", "Civil servant"),
    ("self_employed", "Self-employed"),
    ("retired", "Retired"),
    ("student", "Student"),
    ("unemployed", "Not in work"),
    ("other", "Other"),
)


def own_order(user: Any, order_id: UUID) -> Any:
    """The order if `user` bought it: these pages act for the buyer, nobody else (404)."""
    order = checkout.access_order(user, order_id)
    if order.buyer_id != user.pk:
        raise Http404("no such order")
    return order


def order_offer(order: Any) -> dict[str, Any]:
    """The chosen financing offer of the order as the credit application states it."""
    chosen = order.financing or {}
    lender = chosen.get("lender")
    code = chosen.get("lender_code") or (lender.get("code") if isinstance(lender, dict) else lender)
    return {
        "lender_code": str(code or ""),
        "product": str(chosen.get("product") or order.payment_method),
        "amount": str(chosen.get("net_loan_amount") or ""),
        "term_months": int(chosen.get("term_months") or chosen.get("number_of_payments") or 0),
        "monthly_payment": str(chosen.get("monthly_payment") or ""),
        "nominal_rate": str(chosen.get("nominal_rate") or ""),
        "final_payment": str(chosen.get("final_payment") or "0.00"),
    }


def latest_application(order: Any) -> Any:
    offer = order_offer(order)
    return (
        credit.CreditApplication.objects.filter(
            applicant_id=order.buyer_id,
            lender_code=offer["lender_code"],
            product=offer["product"],
            term_months=offer["term_months"],
            created_at__gte=order.created_at,
        )
        .order_by("-created_at")
        .first()
    )


# --- Credit ---------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
@not_found_on_unknown
def credit_page(request: HttpRequest, order_id: UUID) -> HttpResponse:
    order = own_order(request.user, order_id)
    if order.payment_method not in rules.FINANCED:
        raise Http404("a cash order needs no credit")
    application = latest_application(order)
    values = request.POST.dict() if request.method == "POST" else initial_values(order)
    errors: dict[str, list[str]] = {}
    if request.method == "POST" and order.status == rules.PLACED:
        try:
            credit.submit_application(
                applicant=request.user,
                data=application_data(values, order_offer(order)),
                consent_version=values.get("consent") or None,
                language=language(),
            )
        except DomainError as error:
            if error.status >= 500:
                raise
            errors = credit_errors(error)
        else:
            return HttpResponseRedirect(reverse("checkout:credit", args=[order.id]), status=303)
    context = {
        "order": order,
        "offer": order_offer(order),
        "offer_texts": offer_texts(order),
        "decision": decision_view(application) if application and not errors else None,
        "sections": credit_sections(values, errors),
        "consent_errors": errors.get("consent", []),
        "top_errors": errors.get("__all__", []),
        "statuses": [(code, _(label)) for code, label in EMPLOYMENT_STATUSES],
        "consent_version": credit.CURRENT_CONSENT_VERSION,
        "consent_text": consent_text(),
        "may_apply": order.status == rules.PLACED,
    }
    return render(request, "checkout/credit.html", context, status=422 if errors else 200)


@login_required
@require_POST
@not_found_on_unknown
def credit_review(request: HttpRequest, order_id: UUID, application_id: UUID) -> HttpResponse:
    order = own_order(request.user, order_id)
    application = latest_application(order)
    if application is None or application.pk != application_id:
        raise Http404("no such application")
    try:
        credit.request_review(application=application, statement=request.POST.get("statement", ""))
    except DomainError as error:
        if error.status == 404 or error.status >= 500:
            raise
        messages.error(request, _("This decision cannot be put to a review."))
    else:
        messages.success(
            request, _("A person will review your application and tell you the decision.")
        )
    return HttpResponseRedirect(reverse("checkout:credit", args=[order.id]), status=303)


def consent_text() -> str:
    from autokauf.credit.consent import consent_text as text

    return text(language())


def initial_values(order: Any) -> dict[str, Any]:
    customer = order.customer or {}
    keys = ("first_name", "last_name", "date_of_birth", "street", "postcode", "city")
    values = {key: customer.get(key, "") for key in keys}
    values.update(nationality="DE", country="DE", previous_country="DE", household_adults="1")
    values.update(dependants="0", existing_instalments="0.00", employment_status="employed")
    return values


def _whole(value: Any) -> Any:
    text = str(value or "").strip()
    return int(text) if text.isdigit() else text


def application_data(values: dict[str, Any], offer: dict[str, Any]) -> dict[str, Any]:
    """The page's flat fields as the credit domain's application (docs/domains/credit.md)."""
    addresses = [_address(values, "")]
    if any(values.get(f"previous_{key}") for key in ("street", "postcode", "city", "since")):
        addresses.append(_address(values, "previous_"))
    return {
        "offer": offer,
        "identity": {
            "first_name": values.get("first_name", ""),
            "last_name": values.get("last_name", ""),
            "date_of_birth": values.get("date_of_birth", ""),
            "nationality": values.get("nationality", ""),
        },
        "addresses": addresses,
        "employment": {
            "status": values.get("employment_status", ""),
            "employer": values.get("employer", ""),
            "since": values.get("employed_since", ""),
        },
        "net_monthly_income": values.get("net_monthly_income", ""),
        "housing_costs": values.get("housing_costs", ""),
        "existing_instalments": values.get("existing_instalments", ""),
        "dependants": _whole(values.get("dependants")),
        "household_adults": _whole(values.get("household_adults")),
        "iban": values.get("iban", ""),
    }


def _address(values: dict[str, Any], prefix: str) -> dict[str, Any]:
    since = "since" if prefix else "address_since"
    return {
        "street": values.get(f"{prefix}street", ""),
        "postcode": values.get(f"{prefix}postcode", ""),
        "city": values.get(f"{prefix}city", ""),
        "country": values.get(f"{prefix}country", "") or "DE",
        "since": values.get(f"{prefix}{since}", ""),
    }


def credit_errors(error: DomainError) -> dict[str, list[str]]:
    """The refusal's messages by the page's field names; the rest above the form."""
    extra = error.extra if isinstance(error.extra, dict) else {}
    if error.code == "consent-required":
        return {"consent": [_("Please agree to the credit check first.")]}
    found: dict[str, list[str]] = {}
    for item in extra.get("errors", []):
        name = CREDIT_FIELDS.get(item["field"], item["field"])
        if name.startswith("offer."):
            name = "__all__"
        found.setdefault(name, []).append(item["message"])
    return found or {"__all__": [error.detail]}


def offer_texts(order: Any) -> dict[str, str]:
    chosen = order.financing or {}
    return {
        "monthly": money_text(chosen.get("monthly_payment") or "0"),
        "amount": money_text(chosen.get("net_loan_amount") or "0"),
        "final": money_text(chosen.get("final_payment") or "0"),
        "lender": str((chosen.get("lender") or {}).get("name", "")),
    }


def decision_view(application: Any) -> dict[str, Any]:
    """The decision in words: the outcome, each reason, and the conditions with their figures."""
    key = "de" if language() == "de" else "en"
    conditions = application.conditions
    review = application.review_cases.order_by("-opened_at").first()
    return {
        "application": application,
        "outcome": application.outcome,
        "headline": headline(application.outcome),
        "reasons": [reason[key] for reason in application.reasons],
        "conditions": condition_texts(conditions) if conditions else [],
        "may_ask_review": application.outcome in REVIEWABLE
        and not application.decided_by_person
        and not (review and review.buyer_statement),
        "review_open": review is not None and review.status == "open",
    }


def headline(outcome: str) -> str:
    return {
        "approved": _("Your credit is approved."),
        "approved_with_conditions": _("Your credit is approved with conditions."),
        "referred": _("A person will look at your application before it is decided."),
        "declined": _("We are sorry: your credit application is declined."),
    }[outcome]


def condition_texts(conditions: dict[str, Any]) -> list[str]:
    texts = [_("A term of at most %(months)s months.") % {"months": conditions["max_term_months"]}]
    extra = Decimal(conditions["extra_down_payment"])
    if extra > 0:
        texts.append(
            _("%(extra)s more down payment, so that the loan is %(amount)s.")
            % {"extra": money_text(extra), "amount": money_text(conditions["amount"])}
        )
    texts.append(
        _("Monthly instalment: %(monthly)s.")
        % {"monthly": money_text(conditions["monthly_payment"])}
    )
    return texts


# --- Insurance ------------------------------------------------------------------------------

PROFILE_FIELDS: tuple[str, ...] = ("postcode", "date_of_birth", "no_claims_class", "yearly_km")
PROFILE_FIELDS += ("deductible_partial", "deductible_comprehensive", "garage")
FACTOR_NAMES = {
    "type_class": "Type class",
    "regional_class": "Regional class",
    "no_claims_class": "No-claims class",
    "driver_age": "Age of the youngest driver",
    "yearly_km": "Yearly mileage (km)",
    "deductible": "Deductible",
    "garage": "Garage",
}
COVER_NAMES = {
    "liability": "Liability",
    "partial": "Partial cover (Teilkasko)",
    "comprehensive": "Comprehensive cover (Vollkasko)",
}


@login_required
@require_http_methods(["GET", "POST"])
@not_found_on_unknown
def insurance_page(request: HttpRequest, order_id: UUID) -> HttpResponse:
    order = own_order(request.user, order_id)
    posted = request.POST.dict() if request.method == "POST" else None
    values = posted or insurance_initial(order)
    context: dict[str, Any] = {"order": order, "values": values, "errors": {}, "quotes": []}
    context["hidden"] = {key: values.get(key, "") for key in PROFILE_FIELDS}
    if posted is not None:
        try:
            if posted.get("cover"):
                return _take(request, order, posted)
            context["quotes"] = [
                quote_view(q)
                for q in insurance.quote_insurance(
                    data=insurance_profile(order, posted), language=language()
                )
            ]
        except DomainError as error:
            if error.status >= 500:
                raise
            context["errors"] = insurance_errors(error)
    context["fields"] = fields_of(INSURANCE_FORM, values, context["errors"])
    context["top_errors"] = context["errors"].get("__all__", [])
    status = 422 if context["errors"] else 200
    return render(request, "checkout/insurance.html", context, status=status)


def _take(request: HttpRequest, order: Any, posted: dict[str, Any]) -> HttpResponse:
    with transaction.atomic():
        policy = insurance.take_policy(
            holder=request.user,
            data=insurance_profile(order, posted),
            cover=posted["cover"],
            language=language(),
        )
        insurance.Policy.objects.filter(pk=policy.pk).update(order_reference=order.number)
    messages.success(
        request,
        _("Your car is insured. eVB number for the registration: %(evb)s")
        % {"evb": policy.evb_number},
    )
    return HttpResponseRedirect(reverse("checkout:order", args=[order.id]), status=303)


def insurance_initial(order: Any) -> dict[str, Any]:
    customer = order.customer or {}
    return {
        "postcode": customer.get("postcode", ""),
        "date_of_birth": customer.get("date_of_birth", ""),
        "no_claims_class": "0",
        "yearly_km": "15000",
        "deductible_partial": "150",
        "deductible_comprehensive": "500",
    }


def driver_age(born: str) -> int | str:
    try:
        birth = date.fromisoformat(born.strip())
    except ValueError:
        return ""
    today = clock.today_berlin()
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def insurance_profile(order: Any, values: dict[str, Any]) -> dict[str, Any]:
    """The rating profile of the ordered model from the page's fields."""
    return {
        "model": order.quote.get("model", ""),
        "postcode": str(values.get("postcode", "")).strip(),
        "no_claims_class": _whole(values.get("no_claims_class")),
        "driver_age": driver_age(str(values.get("date_of_birth", ""))),
        "yearly_km": _whole(values.get("yearly_km")),
        "deductible_partial": _whole(values.get("deductible_partial")),
        "deductible_comprehensive": _whole(values.get("deductible_comprehensive")),
        "garage": bool(values.get("garage")),
    }


def insurance_errors(error: DomainError) -> dict[str, list[str]]:
    extra = error.extra if isinstance(error.extra, dict) else {}
    found: dict[str, list[str]] = {}
    for item in extra.get("errors", []):
        name = "date_of_birth" if item["field"] == "driver_age" else item["field"]
        found.setdefault(name if name in PROFILE_FIELDS else "__all__", []).append(item["message"])
    return found or {"__all__": [error.detail]}


def quote_view(quote: Any) -> dict[str, Any]:
    return {
        "cover": quote.cover,
        "name": _(COVER_NAMES[quote.cover]),
        "yearly": money_text(quote.yearly),
        "monthly": money_text(quote.monthly),
        "net": money_text(quote.net_yearly),
        "tax": money_text(quote.tax_yearly),
        "tax_rate": quote.tax_rate.normalize(),
        "parts": [
            {
                "name": _(COVER_NAMES[part.part]),
                "base": money_text(part.base),
                "net": money_text(part.net_yearly),
                "factors": [
                    (_(FACTOR_NAMES[f.name]), f.value, f.factor.normalize()) for f in part.factors
                ],
            }
            for part in quote.components
        ],
    }


def policies_of(order: Any) -> list[Any]:
    """The policies the buyer took out for this order's car."""
    return list(
        insurance.Policy.objects.filter(holder_id=order.buyer_id, order_reference=order.number)
    )
