"""Insurance API (mounted at /api/v1/insurance): quotes and policies with an eVB number."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router, Status

from autokauf.accounts import AuthenticatedRequest, api_auth
from autokauf.core.idempotency import idempotent

from . import services
from .schemas import PolicyIn, ProfileIn

router = Router(tags=["insurance"])


def _language() -> str:
    return get_language() or "de"


@router.post("/quotes")
def quote(request: HttpRequest, payload: ProfileIn) -> dict[str, Any]:
    """Liability, partial and comprehensive cover, yearly and monthly incl. 19 % insurance tax."""
    quotes = services.quote_insurance(data=payload.dict(), language=_language())
    return {"quotes": [item.to_dict() for item in quotes]}


@router.post("/policies", auth=api_auth, response={201: dict[str, Any]})
@idempotent("insurance.policy")
def take_policy(request: AuthenticatedRequest, payload: PolicyIn) -> Status:
    """Takes out the chosen cover; the answer carries the eVB number for registration."""
    data = payload.dict(exclude={"cover", "starts_on"})
    policy = services.take_policy(
        holder=request.auth,
        data=data,
        cover=payload.cover,
        starts_on=payload.starts_on,
        language=_language(),
    )
    return Status(
        201,
        {
            "id": policy.pk,
            "evb_number": policy.evb_number,
            "cover": policy.cover,
            "starts_on": policy.starts_on.isoformat(),
            "yearly": f"{policy.yearly_premium:.2f}",
            "monthly": f"{policy.monthly_premium:.2f}",
            "quote": policy.quote,
        },
    )
