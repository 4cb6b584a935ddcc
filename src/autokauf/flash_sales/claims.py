"""Claiming a car of a drop, paying for it, letting it go (issue "Flash-sale drops")."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce

from autokauf import checkout, inventory
from autokauf.core import clock
from autokauf.core.money import Money

from . import gate, rules, selectors
from .claiming import TakenCar, claim_at_once, take_free_car
from .errors import (
    ClaimExpired,
    DropEnded,
    DropInvalid,
    DropNotOpen,
    LimitReached,
    NotAdmitted,
    SoldOut,
)
from .models import Drop, DropCar, DropClaim, DropEntry
from .services import fix_order

# A car taken outside the drop while it was free (its last claim had lapsed) is withdrawn and
# the claim tries the next one.
MAX_CAR_ATTEMPTS = 3


class _AlreadyClaimed(Exception):
    """A concurrent request of the same buyer won: answer with its claim."""


def claim_car(*, drop: Drop, buyer: Any, token_taken: bool = False) -> DropClaim:
    """Claim one car of the drop for an admitted buyer, held for the payment window.

    Idempotent per buyer and drop: while the buyer's claim runs, claiming again answers it.
    The buyer's waiting-room entry is updated first (one conditional UPDATE: no running claim,
    limit not reached), which also serialises two requests of one buyer; then one car row is
    taken (claiming.take_free_car). Both in one transaction, so a refusal changes nothing.
    `token_taken`: the gate's front door has already taken this attempt's token.
    """
    return _claim_with(drop.pk, lambda: drop, buyer, _Token(drop.pk, held=token_taken))


def claim_admitted_car(*, drop_id: int, buyer: Any) -> DropClaim:
    """claim_car for an attempt the gate's front door admitted and took a token for: on
    PostgreSQL the common case is one statement with nothing read before it (the drop is read
    only when that statement cannot decide). UnknownDrop when there is no such drop."""
    token = _Token(drop_id, held=True)
    return _claim_with(drop_id, lambda: selectors.get_drop(drop_id), buyer, token)


def _claim_with(
    drop_id: int, load_drop: Callable[[], Drop], buyer: Any, token: _Token
) -> DropClaim:
    now = clock.now()
    try:
        claim, new = _claim(drop_id, load_drop, buyer, now, token)
    except SoldOut:
        raise
    except Exception:
        token.give_back()
        raise
    if not new:
        token.give_back()
    return claim


class _Token:
    """The gate's token for this attempt, given back unless it ends in a new claim or in
    "no car left"."""

    def __init__(self, drop_id: int, *, held: bool) -> None:
        self.drop_id, self.held = drop_id, held

    def take(self, buyer_id: int, now: datetime) -> bool:
        if not self.held:
            self.held = gate.take_token(
                self.drop_id, buyer_id, lambda: _cars_left(self.drop_id, now)
            )
        return self.held

    def give_back(self) -> None:
        if self.held:
            gate.give_back(self.drop_id)
            self.held = False


def _cars_left(drop_id: int, now: datetime) -> gate.CarsLeft:
    lapse = selectors.next_lapse(drop_id, now)
    return gate.CarsLeft(
        count=selectors.remaining(drop_id, now),
        seconds_to_next_lapse=None if lapse is None else (lapse - now).total_seconds(),
    )


def _claim(
    drop_id: int, load_drop: Callable[[], Drop], buyer: Any, now: datetime, token: _Token
) -> tuple[DropClaim, bool]:
    if connection.vendor == "postgresql" and (token.held or not gate.enabled()):
        claimed = _claim_at_once(drop_id, buyer, now)
        if claimed is not None:
            return claimed, True
    drop = load_drop()
    _check_open(drop, now)
    _publish(drop)
    entry = _entry_of(drop, buyer)
    if entry is None:
        raise NotAdmitted("Join the waiting room first.")
    running = _running_claim(entry, now)
    if running is not None:
        return running, False
    _check_may_claim(drop, entry, now)
    if not token.take(buyer.pk, now):
        raise SoldOut("Every car of this drop is taken.")
    try:
        return _claim_in_transaction(drop, entry, buyer, now), True
    except _AlreadyClaimed:
        entry.refresh_from_db()
        found = _running_claim(entry, now)
        if found is None:
            raise LimitReached("You have claimed as many cars as this drop allows.") from None
        return found, False


def _claim_at_once(drop_id: int, buyer: Any, now: datetime) -> DropClaim | None:
    """The common case in one statement (claiming.claim_at_once): in an open drop whose order is
    fixed, a buyer admitted without counting lapsed claims, with no claim, takes a free car. None
    when anything else holds (a drop not open, a running or lapsed claim, the limit, a place
    behind that line, no free car to pass): nothing has changed then, and the step-by-step path
    decides and gives the reason."""
    claim_id = uuid.uuid4()
    for _ in range(MAX_CAR_ATTEMPTS):
        done = claim_at_once(drop_id=drop_id, buyer_id=buyer.pk, claim_id=claim_id, now=now)
        if not done.withdrew:
            break
    if done.car is None or done.until is None:
        return None
    claim = DropClaim(
        id=claim_id,
        drop_id=drop_id,
        buyer_id=buyer.pk,
        car_id=done.car.id,
        vin=done.car.vin,
        slot=done.car.slot,
        status=DropClaim.Status.HELD,
        created_at=now,
        expires_at=done.until,
    )
    claim._state.adding, claim._state.db = False, connection.alias
    return claim


def _check_open(drop: Drop, now: datetime) -> None:
    if now >= drop.ends_at:
        raise DropEnded("The drop is over.")
    if now < drop.starts_at:
        raise DropNotOpen("The drop has not started yet.")
    if drop.order_fixed_at is None:
        fix_order(drop)


def _publish(drop: Drop) -> None:
    """Tell the gate's front door the drop and every place, once the order is fixed."""
    if not gate.enabled() or gate.places_published(drop.pk):
        return
    facts = gate.DropFacts(
        drop_id=drop.pk,
        starts_at=drop.starts_at.timestamp(),
        ends_at=drop.ends_at.timestamp(),
        admissions_per_second=drop.admissions_per_second,
        cars_total=drop.cars_total,
    )
    gate.publish_drop(facts)
    places = DropEntry.objects.filter(drop=drop, position__isnull=False).values_list(
        "buyer_id", "position"
    )
    holders = DropClaim.objects.filter(drop=drop).values_list("buyer_id", flat=True).distinct()
    gate.publish_places(facts, places.iterator(), holders.iterator())


