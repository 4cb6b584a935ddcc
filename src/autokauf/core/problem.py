"""RFC 9457 problem details for the JSON API."""

from __future__ import annotations

import logging
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from .errors import DomainError

PROBLEM_TYPE_BASE = "https://autokauf.example/problems/"
CONTENT_TYPE = "application/problem+json"
API_PATH_PREFIX = "/api/"
_CODES = {404: "not-found", 405: "method-not-allowed", 500: "server-error"}
_KEPT_HEADERS = ("Allow", "Retry-After")
log = logging.getLogger(__name__)


def problem_response(
    request: HttpRequest, *, status: int, code: str, title: str, detail: str, **extra: Any
) -> HttpResponse:
    body = {
        "type": PROBLEM_TYPE_BASE + code,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": request.path,
        **extra,
    }
    return JsonResponse(body, status=status, content_type=CONTENT_TYPE)


def _validation_errors(exc: NinjaValidationError) -> list[dict[str, Any]]:
    errors = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "payload")]
        errors.append({"field": ".".join(location), "message": error.get("msg", "invalid")})
    return errors


def install(api: NinjaAPI) -> None:
    """Route every error the API can raise through problem details."""

    @api.exception_handler(DomainError)
    def domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
        return problem_response(
            request,
            status=exc.status,
            code=exc.code,
            title=exc.title,
            detail=exc.detail,
            **exc.extra,
        )

    @api.exception_handler(NinjaValidationError)
    def validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
        errors = _validation_errors(exc)
        detail = "; ".join(f"{e['field'] or 'body'}: {e['message']}" for e in errors)
        return problem_response(
            request,
            status=422,
            code="invalid-input",
            title="Invalid input",
            detail=detail,
            errors=errors,
        )

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return problem_response(
            request,
            status=404,
            code="not-found",
            title="Not found",
            detail=str(exc) or "No such resource.",
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
        return problem_response(
            request,
            status=401,
            code="unauthenticated",
            title="Authentication required",
            detail="Log in or send a valid token.",
        )

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        return problem_response(
            request,
            status=exc.status_code,
            code="http-error",
            title="Request refused",
            detail=str(exc),
        )

    @api.exception_handler(Exception)
    def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
        log.exception("unhandled error in API")
        return problem_response(
            request,
            status=500,
            code="server-error",
            title="Internal error",
            detail="Something went wrong on our side; the request id identifies it in our logs.",
        )


class ApiErrorsAsProblemsMiddleware:
    """Under /api/ no error answers HTML: the ones the API's handlers never see (an unknown path is
    refused by Django's URL resolver, a wrong method by Ninja's router) become problem details too.
    Pages outside /api/ keep their HTML error pages."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code < 400 or not request.path.startswith(API_PATH_PREFIX):
            return response
        if "json" in response.get("Content-Type", ""):
            return response
        return _as_problem(request, response)


def _as_problem(request: HttpRequest, refused: HttpResponse) -> HttpResponse:
    status = refused.status_code
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    if status == 404:
        detail = "No such resource."
    elif status == 405:
        detail = f"{request.method} is not allowed here; allowed: {refused.get('Allow', '')}."
    else:
        detail = phrase + "."
    problem = problem_response(
        request, status=status, code=_CODES.get(status, "http-error"), title=phrase, detail=detail
    )
    for header in _KEPT_HEADERS:
        if header in refused:
            problem[header] = refused[header]
    return problem
