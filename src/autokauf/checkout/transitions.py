"""Moving an order: one conditional UPDATE on the status (`WHERE status IN (sources)`), an
OrderEvent and the outbox event "order.<status>", in one transaction: two concurrent moves cannot
both win, and a refused move changes nothing."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from autokauf.core import clock, outbox

from . import rules
from .errors import IllegalOrderMove
from .models import Order, OrderEvent


def record(order: Order, from_status: str, to_status: str, actor: Any, note: str) -> None:
    is_user = getattr(actor, "pk", None) is not None
    OrderEvent.objects.create(
        order=order,
        from_status=from_status,
        to_status=to_status,
        actor=actor if is_user else None,
        actor_text="" if is_user else str(actor or "system")[:200],
        at=clock.now(),
        note=note[:300],
    )
    outbox.emit(
        f"order.{to_status}",
        {"order_id": str(order.id), "number": order.number, "from": from_status, "to": to_status},
        key=str(order.id),
    )


def move(order: Order, to_status: str, actor: Any, note: str = "", **changes: Any) -> Order:
    """One conditional UPDATE from any status that may reach `to_status`; refused otherwise.

    `order` is read again under its row lock first, so it answers the order as moved."""
    with transaction.atomic():
        # Row lock (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction serialises writers):
        # the status read for the event is the one the UPDATE moves from.
        order.refresh_from_db(from_queryset=Order.objects.select_for_update())
        return move_locked(order, to_status, actor, note, **changes)


def move_locked(order: Order, to_status: str, actor: Any, note: str = "", **changes: Any) -> Order:
    """move() in the caller's transaction, for a caller that holds the order's row lock and read
    `order` under it (the confirmation of a payment): its status is the one moved from, and it
    is not read again."""
    if order.status not in rules.sources_of(to_status):
        raise IllegalOrderMove(
            f"Order {order.number} cannot move from {order.status} to {to_status}."
        )
    from_status = order.status
    # Conditional as every move is; under the caller's lock it always matches.
    moved = Order.objects.filter(pk=order.pk, status=from_status).update(
        status=to_status, **changes
    )
    if not moved:
        raise IllegalOrderMove(f"Order {order.number} was moved meanwhile; nothing changed.")
    order.status = to_status
    for field, value in changes.items():
        setattr(order, field, value)
    record(order, from_status, to_status, actor, note)
    return order