def _entry_of(drop: Drop, buyer: Any) -> DropEntry | None:
    return (
        DropEntry.objects.filter(drop=drop, buyer_id=buyer.pk)
        .only("id", "position", "active_claim_id", "active_until", "cars_bought")
        .first()
    )


def _running_claim(entry: DropEntry, now: datetime) -> DropClaim | None:
    if entry.active_claim_id is None or entry.active_until is None or entry.active_until <= now:
        return None
    return DropClaim.objects.filter(pk=entry.active_claim_id).first()


def _check_may_claim(drop: Drop, entry: DropEntry, now: datetime) -> None:
    if entry.active_claim_id is not None:
        raise ClaimExpired(
            "Your claim ran out before payment; the car went to the next buyer in line."
        )
    if entry.cars_bought >= drop.per_buyer_limit:
        raise LimitReached(f"This drop allows {drop.per_buyer_limit} car(s) per buyer.")
    if selectors.admitted_without_count(drop, entry.position, now):
        return
    lapsed = selectors.lapsed_claims(drop.pk, now)
    gate.publish_line_base(drop.pk, drop.cars_total + lapsed)
    line = selectors.admission_line(drop, now, lapsed=lapsed)
    if not rules.is_admitted(entry.position, line):
        wait = rules.estimated_wait_seconds(
            position=entry.position,
            line=line,
            admissions_per_second=drop.admissions_per_second,
            starts_at=drop.starts_at,
            now=now,
        )
        raise NotAdmitted.behind_the_line(entry.position, wait)


def _claim_in_transaction(drop: Drop, entry: DropEntry, buyer: Any, now: datetime) -> DropClaim:
    claim_id = uuid.uuid4()
    until = now + timedelta(minutes=drop.payment_window_minutes)
    with transaction.atomic():
        taken = DropEntry.objects.filter(
            pk=entry.pk, active_claim_id__isnull=True, cars_bought__lt=drop.per_buyer_limit
        ).update(
            active_claim_id=claim_id, active_until=until, admitted_at=Coalesce("admitted_at", now)
        )
        if not taken:
            raise _AlreadyClaimed
        car = _take_car(drop, buyer, claim_id, until, now)
        if car is None:
            raise SoldOut("Every car of this drop is taken.")
        return DropClaim.objects.create(
            id=claim_id,
            drop=drop,
            buyer_id=buyer.pk,
            car_id=car.id,
            vin=car.vin,
            slot=car.slot,
            created_at=now,
            expires_at=until,
        )


