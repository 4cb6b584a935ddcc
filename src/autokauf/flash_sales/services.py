"""Writes: schedule a drop, join its waiting room, fix the order at the start, claim, pay."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max

from autokauf import accounts, checkout, credit, inventory
from autokauf.core import clock
from autokauf.core.errors import DomainError, NotFound
from autokauf.core.money import Money

from . import rules
from .claiming import number_places
from .errors import DropEnded, DropInvalid, DropNotOpen, NotEligible
from .models import Drop, DropCar, DropEntry


@dataclass(frozen=True)
class DropPlan:
    name: str
    price: Decimal
    waiting_room_opens_at: datetime
    starts_at: datetime
    ends_at: datetime
    vins: tuple[str, ...] = ()
    configuration_code: str = ""
    build_slots: int = 0
    per_buyer_limit: int = 1
    prequalification_required: bool = False
    countries: tuple[str, ...] = ()
    payment_window_minutes: int = 10
    admissions_per_second: int = rules.DEFAULT_ADMISSIONS_PER_SECOND


def schedule_drop(*, plan: DropPlan, created_by: Any) -> Drop:
    """Create the drop and take its cars out of the public stock until it is over.

    Each VIN is held for the drop on the car row (inventory.claim_vehicle, by the staff member who
    scheduled it) until the end plus one payment window; a car that is not free is refused.
    """
    _check_plan(plan)
    until = plan.ends_at + timedelta(minutes=plan.payment_window_minutes)
    now = clock.now()
    with transaction.atomic():
        drop = Drop.objects.create(
            name=plan.name,
            price=plan.price,
            configuration_code=plan.configuration_code,
            waiting_room_opens_at=plan.waiting_room_opens_at,
            starts_at=plan.starts_at,
            ends_at=plan.ends_at,
            per_buyer_limit=plan.per_buyer_limit,
            prequalification_required=plan.prequalification_required,
            countries=list(plan.countries),
            payment_window_minutes=plan.payment_window_minutes,
            admissions_per_second=plan.admissions_per_second,
            cars_total=len(plan.vins) or plan.build_slots,
            created_by=created_by,
        )
        taken = [
            vin
            for vin in plan.vins
            if not inventory.claim_vehicle(vin=vin, buyer_id=created_by.pk, until=until, now=now)
        ]
        if taken:
            raise DropInvalid(
                f"{len(taken)} car(s) are not free: {', '.join(taken[:5])}.",
                extra={"vins": taken},
            )
        DropCar.objects.bulk_create(_cars(drop, plan), batch_size=500)
    return drop


def _check_plan(plan: DropPlan) -> None:
    if not plan.waiting_room_opens_at <= plan.starts_at < plan.ends_at:
        raise DropInvalid(
            "The waiting room opens before the start, and the start is before the end."
        )
    if bool(plan.vins) == bool(plan.build_slots):
        raise DropInvalid("A drop has either VINs or build slots of one configuration.")
    if plan.build_slots and not plan.configuration_code:
        raise DropInvalid("Build slots need a saved configuration code.")
    if len(set(plan.vins)) != len(plan.vins):
        raise DropInvalid("A VIN appears twice.")
    if min(plan.per_buyer_limit, plan.payment_window_minutes, plan.admissions_per_second) < 1:
        raise DropInvalid(
            "Per-buyer limit, payment window and admissions per second must be positive."
        )
    if plan.price <= 0:
        raise DropInvalid("The price must be positive.")
    _check_price_within_cars(plan)


def _check_price_within_cars(plan: DropPlan) -> None:
    """The drop price is never above a car's own total (checkout.quoted_total, its discount
    included): a winner could not be charged it, and paying would refuse them only then."""
    price = Money.of(plan.price)
    if plan.build_slots:
        total = _configuration_total(plan.configuration_code)
        if total < price:
            raise DropInvalid(
                f"The drop price is above the price of the configuration "
                f"{plan.configuration_code} ({total.format()}).",
                extra={"configuration_code": plan.configuration_code, "total": total.as_str()},
            )
        return
    cheaper = {vin: own for vin in plan.vins if (own := _car_total(vin)) and own < price}
    if cheaper:
        named = ", ".join(f"{vin} ({own.format()})" for vin, own in list(cheaper.items())[:5])
        raise DropInvalid(
            f"The drop price is above the price of {len(cheaper)} car(s): {named}.",
            extra={"vins": list(cheaper)},
        )


def _configuration_total(code: str) -> Money:
    try:
        return checkout.quoted_total(configuration_code=code)
    except DomainError:
        raise DropInvalid(f"The saved configuration {code} cannot be built.") from None


def _car_total(vin: str) -> Money | None:
    """The car's own total; None for a VIN not for sale, which the stock hold then refuses."""
    try:
        return checkout.quoted_total(vin=vin)
    except NotFound:
        return None


