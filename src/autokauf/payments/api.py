"""Payments API (mounted at /api/v1/payments): the providers' webhook endpoints."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema

from . import services

router = Router(tags=["payments"])


class WebhookAnswer(Schema):
    outcome: str


@router.post("/webhooks/sandbox", response=WebhookAnswer, auth=None)
def sandbox_webhook(request: HttpRequest) -> dict[str, str]:
    """Standard Webhooks from the sandbox provider: verified (signature and five-minute window,
    else 400 problem) and taken once per webhook-id (a duplicate answers 200 without effect)."""
    outcome = services.receive_webhook(
        provider="sandbox", headers=dict(request.headers), body=request.body
    )
    return {"outcome": outcome}
