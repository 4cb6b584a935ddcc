"""Idempotency keys as Stripe defines them (DOMAIN.md, "Security, reliability and API conventions").

The first answer given for a key is stored and replayed with `Idempotent-Replayed: true`; the same
key with another request is refused (422 "idempotency-key-reused"); a request whose key is still
being worked on is refused (409 "idempotency-key-in-use"). The key is claimed by an INSERT under a
unique constraint in its own short transaction, never by read-then-write. Answers given before
work began (authentication, refusals of the caller such as an unconfirmed e-mail address,
throttling, input validation) are not stored, so the key stays usable once the caller has put
that right.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from ninja.decorators import decorate_view

from . import clock
from .models import IdempotencyRecord
from .problem import problem_response

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
MAX_KEY_LENGTH = 255
# A claim older than this whose answer never came (the process died) may be claimed again.
ABANDONED_AFTER = timedelta(minutes=5)
# 403 refuses the caller before any work (a role, a CSRF check, an unconfirmed address, an
# eligibility), and every refusal changes nothing: the same key may be sent again once put right.
_NOT_STORED = {401, 403, 429}

View = Callable[..., HttpResponse]


def key_lifetime() -> timedelta:
    """How long a key is kept: at least 24 hours (setting IDEMPOTENCY_KEY_HOURS)."""
    return timedelta(hours=max(24, int(getattr(settings, "IDEMPOTENCY_KEY_HOURS", 24))))


def idempotent(
    scope: str, *, shown_once: str | None = None
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Make a Ninja operation honour `Idempotency-Key`; place it below `@router.post(...)`.

    `shown_once` names a field of the answer that holds a secret shown only once (a new API
    token): it is never stored, and a repeat of a successful request is refused with 409
    "idempotency-answer-shown-once", carrying the rest of the first answer, instead of a replay.
    The wrapped operation carries its scope as `idempotency_scope` on its `run`."""

    def wrap_view(view: View) -> View:
        @functools.wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            key = request.headers.get(HEADER, "")
            if not key:
                return view(request, *args, **kwargs)
            work = functools.partial(view, request, *args, **kwargs)
            return _run_once(request, scope, key, work, shown_once=shown_once)

        guarded.idempotency_scope = scope  # type: ignore[attr-defined]
        return guarded

    return decorate_view(wrap_view)


def caller_of(request: HttpRequest) -> str:
    """Who sends the request, before authentication ran: token, logged-in user, session, or none."""
    authorization = request.headers.get("Authorization", "")
    if authorization.lower().startswith("bearer "):
        return "token:" + hashlib.sha256(authorization[7:].strip().encode()).hexdigest()[:40]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    session = getattr(request, "session", None)
    if session is not None and session.session_key:
        return f"session:{session.session_key}"
    return "anonymous"


def fingerprint_of(request: HttpRequest) -> str:
    """sha256 over method, path and body; a JSON body is compared by content, not by spacing."""
    body: bytes = request.body
    with contextlib.suppress(ValueError, UnicodeDecodeError):
        body = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    digest = hashlib.sha256()
    for part in (request.method or "", request.path):
        digest.update(part.encode() + b"\n")
    digest.update(body)
    return digest.hexdigest()


def _run_once(
    request: HttpRequest,
    scope: str,
    key: str,
    work: Callable[[], HttpResponse],
    *,
    shown_once: str | None = None,
) -> HttpResponse:
    if len(key) > MAX_KEY_LENGTH:
        return _refusal(request, 422, "invalid-input", "Invalid input", "Idempotency-Key too long.")
    caller, fingerprint = caller_of(request), fingerprint_of(request)
    record = _claim(scope, caller, key, fingerprint)
    if record is None:
        answer = _answer_for_existing(request, scope, caller, key, fingerprint)
        return _withheld(request, answer) if shown_once else answer
    try:
        response = work()
    except BaseException:
        IdempotencyRecord.objects.filter(pk=record.pk).delete()
        raise
    _settle(record, response, shown_once=shown_once)
    return response


