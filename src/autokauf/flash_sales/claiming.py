"""The claim itself: one conditional statement on the drop's car rows (ARCHITECTURE.md, inv. 2)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from django.db import connection

from autokauf import inventory
from autokauf.core.prepared import prepared_cursor

from .models import Drop, DropCar, DropClaim, DropEntry

_DROPS = Drop._meta.db_table
_TABLE = DropCar._meta.db_table
_ENTRIES = DropEntry._meta.db_table
_CLAIMS = DropClaim._meta.db_table

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


# PostgreSQL, the whole claim in one statement (ADR 0007), the drop's row included, so a claim
# the front door let through needs nothing read before it. `drop_row` is the drop while it is
# open with its order fixed, with the payment window's end and the admission line counted without
# lapsed claims (rules.admission_line in the same double-precision arithmetic); when it is not
# open, nothing below matches. `pick` locks the first free car row and, for a VIN, its stock row
# (FOR UPDATE ... SKIP LOCKED: row-level exclusive locks held to the end of the statement; rows
# another claimer has locked are skipped, never waited for, and a row changed since the snapshot
# is read again); of its two halves only the one of the drop's kind (VINs or build slots) runs. A
# car whose stock row cannot pass to the buyer (sold or held outside the drop while its last claim
# had lapsed) is withdrawn, and nothing else happens. Only with a car in hand is the buyer's entry
# updated (row-level exclusive lock: a second click of the same buyer waits here, then finds the
# claim running and matches nothing); only with the entry are the car row, the stock row's hold
# and the claim written. Every part sees one snapshot and the locked rows change only here, so all
# of it happens or none.
_CLAIM_AT_ONCE = f"""
WITH drop_row AS (
    SELECT created_by_id AS from_id, per_buyer_limit, configuration_code = '' AS vins,
           %(now)s + make_interval(mins => payment_window_minutes) AS until,
           cars_total + floor(admissions_per_second
               * extract(epoch FROM %(now)s - starts_at)::float8)::bigint AS line
    FROM {_DROPS}
    WHERE id = %(drop)s AND order_fixed_at IS NOT NULL
      AND starts_at <= %(now)s AND %(now)s < ends_at
),
pick_vin AS (
    SELECT car.id, ({{passable}}) AS passable FROM {_TABLE} AS car
    JOIN {{vehicles}} AS v ON v.vin = car.vin
    WHERE car.drop_id = %(drop)s AND (SELECT vins FROM drop_row)
      AND (car.status = 'available' OR (car.status = 'held' AND car.held_until <= %(now)s))
    ORDER BY car.id LIMIT 1
    FOR UPDATE OF car, v SKIP LOCKED
),
pick_slot AS (
    SELECT car.id, true AS passable FROM {_TABLE} AS car
    WHERE car.drop_id = %(drop)s AND NOT (SELECT vins FROM drop_row) AND car.vin IS NULL
      AND (car.status = 'available' OR (car.status = 'held' AND car.held_until <= %(now)s))
    ORDER BY car.id LIMIT 1
    FOR UPDATE OF car SKIP LOCKED
),
pick AS (SELECT * FROM pick_vin UNION ALL SELECT * FROM pick_slot),
gone AS (
    UPDATE {_TABLE} AS car SET status = 'withdrawn', claim_id = NULL
    FROM pick WHERE car.id = pick.id AND NOT pick.passable
    RETURNING car.id
),
entry AS (
    UPDATE {_ENTRIES}
    SET active_claim_id = %(claim)s, active_until = drop_row.until,
        admitted_at = COALESCE(admitted_at, %(now)s)
    FROM drop_row
    WHERE drop_id = %(drop)s AND buyer_id = %(buyer)s AND active_claim_id IS NULL
      AND cars_bought < drop_row.per_buyer_limit AND position <= drop_row.line
      AND EXISTS (SELECT 1 FROM pick WHERE pick.passable)
    RETURNING {_ENTRIES}.id
),
taken AS (
    UPDATE {_TABLE} AS car SET status = 'held', held_until = drop_row.until, claim_id = %(claim)s
    FROM pick, drop_row
    WHERE car.id = pick.id AND pick.passable AND EXISTS (SELECT 1 FROM entry)
    RETURNING car.id, car.vin, car.slot, drop_row.until
),
held AS (
    UPDATE {{vehicles}} AS v SET held_by_id = %(buyer)s, held_until = taken.until
    FROM taken WHERE v.vin = taken.vin
    RETURNING v.vin
),
claim AS (
    INSERT INTO {_CLAIMS} (id, drop_id, buyer_id, car_id, vin, slot, status, created_at, expires_at)
    SELECT %(claim)s, %(drop)s, %(buyer)s, taken.id, taken.vin, taken.slot, 'held', %(now)s,
           taken.until
    FROM taken
    RETURNING id
)
SELECT EXISTS (SELECT 1 FROM gone), taken.id, taken.vin, taken.slot, taken.until
FROM (SELECT 1) AS one LEFT JOIN taken ON true
"""


@functools.cache
def _claim_at_once_sql() -> str:
    vehicles = inventory.vehicle_table()
    passable = inventory.pass_hold_sql("v", from_id="(SELECT from_id FROM drop_row)")
    return _CLAIM_AT_ONCE.format(vehicles=vehicles, passable=passable)


@dataclass(frozen=True)
class AtOnce:
    """What the one-statement claim did: took `car`, or withdrew the first free car (`withdrew`),
    or neither and changed nothing."""

    withdrew: bool
    car: TakenCar | None
    until: datetime | None = None


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


def claim_at_once(*, drop_id: int, buyer_id: int, claim_id: UUID, now: datetime) -> AtOnce:
    """PostgreSQL only: claim a free car of the open drop for the buyer in one statement, as its
    own transaction, held until the end of the drop's payment window (`until` of the answer).

    The buyer's entry must have no claim, be under the drop's limit and be admitted without
    counting lapsed claims; for a drop of VINs the car's stock hold passes from the drop's creator
    (or nobody) to the buyer, and a car whose hold cannot pass is withdrawn from the drop instead.
    """
    params: dict[str, Any] = {"drop": drop_id, "buyer": buyer_id, "claim": claim_id, "now": now}
    with prepared_cursor() as cursor:
        cursor.execute(_claim_at_once_sql(), params)
        withdrew, car_id, vin, slot, until = cursor.fetchone()
    car = None if car_id is None else TakenCar(car_id, vin, slot)
    return AtOnce(bool(withdrew), car, until)


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