def _take_car(
    drop: Drop, buyer: Any, claim_id: uuid.UUID, until: datetime, now: datetime
) -> TakenCar | None:
    for _ in range(MAX_CAR_ATTEMPTS):
        car = take_free_car(drop_id=drop.pk, claim_id=claim_id, until=until, now=now)
        if car is None or car.vin is None:
            return car
        # Move the hold on the car row from the drop to the buyer (both rows already ours).
        if inventory.pass_vehicle_hold(
            vin=car.vin, from_id=drop.created_by_id, to_id=buyer.pk, until=until, now=now
        ):
            return car
        DropCar.objects.filter(pk=car.id).update(status=DropCar.Status.WITHDRAWN, claim_id=None)
    return None


def pay_claim(*, buyer: Any, claim_id: Any, data: Any, language: str) -> tuple[DropClaim, Any]:
    """Turn a running claim into an order through the normal checkout (checkout.place_order).

    The car is marked sold and the claim paid in the same transaction as the order, only while
    the claim still runs: a lapsed claim cannot be paid, so no paid buyer is ever without a car.
    """
    claim = selectors.access_claim(buyer, claim_id)
    if claim.status == DropClaim.Status.PAID:
        return claim, checkout.access_order(buyer, claim.order_id)
    now = clock.now()
    with transaction.atomic():
        settled = DropEntry.objects.filter(
            drop_id=claim.drop_id, buyer_id=buyer.pk, active_claim_id=claim.pk, active_until__gt=now
        ).update(active_claim_id=None, active_until=None, cars_bought=F("cars_bought") + 1)
        sold = DropCar.objects.filter(
            pk=claim.car_id, claim_id=claim.pk, status=DropCar.Status.HELD, held_until__gt=now
        ).update(status=DropCar.Status.SOLD)
        if not (settled and sold):
            raise ClaimExpired("The payment window has passed; the car went back to the drop.")
        order = _place_order(claim, buyer, data, language, now)
        DropClaim.objects.filter(pk=claim.pk).update(
            status=DropClaim.Status.PAID, paid_at=now, order_id=order.id
        )
    claim.refresh_from_db()
    return claim, order


def _place_order(claim: DropClaim, buyer: Any, data: Any, language: str, now: datetime) -> Any:
    """The order at the drop price to the cent (invariant 1): the difference to the car's own
    total is frozen into the order's Quote as a line of its own."""
    drop = claim.drop
    if claim.vin is None:
        source: dict[str, Any] = {"configuration_code": drop.configuration_code}
        car_total = checkout.quoted_total(configuration_code=drop.configuration_code)
    else:
        # The car row is already held for the buyer until the claim's end.
        hold = checkout.adopt_hold(buyer=buyer, vin=claim.vin, until=claim.expires_at)
        source = {"hold_id": hold.pk}
        car_total = checkout.quoted_total(vin=claim.vin)
    reduction = car_total - Money.of(drop.price, drop.currency)
    if reduction.amount < 0:
        raise DropInvalid("The drop price is above the car's own price.")
    return checkout.place_order(
        buyer=buyer,
        data=data,
        language=language,
        price_reduction=reduction,
        reduction_label=_reduction_label(drop, language),
        **source,
    )


def _reduction_label(drop: Drop, language: str) -> str:
    prefix = "Drop-Preis" if language == "de" else "Drop price"
    return f"{prefix}: {drop.name}"


def cancel_claim(*, buyer: Any, claim_id: Any) -> DropClaim:
    """The buyer lets the car go at once; the next buyer in line is admitted."""
    claim = selectors.access_claim(buyer, claim_id)
    now = clock.now()
    with transaction.atomic():
        if DropCar.objects.filter(
            pk=claim.car_id, claim_id=claim.pk, status=DropCar.Status.HELD, held_until__gt=now
        ).update(status=DropCar.Status.AVAILABLE, held_until=None, claim_id=None):
            DropClaim.objects.filter(pk=claim.pk).update(status=DropClaim.Status.CANCELLED)
            DropEntry.objects.filter(active_claim_id=claim.pk).update(active_until=now)
            if claim.vin:
                inventory.release_vehicle(vin=claim.vin, buyer_id=buyer.pk)
    gate.forget(claim.drop_id)
    claim.refresh_from_db()
    return claim


def expire_lapsed_claims(now: datetime | None = None) -> int:
    """The sweeper: write down claims that already count as expired. Correctness never waits
    for it (ARCHITECTURE.md, invariant 3)."""
    now = now or clock.now()
    return int(
        DropClaim.objects.filter(Q(status=DropClaim.Status.HELD), expires_at__lte=now).update(
            status=DropClaim.Status.EXPIRED
        )
    )
