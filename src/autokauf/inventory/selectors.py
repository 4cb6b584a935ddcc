"""Reads of stock: the stock locator (filters, sort, cursor, facets) and one vehicle."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from autokauf import catalog, pricing
from autokauf.core import clock

from . import rules
from .errors import InvalidSearch, UnknownVehicle
from .facets import DIMENSIONS, Facets, facet_counts
from .geo import parse_near
from .holds import is_held, not_held
from .models import Location, Vehicle, VehicleOption

SORTS = ("price", "distance", "availability")
_COLUMN = {
    "brand": "brand_slug",
    "model": "model_slug",
    "trim": "trim_id",
    "fuel": "fuel",
    "paint": "paint_code",
}
MAX_LIMIT = 100
RARE_OPTION = 1000  # cars; below this an option filter starts from the option's cars


@dataclass(frozen=True)
class StockFilters:
    """What a buyer asks for. Each dimension matches any of its values; `options` needs all."""

    brand: tuple[str, ...] = ()
    model: tuple[str, ...] = ()
    trim: tuple[str, ...] = ()
    fuel: tuple[str, ...] = ()
    paint: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    rate_min: Decimal | None = None  # the "from x € a month" rate (Vehicle.monthly_rate)
    rate_max: Decimal | None = None
    near: str | None = None
    radius_km: float | None = None
    available_by: date | None = None


@dataclass(frozen=True)
class Found:
    vehicle: Vehicle
    distance_km: float | None


@dataclass
class SearchResult:
    items: list[Found]
    next_cursor: str | None
    total: int
    facets: Facets = field(default_factory=dict)


def _point_and_distances(
    filters: StockFilters,
) -> tuple[tuple[float, float] | None, dict[int, float] | None]:
    """The buyer's point and, per location within the radius, its distance (bounding box in
    SQL, then exact haversine)."""
    if filters.near is None:
        if filters.radius_km is not None:
            raise InvalidSearch("radius_km needs near (a postcode or 'lat,lon').")
        return None, None
    lat, lon = parse_near(filters.near)
    locations = Location.objects.all()
    if filters.radius_km is not None:
        if filters.radius_km <= 0:
            raise InvalidSearch("radius_km must be more than 0.")
        lat_min, lat_max, lon_min, lon_max = rules.bounding_box(lat, lon, filters.radius_km)
        locations = locations.filter(
            latitude__range=(lat_min, lat_max), longitude__range=(lon_min, lon_max)
        )
    distances = {}
    for pk, la, lo in locations.values_list("pk", "latitude", "longitude"):
        km = round(rules.haversine_km(lat, lon, float(la), float(lo)), 3)
        if filters.radius_km is None or km <= filters.radius_km:
            distances[pk] = km
    return (lat, lon), distances


def _base(filters: StockFilters, distances: dict[int, float] | None) -> QuerySet[Vehicle]:
    """The filters that are not facet dimensions."""
    # A car someone holds right now is not offered to others (checkout reservations).
    qs = Vehicle.objects.filter(not_held(clock.now()), listed=True)
    if filters.price_min is not None:
        qs = qs.filter(price_total__gte=filters.price_min)
    if filters.price_max is not None:
        qs = qs.filter(price_total__lte=filters.price_max)
    if filters.rate_min is not None:
        qs = qs.filter(monthly_rate__gte=filters.rate_min)
    if filters.rate_max is not None:
        qs = qs.filter(monthly_rate__lte=filters.rate_max)
    if filters.available_by is not None:
        qs = qs.filter(available_from__lte=filters.available_by)
    if distances is not None:
        qs = qs.filter(location_id__in=list(distances))
    return qs


def _narrowed(qs: QuerySet[Vehicle], filters: StockFilters) -> QuerySet[Vehicle]:
    for dimension in DIMENSIONS:
        values = getattr(filters, dimension)
        if values:
            qs = qs.filter(**{f"{_COLUMN[dimension]}__in": values})
    for code in filters.options:
        having = VehicleOption.objects.filter(code=code)
        if having[:RARE_OPTION].count() < RARE_OPTION:
            # A rare option: start from its few cars (index (code, vehicle)) and sort those.
            qs = qs.filter(pk__in=having.values("vehicle_id"))
        else:
            # A common one: walk the cars in sort order and check each (EXISTS on the same
            # index); the walk stops after a page.
            qs = qs.filter(Exists(having.filter(vehicle_id=OuterRef("pk"))))
    return qs


def _check(filters: StockFilters, sort: str, limit: int) -> None:
    if sort not in SORTS:
        raise InvalidSearch(f"sort must be one of {', '.join(SORTS)}, not '{sort}'.")
    if sort == "distance" and filters.near is None:
        raise InvalidSearch("sort=distance needs near (a postcode or 'lat,lon').")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidSearch(f"limit must be from 1 to {MAX_LIMIT}.")
    if (
        filters.price_min is not None
        and filters.price_max is not None
        and filters.price_min > filters.price_max
    ):
        raise InvalidSearch("price_min is above price_max.")
    if (
        filters.rate_min is not None
        and filters.rate_max is not None
        and filters.rate_min > filters.rate_max
    ):
        raise InvalidSearch("rate_min is above rate_max.")


def search_vehicles(
    filters: StockFilters,
    *,
    sort: str = "price",
    cursor: str | None = None,
    limit: int = 20,
    facets: bool = True,
) -> SearchResult:
    """Cars in stock or in transit that match, in keyset pages (sort key, then id; for distance:
    distance, location, id), so a page never repeats or skips a car while stock changes; and the
    facet counts."""
    _check(filters, sort, limit)
    _point, distances = _point_and_distances(filters)
    base = _base(filters, distances)
    narrowed = _narrowed(base, filters)
    if sort == "distance":
        assert distances is not None
        page = _page_by_distance(narrowed, cursor, limit, distances)
    else:
        page = _page(narrowed, sort, cursor, limit)
    items = [
        Found(v, distances.get(v.location_id) if distances and v.location_id else None)
        for v in page[:limit]
    ]
    next_cursor = _cursor_after(items[-1], sort) if len(page) > limit else None
    result = SearchResult(items=items, next_cursor=next_cursor, total=0)
    if facets:
        wanted = {d: set(getattr(filters, d)) for d in DIMENSIONS}
        result.total, result.facets = facet_counts(base, wanted, set(filters.options))
    return result


def _page(qs: QuerySet[Vehicle], sort: str, cursor: str | None, limit: int) -> list[Vehicle]:
    key_field = "price_total" if sort == "price" else "available_from"
    if cursor is not None:
        key = rules.decode_cursor(cursor, sort)
        try:
            last = Decimal(key[0]) if sort == "price" else date.fromisoformat(key[0])
            last_id = int(key[1])
        except (ValueError, TypeError, IndexError, ArithmeticError):
            raise InvalidSearch("The cursor is damaged.") from None
        qs = qs.filter(Q(**{f"{key_field}__gt": last}) | Q(**{key_field: last, "pk__gt": last_id}))
    return list(qs.select_related("location").order_by(key_field, "pk")[: limit + 1])


def _page_by_distance(
    qs: QuerySet[Vehicle], cursor: str | None, limit: int, distances: dict[int, float]
) -> list[Vehicle]:
    """Walks the locations nearest first; within one location, by id. Each step is one
    indexed query (listed, location, id), so no query computes a distance per car."""
    after: tuple[float, int, int] = (-1.0, 0, 0)
    if cursor is not None:
        key = rules.decode_cursor(cursor, "distance")
        try:
            after = (float(key[0]), int(key[1]), int(key[2]))
        except (ValueError, TypeError, IndexError):
            raise InvalidSearch("The cursor is damaged.") from None
    found: list[Vehicle] = []
    for km, location_id in sorted((km, pk) for pk, km in distances.items()):
        if (km, location_id) < after[:2]:
            continue
        here = qs.filter(location_id=location_id)
        if (km, location_id) == after[:2]:
            here = here.filter(pk__gt=after[2])
        found += here.select_related("location").order_by("pk")[: limit + 1 - len(found)]
        if len(found) > limit:
            break
    return found


def _cursor_after(found: Found, sort: str) -> str:
    v = found.vehicle
    if sort == "price":
        return rules.encode_cursor(sort, [str(v.price_total), v.pk])
    if sort == "availability":
        return rules.encode_cursor(sort, [v.available_from.isoformat(), v.pk])
    return rules.encode_cursor(sort, [found.distance_km, v.location_id, v.pk])


@dataclass(frozen=True)
class VehicleView:
    vehicle: Vehicle
    quote: Any  # pricing.Quote: the configuration's current list price
    discount_net: Decimal
    price_total: Decimal  # the Quote total after the discount
    distance_km: float | None
    monthly_rate: Decimal | None  # the stored "from x € a month" rate of price_total
    available: bool  # in stock and nobody holds it now: a buyer may reserve it


def vehicle_for_buyer(vin: str, *, near: str | None = None, country: str = "DE") -> VehicleView:
    """A car a buyer may see (in stock or in transit), its current Quote, its distance and
    whether it can be reserved now: in stock (not on its way) and held by nobody."""
    vehicle = (
        Vehicle.objects.select_related("location")
        .filter(vin=vin.strip().upper(), status__in=rules.LISTED_FOR_BUYERS)
        .first()
    )
    if vehicle is None:
        raise UnknownVehicle(f"There is no vehicle {vin} for sale.")
    snapshot, trim_code = catalog.snapshot_for_trim(vehicle.trim_id)
    quote = pricing.price_configuration(
        snapshot, trim_code, vehicle.options, country=country, today=clock.today_berlin()
    )
    total = rules.total_after_discount(quote.net.amount, vehicle.discount_net, quote.vat_rate)
    distance = None
    if near is not None and vehicle.location is not None:
        lat, lon = parse_near(near)
        distance = round(
            rules.haversine_km(
                lat, lon, float(vehicle.location.latitude), float(vehicle.location.longitude)
            ),
            3,
        )
    available = vehicle.status == rules.IN_STOCK and not is_held(vehicle, clock.now())
    return VehicleView(
        vehicle, quote, vehicle.discount_net, total, distance, vehicle.monthly_rate, available
    )
