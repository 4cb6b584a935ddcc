"""The claim's front door: a drop's crowd answered from Redis before the framework's full path.

Nearly every claim in a drop is refused: sold out, not yet admitted, too many requests. This
middleware sits right after the request id, so those refusals skip sessions, CSRF, token lookup,
idempotency and every database read (ADR 0008). Redis only ever refuses here. An admitted caller
that took one of the drop's tokens (and sent no Idempotency-Key) is answered here too, by the
API's own authentication and claim in the database (`api.claim_at_the_door`); every other caller
goes on to the API's full path.
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
ROUTE = "api/v1/drops/<int:drop_id>/claims"
IDEMPOTENCY_KEY = "HTTP_IDEMPOTENCY_KEY"

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
                answered = _answer(request, int(matched["drop"]))
                if answered is not None:
                    return answered
        return self.get_response(request)


def _answer(request: HttpRequest, drop_id: int) -> HttpResponse | None:
    answered = _refusal(request, drop_id)
    if answered is None and token_taken(request) and not request.META.get(IDEMPOTENCY_KEY):
        from .api import claim_at_the_door

        answered = claim_at_the_door(request, drop_id)
    if answered is not None:
        answered["Cache-Control"] = "no-store"
        request.answered_route = ROUTE  # type: ignore[attr-defined]
    return answered


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
    return refusal_response(request, refusal)


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
