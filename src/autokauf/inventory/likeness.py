"""Cars like a configuration: the closest cars in stock to what a buyer configured.

Stock repeats configurations (StockConfiguration: a trim and every option a car has), and one
model has few of them; so the ranking counts differing options once per configuration in Python,
then reads only the cars of the best configurations.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby

from django.db.models import Count

from autokauf import catalog
from autokauf.core import clock

from . import rules
from .geo import parse_near
from .holds import not_held
from .models import Location, StockConfiguration, Vehicle
from .pricing_book import _with_contents

LIMIT = 5


@dataclass(frozen=True)
class CloseVehicle:
    """A car for sale next to the configuration, and what differs: options it has that the
    configuration has not (`extra`) and options of the configuration it lacks (`lacking`)."""

    vehicle: Vehicle
    distance_km: float | None
    same_trim: bool
    extra: tuple[str, ...]
    lacking: tuple[str, ...]

    @property
    def differences(self) -> int:
        return len(self.extra) + len(self.lacking)


@dataclass(frozen=True)
class _Likeness:
    configuration_id: int
    same_trim: bool
    extra: tuple[str, ...]
    lacking: tuple[str, ...]

    def tier(self) -> tuple[bool, int]:
        return (not self.same_trim, len(self.extra) + len(self.lacking))


def closest_vehicles(
    *, trim: str, options: Iterable[str], near: str | None = None, limit: int = LIMIT
) -> list[CloseVehicle]:
    """The cars in stock (listed, held by nobody) of the configuration's model closest to it:
    the same trim before another trim, then fewest differing options (a different paint counts
    two: the car's paint extra, the chosen one lacking), then nearest to `near` (a postcode or
    "lat,lon"; raises InvalidSearch or UnknownPostcode for one that is neither), then cheapest."""
    snapshot, trim_code = catalog.snapshot_for_trim(trim)
    wanted = _with_contents(snapshot, options)
    distances = _distances(near) if near else None
    likeness = _rank_configurations(trim_code, wanted, list(snapshot.trims))
    chosen: list[tuple[_Likeness, int, float | None]] = []
    for _tier, group in groupby(likeness, key=_Likeness.tier):
        by_id = {like.configuration_id: like for like in group}
        for pk, configuration_id, km in _nearest_cheapest(by_id, distances, limit - len(chosen)):
            chosen.append((by_id[configuration_id], pk, km))
        if len(chosen) >= limit:
            break
    vehicles = Vehicle.objects.select_related("location").in_bulk([pk for _l, pk, _km in chosen])
    return [
        CloseVehicle(vehicles[pk], km, like.same_trim, like.extra, like.lacking)
        for like, pk, km in chosen
    ]


def _rank_configurations(trim: str, wanted: frozenset[str], trims: list[str]) -> list[_Likeness]:
    """The model's configurations that have a car for sale, best first."""
    rows = StockConfiguration.objects.filter(trim_code__in=trims).values_list(
        "pk", "trim_code", "options_key"
    )
    known = {pk: (trim_code, key) for pk, trim_code, key in rows}
    selling = (
        Vehicle.objects.filter(not_held(clock.now()), listed=True, configuration_id__in=list(known))
        .values("configuration_id")
        .annotate(n=Count("*"))
        .order_by()
    )
    ranked = []
    for item in selling:
        trim_code, key = known[item["configuration_id"]]
        has = frozenset(rules.parse_options_key(key))
        ranked.append(
            _Likeness(
                item["configuration_id"],
                trim_code == trim,
                tuple(sorted(has - wanted)),
                tuple(sorted(wanted - has)),
            )
        )
    return sorted(ranked, key=lambda like: (*like.tier(), like.configuration_id))


def _nearest_cheapest(
    by_id: dict[int, _Likeness], distances: dict[int, float] | None, wanted: int
) -> Iterator[tuple[int, int, float | None]]:
    """(car id, configuration id, distance) of the `wanted` best cars of equally close
    configurations: nearest first (when a place is known), then cheapest, then by VIN."""
    cars = Vehicle.objects.filter(
        not_held(clock.now()), listed=True, configuration_id__in=list(by_id)
    )
    if distances is None:
        picked = cars.order_by("price_total", "vin").values_list(
            "pk", "configuration_id", "location_id"
        )[:wanted]
        yield from ((pk, conf, None) for pk, conf, _loc in picked)
        return
    rows = cars.values_list("pk", "configuration_id", "location_id", "price_total", "vin")

    def key(row: tuple[int, int, int | None, Decimal, str]) -> tuple[float, Decimal, str]:
        km = distances.get(row[2]) if row[2] is not None else None
        return (math.inf if km is None else km, row[3], row[4])

    for row in sorted(rows, key=key)[:wanted]:
        yield row[0], row[1], distances.get(row[2]) if row[2] is not None else None


def _distances(near: str) -> dict[int, float]:
    lat, lon = parse_near(near)
    return {
        pk: round(rules.haversine_km(lat, lon, float(la), float(lo)), 3)
        for pk, la, lo in Location.objects.values_list("pk", "latitude", "longitude")
    }
