"""Reads: a drop as buyers see it, a buyer's place, live figures for the back office."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Min, Q

from autokauf.core import clock

from . import rules
from .errors import UnknownClaim, UnknownDrop
from .models import Drop, DropCar, DropClaim, DropEntry


def get_drop(drop_id: int) -> Drop:
    try:
        return Drop.objects.get(pk=drop_id)
    except (Drop.DoesNotExist, ValueError, TypeError):
        raise UnknownDrop(f"There is no drop {drop_id}.") from None


def free_cars(drop_id: int, now: datetime) -> Any:
    held_out = Q(status=DropCar.Status.HELD, held_until__lte=now)
    return DropCar.objects.filter(Q(status=DropCar.Status.AVAILABLE) | held_out, drop_id=drop_id)


def remaining(drop_id: int, now: datetime | None = None) -> int:
    """Cars not sold and not held by a running claim."""
    return int(free_cars(drop_id, now or clock.now()).count())


def next_lapse(drop_id: int, now: datetime) -> datetime | None:
    """When the first running claim of the drop runs out (its car may come back then)."""
    running = DropClaim.objects.filter(
        drop_id=drop_id, status=DropClaim.Status.HELD, expires_at__gt=now
    )
    return running.aggregate(first=Min("expires_at"))["first"]


def lapsed_claims(drop_id: int, now: datetime) -> int:
    """Claims that gave their car back: expired (also when only read as expired) or cancelled."""
    over = Q(status__in=[DropClaim.Status.EXPIRED, DropClaim.Status.CANCELLED]) | Q(
        status=DropClaim.Status.HELD, expires_at__lte=now
    )
    return int(DropClaim.objects.filter(over, drop_id=drop_id).count())


def admission_line(drop: Drop, now: datetime, lapsed: int | None = None) -> int:
    return rules.admission_line(
        cars_total=drop.cars_total,
        lapsed_claims=lapsed_claims(drop.pk, now) if lapsed is None else lapsed,
        admissions_per_second=drop.admissions_per_second,
        seconds_open=(now - drop.starts_at).total_seconds(),
    )


def admitted_without_count(drop: Drop, position: int | None, now: datetime) -> bool:
    """Admitted even if no claim has lapsed: the common case, decided without a query."""
    return rules.is_admitted(position, admission_line(drop, now, lapsed=0))


def drop_view(drop: Drop, now: datetime | None = None) -> dict[str, Any]:
    now = now or clock.now()
    left = remaining(drop.pk, now)
    return {
        "id": drop.pk,
        "name": drop.name,
        "status": rules.drop_status(
            waiting_room_opens_at=drop.waiting_room_opens_at,
            starts_at=drop.starts_at,
            ends_at=drop.ends_at,
            remaining=left,
            now=now,
        ),
        "remaining": left,
        "cars_total": drop.cars_total,
        "waiting_room_opens_at": drop.waiting_room_opens_at,
        "starts_at": drop.starts_at,
        "ends_at": drop.ends_at,
        "price": f"{drop.price:.2f}",
        "currency": drop.currency,
        "per_buyer_limit": drop.per_buyer_limit,
        "payment_window_minutes": drop.payment_window_minutes,
        "admissions_per_second": drop.admissions_per_second,
        "server_time": now,
    }


@dataclass(frozen=True)
class Place:
    joined: bool
    position: int | None
    admitted: bool
    estimated_wait_seconds: Decimal | None


def place_of(drop: Drop, buyer: Any, now: datetime | None = None) -> Place:
    now = now or clock.now()
    entry = DropEntry.objects.filter(drop=drop, buyer_id=buyer.pk).first()
    if entry is None:
        return Place(False, None, False, None)
    line = admission_line(drop, now)
    wait = rules.estimated_wait_seconds(
        position=entry.position,
        line=line,
        admissions_per_second=drop.admissions_per_second,
        starts_at=drop.starts_at,
        now=now,
    )
    return Place(True, entry.position, rules.is_admitted(entry.position, line), wait)


def access_claim(user: Any, claim_id: Any) -> DropClaim:
    """The claim if it is the caller's own; 404 for everyone else."""
    try:
        return DropClaim.objects.get(pk=claim_id, buyer_id=getattr(user, "pk", None))
    except (DropClaim.DoesNotExist, ValueError, TypeError, ValidationError):
        raise UnknownClaim(f"There is no claim {claim_id}.") from None


def claim_status(claim: DropClaim, now: datetime | None = None) -> str:
    return rules.claim_status(claim.status, claim.expires_at, now or clock.now())


def live_figures(drop: Drop, now: datetime | None = None) -> dict[str, Any]:
    """Joined, admitted, claimed, paid, expired, and claims per second over the last 10 s."""
    now = now or clock.now()
    claims = DropClaim.objects.filter(drop=drop).aggregate(
        claimed=Count("id"),
        paid=Count("id", filter=Q(status=DropClaim.Status.PAID)),
        holding=Count("id", filter=Q(status=DropClaim.Status.HELD, expires_at__gt=now)),
        recent=Count("id", filter=Q(created_at__gt=now - timedelta(seconds=10))),
    )
    joined = DropEntry.objects.filter(drop=drop).count()
    line = admission_line(drop, now) if now >= drop.starts_at else 0
    return {
        "joined": joined,
        "admitted": min(joined, line),
        "claimed": claims["claimed"],
        "holding": claims["holding"],
        "paid": claims["paid"],
        "expired": lapsed_claims(drop.pk, now),
        "remaining": remaining(drop.pk, now),
        "claims_per_second": round(claims["recent"] / 10, 1),
    }
