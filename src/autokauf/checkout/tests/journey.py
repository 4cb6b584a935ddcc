"""Helpers that walk a buyer through the API and the sandbox payment page."""

from __future__ import annotations

from typing import Any

from django.test import Client

from autokauf.core.outbox import deliver_pending
from autokauf.payments.adapters.sandbox.models import SandboxWebhook
from autokauf.payments.tests.conftest import post_webhook


def token_client(user: Any) -> Client:
    from autokauf.accounts.profile import create_api_token

    _token, raw = create_api_token(user=user, name="test")
    return Client(headers={"Authorization": f"Bearer {raw}"})


def order_body(**changes: Any) -> dict[str, Any]:
    body = {
        "first_name": "Erika",
        "last_name": "Mustermann",
        "email": "erika@example.org",
        "phone": "+49 30 1234567",
        "street": "Heidestraße 17",
        "postcode": "51147",
        "city": "Köln",
        "date_of_birth": "1984-08-12",
        "payment_method": "cash",
        "delivery": "dealer",
        "accept_terms": True,
        "accept_withdrawal_notice": True,
    }
    body.update(changes)
    return body


def pay_and_deliver(payment_url: str, instrument: str = "success") -> None:
    """The buyer authorises on the sandbox page; its webhook arrives; the outbox is delivered."""
    Client().post(payment_url, {"instrument": instrument, "action": "authorise"})
    for message in SandboxWebhook.objects.order_by("created_at"):
        post_webhook(message)
    while deliver_pending():
        pass
