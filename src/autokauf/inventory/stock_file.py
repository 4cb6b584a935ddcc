"""The stock CSV file (docs/domains/inventory.md, "Stock file"): import with every bad row
reported and nothing written unless every row is good; export of any list of cars."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from autokauf.core import clock
from autokauf.core.errors import DomainError

from . import rules
from .errors import RowProblem, StockFileInvalid
from .models import Location, Vehicle
from .pricing_book import ConfigurationBook, Priced
from .services import VehicleDraft, create_vehicles

COLUMNS = (
    "vin",
    "trim",
    "options",
    "model_year",
    "production_date",
    "status",
    "location",
    "bay",
    "discount_net",
    "condition",
    "first_registration",
    "mileage_km",
    "available_from",
)
REQUIRED = ("vin", "trim", "model_year", "status", "available_from")
CONDITIONS = ("new", "demonstrator", "used")


@dataclass
class ImportReport:
    created: int


@dataclass
class _Context:
    """What every row is checked against; loaded once per file."""

    book: ConfigurationBook
    locations: dict[str, tuple[int, int | None]]  # code -> (id, bays)
    known_vins: set[str]
    taken_bays: set[tuple[int, int]]
    seen_vins: dict[str, int] = field(default_factory=dict)


class _Row:
    def __init__(self, line: int, values: dict[str, str], problems: list[RowProblem]) -> None:
        self.line, self.values, self.problems = line, values, problems

    def fail(self, column: str, message: str) -> None:
        self.problems.append(RowProblem(self.line, column, message))

    def text(self, column: str) -> str:
        return (self.values.get(column) or "").strip()

    def date(self, column: str) -> date | None:
        raw = self.text(column)
        if not raw:
            return None
        try:
            return date.fromisoformat(raw)
        except ValueError:
            self.fail(column, f"'{raw}' is not a date (YYYY-MM-DD)")
            return None

    def integer(self, column: str, low: int, high: int) -> int | None:
        raw = self.text(column)
        if not raw:
            return None
        if not raw.isdigit() or not low <= int(raw) <= high:
            self.fail(column, f"'{raw}' is not a whole number from {low} to {high}")
            return None
        return int(raw)

    def amount(self, column: str) -> Decimal:
        raw = self.text(column) or "0"
        try:
            value = Decimal(raw)
        except InvalidOperation:
            value = Decimal("NaN")
        if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
            self.fail(column, f"'{raw}' is not an amount in euros (like 1500.00, not negative)")
            return Decimal("0.00")
        return value.quantize(Decimal("0.01"))


def _read(source: str | bytes | Path) -> str:
    if isinstance(source, Path):
        source = source.read_bytes()
    if isinstance(source, bytes):
        source = source.decode("utf-8-sig")
    return source


def import_stock_csv(source: str | bytes | Path, *, actor: Any = None) -> ImportReport:
    """Check every row; when all are good write them all (one transaction), else raise
    StockFileInvalid listing every problem with its line, and write nothing."""
    drafts = check_stock_csv(source)
    return ImportReport(
        created=create_vehicles(drafts, actor=actor or "stock import", reason="import")
    )


def check_stock_csv(source: str | bytes | Path) -> list[VehicleDraft]:
    reader = csv.DictReader(io.StringIO(_read(source)))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise StockFileInvalid([RowProblem(1, c, "required column is missing") for c in missing])
    rows = [(reader.line_num, row) for row in reader]
    context = _context([(row.get("vin") or "").strip().upper() for _, row in rows])
    problems: list[RowProblem] = []
    drafts = [
        draft
        for line, values in rows
        if (draft := _check_row(_Row(line, values, problems), context)) is not None
    ]
    if problems:
        raise StockFileInvalid(problems)
    return drafts


def _context(vins: list[str]) -> _Context:
    known: set[str] = set()
    for start in range(0, len(vins), 900):
        chunk = vins[start : start + 900]
        known.update(Vehicle.objects.filter(vin__in=chunk).values_list("vin", flat=True))
    taken = {
        (location_id, bay)
        for location_id, bay in Vehicle.objects.filter(bay__isnull=False).values_list(
            "location_id", "bay"
        )
        if location_id is not None and bay is not None
    }
    return _Context(
        book=ConfigurationBook(today=clock.today_berlin()),
        locations={
            code: (pk, bays)
            for code, pk, bays in Location.objects.values_list("code", "pk", "bays")
        },
        known_vins=known,
        taken_bays=taken,
    )


def _check_row(row: _Row, context: _Context) -> VehicleDraft | None:
    before = len(row.problems)
    vin = _check_vin(row, context)
    priced = _check_configuration(row, context)
    location_id, bay = _check_place(row, context)
    status = row.text("status")
    if status not in rules.TRANSITIONS:
        row.fail("status", f"'{status}' is not a status ({', '.join(rules.TRANSITIONS)})")
    elif status in rules.PLACED and location_id is None and not row.text("location"):
        row.fail("location", f"a car that is {rules.STATUS_WORDS[status]} needs a location")
    condition = row.text("condition") or "new"
    if condition not in CONDITIONS:
        row.fail("condition", f"'{condition}' is not one of {', '.join(CONDITIONS)}")
    first_registration, mileage = (
        row.date("first_registration"),
        row.integer("mileage_km", 0, 2_000_000),
    )
    if condition != "new" and (first_registration is None or mileage is None):
        row.fail("condition", f"a {condition} car needs first_registration and mileage_km")
    model_year = row.integer("model_year", 1980, 2100)
    if not row.text("model_year"):
        row.fail("model_year", "required")
    available_from = row.date("available_from")
    if available_from is None and not row.text("available_from"):
        row.fail("available_from", "required")
    production_date, discount = row.date("production_date"), row.amount("discount_net")
    if len(row.problems) > before:
        return None
    assert vin and priced and model_year and available_from
    return VehicleDraft(
        vin=vin,
        priced=priced,
        model_year=model_year,
        status=status,
        available_from=available_from,
        location_id=location_id,
        bay=bay,
        production_date=production_date,
        discount_net=discount,
        condition=condition,
        first_registration=first_registration,
        mileage_km=mileage,
    )


def _check_vin(row: _Row, context: _Context) -> str | None:
    try:
        vin = rules.check_vin(row.text("vin")).vin
    except DomainError as exc:
        row.fail("vin", exc.detail)
        return None
    if vin in context.seen_vins:
        row.fail("vin", f"{vin} is already on line {context.seen_vins[vin]} of this file")
        return None
    context.seen_vins[vin] = row.line
    if vin in context.known_vins:
        row.fail("vin", f"{vin} is already in stock")
        return None
    return vin


def _check_configuration(row: _Row, context: _Context) -> Priced | None:
    trim = row.text("trim")
    if context.book.snapshot(trim) is None:
        row.fail("trim", f"there is no trim '{trim}'")
        return None
    verdict = context.book.price(trim, row.text("options").replace(";", " ").split())
    if isinstance(verdict, str):
        row.fail("options", f"not a valid configuration of {trim}: {verdict}")
        return None
    return verdict


def _check_place(row: _Row, context: _Context) -> tuple[int | None, int | None]:
    code, bay_text = row.text("location"), row.text("bay")
    if not code:
        if bay_text:
            row.fail("bay", "a bay needs a location (a pickup tower)")
        return None, None
    if code not in context.locations:
        row.fail("location", f"there is no location '{code}'")
        return None, None
    location_id, bays = context.locations[code]
    if bays is None:
        if bay_text:
            row.fail("bay", f"'{code}' is not a pickup tower and has no bays")
        return location_id, None
    bay = row.integer("bay", 1, bays)
    if bay is None:
        if not bay_text:
            row.fail("bay", f"a car in the pickup tower '{code}' needs a bay (1 to {bays})")
        return location_id, None
    if (location_id, bay) in context.taken_bays:
        row.fail("bay", f"bay {bay} of '{code}' is already taken")
        return location_id, None
    context.taken_bays.add((location_id, bay))
    return location_id, bay


def export_stock_csv(vehicles: Iterable[Vehicle] | None = None) -> str:
    """The cars as a stock file that import_stock_csv reads back (minus VINs already in stock)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for row in _export_rows(vehicles):
        writer.writerow(row)
    return out.getvalue()


def _export_rows(vehicles: Iterable[Vehicle] | None) -> Iterator[list[str]]:
    if vehicles is None:
        vehicles = (
            Vehicle.objects.select_related("location").order_by("id").iterator(chunk_size=2000)
        )
    for v in vehicles:
        yield [
            v.vin,
            v.trim_id,
            " ".join(v.options),
            str(v.model_year),
            _iso(v.production_date),
            v.status,
            v.location.code if v.location else "",
            str(v.bay or ""),
            f"{v.discount_net:.2f}",
            v.condition,
            _iso(v.first_registration),
            "" if v.mileage_km is None else str(v.mileage_km),
            _iso(v.available_from),
        ]


def _iso(value: date | None) -> str:
    return value.isoformat() if value else ""
