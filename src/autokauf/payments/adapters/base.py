"""The payment-provider port. The buyer pays on the provider's hosted page (PCI DSS SAQ A):
no card number ever reaches Autokauf, only the provider's payment id and its answers."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from autokauf.core.money import Money


class ProviderRefused(Exception):
    """The provider said no to a capture or refund; `code` is its reason."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


class WebhookNotAuthentic(Exception):
    """Signature, headers or timestamp of an incoming webhook do not check out."""


@dataclass(frozen=True)
class ProviderPayment:
    provider_payment_id: str
    redirect_url: str
    expires_at: datetime


@dataclass(frozen=True)
class ProviderAnswer:
    """How the provider says a payment stands: "authorized", "declined", "cancelled" (called off
    by the merchant) or "open" (no answer from the buyer or the bank yet)."""

    provider_payment_id: str
    outcome: str
    amount: Money


@dataclass(frozen=True)
class ProviderCapture:
    provider_payment_id: str
    amount: Money


@dataclass(frozen=True)
class ProviderRefund:
    provider_refund_id: str
    amount: Money


@dataclass(frozen=True)
class WebhookEvent:
    webhook_id: str
    type: str
    provider_payment_id: str
    amount: Money
    data: dict[str, Any] = field(default_factory=dict)


class PaymentProvider(Protocol):
    name: str

    def create_payment(
        self,
        *,
        payment_id: str,
        reference: str,
        amount: Money,
        description: str,
        return_url: str,
        customer_email: str,
    ) -> ProviderPayment: ...

    def payment_answer(self, provider_payment_id: str) -> ProviderAnswer: ...

    def capture(self, provider_payment_id: str, amount: Money) -> ProviderCapture: ...

    def cancel(self, provider_payment_id: str) -> None:
        """Call off a payment no money was taken for: an unanswered one refuses the buyer's
        answer from then on, an authorised one gives its hold back. A declined or cancelled one
        stays as it is; a captured one is refused (ProviderRefused)."""
        ...

    def refund(self, provider_payment_id: str, amount: Money, reason: str) -> ProviderRefund: ...

    def parse_and_verify_webhook(self, headers: Mapping[str, str], body: bytes) -> WebhookEvent: ...