def _claim(scope: str, caller: str, key: str, fingerprint: str) -> IdempotencyRecord | None:
    """INSERT the key in its own transaction; None when another request holds it."""
    now = clock.now()
    try:
        with _own_statement():
            return IdempotencyRecord.objects.create(
                scope=scope, caller=caller, key=key, fingerprint=fingerprint, created_at=now
            )
    except IntegrityError:
        pass
    # Take over an abandoned claim with one conditional UPDATE; only one taker can win it.
    taken = IdempotencyRecord.objects.filter(
        scope=scope,
        caller=caller,
        key=key,
        fingerprint=fingerprint,
        state=IdempotencyRecord.State.IN_FLIGHT,
        created_at__lt=now - ABANDONED_AFTER,
    ).update(created_at=now)
    if taken:
        return IdempotencyRecord.objects.get(scope=scope, caller=caller, key=key)
    return None


def _own_statement() -> Any:
    """Outside a transaction (as a request runs) the INSERT is a transaction of its own, with no
    BEGIN and COMMIT around it; inside one, a savepoint keeps a refused INSERT from breaking it."""
    if transaction.get_connection().in_atomic_block:
        return transaction.atomic()
    return contextlib.nullcontext()


def _answer_for_existing(
    request: HttpRequest, scope: str, caller: str, key: str, fingerprint: str
) -> HttpResponse:
    record = IdempotencyRecord.objects.filter(scope=scope, caller=caller, key=key).first()
    if record is not None and record.fingerprint != fingerprint:
        return _refusal(
            request,
            422,
            "idempotency-key-reused",
            "Idempotency key reused",
            "This Idempotency-Key was sent before with a different request.",
        )
    if record is None or record.state != IdempotencyRecord.State.DONE:
        response = _refusal(
            request,
            409,
            "idempotency-key-in-use",
            "Idempotency key in use",
            "A request with this Idempotency-Key is still being processed; retry shortly.",
        )
        response["Retry-After"] = "1"
        return response
    replay = HttpResponse(
        record.response_body,
        status=record.response_status or 200,
        content_type=record.response_content_type or "application/json",
    )
    replay[REPLAYED_HEADER] = "true"
    return replay


def _withheld(request: HttpRequest, answer: HttpResponse) -> HttpResponse:
    """A replay of a successful answer whose secret was shown once becomes a refusal."""
    if answer.get(REPLAYED_HEADER) != "true" or not 200 <= answer.status_code < 300:
        return answer
    refusal = problem_response(
        request,
        status=409,
        code="idempotency-answer-shown-once",
        title="Answer shown once",
        detail="This Idempotency-Key was used before; its answer held a secret that is shown "
        "only once and cannot be sent again.",
        first_answer=_json_or_none(answer.content),
    )
    refusal[REPLAYED_HEADER] = "true"
    return refusal


def _json_or_none(content: bytes) -> Any:
    try:
        return json.loads(content)
    except ValueError:
        return None


def _settle(
    record: IdempotencyRecord, response: HttpResponse, *, shown_once: str | None = None
) -> None:
    """Store the first answer, or free the key when the request was refused before work began."""
    if _refused_before_work(response):
        IdempotencyRecord.objects.filter(pk=record.pk).delete()
        return
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        state=IdempotencyRecord.State.DONE,
        response_status=response.status_code,
        response_content_type=response.get("Content-Type", "application/json"),
        response_body=_body_to_keep(response, shown_once),
        completed_at=clock.now(),
    )


def _body_to_keep(response: HttpResponse, shown_once: str | None) -> str:
    body = response.content.decode("utf-8", errors="replace")
    if shown_once is None:
        return body
    try:
        answer = json.loads(body)
    except ValueError:
        return body
    if isinstance(answer, dict):
        answer.pop(shown_once, None)
    return json.dumps(answer)


def _refused_before_work(response: HttpResponse) -> bool:
    if response.status_code in _NOT_STORED:
        return True
    if response.status_code != 422:
        return False
    try:
        body = json.loads(response.content)
    except ValueError:
        return False
    # Ninja's schema validation answers with field errors before the operation ran.
    return isinstance(body, dict) and "errors" in body and body.get("status") == 422


def _refusal(request: HttpRequest, status: int, code: str, title: str, detail: str) -> HttpResponse:
    return problem_response(request, status=status, code=code, title=title, detail=detail)


def delete_expired_keys(*, now: Any = None) -> int:
    """The sweeper: forget keys older than their lifetime. Returns how many were deleted."""
    cutoff = (now or clock.now()) - key_lifetime()
    deleted, _ = IdempotencyRecord.objects.filter(created_at__lt=cutoff).delete()
    return deleted
