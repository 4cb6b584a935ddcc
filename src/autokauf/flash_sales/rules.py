"""The rules of a drop, pure: its status, the fair order, admission and the honest wait.

Fair order (docs/domains/flash_sales.md): every buyer who joined before the start draws a random
ticket (`secrets`) when joining; at the start they are ordered by ticket, ties by entry id, so the
order is reproducible from the stored tickets. Buyers who join later follow in join order.
"""

from __future__ import annotations

import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal

TICKET_BITS = 62

# How many further places the waiting room admits each second after the start (a drop may set
# its own). It keeps a buyer who never shows up from holding a car back, and should be about the
# rate of claims the store answers from its database with ease.
DEFAULT_ADMISSIONS_PER_SECOND = 1000


def draw_ticket() -> int:
    """A random ticket from the operating system's CSPRNG: nobody can predict or steer it."""
    return secrets.randbits(TICKET_BITS)


@dataclass(frozen=True)
class Joiner:
    entry_id: int
    ticket: int
    joined_at: datetime


def fair_order(joiners: Iterable[Joiner], starts_at: datetime) -> list[int]:
    """Entry ids in admission order: before the start by ticket, then later ones by join order."""
    early = [j for j in joiners if j.joined_at < starts_at]
    late = [j for j in joiners if j.joined_at >= starts_at]
    early.sort(key=lambda j: (j.ticket, j.entry_id))
    late.sort(key=lambda j: (j.joined_at, j.entry_id))
    return [j.entry_id for j in early + late]


def admission_line(
    *, cars_total: int, lapsed_claims: int, admissions_per_second: int, seconds_open: float
) -> int:
    """Positions up to this one are admitted: one per car, one more for every claim that lapsed
    (expired or cancelled, so it gave its car back), and `admissions_per_second` more for every
    second since the start."""
    return cars_total + lapsed_claims + math.floor(admissions_per_second * max(0.0, seconds_open))


def is_admitted(position: int | None, line: int) -> bool:
    return position is not None and position <= line


def drop_status(
    *,
    waiting_room_opens_at: datetime,
    starts_at: datetime,
    ends_at: datetime,
    remaining: int,
    now: datetime,
) -> str:
    """upcoming | waiting | open | sold_out | ended."""
    if now >= ends_at:
        return "ended"
    if now < waiting_room_opens_at:
        return "upcoming"
    if now < starts_at:
        return "waiting"
    return "open" if remaining > 0 else "sold_out"


def claim_status(status: str, expires_at: datetime, now: datetime) -> str:
    """A held claim past its expiry is expired when read (ARCHITECTURE.md, invariant 3)."""
    if status == "held" and expires_at <= now:
        return "expired"
    return status


def tenths_behind(distance: int, admissions_per_second: int) -> int:
    """Tenths of a second until the line has moved up `distance` places at the drop's rate,
    rounded up (never early). The front door's script does the same in integers."""
    return -(-distance * 10 // max(admissions_per_second, 1))


def seconds_of_tenths(tenths: int) -> Decimal:
    """Whole tenths as seconds with one decimal: 4 -> 0.4, 23 -> 2.3."""
    return Decimal(tenths).scaleb(-1)


def estimated_wait_seconds(
    *,
    position: int | None,
    line: int,
    admissions_per_second: int,
    starts_at: datetime,
    now: datetime,
) -> Decimal:
    """The honest wait until the buyer may claim, in seconds with one decimal, rounded up.

    Admitted: until the start (zero once it has passed). Behind the line: the line moves up by
    `admissions_per_second` places a second, and faster when claims lapse, so the wait is at most
    the distance to the line at that rate, rounded up to a tenth of a second (100 places behind
    at 1,000 a second: 0.1). Before the start the place is not drawn yet: the wait shown is the
    time until the draw, in whole seconds rounded up.
    """
    until_start = max(0, -(-(starts_at - now) // timedelta(seconds=1)))
    tenths = until_start * 10
    if position is not None and position > line:
        tenths += tenths_behind(position - line, admissions_per_second)
    return seconds_of_tenths(tenths)
