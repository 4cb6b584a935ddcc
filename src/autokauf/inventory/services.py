"""Every write to stock: creating cars, moving them through their statuses."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.db.models import Model

from autokauf.core import clock

from . import rules
from .errors import StatusChanged, UnknownVehicle
from .models import StockConfiguration, Vehicle, VehicleEvent, VehicleOption
from .pricing_book import ConfigurationBook, MonthlyRates, Priced

BATCH = 2000


@dataclass(frozen=True, slots=True)
class VehicleDraft:
    """A car checked against every rule, ready to be written."""

    vin: str
    priced: Priced
    model_year: int
    status: str
    available_from: date
    location_id: int | None = None
    bay: int | None = None
    production_date: date | None = None
    discount_net: Decimal = Decimal("0.00")
    condition: str = "new"
    first_registration: date | None = None
    mileage_km: int | None = None

    def columns(self, created_at: Any) -> dict[str, Any]:
        p = self.priced
        total = p.total_after(self.discount_net)
        return {
            "vin": self.vin,
            "trim_id": p.trim_code,
            "options": list(p.options),
            "options_key": p.options_key,
            "paint_code": p.paint_code,
            "model_year": self.model_year,
            "production_date": self.production_date,
            "status": self.status,
            "location_id": self.location_id,
            "bay": self.bay,
            "discount_net": self.discount_net,
            "condition": self.condition,
            "first_registration": self.first_registration,
            "mileage_km": self.mileage_km,
            "available_from": self.available_from,
            "block_reason": "",
            "brand_slug": p.brand_slug,
            "model_slug": p.model_slug,
            "fuel": p.fuel,
            "price_total": total,
            "price_band": rules.price_band(total),
            "listed": self.status in rules.LISTED_FOR_BUYERS,
            "created_at": created_at,
        }


def reprice_vehicles(*, batch: int = BATCH) -> int:
    """Take the current Quote of every car into its stored total and the total's monthly rate
    (after a catalogue price change); answers how many totals changed. The vehicle page always
    shows the current Quote."""
    book = ConfigurationBook(today=clock.today_berlin())
    rates = MonthlyRates()
    rows = Vehicle.objects.values_list("pk", "trim_id", "options", "discount_net", "price_total")
    updates: list[tuple[Decimal, int, Decimal | None, int | None, int]] = []
    for pk, trim, options, discount, stored in rows.order_by("pk").iterator(chunk_size=batch):
        priced = book.price(str(trim), options)
        if isinstance(priced, str):
            continue  # no longer a valid configuration: keeps its last price, seen in the report
        total = priced.total_after(discount)
        if total != stored:
            rate = rates.of(total)
            updates.append((total, rules.price_band(total), rate, rules.rate_band(rate), pk))
    columns = "price_total = %s, price_band = %s, monthly_rate = %s, rate_band = %s"
    return _update_by_id(columns, updates, batch)


def recompute_monthly_rates(*, batch: int = BATCH) -> int:
    """Take every car's "from x € a month" rate afresh from the lenders' current rate sheets
    (after a rate-sheet change); answers how many cars' rates changed. One rate per distinct
    total, so the work follows the number of prices, not of cars."""
    rates = MonthlyRates()
    stored = Vehicle.objects.values_list("price_total", "monthly_rate").distinct().order_by()
    updates: list[tuple[Decimal | None, int | None, Decimal]] = []
    for total, rate in stored:
        fresh = rates.of(total)
        if fresh != rate:
            updates.append((fresh, rules.rate_band(fresh), total))
    if not updates:
        return 0
    changed = 0
    with transaction.atomic():
        for fresh, band, total in {(f, b, t) for f, b, t in updates}:
            changed += Vehicle.objects.filter(price_total=total).update(
                monthly_rate=fresh, rate_band=band
            )
    return changed


def _update_by_id(columns: str, updates: list[tuple[Any, ...]], batch: int) -> int:
    changed = 0
    with transaction.atomic(), connection.cursor() as cursor:
        table = connection.ops.quote_name(Vehicle._meta.db_table)
        for start in range(0, len(updates), batch):
            chunk = updates[start : start + batch]
            cursor.executemany(f"UPDATE {table} SET {columns} WHERE id = %s", chunk)
            changed += len(chunk)
    return changed


def _actor_fields(actor: Any) -> dict[str, Any]:
    """`actor` is a user, a text (a system or a process) or None."""
    if actor is None:
        return {"actor": None, "actor_text": ""}
    if isinstance(actor, str):
        return {"actor": None, "actor_text": actor[:200]}
    return {"actor": actor if getattr(actor, "pk", None) else None, "actor_text": str(actor)[:200]}


def _batches(items: Iterable[VehicleDraft], size: int) -> Iterator[list[VehicleDraft]]:
    batch: list[VehicleDraft] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def create_vehicles(drafts: Iterable[VehicleDraft], *, actor: Any, reason: str) -> int:
    """Write checked cars, their option rows and a first event each, in one transaction.

    Rows go in as plain tuples (executemany): building a model object per row would cost more
    than the database's own work on a 100,000-car import."""
    now = clock.now()
    who = _actor_fields(actor)
    event_tail = (reason, now, who["actor"].pk if who["actor"] else None, who["actor_text"])
    options_field = Vehicle._meta.get_field("options")
    rates = MonthlyRates()
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        vehicle_sql = None
        for batch in _batches(drafts, BATCH):
            configurations = _configuration_ids(
                {(d.priced.trim_code, d.priced.options_key) for d in batch}
            )
            rows = [d.columns(now) for d in batch]
            for row, draft in zip(rows, batch, strict=True):
                row["options"] = options_field.get_db_prep_save(row["options"], connection)
                row["monthly_rate"] = rates.of(row["price_total"])
                row["rate_band"] = rules.rate_band(row["monthly_rate"])
                row["configuration_id"] = configurations[
                    (draft.priced.trim_code, draft.priced.options_key)
                ]
            vehicle_sql = vehicle_sql or _insert_sql(Vehicle, list(rows[0]))
            cursor.executemany(vehicle_sql, [tuple(row.values()) for row in rows])
            ids = dict(
                Vehicle.objects.filter(vin__in=[d.vin for d in batch]).values_list("vin", "pk")
            )
            cursor.executemany(
                _insert_sql(VehicleOption, ["vehicle_id", "code"]),
                [(ids[d.vin], code) for d in batch for code in sorted(d.priced.every_option)],
            )
            cursor.executemany(
                _insert_sql(
                    VehicleEvent,
                    [
                        "vehicle_id",
                        "from_status",
                        "to_status",
                        "reason",
                        "at",
                        "actor_id",
                        "actor_text",
                    ],
                ),
                [(ids[d.vin], "", d.status, *event_tail) for d in batch],
            )
            count += len(batch)
    return count


