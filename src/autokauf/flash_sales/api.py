"""Drops API (mounted at /api/v1/drops): the drop, joining, claiming and paying.

Join, claims and payments honour `Idempotency-Key`; join and claim are rate-limited per account and
per address (429 with Retry-After)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import Router, Status

from autokauf import accounts, checkout
from autokauf.accounts import AuthenticatedRequest, api_auth
from autokauf.core.errors import DomainError
from autokauf.core.idempotency import idempotent

from . import claims, front_door, gate, selectors, services, throttle
from .errors import RateLimited
from .models import DropClaim
from .schemas import ClaimOut, DropOut, PayIn, PaymentOut, PlaceOut

router = Router(tags=["drops"])


def claim_url(claim: DropClaim) -> str:
    template = getattr(settings, "FLASH_SALE_CLAIM_URL", "/drops/claims/{id}/")
    return str(template).format(id=claim.pk)


def claim_out(claim: DropClaim) -> dict[str, Any]:
    return {
        "id": claim.pk,
        "drop": claim.drop_id,
        "vin": claim.vin,
        "slot": claim.slot,
        "status": selectors.claim_status(claim),
        "expires_at": claim.expires_at,
        "payment_url": claim_url(claim),
    }


def _throttled(request: HttpRequest, account: int | None) -> HttpResponse | None:
    try:
        throttle.check_rate(account=account, address=request.META.get("REMOTE_ADDR", ""))
    except RateLimited as refused:
        return front_door.refusal_response(request, refused)
    return None


@router.get("/{drop_id}", response=DropOut)
def get_drop(request: HttpRequest, drop_id: int, response: HttpResponse) -> Any:
    # Short polling by every waiting buyer: a CDN (or the browser) may serve it for one second.
    response["Cache-Control"] = "public, max-age=1"
    return selectors.drop_view(selectors.get_drop(drop_id))


def _introduce(request: AuthenticatedRequest, drop_id: int) -> None:
    """Let the drop's claim front door know this token's buyer."""
    digest = accounts.bearer_digest(request)
    if digest is not None:
        gate.remember_caller(drop_id, digest, request.auth.pk)


@router.post("/{drop_id}/join", response={200: PlaceOut}, auth=api_auth)
@idempotent("flash_sales.join")
def join(request: AuthenticatedRequest, drop_id: int) -> Any:
    refused = _throttled(request, request.auth.pk)
    if refused is not None:
        return refused
    drop = selectors.get_drop(drop_id)
    entry = services.join_drop(drop=drop, buyer=request.auth)
    _introduce(request, drop.pk)
    if entry.position is not None:
        gate.add_place(drop.pk, request.auth.pk, entry.position)
    return selectors.place_of(drop, request.auth)


@router.get("/{drop_id}/place", response=PlaceOut, auth=api_auth)
def place(request: AuthenticatedRequest, drop_id: int) -> Any:
    return selectors.place_of(selectors.get_drop(drop_id), request.auth)


@router.post("/{drop_id}/claims", response={201: ClaimOut}, auth=api_auth)
@idempotent("flash_sales.claim")
def claim(request: AuthenticatedRequest, drop_id: int) -> Any:
    # The front door counts only callers it knows: then the rate limits are counted and the
    # caller need not be introduced again.
    if not front_door.counted(request):
        refused = _throttled(request, request.auth.pk)
        if refused is not None:
            return refused
        _introduce(request, drop_id)
    if front_door.token_taken(request):
        taken = claims.claim_admitted_car(drop_id=drop_id, buyer=request.auth)
    else:
        taken = claims.claim_car(drop=selectors.get_drop(drop_id), buyer=request.auth)
    return Status(201, claim_out(taken))


def claim_at_the_door(request: HttpRequest, drop_id: int) -> HttpResponse | None:
    """The claim of a bearer caller the front door admitted and took a token for (ADR 0008):
    the same authentication, claim and answer as `claim` above, without the stack a bearer call
    that answers JSON has no use for (sessions, CSRF, messages, routing). None when the token has
    no active owner: the full path then answers 401."""
    raw = accounts.bearer_token(request)
    buyer = accounts.user_for_token(raw) if raw else None
    if buyer is None:
        return None
    try:
        taken = claims.claim_admitted_car(drop_id=drop_id, buyer=buyer)
    except DomainError as refused:
        return front_door.refusal_response(request, refused)
    from autokauf.api import api

    answer = ClaimOut.model_validate(claim_out(taken)).model_dump()
    return api.create_response(request, answer, status=201)


@router.get("/claims/{claim_id}", response=ClaimOut, auth=api_auth)
def get_claim(request: AuthenticatedRequest, claim_id: UUID) -> Any:
    return claim_out(selectors.access_claim(request.auth, claim_id))


@router.post("/claims/{claim_id}/pay", response=PaymentOut, auth=api_auth)
@idempotent("flash_sales.pay")
def pay(request: AuthenticatedRequest, claim_id: UUID, payload: PayIn) -> Any:
    data = checkout.CheckoutData(**payload.dict())
    paid, order = claims.pay_claim(
        buyer=request.auth, claim_id=claim_id, data=data, language=(get_language() or "de")[:2]
    )
    url = getattr(order, "payment_url", None) or checkout.payment_url_of(order)
    return {
        "claim": claim_out(paid),
        "order": order.id,
        "order_number": order.number,
        "payment_url": url,
    }


@router.post("/claims/{claim_id}/cancel", response=ClaimOut, auth=api_auth)
@idempotent("flash_sales.cancel")
def cancel(request: AuthenticatedRequest, claim_id: UUID) -> Any:
    return claim_out(claims.cancel_claim(buyer=request.auth, claim_id=claim_id))
