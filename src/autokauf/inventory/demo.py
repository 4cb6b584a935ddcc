"""Demo stock: 15 places across Germany (two pickup towers) and cars over the whole catalogue.

Deterministic for a seed and a day: the same call on the same day writes the same stock.
"""

from __future__ import annotations

import csv
import io
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from autokauf import catalog, configurator
from autokauf.core import clock

from .models import Location, Vehicle
from .services import create_vehicles
from .stock_file import COLUMNS, check_stock_csv

# code, name, kind, street, postcode, city, latitude, longitude, bays
LOCATIONS: tuple[tuple[str, str, str, str, str, str, str, str, int | None], ...] = (
    (
        "BER-XS",
        "Autokauf Experience Berlin",
        "experience_store",
        "Kurfürstendamm 21",
        "10719",
        "Berlin",
        "52.503300",
        "13.331600",
        None,
    ),
    (
        "HAM-XS",
        "Autokauf Experience Hamburg",
        "experience_store",
        "Jungfernstieg 7",
        "20354",
        "Hamburg",
        "53.553100",
        "9.992500",
        None,
    ),
    (
        "MUC-XS",
        "Autokauf Experience München",
        "experience_store",
        "Maximilianstraße 12",
        "80539",
        "München",
        "48.139100",
        "11.582300",
        None,
    ),
    (
        "CGN-SR",
        "Autohaus Rheinufer Köln",
        "showroom",
        "Aachener Straße 300",
        "50933",
        "Köln",
        "50.937500",
        "6.960300",
        None,
    ),
    (
        "FRA-SR",
        "Autohaus Main Frankfurt",
        "showroom",
        "Hanauer Landstraße 150",
        "60314",
        "Frankfurt am Main",
        "50.110900",
        "8.682100",
        None,
    ),
    (
        "STR-SR",
        "Autohaus Neckar Stuttgart",
        "showroom",
        "Heilbronner Straße 80",
        "70191",
        "Stuttgart",
        "48.775800",
        "9.182900",
        None,
    ),
    (
        "DUS-SR",
        "Autohaus Königsallee Düsseldorf",
        "showroom",
        "Königsallee 60",
        "40212",
        "Düsseldorf",
        "51.227700",
        "6.773500",
        None,
    ),
    (
        "LEJ-TW",
        "Autoturm Leipzig",
        "pickup_tower",
        "Maximilianallee 4",
        "04129",
        "Leipzig",
        "51.339700",
        "12.373100",
        60,
    ),
    (
        "DRS-SR",
        "Autohaus Elbe Dresden",
        "showroom",
        "Washingtonstraße 40",
        "01139",
        "Dresden",
        "51.050400",
        "13.737300",
        None,
    ),
    (
        "HAJ-CP",
        "Fahrzeuglager Hannover",
        "compound",
        "Am Lindener Hafen 10",
        "30453",
        "Hannover",
        "52.375900",
        "9.732000",
        None,
    ),
    (
        "NUE-SR",
        "Autohaus Franken Nürnberg",
        "showroom",
        "Frankenstraße 150",
        "90461",
        "Nürnberg",
        "49.452100",
        "11.076700",
        None,
    ),
    (
        "BRE-CP",
        "Autoterminal Bremen",
        "compound",
        "Senator-Borttscheller-Straße 1",
        "27568",
        "Bremen",
        "53.079300",
        "8.801700",
        None,
    ),
    (
        "ESS-TW",
        "Autoturm Essen",
        "pickup_tower",
        "Altendorfer Straße 3",
        "45127",
        "Essen",
        "51.455600",
        "7.011600",
        48,
    ),
    (
        "MS-SR",
        "Autohaus Westfalen Münster",
        "showroom",
        "Weseler Straße 100",
        "48151",
        "Münster",
        "51.960700",
        "7.626100",
        None,
    ),
    (
        "FR-SR",
        "Autohaus Breisgau Freiburg",
        "showroom",
        "Basler Straße 20",
        "79100",
        "Freiburg im Breisgau",
        "47.999000",
        "7.842100",
        None,
    ),
)
VIN_ALPHABET = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
VARIANTS_PER_TRIM = 24


def ensure_demo_locations() -> list[Location]:
    for code, name, kind, street, postcode, city, lat, lon, bays in LOCATIONS:
        Location.objects.get_or_create(
            code=code,
            defaults=dict(
                name=name,
                kind=kind,
                street=street,
                postcode=postcode,
                city=city,
                latitude=Decimal(lat),
                longitude=Decimal(lon),
                bays=bays,
            ),
        )
    return list(Location.objects.filter(code__in=[row[0] for row in LOCATIONS]).order_by("code"))