def _configuration_ids(pairs: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The id of each (trim, options_key), created when new (a concurrent import may create the
    same one: the unique constraint keeps one, both then read it)."""

    def known() -> dict[tuple[str, str], int]:
        found: dict[tuple[str, str], int] = {}
        for trim in {t for t, _ in pairs}:
            keys = [k for t, k in pairs if t == trim]
            rows = StockConfiguration.objects.filter(trim_code=trim, options_key__in=keys)
            found.update({(trim, key): pk for pk, key in rows.values_list("pk", "options_key")})
        return found

    ids = known()
    missing = pairs - ids.keys()
    if missing:
        StockConfiguration.objects.bulk_create(
            [StockConfiguration(trim_code=t, options_key=k) for t, k in sorted(missing)],
            ignore_conflicts=True,
        )
        ids = known()
    return ids


def _insert_sql(model: type[Model], fields: list[str]) -> str:
    quote = connection.ops.quote_name
    by_attname = {f.attname: f.column for f in model._meta.concrete_fields}
    columns = ", ".join(quote(by_attname[f]) for f in fields)
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )


def move_vehicle(*, vin: str, to_status: str, actor: Any, reason: str = "") -> Vehicle:
    """Move a car to another status if the state machine allows it (docs/domains/inventory.md),
    and record who did it and why. A refused move changes nothing.

    Refusals are raised outside the writing block, so it needs no savepoint of its own inside a
    caller's transaction (the confirmation of an order), and the caller may still go on after
    one (the back office's bulk move). Answers the car as read before the move, moved."""
    vehicle = Vehicle.objects.filter(vin=vin.strip().upper()).first()
    if vehicle is None:
        raise UnknownVehicle(f"There is no vehicle with VIN '{vin}'.")
    pk, from_status = vehicle.pk, vehicle.status
    rules.check_move(from_status, to_status, reason)
    changes: dict[str, Any] = {
        "status": to_status,
        "listed": to_status in rules.LISTED_FOR_BUYERS,
    }
    if to_status == rules.BLOCKED:
        changes["block_reason"] = reason
    elif from_status == rules.BLOCKED:
        changes["block_reason"] = ""
    if to_status == rules.HANDED_OVER:
        changes["bay"] = None  # the car has left its tower bay
    with transaction.atomic(savepoint=False):
        # Lock: the conditional UPDATE takes the row's write lock (PostgreSQL: row lock held to
        # commit; SQLite: the database write lock, taken at BEGIN IMMEDIATE). Of two concurrent
        # moves from the same status only the first matches `status = from_status`.
        moved = Vehicle.objects.filter(pk=pk, status=from_status).update(**changes)
        if moved == 1:
            VehicleEvent.objects.create(
                vehicle_id=pk,
                from_status=from_status,
                to_status=to_status,
                reason=reason,
                at=clock.now(),
                **_actor_fields(actor),
            )
    if moved != 1:
        raise StatusChanged(
            f"Vehicle {vin} was moved by someone else meanwhile; it is no longer "
            f"{rules.STATUS_WORDS[from_status]}. Nothing was changed."
        )
    for field, value in changes.items():
        setattr(vehicle, field, value)
    return vehicle
