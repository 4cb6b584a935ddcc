"""The claim's front door: a drop's crowd answered from Redis before the framework's full path.

Nearly every claim in a drop is refused: sold out, not yet admitted, too many requests. This
middleware sits right after the request id, so those refusals skip sessions, CSRF, token lookup,
idempotency and every database read (ADR 0008). It only ever refuses; a claim that may succeed,
and every caller it does not know, goes on to the API's full path, which decides on the database.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from autokauf import accounts
from autokauf.core import clock
from autokauf.core.errors import DomainError
from autokauf.core.problem import problem_response

from . import gate, throttle
from .errors import RateLimited

CLAIM_PATH = re.compile(r"^/api/v1/drops/(?P<drop>\d+)/claims$")

# Set on the request when the front door has counted it against the rate limits already, and
# when it has taken one of the drop's tokens for it.
COUNTED = "autokauf.flash_sales.counted"
TOKEN_TAKEN = "autokauf.flash_sales.token_taken"


class ClaimFrontDoorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and gate.enabled():
            matched = CLAIM_PATH.match(request.path_info)
            if matched is not None:
                refused = _refusal(request, int(matched["drop"]))
                if refused is not None:
                    return refused
        return self.get_response(request)


def _refusal(request: HttpRequest, drop_id: int) -> HttpResponse | None:
    digest = accounts.bearer_digest(request)
    if digest is None:
        return None
    answer = gate.front_door(
        drop_id=drop_id,
        token_digest=digest,
        address=request.META.get("REMOTE_ADDR", ""),
        now=clock.now().timestamp(),
        window_seconds=throttle.window_seconds(),
        account_limit=throttle.account_limit(),
        address_limit=throttle.address_limit(),
    )
    request.META[COUNTED] = answer.counted
    request.META[TOKEN_TAKEN] = answer.token_taken
    refusal = answer.refusal
    if refusal is None:
        return None
    response = refusal_response(request, refusal)
    response["Cache-Control"] = "no-store"
    request.answered_route = "api/v1/drops/<int:drop_id>/claims"  # type: ignore[attr-defined]
    return response


def refusal_response(request: HttpRequest, refusal: DomainError) -> HttpResponse:
    """A refusal as problem+json; a rate limit also says when to come back (Retry-After)."""
    response = problem_response(
        request,
        status=refusal.status,
        code=refusal.code,
        title=refusal.title,
        detail=refusal.detail,
        **refusal.extra,
    )
    if isinstance(refusal, RateLimited):
        response["Retry-After"] = str(refusal.retry_after)
    return response


def counted(request: HttpRequest) -> bool:
    return bool(request.META.get(COUNTED))


def token_taken(request: HttpRequest) -> bool:
    return bool(request.META.get(TOKEN_TAKEN))
