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


def admission_line(*, cars_total: int, lapsed_claims: int) -> int:
    """Positions up to this one are admitted: one per car, plus one for every claim that lapsed
    (expired or cancelled), since each such claim gave its car back."""
    return cars_total + lapsed_claims


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
    cars_total: int,
    starts_at: datetime,
    now: datetime,
    payment_window_minutes: int,
) -> int:
    """The honest wait until the buyer may claim.

    Admitted (or inside the first wave): until the start. Behind the line: a place opens only when
    a winner lets the payment window pass, so the wait is one payment window per wave of
    `cars_total` buyers ahead of them. Before the start the place is not drawn yet: the wait
    shown is the time until the draw.
    """
    until_start = max(0, math.ceil((starts_at - now).total_seconds()))
    if position is None or position <= line:
        return until_start
    waves = math.ceil((position - line) / max(cars_total, 1))
    return until_start + waves * payment_window_minutes * 60
