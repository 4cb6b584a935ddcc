"""JSON API of the stock locator: GET /api/v1/vehicles and GET /api/v1/vehicles/{vin}."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router

from autokauf import catalog

from . import selectors
from .models import Location, Vehicle
from .schemas import VehicleDetailQuery, VehicleQuery

router = Router(tags=["vehicles"])


def _values(raw: list[str]) -> tuple[str, ...]:
    return tuple(v.strip() for item in raw for v in item.split(",") if v.strip())


def _filters(q: VehicleQuery) -> selectors.StockFilters:
    return selectors.StockFilters(
        brand=_values(q.brand),
        model=_values(q.model),
        trim=_values(q.trim),
        fuel=_values(q.fuel),
        paint=_values(q.paint),
        options=_values(q.options),
        price_min=q.price_min,
        price_max=q.price_max,
        rate_min=q.rate_min,
        rate_max=q.rate_max,
        near=q.near,
        radius_km=q.radius_km,
        available_by=q.available_by,
    )


def _location(location: Location | None) -> dict[str, Any] | None:
    if location is None:
        return None
    return {
        "code": location.code,
        "name": location.name,
        "kind": location.kind,
        "street": location.street,
        "postcode": location.postcode,
        "city": location.city,
        "latitude": str(location.latitude),
        "longitude": str(location.longitude),
    }


def _vehicle(v: Vehicle, distance_km: float | None) -> dict[str, Any]:
    snapshot, trim_code = catalog.snapshot_for_trim(v.trim_id)
    return {
        "vin": v.vin,
        "trim": {"code": trim_code, "name": snapshot.trims[trim_code].name},
        "brand": v.brand_slug,
        "model": v.model_slug,
        "model_name": snapshot.full_name,
        "fuel": v.fuel,
        "paint": v.paint_code,
        "options": list(v.options),
        "price": f"{v.price_total:.2f}",
        "currency": "EUR",
        "monthly_rate": None if v.monthly_rate is None else f"{v.monthly_rate:.2f}",
        "status": v.status,
        "condition": v.condition,
        "model_year": v.model_year,
        "available_from": v.available_from.isoformat(),
        "bay": v.bay,
        "location": _location(v.location),
        "distance_km": distance_km,
    }


@router.get("", url_name="vehicles")
def list_vehicles(request: HttpRequest, query: Query[VehicleQuery]) -> dict[str, Any]:
    """Cars in stock or in transit, filtered, sorted, a page at a time, with facet counts.
    `price` is the total price including VAT (PAngV), after any discount; `monthly_rate` the
    lowest monthly payment of a loan for it at 10 % down over 48 months (null: not financeable)."""
    result = selectors.search_vehicles(
        _filters(query),
        sort=query.sort,
        cursor=query.cursor,
        limit=query.limit,
        facets=query.facets,
    )
    return {
        "items": [_vehicle(f.vehicle, f.distance_km) for f in result.items],
        "next_cursor": result.next_cursor,
        "total": result.total if query.facets else None,
        "facets": result.facets if query.facets else None,
    }


@router.get("/{vin}", url_name="vehicle")
def get_vehicle(request: HttpRequest, vin: str, query: Query[VehicleDetailQuery]) -> dict[str, Any]:
    """One car: its current Quote, its price after discount, CO2 class, location and distance."""
    view = selectors.vehicle_for_buyer(vin, near=query.near)
    quote = view.quote.to_dict()
    return {
        **_vehicle(view.vehicle, view.distance_km),
        "price": f"{view.price_total:.2f}",
        "list_price": quote["total"],
        "discount_net": f"{view.discount_net:.2f}",
        "co2_class": quote["co2_class"],
        "available": view.available,
        "quote": quote,
    }