def _variants(trim_code: str, rng: random.Random) -> list[tuple[str, ...]]:
    """The trim's defaults and random valid additions (each addition checked by the
    configurator; choosing a group member replaces the group's other member)."""
    snapshot, _ = catalog.snapshot_for_trim(trim_code)
    defaults = tuple(sorted(snapshot.trims[trim_code].defaults))
    offered = [o for o in snapshot.offered(trim_code) if o.code not in defaults]
    variants = {defaults}
    for _ in range(VARIANTS_PER_TRIM * 3):
        chosen = set(defaults)
        for option in rng.sample(offered, k=min(len(offered), rng.randint(1, 4))):
            group = snapshot.groups.get(option.group) if option.group else None
            candidate = (chosen - set(group.options) if group else chosen) | {option.code}
            if not configurator.check(snapshot, trim_code, sorted(candidate)):
                chosen = candidate
        variants.add(tuple(sorted(chosen)))
        if len(variants) >= VARIANTS_PER_TRIM:
            break
    return sorted(variants)


def demo_vin(serial: int, trim_index: int) -> str:
    """WNW (Germany, a maker vininfo does not name), a descriptor from the trim, a serial."""
    a = VIN_ALPHABET
    vds = "".join(a[(trim_index // len(a) ** i) % len(a)] for i in range(3))
    return f"WNW{vds}ZZ{a[serial % 29 % len(a)]}P{a[serial // 10**6 % len(a)]}{serial % 10**6:06d}"


@dataclass
class _Towers:
    free: dict[str, list[int]]

    def take(self, code: str) -> int | None:
        bays = self.free.get(code)
        return bays.pop(0) if bays else None


def demo_rows(
    count: int, *, seed: int, today: date, serial_start: int = 0
) -> Iterator[dict[str, str]]:
    """`count` stock-file rows over every trim of the catalogue."""
    rng = random.Random(seed)
    trims = [t.code for m in catalog.model_range() for t in m.trims.all()]
    variants = {code: _variants(code, rng) for code in trims}
    towers = _Towers({code: list(range(1, bays + 1)) for code, *_, bays in LOCATIONS if bays})
    tower_taken = set(
        Vehicle.objects.filter(bay__isnull=False).values_list("location__code", "bay")
    )
    for code, free in towers.free.items():
        free[:] = [b for b in free if (code, b) not in tower_taken]
    for serial in range(serial_start, serial_start + count):
        index = rng.randrange(len(trims))
        yield _row(
            rng, serial, index, trims[index], rng.choice(variants[trims[index]]), towers, today
        )


def _row(
    rng: random.Random,
    serial: int,
    trim_index: int,
    trim: str,
    options: tuple[str, ...],
    towers: _Towers,
    today: date,
) -> dict[str, str]:
    roll = rng.random()
    status = "in_stock" if roll < 0.85 else "in_transit" if roll < 0.96 else "reserved"
    location = rng.choice(LOCATIONS)[0]
    bay = towers.take(location) if status != "in_transit" and location.endswith("-TW") else None
    if location.endswith("-TW") and bay is None:
        location = "HAJ-CP"
    available = (
        today - timedelta(days=rng.randint(0, 120))
        if status != "in_transit"
        else today + timedelta(days=rng.randint(3, 45))
    )
    produced = min(available, today) - timedelta(days=rng.randint(14, 60))
    row = {
        "vin": demo_vin(serial, trim_index),
        "trim": trim,
        "options": " ".join(options),
        "model_year": str(produced.year),
        "production_date": produced.isoformat(),
        "status": status,
        "location": location,
        "bay": str(bay or ""),
        "discount_net": "0.00",
        "condition": "new",
        "available_from": available.isoformat(),
    }
    kind = rng.random()
    if kind < 0.08 and status != "in_transit":
        row["condition"] = "demonstrator"
        row["first_registration"] = (available - timedelta(days=rng.randint(60, 300))).isoformat()
        row["mileage_km"] = str(rng.randint(800, 15000))
        row["discount_net"] = f"{rng.randint(15, 45) * 100}.00"
    elif kind < 0.25:
        row["discount_net"] = f"{rng.randint(2, 20) * 100}.00"
    return row


def demo_csv(count: int, *, seed: int, today: date, serial_start: int = 0) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(demo_rows(count, seed=seed, today=today, serial_start=serial_start))
    return out.getvalue()


def generate_demo_stock(count: int = 2000, *, seed: int = 3) -> int:
    """Write `count` demo cars (and the 15 demo locations when missing); answers how many."""
    with transaction.atomic():
        ensure_demo_locations()
        start = Vehicle.objects.count()
        drafts = check_stock_csv(
            demo_csv(count, seed=seed, today=clock.today_berlin(), serial_start=start)
        )
        return create_vehicles(drafts, actor="demo stock", reason="demo data")


def load_demo_stock_if_empty() -> bool:
    """Demo stock for a fresh store: only when there is no car yet and there is a catalogue."""
    if Vehicle.objects.exists() or not catalog.model_range().exists():
        return False
    generate_demo_stock()
    return True
