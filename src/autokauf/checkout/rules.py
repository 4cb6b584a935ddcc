"""Pure rules of checkout: the order state machine as data, holds, the down payment, withdrawal.

No ORM, no I/O, no clock reads: every time comes in as an argument.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal

from autokauf.core.money import round_cents

PLACED = "placed"
CONFIRMED = "confirmed"
ALLOCATED = "allocated"
IN_PRODUCTION = "in_production"
IN_TRANSIT = "in_transit"
READY_FOR_HANDOVER = "ready_for_handover"
HANDED_OVER = "handed_over"
CANCELLED = "cancelled"
WITHDRAWN = "withdrawn"

STATUSES = (
    PLACED,
    CONFIRMED,
    ALLOCATED,
    IN_PRODUCTION,
    IN_TRANSIT,
    READY_FOR_HANDOVER,
    HANDED_OVER,
    CANCELLED,
    WITHDRAWN,
)

# The order state machine (docs/domains/checkout.md draws it). A car from stock skips
# production: confirmed -> in_transit or ready_for_handover.
TRANSITIONS: dict[str, frozenset[str]] = {
    PLACED: frozenset({CONFIRMED, CANCELLED}),
    CONFIRMED: frozenset({ALLOCATED, IN_TRANSIT, READY_FOR_HANDOVER, CANCELLED}),
    ALLOCATED: frozenset({IN_PRODUCTION, IN_TRANSIT, READY_FOR_HANDOVER, CANCELLED}),
    IN_PRODUCTION: frozenset({IN_TRANSIT}),
    IN_TRANSIT: frozenset({READY_FOR_HANDOVER}),
    READY_FOR_HANDOVER: frozenset({HANDED_OVER}),
    HANDED_OVER: frozenset({WITHDRAWN}),
    CANCELLED: frozenset(),
    WITHDRAWN: frozenset(),
}
# The moves staff make with advance_order; the others have their own service.
ADVANCES = frozenset({IN_PRODUCTION, IN_TRANSIT, READY_FOR_HANDOVER, HANDED_OVER})
PAID_STATUSES = frozenset({CONFIRMED, ALLOCATED})

PAYMENT_METHODS = ("cash", "loan", "balloon", "lease")
FINANCED = frozenset({"loan", "balloon", "lease"})
DELIVERIES = ("dealer", "home", "tower")
WITHDRAWAL_DAYS = 14
# Who cancels an order whose down payment did not arrive by its deadline (checkout.lapses).
LAPSE_ACTOR = "payment deadline"
DOWN_PAYMENT_SHARE = Decimal("0.10")


def can_move(from_status: str, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(from_status, frozenset())


def sources_of(to_status: str) -> tuple[str, ...]:
    """Every status from which `to_status` may be reached (for the conditional UPDATE)."""
    return tuple(s for s in STATUSES if to_status in TRANSITIONS[s])


def withdrawal_deadline(handed_over_at: datetime) -> datetime:
    """The end of the 14-day right of withdrawal of a distance contract (BGB §§ 312g, 355 (2);
    Directive 2011/83/EU Art. 9): it runs from the day the buyer receives the goods."""
    return handed_over_at + timedelta(days=WITHDRAWAL_DAYS)


def may_withdraw(handed_over_at: datetime | None, now: datetime) -> bool:
    return handed_over_at is not None and now <= withdrawal_deadline(handed_over_at)


def down_payment(total: Decimal, offered: Decimal | None = None) -> Decimal:
    """10 % of the total price (Tmall's and our default), rounded half-up to cents, unless the
    chosen financing offer names its own down payment."""
    if offered is not None:
        return round_cents(offered)
    return round_cents(total * DOWN_PAYMENT_SHARE)


def hold_expiry(*, created_at: datetime, now: datetime, minutes: int, cap_minutes: int) -> datetime:
    """A hold runs `minutes` from now, but never past `cap_minutes` after it was made."""
    return min(now + timedelta(minutes=minutes), created_at + timedelta(minutes=cap_minutes))


def payment_deadline(
    *, now: datetime, hold_created_at: datetime | None, cap: timedelta, payment_lifetime: timedelta
) -> datetime:
    """Until when an order its buyer placed waits for the down payment: as long as its
    reservation may run (`cap` after it was made; from now for a build-to-order order), but
    never less than a payment page lives, so the buyer can always pay."""
    return max((hold_created_at or now) + cap, now + payment_lifetime)


def waits_for_payment(status: str, paid_at: datetime | None) -> bool:
    """A placed order whose down payment has not arrived."""
    return status == PLACED and paid_at is None


def payment_overdue(
    *, status: str, paid_at: datetime | None, pay_by: datetime | None, now: datetime
) -> bool:
    """A placed order whose down payment has not arrived by its deadline lapses."""
    return waits_for_payment(status, paid_at) and pay_by is not None and pay_by <= now


def order_number(year: int, sequence: int) -> str:
    """AK-2026-000123: the year the order was placed and a running number."""
    return f"AK-{year}-{sequence:06d}"
