"""Payments: the payment-provider port, the sandbox provider, webhooks, refunds.

Outbox topics emitted: "payment.authorized", "payment.declined", "payment.captured",
"payment.cancelled", "payment.refunded"; payload {payment_id, reference, amount, currency, status}.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "Payment",
    "PaymentStatus",
    "Refund",
    "cancel_payment",
    "capture_payment",
    "get_payment",
    "open_payment",
    "payment_lifetime",
    "receive_webhook",
    "reconcile_payment",
    "refund_payment",
    "release_payment",
    "start_payment",
]

_LAZY = {
    "Payment": "models",
    "PaymentStatus": "models",
    "Refund": "models",
    "cancel_payment": "services",
    "capture_payment": "services",
    "open_payment": "services",
    "payment_lifetime": "services",
    "receive_webhook": "services",
    "reconcile_payment": "services",
    "refund_payment": "services",
    "release_payment": "services",
    "start_payment": "services",
    "get_payment": "selectors",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
