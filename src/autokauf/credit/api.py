"""Credit API (mounted at /api/v1/credit): pre-qualification, applications, review requests."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Status

from autokauf.accounts import AuthenticatedRequest, api_auth
from autokauf.core.idempotency import idempotent

from . import selectors, services
from .consent import CURRENT_VERSION, consent_text
from .schemas import ApplicationIn, PrequalificationIn, ReviewRequestIn

router = Router(tags=["credit"], auth=api_auth)


def _language() -> str:
    return get_language() or "de"


def _reasons(reasons: tuple[Any, ...], language: str) -> list[dict[str, str]]:
    return [{"code": reason.code, "message": reason.text(language)} for reason in reasons]


@router.get("/consent", auth=None)
def current_consent(request: HttpRequest) -> dict[str, str]:
    """The consent text a buyer agrees to before any check, with its version."""
    return {"version": CURRENT_VERSION, "text": consent_text(_language())}


@router.post("/prequalifications")
@idempotent("credit.prequalification")
def prequalify(request: AuthenticatedRequest, payload: PrequalificationIn) -> dict[str, Any]:
    """A soft check: the likely decision, without a trace at the bureau."""
    language = _language()
    result = services.prequalify(
        user=request.auth,
        data=payload.dict(),
        consent_version=payload.consent_version,
        language=language,
    )
    decision = result.decision
    return {
        "outcome": decision.outcome,
        "reasons": _reasons(decision.reasons, language),
        "conditions": decision.conditions.to_dict() if decision.conditions else None,
        "affordability": result.affordability.to_dict(),
    }


@router.post("/applications", response={201: dict[str, Any]})
@idempotent("credit.application")
def submit_application(request: AuthenticatedRequest, payload: ApplicationIn) -> Status:
    language = _language()
    application = services.submit_application(
        applicant=request.auth,
        data=payload.dict(),
        consent_version=payload.consent_version,
        language=language,
    )
    return Status(201, selectors.application_for_viewer(application, request.auth, language))


@router.get("/applications/{application_id}")
def application_detail(request: AuthenticatedRequest, application_id: UUID) -> dict[str, Any]:
    """Only the applicant, sales staff and admins see an application; others get 404."""
    application = selectors.access_application(request.auth, application_id)
    return selectors.application_for_viewer(application, request.auth, _language())


@router.post("/applications/{application_id}/review-requests", response={201: dict[str, Any]})
@idempotent("credit.review_request")
def request_review(
    request: AuthenticatedRequest, application_id: UUID, payload: ReviewRequestIn
) -> Status:
    """The applicant asks a person to review a declined or referred decision (GDPR Art. 22)."""
    application = selectors.access_own_application(request.auth, application_id)
    case = services.request_review(application=application, statement=payload.statement)
    return Status(
        201, {"id": case.pk, "status": case.status, "opened_at": case.opened_at.isoformat()}
    )
