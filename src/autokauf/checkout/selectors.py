"""Reads of checkout: the caller's orders, one order's timeline."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db.models import QuerySet

from autokauf import accounts, payments
from autokauf.core import clock

from . import rules
from .errors import UnknownOrder
from .models import Order
from .wording import CONTACT, LABELS, NEXT_STEPS

MAIN_LINE = (
    rules.PLACED,
    rules.CONFIRMED,
    rules.ALLOCATED,
    rules.IN_PRODUCTION,
    rules.IN_TRANSIT,
    rules.READY_FOR_HANDOVER,
    rules.HANDED_OVER,
)


def access_order(user: Any, order_id: UUID | str) -> Order:
    """The order if the caller is its buyer, staff of its dealer, or the manufacturer's staff."""
    return accounts.access_object(
        Order.objects.select_related("dealer", "buyer"),
        order_id,
        user=user,
        owner_field="buyer",
        dealer_field="dealer",
        not_found=UnknownOrder,
    )


def orders_of(user: Any) -> QuerySet[Order]:
    """The orders the caller may see, newest first."""
    return accounts.visible_to(
        Order.objects.all(), user, owner_field="buyer", dealer_field="dealer"
    )


def payment_url_of(order: Order) -> str | None:
    """Where the buyer pays the down payment while the order waits for it."""
    if order.payment_id is None or not order.waits_for_payment:
        return None
    payment = payments.get_payment(order.payment_id)
    return payment.redirect_url if payment.status == "created" else None


def may_pay_again(order: Order) -> bool:
    """A placed, unpaid order whose down payment was declined, cancelled or ran out, before its
    payment deadline: a new payment can be opened for it (moves.pay_down_payment_again)."""
    if not order.waits_for_payment or order.is_payment_overdue(clock.now()):
        return False
    if order.payment_id is None:
        return True
    return payments.get_payment(order.payment_id).status in PAY_AGAIN_AFTER


# The statuses of a payment that took nothing and can no longer take anything.
PAY_AGAIN_AFTER = ("declined", "failed", "cancelled")


@dataclass(frozen=True)
class TimelineStep:
    status: str
    label: str
    at: datetime | None
    done: bool
    next_step_text: str
    contact: str


def order_timeline(order: Order, language: str) -> list[TimelineStep]:
    """The steps of the order: those passed with their time, the current one with what comes
    next and whom to ask. A stock car skips allocation and production."""
    lang = language if language in ("de", "en") else "de"
    reached = {e.to_status: e.at for e in order.events.all()}
    steps = [s for s in MAIN_LINE if not (order.configuration_code == "" and s in _BUILD_ONLY)]
    if order.status in (rules.CANCELLED, rules.WITHDRAWN):
        steps = [s for s in steps if s in reached] + [order.status]
    dealer = order.dealer.name if order.dealer else ""
    contact = CONTACT[lang].format(dealer=dealer) if dealer else CONTACT[lang].format(dealer="—")
    return [
        TimelineStep(
            status=s,
            label=LABELS[lang][s],
            at=reached.get(s),
            done=s in reached,
            next_step_text=NEXT_STEPS[lang][s] if s == order.status else "",
            contact=contact if s == order.status else "",
        )
        for s in steps
    ]


_BUILD_ONLY = frozenset({rules.ALLOCATED, rules.IN_PRODUCTION})
