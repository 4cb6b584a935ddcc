"""The built-in sandbox payment provider: a hosted page under /sandbox-psp/, test rules, its own
double-entry ledger and Standard Webhooks. Test rules are in `rules.decide`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from django.conf import settings

from autokauf.core.money import Money

from ..base import (
    ProviderAnswer,
    ProviderCapture,
    ProviderPayment,
    ProviderRefund,
    WebhookEvent,
    WebhookNotAuthentic,
)


def page_url(charge_id: str) -> str:
    """The hosted payment page; SANDBOX_PSP_BASE_URL is where the sandbox's urls are mounted."""
    base = str(getattr(settings, "SANDBOX_PSP_BASE_URL", "/sandbox-psp/")).rstrip("/")
    return f"{base}/pay/{charge_id}/"


class SandboxProvider:
    name = "sandbox"

    def create_payment(
        self,
        *,
        payment_id: str,
        reference: str,
        amount: Money,
        description: str,
        return_url: str,
        customer_email: str,
    ) -> ProviderPayment:
        from .services import create_charge

        charge = create_charge(
            merchant_payment_id=payment_id,
            reference=reference,
            amount=amount,
            description=description,
            return_url=return_url,
            customer_email=customer_email,
        )
        return ProviderPayment(charge.id, page_url(charge.id), charge.expires_at)

    def payment_answer(self, provider_payment_id: str) -> ProviderAnswer:
        from .services import answer_of

        charge, outcome = answer_of(provider_payment_id)
        return ProviderAnswer(charge.id, outcome, Money.of(charge.amount, charge.currency))

    def capture(self, provider_payment_id: str, amount: Money) -> ProviderCapture:
        from .services import capture_charge

        charge = capture_charge(provider_payment_id, amount)
        return ProviderCapture(charge.id, Money.of(charge.captured_amount, charge.currency))

    def cancel(self, provider_payment_id: str) -> None:
        from .services import cancel_charge

        cancel_charge(provider_payment_id)

    def refund(self, provider_payment_id: str, amount: Money, reason: str) -> ProviderRefund:
        from .services import refund_charge

        return ProviderRefund(refund_charge(provider_payment_id, amount), amount)

    def parse_and_verify_webhook(self, headers: Mapping[str, str], body: bytes) -> WebhookEvent:
        from .signing import verify

        verify(headers, body)
        try:
            message = json.loads(body)
            data = message["data"]
            amount = Money.of(Decimal(data["amount"]), data["currency"])
            return WebhookEvent(
                webhook_id={k.lower(): v for k, v in headers.items()}["webhook-id"],
                type=str(message["type"]),
                provider_payment_id=str(data["charge_id"]),
                amount=amount,
                data=data,
            )
        except (ValueError, KeyError, TypeError, InvalidOperation) as exc:
            raise WebhookNotAuthentic("signed, but not a sandbox event") from exc
