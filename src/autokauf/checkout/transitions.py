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
    """One conditional UPDATE from any status that may reach `to_status`; refused otherwise."""
    with transaction.atomic():
        sources = rules.sources_of(to_status)
        # Row lock (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction serialises writers):
        # the status read for the event is the one the UPDATE moves from.
        current = (
            Order.objects.select_for_update()
            .filter(pk=order.pk)
            .values_list("status", flat=True)
            .first()
        )
        moved = Order.objects.filter(pk=order.pk, status__in=sources).update(
            status=to_status, **changes
        )
        if not moved:
            raise IllegalOrderMove(
                f"Order {order.number} cannot move from {current} to {to_status}."
            )
        record(order, current or "", to_status, actor, note)
    order.refresh_from_db()
    return order
