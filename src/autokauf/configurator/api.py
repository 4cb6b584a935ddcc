"""JSON API of the configurator: validate, quote, save and reopen a configuration."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from ninja import Router, Status

from autokauf.core.idempotency import idempotent

from . import selectors, services
from .schemas import ConfigurationIn, QuoteIn, QuoteOut, ReopenedOut, SavedOut, ValidationOut

configurations_router = Router(tags=["configurations"])
quotes_router = Router(tags=["quotes"])


def saved_url(request: HttpRequest, code: str) -> str:
    """The storefront page of a saved configuration (its API address until the page exists)."""
    try:
        path = reverse("storefront:saved", args=[code])
    except NoReverseMatch:
        path = reverse("api:reopen_configuration", args=[code])
    return request.build_absolute_uri(path)


@configurations_router.post("/validate", response=ValidationOut)
def validate_configuration(request: HttpRequest, payload: ConfigurationIn) -> dict[str, Any]:
    """Checks a configuration against the model's rules and proposes the smallest repair."""
    validation = selectors.validate_configuration(trim=payload.trim, options=payload.options)
    return validation.to_dict(selectors.language())


@quotes_router.post("", response=QuoteOut)
def quote_configuration(request: HttpRequest, payload: QuoteIn) -> dict[str, Any]:
    """The full price of a valid configuration (422 problem with conflicts if it is invalid)."""
    quote = selectors.quote_configuration(
        trim=payload.trim, options=payload.options, country=payload.country
    )
    return quote.to_dict()


@configurations_router.post("", response={201: SavedOut})
@idempotent("configurator.saved_configuration")
def save_configuration(request: HttpRequest, payload: QuoteIn) -> Status:
    """Saves a valid configuration under a short code."""
    saved = services.save_configuration(
        trim=payload.trim, options=payload.options, country=payload.country
    )
    return Status(
        201, {"code": saved.code, "url": saved_url(request, saved.code), "quote": saved.quote}
    )


@configurations_router.get("/{code}", response=ReopenedOut, url_name="reopen_configuration")
def reopen_configuration(request: HttpRequest, code: str) -> dict[str, Any]:
    """A saved configuration with today's quote and what changed since it was saved."""
    reopened = selectors.reopen_configuration(code)
    saved, lang = reopened.saved, selectors.language()
    return {
        "code": saved.code,
        "trim": saved.trim_code,
        "options": saved.options,
        "country": saved.country,
        "saved_quote": saved.quote,
        "quote": reopened.quote.to_dict() if reopened.quote else None,
        "changes": [change.to_dict(lang) for change in reopened.changes],
    }
