"""Outbox consumers of checkout: payments confirm orders; every order move mails the buyer."""

from __future__ import annotations

from typing import Any

from autokauf import notifications
from autokauf.core import outbox

from . import rules
from .models import Order
from .wording import LABELS, NEXT_STEPS

MAIL_TEMPLATE = "notifications/checkout/order_status"


def on_payment_authorized(payload: dict[str, Any]) -> None:
    from .moves import confirm_payment

    confirm_payment(payload)


def mail_order_status(payload: dict[str, Any]) -> None:
    """The buyer's mail for one order move, in the language they ordered in."""
    order = Order.objects.select_related("dealer").filter(pk=payload["order_id"]).first()
    if order is None:
        return
    language = order.language
    status = payload["to"]
    notifications.send_mail(
        template=MAIL_TEMPLATE,
        to=order.customer.get("email") or order.buyer.email,
        language=language,
        context={
            "order": order,
            "name": f"{order.customer.get('first_name', '')} {order.customer.get('last_name', '')}",
            "status_label": LABELS[language][status],
            "next_step": NEXT_STEPS[language][status],
            "total": order.quote["total"],
            "down_payment": f"{order.down_payment:.2f}",
        },
    )


def register() -> None:
    outbox.register("payment.authorized", "checkout.confirm", on_payment_authorized)
    for status in rules.STATUSES:
        outbox.register(f"order.{status}", "checkout.mail", mail_order_status)
