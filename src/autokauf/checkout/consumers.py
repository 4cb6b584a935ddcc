"""Outbox consumers of checkout: payments and credit approvals confirm orders; every order move
mails the buyer."""

from __future__ import annotations

from typing import Any

from autokauf import notifications
from autokauf.core import outbox

from . import rules
from .models import Order
from .wording import (
    LABELS,
    NEXT_STEPS,
    delivery_estimate_text,
    moment_text,
    money_text,
    offer_text,
)

MAIL_TEMPLATE = "notifications/checkout/order_status"
CREDIT_ACTOR = "credit decision"
APPROVED_OUTCOMES = ("approved", "approved_with_conditions")


def on_payment_authorized(payload: dict[str, Any]) -> None:
    from .moves import confirm_payment

    confirm_payment(payload)


def on_credit_decided(payload: dict[str, Any]) -> None:
    """An approval confirms the applicant's paid financed orders it covers; the others (not
    paid yet, another offer, a refusal) stay placed."""
    from .errors import IllegalOrderMove
    from .moves import confirm_order

    if payload.get("outcome") not in APPROVED_OUTCOMES:
        return
    waiting = Order.objects.filter(
        buyer_id=payload.get("applicant_id"),
        status=rules.PLACED,
        paid_at__isnull=False,
        payment_method__in=rules.FINANCED,
    )
    for order in waiting:
        try:
            confirm_order(order, CREDIT_ACTOR)
        except IllegalOrderMove:
            continue


def mail_order_status(payload: dict[str, Any]) -> None:
    """The buyer's mail for one order move, in the language they ordered in."""
    order = Order.objects.select_related("dealer").filter(pk=payload["order_id"]).first()
    if order is None:
        return
    language = order.language
    status = payload["to"]
    notifications.send_mail(
        template=MAIL_TEMPLATE,
        to=order.buyer.email,
        language=language,
        context={
            "order": order,
            "name": f"{order.customer.get('first_name', '')} {order.customer.get('last_name', '')}",
            "status_label": LABELS[language][status],
            "next_step": NEXT_STEPS[language][status],
            "total": money_text(order.quote["total"], language),
            "down_payment": money_text(order.down_payment, language),
            "financing": offer_text(order.financing, language) if order.financing else None,
            "delivery_estimate": delivery_estimate_text(order, language),
            "pay_by": _pay_by_text(order, status),
            "lapsed": status == rules.CANCELLED
            and order.events.filter(to_status=status, actor_text=rules.LAPSE_ACTOR).exists(),
        },
    )


def _pay_by_text(order: Order, status: str) -> str | None:
    """The deadline of the down payment, in the mail that tells the order is placed."""
    if status != rules.PLACED or not order.waits_for_payment or order.pay_by is None:
        return None
    return moment_text(order.pay_by, order.language)


def register() -> None:
    # The buyer waits on the order page for this one; mails may come a moment later.
    outbox.register("payment.authorized", "checkout.confirm", on_payment_authorized, urgent=True)
    outbox.register("credit.decided", "checkout.confirm-financed", on_credit_decided)
    for status in rules.STATUSES:
        outbox.register(f"order.{status}", "checkout.mail", mail_order_status)
