"""The claim itself: one conditional statement on the drop's car rows (ARCHITECTURE.md, inv. 2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from django.db import connection

from .models import DropCar, DropEntry

_TABLE = DropCar._meta.db_table
_ENTRIES = DropEntry._meta.db_table

# PostgreSQL: the CTE locks one free row with FOR UPDATE SKIP LOCKED (row-level exclusive lock,
# held to commit); rows other claimers have locked are skipped rather than waited for, so
# concurrent claimers each take a different car and none blocks on another.
_POSTGRES = f"""
WITH pick AS (
    SELECT id FROM {_TABLE}
    WHERE drop_id = %s AND (status = 'available' OR (status = 'held' AND held_until <= %s))
    ORDER BY id LIMIT 1
    FOR UPDATE SKIP LOCKED
)
UPDATE {_TABLE} AS car SET status = 'held', held_until = %s, claim_id = %s
FROM pick WHERE car.id = pick.id
RETURNING car.id, car.vin, car.slot
"""

# SQLite: one UPDATE with a subquery. The transaction is BEGIN IMMEDIATE (settings), so it holds
# the database-wide write lock from its start: claims run one after the other and the subquery
# always sees every earlier claim.
_SQLITE = f"""
UPDATE {_TABLE} SET status = 'held', held_until = %s, claim_id = %s
WHERE id = (
    SELECT id FROM {_TABLE}
    WHERE drop_id = %s AND (status = 'available' OR (status = 'held' AND held_until <= %s))
    ORDER BY id LIMIT 1
)
RETURNING id, vin, slot
"""


@dataclass(frozen=True)
class TakenCar:
    id: int
    vin: str | None
    slot: int | None


def take_free_car(
    *, drop_id: int, claim_id: UUID, until: datetime, now: datetime
) -> TakenCar | None:
    """Hold one free car of the drop for the claim; None when none is free.

    A car is free when available, or held by a claim whose time has run out (read as expired).
    Must run inside the claim's transaction.
    """
    ops = connection.ops
    claim_field = DropCar._meta.get_field("claim_id")
    at_now = ops.adapt_datetimefield_value(now)
    at_until = ops.adapt_datetimefield_value(until)
    claim = claim_field.get_db_prep_value(claim_id, connection)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(_POSTGRES, [drop_id, at_now, at_until, claim])
        else:
            cursor.execute(_SQLITE, [at_until, claim, drop_id, at_now])
        row = cursor.fetchone()
    return TakenCar(*row) if row else None


# The fair order (rules.fair_order) as one statement: before the start by ticket, then later
# joiners by join time, ties by entry id. Each CASE is NULL for the other group, so it orders
# only its own. UPDATE ... FROM works on PostgreSQL and SQLite 3.33+.
_NUMBER_PLACES = f"""
UPDATE {_ENTRIES} SET position = ranked.place
FROM (
    SELECT id, ROW_NUMBER() OVER (
        ORDER BY CASE WHEN joined_at < %s THEN 0 ELSE 1 END,
                 CASE WHEN joined_at < %s THEN ticket END,
                 CASE WHEN joined_at >= %s THEN joined_at END,
                 id
    ) AS place
    FROM {_ENTRIES} WHERE drop_id = %s
) AS ranked
WHERE {_ENTRIES}.id = ranked.id
"""


def number_places(*, drop_id: int, starts_at: datetime) -> int:
    """Give every entry of the drop its place in the fair order; the number of entries placed."""
    start = connection.ops.adapt_datetimefield_value(starts_at)
    with connection.cursor() as cursor:
        cursor.execute(_NUMBER_PLACES, [start, start, start, drop_id])
        return int(cursor.rowcount)
