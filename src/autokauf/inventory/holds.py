"""Holds on cars: one buyer at a time, by one conditional UPDATE (ARCHITECTURE.md, invariant 2).

A hold past `held_until` counts as released whenever it is read (invariant 3); no sweeper needed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db.models import Q

from .models import Status, Vehicle


def _free(now: datetime) -> Q:
    return Q(held_until__isnull=True) | Q(held_until__lte=now)


def claim_vehicle(*, vin: str, buyer_id: int, until: datetime, now: datetime) -> bool:
    """Hold the car for the buyer until `until` if it is in stock and nobody holds it now.

    One statement: UPDATE ... WHERE vin=? AND status='in_stock' AND (held_until IS NULL OR
    held_until <= now). The row lock the UPDATE takes (PostgreSQL: row-level exclusive; SQLite:
    the database write lock) makes two concurrent claims serialise, so one of them matches nothing.
    """
    claimed = Vehicle.objects.filter(_free(now), vin=vin, status=Status.IN_STOCK).update(
        held_by_id=buyer_id, held_until=until
    )
    return claimed == 1


def pass_vehicle_hold(
    *, vin: str, from_id: int, to_id: int, until: datetime, now: datetime
) -> bool:
    """Hand the car from `from_id`'s hold (or from nobody) to `to_id` until `until`, in one
    statement; False when somebody else holds it now or it left the stock."""
    passed = Vehicle.objects.filter(
        _free(now) | Q(held_by_id=from_id), vin=vin, status=Status.IN_STOCK
    ).update(held_by_id=to_id, held_until=until)
    return passed == 1


def pass_hold_sql(alias: str, from_id: str = "%(from_id)s") -> str:
    """pass_vehicle_hold's condition on the stock row `alias` (a row of `vehicle_table()`), in
    SQL with the parameter %(now)s and the SQL expression `from_id` (by default the parameter
    %(from_id)s): in stock, and held by nobody now or by `from_id`. For one statement that passes
    the hold together with rows of another domain."""
    return (
        f"{alias}.status = '{Status.IN_STOCK.value}' AND ({alias}.held_until IS NULL"
        f" OR {alias}.held_until <= %(now)s OR {alias}.held_by_id = {from_id})"
    )


def vehicle_table() -> str:
    return Vehicle._meta.db_table


def extend_vehicle_hold(*, vin: str, buyer_id: int, until: datetime, now: datetime) -> bool:
    """Move the end of the buyer's own running hold; False when it is not theirs any more."""
    moved = Vehicle.objects.filter(
        vin=vin, held_by_id=buyer_id, held_until__gt=now, status=Status.IN_STOCK
    ).update(held_until=until)
    return moved == 1


def release_vehicle(*, vin: str, buyer_id: int) -> bool:
    """End the buyer's hold on the car (whether or not it has run out)."""
    released = Vehicle.objects.filter(vin=vin, held_by_id=buyer_id).update(
        held_by_id=None, held_until=None
    )
    return released == 1


def is_held(vehicle: Any, now: datetime) -> bool:
    """Held right now: a hold whose time has run out is no hold."""
    return vehicle.held_until is not None and vehicle.held_until > now


def not_held(now: datetime) -> Q:
    """The filter for cars nobody holds at `now`."""
    return _free(now)
