"""Reads of the credit domain, shaped for whoever asks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from autokauf.core import clock

from .access import sees_score, viewer_kind
from .errors import UnknownApplication
from .models import CreditApplication, Outcome, PrequalificationResult, ReviewCase

# How long an approval stands for checkout to rely on (docs/domains/credit.md).
APPROVAL_VALID_DAYS = 30
APPROVED = (Outcome.APPROVED, Outcome.APPROVED_WITH_CONDITIONS)


@dataclass(frozen=True)
class OfferRef:
    """The terms of a financing offer an approval is matched against."""

    lender_code: str
    product: str
    amount: Decimal  # net loan amount
    term_months: int

    @classmethod
    def of(cls, offer: Any) -> OfferRef:
        """From a financing.Offer: lender (with a code), product, net_loan_amount,
        number_of_payments."""
        lender = offer.lender
        code = lender.get("code") if isinstance(lender, dict) else getattr(lender, "code", lender)
        amount = getattr(offer.net_loan_amount, "amount", offer.net_loan_amount)
        return cls(str(code), str(offer.product), Decimal(amount), int(offer.number_of_payments))


def access_application(user: Any, application_id: UUID | str) -> CreditApplication:
    """The application if `user` is its applicant, sales staff or an admin; otherwise not found
    (dealer staff and other buyers do not learn that it exists)."""
    try:
        application = CreditApplication.objects.get(pk=application_id)
    except (CreditApplication.DoesNotExist, ValueError) as exc:
        raise UnknownApplication("No such credit application.") from exc
    if application.applicant_id == getattr(user, "pk", None) or sees_score(user):
        return application
    raise UnknownApplication("No such credit application.")


def access_own_application(user: Any, application_id: UUID | str) -> CreditApplication:
    """The application if `user` applied for it; otherwise not found."""
    application = access_application(user, application_id)
    if application.applicant_id != getattr(user, "pk", None):
        raise UnknownApplication("No such credit application.")
    return application


def _reasons(items: list[dict[str, str]], language: str) -> list[dict[str, str]]:
    key = "de" if language.startswith("de") else "en"
    return [{"code": item["code"], "message": item[key]} for item in items]


def _review(application: CreditApplication) -> dict[str, Any] | None:
    case = application.review_cases.order_by("-opened_at").first()
    if case is None:
        return None
    return {
        "status": case.status,
        "opened_at": case.opened_at.isoformat(),
        "decided_at": case.decided_at.isoformat() if case.decided_at else None,
        "outcome": case.outcome or None,
    }


def _offer(application: CreditApplication) -> dict[str, Any]:
    return {
        "lender_code": application.lender_code,
        "product": application.product,
        "amount": f"{application.amount:.2f}",
        "term_months": application.term_months,
        "monthly_payment": f"{application.monthly_payment:.2f}",
        "nominal_rate": f"{application.nominal_rate}",
        "final_payment": f"{application.final_payment:.2f}",
    }


def application_for_viewer(
    application: CreditApplication, viewer: Any, language: str = "de"
) -> dict[str, Any]:
    """One application as `viewer` may see it.

    The applicant: decision, reasons, conditions and review. Sales and admins: also the score,
    its factors and the affordability figures. Dealer staff: the decision and conditions only,
    never the score, its factors or reasons drawn from them.
    """
    shaped: dict[str, Any] = {
        "id": str(application.id),
        "created_at": application.created_at.isoformat(),
        "offer": _offer(application),
        "outcome": application.outcome,
        "decided_by": "person" if application.decided_by_person else "automated",
        "decided_at": application.decided_at.isoformat(),
        "conditions": application.conditions,
    }
    if viewer_kind(viewer) == "dealer_staff":
        return shaped
    shaped["reasons"] = _reasons(application.reasons, language)
    shaped["review"] = _review(application)
    if sees_score(viewer):
        shaped["assessment"] = {
            "score": application.score,
            "score_band": application.score_band,
            "score_factors": application.score_factors,
            "affordability": application.affordability,
            "automated_outcome": application.automated_outcome,
            "automated_reasons": _reasons(application.automated_reasons, language),
        }
    return shaped


def approved_application_for(user: Any, offer_ref: OfferRef | Any) -> CreditApplication | None:
    """The user's approval that covers this offer, or None: same lender and product, an amount
    and a term no larger than approved, decided within the last 30 days. Checkout asks this
    before it confirms a financed order."""
    ref = offer_ref if isinstance(offer_ref, OfferRef) else OfferRef.of(offer_ref)
    since = clock.now() - timedelta(days=APPROVAL_VALID_DAYS)
    return (
        CreditApplication.objects.filter(
            applicant_id=getattr(user, "pk", None),
            outcome__in=APPROVED,
            decided_at__gte=since,
            lender_code=ref.lender_code,
            product=ref.product,
            approved_amount__gte=ref.amount,
            approved_term_months__gte=ref.term_months,
        )
        .order_by("-decided_at")
        .first()
    )


def is_prequalified(user: Any) -> bool:
    """A soft check with a positive outcome, or an approved application, within the last
    30 days (APPROVAL_VALID_DAYS)."""
    since = clock.now() - timedelta(days=APPROVAL_VALID_DAYS)
    user_id = getattr(user, "pk", None)
    if user_id is None:
        return False
    return (
        PrequalificationResult.objects.filter(
            user_id=user_id, outcome__in=APPROVED, checked_at__gte=since
        ).exists()
        or CreditApplication.objects.filter(
            applicant_id=user_id, outcome__in=APPROVED, decided_at__gte=since
        ).exists()
    )


def open_review_cases() -> list[ReviewCase]:
    return list(
        ReviewCase.objects.filter(status=ReviewCase.Status.OPEN).select_related("application")
    )
