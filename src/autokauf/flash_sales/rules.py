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
from datetime import datetime

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


def estimated_wait_seconds(
    *,
    position: int | None,
    line: int,
    admissions_per_second: int,
    starts_at: datetime,
    now: datetime,
) -> int:
    """The honest wait until the buyer may claim.

    Admitted: until the start (zero once it has passed). Behind the line: the line moves up by
    `admissions_per_second` places a second, and faster when claims lapse, so the wait is at most
    the distance to the line at that rate. Before the start the place is not drawn yet: the wait
    shown is the time until the draw.
    """
    until_start = max(0, math.ceil((starts_at - now).total_seconds()))
    if position is None or position <= line:
        return until_start
    return until_start + math.ceil((position - line) / max(admissions_per_second, 1))
