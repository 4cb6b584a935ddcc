"""Checkout: reservations (holds), orders and their state machine.

Other domains and the pages use only what is listed here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .data import CheckoutData
from .errors import (
    CheckoutInvalid,
    DownPaymentNotDue,
    HoldCapReached,
    HoldExpired,
    HoldOrdered,
    IllegalOrderMove,
    PaymentDeadlinePassed,
    PaymentStillOpen,
    TooManyHolds,
    UnknownHold,
    UnknownOrder,
    VehicleNotAvailable,
    VinNotAllocatable,
    WithdrawalPeriodOver,
)
from .rules import STATUSES, TRANSITIONS

# Functions that touch the ORM are imported on first use, so that importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "reserve_vehicle": "holds",
    "release_hold": "holds",
    "extend_hold": "holds",
    "access_hold": "holds",
    "active_holds": "holds",
    "place_order": "services",
    "order_url": "services",
    "quoted_total": "services",
    "adopt_hold": "holds",
    "confirm_payment": "moves",
    "confirm_order": "moves",
    "follow_payment": "moves",
    "follow_order": "lapses",
    "current_orders": "lapses",
    "lapse_overdue_orders": "lapses",
    "pay_down_payment_again": "moves",
    "allocate_vin": "moves",
    "advance_order": "moves",
    "cancel_order": "moves",
    "withdraw_order": "moves",
    "access_order": "selectors",
    "orders_of": "selectors",
    "order_timeline": "selectors",
    "payment_url_of": "selectors",
    "may_pay_again": "selectors",
    "TimelineStep": "selectors",
    "order_pdf": "pdf",
    "Hold": "models",
    "Order": "models",
    "OrderEvent": "models",
}

__all__ = [
    "STATUSES",
    "TRANSITIONS",
    "CheckoutData",
    "CheckoutInvalid",
    "DownPaymentNotDue",
    "HoldCapReached",
    "HoldExpired",
    "HoldOrdered",
    "IllegalOrderMove",
    "PaymentDeadlinePassed",
    "PaymentStillOpen",
    "TooManyHolds",
    "UnknownHold",
    "UnknownOrder",
    "VehicleNotAvailable",
    "VinNotAllocatable",
    "WithdrawalPeriodOver",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