def _cars(drop: Drop, plan: DropPlan) -> list[DropCar]:
    if plan.vins:
        return [DropCar(drop=drop, vin=vin) for vin in plan.vins]
    return [DropCar(drop=drop, slot=n) for n in range(1, plan.build_slots + 1)]


def join_drop(*, drop: Drop, buyer: Any) -> DropEntry:
    """Enter the waiting room (joining again changes nothing).

    Before the start the buyer draws a random ticket and gets a place when the start fixes the
    order; after the start the place is the next one in join order.
    """
    now = clock.now()
    if now >= drop.ends_at:
        raise DropEnded("The drop is over.")
    if now < drop.waiting_room_opens_at:
        raise DropNotOpen("The waiting room is not open yet.")
    existing = DropEntry.objects.filter(drop=drop, buyer_id=buyer.pk).first()
    if existing is not None:
        return existing
    _check_eligible(drop, buyer)
    if now >= drop.starts_at:
        fix_order(drop)
    try:
        with transaction.atomic():
            return _new_entry(drop, buyer, now)
    except IntegrityError:
        return DropEntry.objects.get(drop=drop, buyer_id=buyer.pk)


def _new_entry(drop: Drop, buyer: Any, now: datetime) -> DropEntry:
    position = None
    if now >= drop.starts_at:
        # Late joiners queue one after the other: lock the drop row (PostgreSQL row-exclusive;
        # SQLite's IMMEDIATE transaction already holds the write lock) and take the next place.
        Drop.objects.select_for_update().filter(pk=drop.pk).first()
        last = DropEntry.objects.filter(drop=drop).aggregate(last=Max("position"))["last"]
        position = (last or 0) + 1
    return DropEntry.objects.create(
        drop=drop, buyer_id=buyer.pk, joined_at=now, ticket=rules.draw_ticket(), position=position
    )


def _check_eligible(drop: Drop, buyer: Any) -> None:
    # The claim's payment window is short and a drop's cars are few: a buyer who could not pay
    # (an unconfirmed address, see accounts.confirmation) must not hold one back from the line.
    accounts.check_email_confirmed(buyer)
    if drop.countries and getattr(buyer, "country", "") not in drop.countries:
        raise NotEligible(f"This drop is open to buyers in {', '.join(drop.countries)} only.")
    if drop.prequalification_required and not credit.is_prequalified(buyer):
        raise NotEligible("This drop needs a pre-qualified credit check first.")


def fix_order(drop: Drop) -> bool:
    """At the start, give every waiting buyer their place (rules.fair_order, computed in one
    statement by claiming.number_places); once per drop.

    The conditional UPDATE on the drop row lets one caller do it; others wait on that row lock
    (PostgreSQL row-exclusive; SQLite write lock) and then read the fixed places.
    """
    now = clock.now()
    if drop.order_fixed_at is not None or now < drop.starts_at:
        return False
    with transaction.atomic():
        if not Drop.objects.filter(pk=drop.pk, order_fixed_at__isnull=True).update(
            order_fixed_at=now
        ):
            drop.refresh_from_db(fields=["order_fixed_at"])
            return False
        number_places(drop_id=drop.pk, starts_at=drop.starts_at)
    drop.order_fixed_at = now
    return True
