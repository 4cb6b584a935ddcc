"""The report of a drop for the back office: what it sold, how fast, and to whom (reads only)."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncSecond

from autokauf import checkout
from autokauf.core import clock
from autokauf.core.money import Money

from .models import Drop, DropCar, DropClaim


@dataclass(frozen=True)
class PaidClaim:
    order_number: str
    vin: str | None
    slot: int | None
    paid_at: datetime | None

    @property
    def car(self) -> str:
        return self.vin or f"slot {self.slot}"


@dataclass(frozen=True)
class Claims:
    total: int
    paid: int
    expired: int
    cancelled: int
    holding: int


@dataclass(frozen=True)
class Peak:
    claims: int
    second: datetime | None


@dataclass(frozen=True)
class DropReport:
    drop: Drop
    cars: int
    cars_sold: int
    revenue: Money
    buyers_joined: int
    claims: Claims
    conversion: Decimal | None
    first_wave_seconds: Decimal | None
    peak: Peak
    paid_claims: list[PaidClaim]

    @property
    def conversion_percent(self) -> str:
        return "-" if self.conversion is None else f"{self.conversion * 100:.1f} %"


def drop_report(drop: Drop, now: datetime | None = None) -> DropReport:
    """The drop's figures; a held claim past its window counts as expired (invariant 3)."""
    claims = claim_counts(drop, now or clock.now())
    return DropReport(
        drop=drop,
        cars=drop.cars_total,
        cars_sold=claims.paid,
        revenue=Money.of(drop.price, drop.currency) * claims.paid,
        buyers_joined=drop.entries.count(),
        claims=claims,
        conversion=_share(claims.paid, claims.total),
        first_wave_seconds=first_wave_seconds(drop),
        peak=peak_claims_per_second(drop),
        paid_claims=paid_claims(drop),
    )


def claim_counts(drop: Drop, now: datetime) -> Claims:
    held, running = DropClaim.Status.HELD, Q(expires_at__gt=now)
    counts = DropClaim.objects.filter(drop=drop).aggregate(
        total=Count("id"),
        paid=Count("id", filter=Q(status=DropClaim.Status.PAID)),
        expired=Count("id", filter=Q(status=DropClaim.Status.EXPIRED) | Q(status=held) & ~running),
        cancelled=Count("id", filter=Q(status=DropClaim.Status.CANCELLED)),
        holding=Count("id", filter=Q(status=held) & running),
    )
    return Claims(**counts)


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def first_wave_seconds(drop: Drop) -> Decimal | None:
    """Seconds from the start until every car of the drop had been claimed once.

    That moment is the latest of the cars' first claims: the claim that took the last car no one
    had claimed yet. Cars that came back later (a claim lapsed) do not move it. None while a car
    has never been claimed; cars withdrawn from the drop (sold outside it) are not waited for.
    """
    offered = DropCar.objects.filter(drop=drop).exclude(status=DropCar.Status.WITHDRAWN)
    firsts = (
        DropClaim.objects.filter(car__in=offered)
        .values("car_id")
        .annotate(first=Min("created_at"))
        .values_list("first", flat=True)
    )
    moments = list(firsts)
    if not moments or len(moments) < offered.count():
        return None
    milliseconds = (max(moments) - drop.starts_at) // timedelta(milliseconds=1)
    return (Decimal(milliseconds) / 1000).quantize(Decimal("0.001"))


def peak_claims_per_second(drop: Drop) -> Peak:
    """The most claims made within one calendar second (buckets of DropClaim.created_at)."""
    busiest = (
        DropClaim.objects.filter(drop=drop)
        .annotate(second=TruncSecond("created_at", tzinfo=UTC))
        .values("second")
        .annotate(claims=Count("id"))
        .order_by("-claims", "second")
        .first()
    )
    if busiest is None:
        return Peak(0, None)
    return Peak(busiest["claims"], busiest["second"])


def paid_claims(drop: Drop) -> list[PaidClaim]:
    """Paid claims in the order they were paid, each with its order's number."""
    rows = list(
        DropClaim.objects.filter(drop=drop, status=DropClaim.Status.PAID)
        .order_by("paid_at", "id")
        .values_list("order_id", "vin", "slot", "paid_at")
    )
    numbers = dict(
        checkout.Order.objects.filter(pk__in=[row[0] for row in rows]).values_list("id", "number")
    )
    return [
        PaidClaim(numbers.get(order_id, ""), vin, slot, paid_at)
        for order_id, vin, slot, paid_at in rows
    ]


def report_csv(report: DropReport) -> str:
    """The figures as `figure,value` rows, a blank line, then one row per paid claim."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["figure", "value"])
    writer.writerows(_figures(report))
    writer.writerow([])
    writer.writerow(["order", "car", "paid_at"])
    for claim in report.paid_claims:
        writer.writerow([claim.order_number, claim.car, _utc(claim.paid_at)])
    return out.getvalue()


def _figures(report: DropReport) -> list[tuple[str, Any]]:
    claims, peak = report.claims, report.peak
    return [
        ("drop", report.drop.name),
        ("starts_at", _utc(report.drop.starts_at)),
        ("price", f"{report.drop.price:.2f}"),
        ("currency", report.drop.currency),
        ("cars", report.cars),
        ("cars_sold", report.cars_sold),
        ("revenue", report.revenue.as_str()),
        ("buyers_joined", report.buyers_joined),
        ("claims", claims.total),
        ("claims_paid", claims.paid),
        ("claims_expired", claims.expired),
        ("claims_cancelled", claims.cancelled),
        ("claims_holding", claims.holding),
        ("conversion", _or_blank(report.conversion)),
        ("first_wave_seconds", _or_blank(report.first_wave_seconds)),
        ("peak_claims_per_second", peak.claims),
        ("peak_second", _utc(peak.second)),
    ]


def _utc(moment: datetime | None) -> str:
    return moment.astimezone(UTC).isoformat() if moment else ""


def _or_blank(value: Any) -> Any:
    return "" if value is None else value
