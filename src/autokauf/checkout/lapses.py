"""Unpaid orders lapse: a placed order whose down payment has not arrived by its `pay_by` is
cancelled, its payment called off at the provider and its car freed.

Correctness does not wait for the sweeper (tasks.sweep): an overdue order lapses the moment it
is read by its page or the API, or when another buyer reserves its car."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import transaction

from autokauf import payments
from autokauf.core import clock

from . import rules
from .models import Order
from .moves import cancel_order, follow_payment

log = logging.getLogger(__name__)

LAPSE_NOTE = "down payment not received in time"
# A payment holding the buyer's money: its order is confirmed, never lapsed.
MONEY_ARRIVED = (payments.PaymentStatus.AUTHORIZED, payments.PaymentStatus.CAPTURED)
SWEEP_BATCH = 200
SWEEP_MOST = 2000


def is_overdue(order: Order) -> bool:
    return order.is_payment_overdue(clock.now())


def lapse_if_overdue(order: Order) -> Order:
    """Cancel the order if it still waits for its down payment past its deadline; answers the
    order as it now is. The provider is asked first: a payment the buyer authorised in time is
    applied (its confirmation follows the commit), so a late webhook never lapses a paid order."""
    if not is_overdue(order):
        return order
    with transaction.atomic():
        # Row lock (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction serialises writers):
        # a confirmation waits, so the order cancelled is the unpaid one read here.
        order.refresh_from_db(from_queryset=Order.objects.select_for_update())
        if not is_overdue(order) or _money_arrived(order):
            return order
        return cancel_order(order, rules.LAPSE_ACTOR, LAPSE_NOTE)


def follow_order(order: Order) -> Order:
    """The order as it stands now, for its page and the API: a payment the buyer authorised
    confirms it (moves.follow_payment), one past its payment deadline lapses."""
    return lapse_on_read(follow_payment(order))


def current_orders(orders: Iterable[Order]) -> list[Order]:
    """Orders as they stand now, for a list: those past their payment deadline lapse."""
    return [lapse_on_read(order) for order in orders]


def lapse_on_read(order: Order) -> Order:
    """lapse_if_overdue for a reader: a lapse that fails (the provider refuses or cannot be
    reached) is logged and the order answered as read; the sweeper tries again."""
    try:
        return lapse_if_overdue(order)
    except Exception:
        log.exception("order %s could not lapse", order.number)
        return order


def lapse_overdue_orders(batch: int = SWEEP_BATCH, most: int = SWEEP_MOST) -> int:
    """The sweeper: lapse orders past their payment deadline that nobody read, oldest deadline
    first, at most `most` a run. Answers how many lapsed. An order that fails to lapse is logged
    and passed over for the rest of the run, so it never holds up the others."""
    due = Order.objects.filter(
        status=rules.PLACED, paid_at__isnull=True, pay_by__lte=clock.now()
    ).order_by("pay_by", "pk")
    lapsed, seen = 0, 0
    passed_over: set[object] = set()
    while seen < most:
        orders = list(due.exclude(pk__in=passed_over)[:batch])
        if not orders:
            break
        for order in orders:
            seen += 1
            try:
                lapsed += lapse_if_overdue(order).status == rules.CANCELLED
            except Exception:
                log.exception("order %s could not lapse", order.number)
                passed_over.add(order.pk)
    return lapsed


def _money_arrived(order: Order) -> bool:
    if order.payment_id is None:
        return False
    return payments.reconcile_payment(order.payment_id).status in MONEY_ARRIVED
