"""Reserving a car: holds for one buyer, capped per buyer and in time (issue "Buy a car")."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction

from autokauf import inventory
from autokauf.core import clock

from . import rules
from .errors import (
    HoldCapReached,
    HoldExpired,
    HoldOrdered,
    TooManyHolds,
    UnknownHold,
    VehicleNotAvailable,
)
from .lapses import lapse_on_read
from .models import Hold, Order


def hold_minutes() -> int:
    return int(getattr(settings, "CHECKOUT_HOLD_MINUTES", 15))


def hold_cap_minutes() -> int:
    return int(getattr(settings, "CHECKOUT_HOLD_CAP_MINUTES", 45))


def max_holds() -> int:
    return int(getattr(settings, "CHECKOUT_MAX_HOLDS_PER_BUYER", 2))


def active_holds(buyer: Any) -> Any:
    """The buyer's holds that still run: a hold past its expiry counts as released on read."""
    return Hold.objects.filter(buyer=buyer, released_at__isnull=True, expires_at__gt=clock.now())


def reserve_vehicle(*, buyer: Any, vin: str) -> Hold:
    """Hold the car with `vin` for `buyer` for CHECKOUT_HOLD_MINUTES.

    Two buyers never hold one car: the claim is one conditional UPDATE on the vehicle row
    (inventory.claim_vehicle), and a car a live order names is not claimed (`is_ordered`, a car
    can only be newly ordered by whoever holds it, so it is asked before the claim). One
    buyer holds at most CHECKOUT_MAX_HOLDS_PER_BUYER cars: the buyer's own row is locked
    (SELECT ... FOR UPDATE, row-exclusive on PostgreSQL; SQLite's IMMEDIATE transaction
    serialises writers) so two of their requests count one after the other.
    """
    vin = vin.strip().upper()
    now = clock.now()
    until = now + _minutes(hold_minutes())
    # Before the transaction: a lapse of the order found here stays done when this is refused.
    if is_ordered(vin):
        raise VehicleNotAvailable(f"The car {vin} is ordered.")
    with transaction.atomic():
        get_user_model().objects.select_for_update().filter(pk=buyer.pk).first()
        if active_holds(buyer).count() >= max_holds():
            raise TooManyHolds(f"You can reserve at most {max_holds()} cars at once.")
        if not inventory.claim_vehicle(vin=vin, buyer_id=buyer.pk, until=until, now=now):
            raise VehicleNotAvailable(f"The car {vin} is not available.")
        return Hold.objects.create(buyer=buyer, vin=vin, created_at=now, expires_at=until)


def is_ordered(vin: str) -> bool:
    """A live order names the car: one whose hold ran out before it was paid keeps the car from
    a second buyer's reservation, whose order the one live order per VIN would refuse anyway.
    An order past its payment deadline lapses here, so its car is free at once."""
    ended = (rules.CANCELLED, rules.WITHDRAWN)
    live = Order.objects.filter(vin=vin).exclude(status__in=ended)
    return any(lapse_on_read(order).status not in ended for order in live)


def adopt_hold(*, buyer: Any, vin: str, until: datetime) -> Hold:
    """The buyer's handle on a car whose row another domain already holds for them until `until`
    (a flash-sale claim); refused unless the car row is theirs until then, so a Hold never
    outlives its car (invariant 2)."""
    vin = vin.strip().upper()
    now = clock.now()
    if until <= now or not inventory.extend_vehicle_hold(
        vin=vin, buyer_id=buyer.pk, until=until, now=now
    ):
        raise VehicleNotAvailable(f"The car {vin} is not held for you.")
    return Hold.objects.create(buyer=buyer, vin=vin, created_at=now, expires_at=until)


def release_hold(*, buyer: Any, hold_id: UUID | str) -> None:
    """Let the car go, in one call. Releasing a released hold again changes nothing. A hold
    whose car is ordered is refused (HoldOrdered) and changes nothing: the order keeps the car
    until it is cancelled."""
    hold = access_hold(buyer, hold_id)
    with transaction.atomic():
        # Row lock (FOR UPDATE on PostgreSQL): the order is looked for under the hold's lock.
        Hold.objects.select_for_update().filter(pk=hold.pk).first()
        if Order.objects.filter(hold_id=hold.pk).exists():
            raise HoldOrdered("The car of this reservation is ordered; cancel the order instead.")
        if Hold.objects.filter(pk=hold.pk, released_at__isnull=True).update(
            released_at=clock.now()
        ):
            inventory.release_vehicle(vin=hold.vin, buyer_id=buyer.pk)


def extend_hold(*, buyer: Any, hold_id: UUID | str) -> Hold:
    """Give the buyer another CHECKOUT_HOLD_MINUTES, never past CHECKOUT_HOLD_CAP_MINUTES after
    the hold was made; refused once the cap is reached or the hold has run out."""
    hold = access_hold(buyer, hold_id)
    now = clock.now()
    if hold.released_at is not None or hold.expires_at <= now:
        raise HoldExpired("The reservation has run out; reserve the car again.")
    until = rules.hold_expiry(
        created_at=hold.created_at, now=now, minutes=hold_minutes(), cap_minutes=hold_cap_minutes()
    )
    if until <= hold.expires_at:
        raise HoldCapReached(f"A reservation lasts at most {hold_cap_minutes()} minutes.")
    with transaction.atomic():
        if not inventory.extend_vehicle_hold(vin=hold.vin, buyer_id=buyer.pk, until=until, now=now):
            raise HoldExpired("The reservation has run out; reserve the car again.")
        Hold.objects.filter(pk=hold.pk).update(
            expires_at=until, extended_count=hold.extended_count + 1
        )
    hold.refresh_from_db()
    return hold


def access_hold(user: Any, hold_id: UUID | str) -> Hold:
    """The hold if it is the caller's own; 404 for everyone else."""
    try:
        return Hold.objects.get(pk=hold_id, buyer_id=getattr(user, "pk", None))
    except (Hold.DoesNotExist, ValueError, TypeError, ValidationError):
        raise UnknownHold(f"There is no reservation {hold_id}.") from None


def is_active(hold: Hold) -> bool:
    return hold.released_at is None and hold.expires_at > clock.now()


def _minutes(n: int) -> timedelta:
    return timedelta(minutes=n)
