"""A buyer paying on the sandbox page, and the sandbox's webhooks delivered in-process."""

from __future__ import annotations

from datetime import UTC, datetime

from django.test import Client

from autokauf.core.money import Money
from autokauf.payments.adapters.sandbox.models import SandboxWebhook
from autokauf.payments.adapters.sandbox.signing import signed_headers

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WEBHOOK_URL = "/api/v1/payments/webhooks/sandbox"


def start(reference: str = "order-1001", amount: str = "5000.00"):
    from autokauf.payments import start_payment

    return start_payment(
        reference=reference,
        amount=Money.of(amount),
        description=f"Anzahlung {reference}",
        return_url="https://shop.example/orders/1001/paid",
        customer_email="erika@example.org",
    )


def pay(payment, instrument: str = "success", client: Client | None = None):
    """The buyer chooses `instrument` on the hosted page and presses "authorise"."""
    return (client or Client()).post(
        payment.redirect_url, {"instrument": instrument, "action": "authorise"}
    )


def post_webhook(message: SandboxWebhook, *, headers: dict | None = None, body: str | None = None):
    body = message.body if body is None else body
    headers = headers or signed_headers(message.id, message.body)
    return Client().post(
        WEBHOOK_URL,
        body,
        content_type="application/json",
        headers={k: v for k, v in headers.items() if k != "content-type"},
    )
