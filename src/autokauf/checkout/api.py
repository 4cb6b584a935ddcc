"""Checkout API (mounted at /api/v1): reservations and orders. Every POST honours
`Idempotency-Key`; authentication by session (with CSRF) or bearer token."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.utils.translation import get_language
from ninja import Router, Status

from autokauf.accounts import AuthenticatedRequest, api_auth
from autokauf.core.idempotency import idempotent

from . import holds, lapses, moves, selectors, services
from .data import FIELD_NAMES, CheckoutData
from .models import Order
from .schemas import CancelIn, OrderIn, OrderOut, PayIn, ReservationIn, ReservationOut

router = Router(tags=["checkout"], auth=api_auth)


def order_out(order: Order, payment_url: str | None = None) -> dict[str, Any]:
    return {
        "id": order.id,
        "number": order.number,
        "status": order.status,
        "vin": order.vin,
        "trim": order.trim_code,
        "options": order.options,
        "quote": order.quote,
        "total": f"{order.total:.2f}",
        "down_payment": f"{order.down_payment:.2f}",
        "payment_method": order.payment_method,
        "delivery": order.delivery,
        "payment_url": payment_url or selectors.payment_url_of(order),
        "pay_by": order.pay_by if order.waits_for_payment else None,
        "created_at": order.created_at,
    }


@router.post("/reservations", response={201: ReservationOut})
@idempotent("checkout.reservation")
def reserve(request: AuthenticatedRequest, payload: ReservationIn) -> Any:
    hold = holds.reserve_vehicle(buyer=request.auth, vin=payload.vin)
    return Status(201, hold)


@router.delete("/reservations/{hold_id}", response={204: None})
@idempotent("checkout.release")
def release(request: AuthenticatedRequest, hold_id: UUID) -> Any:
    holds.release_hold(buyer=request.auth, hold_id=hold_id)
    return Status(204, None)


@router.post("/orders", response={201: OrderOut})
@idempotent("checkout.order")
def place(request: AuthenticatedRequest, payload: OrderIn) -> Any:
    given = payload.dict()
    data = CheckoutData(**{name: given[name] for name in FIELD_NAMES})
    order = services.place_order(
        buyer=request.auth,
        data=data,
        language=(get_language() or "de")[:2],
        hold_id=payload.reservation,
        configuration_code=payload.configuration,
    )
    return Status(201, order_out(order, getattr(order, "payment_url", None)))


@router.get("/orders", response=list[OrderOut])
def list_orders(request: AuthenticatedRequest) -> Any:
    return [order_out(o) for o in lapses.current_orders(selectors.orders_of(request.auth)[:50])]


@router.get("/orders/{order_id}", response=OrderOut)
def get_order(request: AuthenticatedRequest, order_id: UUID) -> Any:
    return order_out(lapses.follow_order(selectors.access_order(request.auth, order_id)))


@router.post("/orders/{order_id}/payment", response={201: OrderOut})
@idempotent("checkout.payment")
def pay_again(request: AuthenticatedRequest, order_id: UUID, payload: PayIn | None = None) -> Any:
    """The down payment of a placed order that has none open: one staff placed for the buyer
    (who accepts the terms and the withdrawal notice here, else 422), or one whose payment was
    declined, cancelled or ran out; 409 while the order does not wait for it or its payment is
    still open (with its url); 403 while the buyer's e-mail address is not confirmed."""
    order = selectors.access_order(request.auth, order_id)
    accepted = payload.dict() if payload else {}
    payment_url = moves.pay_down_payment_again(order, accepted=accepted)
    return Status(201, order_out(order, payment_url))


@router.post("/orders/{order_id}/cancel", response=OrderOut)
@idempotent("checkout.cancel")
def cancel(request: AuthenticatedRequest, order_id: UUID, payload: CancelIn | None = None) -> Any:
    order = selectors.access_order(request.auth, order_id)
    reason = payload.reason if payload else ""
    return order_out(moves.cancel_order(order, request.auth, reason or "cancelled by the buyer"))


@router.post("/orders/{order_id}/withdraw", response=OrderOut)
@idempotent("checkout.withdraw")
def withdraw(request: AuthenticatedRequest, order_id: UUID) -> Any:
    """The buyer's withdrawal within 14 days of handover; the down payment is refunded."""
    order = selectors.access_order(request.auth, order_id)
    return order_out(moves.withdraw_order(order, request.auth))
