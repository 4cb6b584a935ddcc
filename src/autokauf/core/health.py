"""Liveness, readiness and metrics endpoints."""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from .observability import METRICS_CONTENT_TYPE, metrics_text


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """The process answers; says nothing about its dependencies."""
    return JsonResponse({"status": "ok"})


def _check_database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _check_cache() -> str:
    cache.set("readyz-probe", "1", timeout=5)
    if cache.get("readyz-probe") != "1":
        raise RuntimeError("cache did not keep a value")
    return "ok"


@never_cache
def readyz(request: HttpRequest) -> HttpResponse:
    """Ready to serve: the database and the cache answer."""
    checks: dict[str, str] = {}
    for name, check in (("database", _check_database), ("cache", _check_cache)):
        try:
            checks[name] = check()
        except Exception as exc:
            checks[name] = f"failed: {exc.__class__.__name__}"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", "checks": checks}, status=200 if ready else 503
    )


@never_cache
def metrics(request: HttpRequest) -> HttpResponse:
    return HttpResponse(metrics_text(), content_type=METRICS_CONTENT_TYPE)
