"""Pure stock rules: the status state machine, VINs, distances, cursors.

No ORM, no I/O, no clock reads.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from vininfo import Vin  # type: ignore[import-untyped]
from vininfo.exceptions import (  # type: ignore[import-untyped]
    ValidationError as VinFormatError,
)

from autokauf.core.money import round_cents

from .errors import IllegalStatusMove, InvalidCursor, InvalidVin

PLANNED, IN_PRODUCTION, IN_TRANSIT, IN_STOCK = "planned", "in_production", "in_transit", "in_stock"
RESERVED, SOLD, HANDED_OVER, BLOCKED = "reserved", "sold", "handed_over", "blocked"

STATUS_WORDS = {
    PLANNED: "planned",
    IN_PRODUCTION: "in production",
    IN_TRANSIT: "in transit",
    IN_STOCK: "in stock",
    RESERVED: "reserved",
    SOLD: "sold",
    HANDED_OVER: "handed over",
    BLOCKED: "blocked",
}

# The state machine as data (docs/domains/inventory.md draws it).
TRANSITIONS: dict[str, frozenset[str]] = {
    PLANNED: frozenset({IN_PRODUCTION}),
    IN_PRODUCTION: frozenset({IN_TRANSIT}),
    IN_TRANSIT: frozenset({IN_STOCK, BLOCKED}),
    IN_STOCK: frozenset({RESERVED, BLOCKED}),
    RESERVED: frozenset({IN_STOCK, SOLD, BLOCKED}),
    SOLD: frozenset({HANDED_OVER}),
    HANDED_OVER: frozenset(),
    BLOCKED: frozenset({IN_TRANSIT, IN_STOCK}),
}
BLOCK_REASONS = ("damage", "recall")
LISTED_FOR_BUYERS = (IN_STOCK, IN_TRANSIT)
PLACED = (
    IN_TRANSIT,
    IN_STOCK,
    RESERVED,
)  # a car in these has a location (its destination in transit)


def check_move(from_status: str, to_status: str, reason: str) -> None:
    """Refuse a move the state machine does not allow, or a block without its reason."""
    if to_status not in TRANSITIONS:
        raise IllegalStatusMove(f"'{to_status}' is not a vehicle status.")
    if to_status not in TRANSITIONS.get(from_status, frozenset()):
        allowed = ", ".join(STATUS_WORDS[s] for s in sorted(TRANSITIONS.get(from_status, ())))
        raise IllegalStatusMove(
            f"A vehicle that is {STATUS_WORDS.get(from_status, from_status)} cannot become "
            f"{STATUS_WORDS[to_status]}; it can become: {allowed or 'nothing else'}.",
            extra={"from_status": from_status, "to_status": to_status},
        )
    if to_status == BLOCKED and reason not in BLOCK_REASONS:
        raise IllegalStatusMove(
            f"Blocking a vehicle needs a reason: {' or '.join(BLOCK_REASONS)} (got '{reason}').",
            extra={"from_status": from_status, "to_status": to_status},
        )


# --- VIN (ISO 3779; check digit per 49 CFR 565 for North America only) -------------------------


@dataclass(frozen=True, slots=True)
class VinInfo:
    vin: str
    wmi: str
    manufacturer: str | None
    country: str
    region: str


def check_vin(raw: str) -> VinInfo:
    """A VIN of 17 characters of A-Z and 0-9 without I, O, Q (ISO 3779), whose WMI names a
    country. The check digit (position 9, 49 CFR 565.15) is enforced only for North-American
    VINs (WMI starting 1-5): European makers need not use it, so failing it there is allowed."""
    vin = raw.strip().upper()
    if len(vin) != 17:
        raise InvalidVin(f"A VIN has 17 characters; '{vin}' has {len(vin)}.")
    wrong = sorted({c for c in vin if c in "IOQ" or not (c.isascii() and c.isalnum())})
    if wrong:
        raise InvalidVin(
            f"'{vin}' has characters a VIN never contains: {' '.join(wrong)} "
            "(only A-Z and 0-9 without I, O and Q)."
        )
    try:
        decoded = Vin(vin)
    except VinFormatError as exc:
        raise InvalidVin(f"'{vin}' is not a VIN: {exc}") from None
    country = decoded.country
    if not country:
        raise InvalidVin(
            f"The manufacturer code (WMI) '{vin[:3]}' of '{vin}' belongs to no country."
        )
    if vin[0] in "12345" and not decoded.verify_checksum():
        raise InvalidVin(
            f"'{vin}' is a North-American VIN whose check digit (position 9, "
            f"'{vin[8]}') does not match; North-American VINs must carry a valid one."
        )
    manufacturer = decoded.manufacturer
    return VinInfo(
        vin=vin,
        wmi=vin[:3],
        country=country,
        region=str(decoded.region),
        manufacturer=None if manufacturer == "UnsupportedBrand" else manufacturer,
    )


# --- Distances -----------------------------------------------------------------------------------

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the mean earth radius; enough for "within 50 km"."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def bounding_box(lat: float, lon: float, radius_km: float) -> tuple[float, float, float, float]:
    """(lat_min, lat_max, lon_min, lon_max) of a box that contains the circle."""
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    cos_lat = max(math.cos(math.radians(lat)), 1e-6)
    dlon = min(180.0, math.degrees(radius_km / (EARTH_RADIUS_KM * cos_lat)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def total_after_discount(quote_net: Decimal, discount_net: Decimal, vat_rate: Decimal) -> Decimal:
    """The total price incl. VAT (PAngV) of a car sold at its Quote's net minus a net discount:
    VAT on the discounted net, rounded half-up to cents (UStG § 10: the consideration actually
    agreed is the taxable amount)."""
    net = quote_net - discount_net
    return net + round_cents(net * vat_rate / Decimal(100))


# --- Price bands for the facets ------------------------------------------------------------------

PRICE_BANDS: tuple[tuple[str, Decimal | None, Decimal | None], ...] = (
    ("-20000", None, Decimal("20000")),
    ("20000-30000", Decimal("20000"), Decimal("30000")),
    ("30000-40000", Decimal("30000"), Decimal("40000")),
    ("40000-50000", Decimal("40000"), Decimal("50000")),
    ("50000-60000", Decimal("50000"), Decimal("60000")),
    ("60000-80000", Decimal("60000"), Decimal("80000")),
    ("80000-", Decimal("80000"), None),
)


def price_band(total: Decimal) -> int:
    """The index of the band in PRICE_BANDS that holds `total` (lower bound inclusive)."""
    for index, (_label, low, high) in enumerate(PRICE_BANDS):
        if (low is None or total >= low) and (high is None or total < high):
            return index
    raise ValueError(total)


# --- Monthly-rate bands for the facets -----------------------------------------------------------

RATE_BANDS: tuple[tuple[str, Decimal | None, Decimal | None], ...] = (
    ("-400", None, Decimal("400")),
    ("400-600", Decimal("400"), Decimal("600")),
    ("600-800", Decimal("600"), Decimal("800")),
    ("800-1000", Decimal("800"), Decimal("1000")),
    ("1000-1500", Decimal("1000"), Decimal("1500")),
    ("1500-", Decimal("1500"), None),
)


def rate_band(rate: Decimal | None) -> int | None:
    """The index of the band in RATE_BANDS that holds a monthly `rate` (lower bound inclusive);
    None for a car no lender would finance."""
    if rate is None:
        return None
    for index, (_label, low, high) in enumerate(RATE_BANDS):
        if (low is None or rate >= low) and (high is None or rate < high):
            return index
    raise ValueError(rate)


# --- Cursors ------------------------------------------------------------------------------------


def encode_cursor(sort: str, key: list[Any]) -> str:
    """An opaque cursor: the sort it belongs to and the sort key of the last item shown."""
    raw = json.dumps({"s": sort, "k": key}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> list[Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        key = data["k"]
        if data["s"] != sort or not isinstance(key, list):
            raise ValueError
    except (ValueError, KeyError, TypeError, binascii.Error, UnicodeDecodeError):
        raise InvalidCursor(
            "The cursor is not one this search gave out (or belongs to another sort)."
        ) from None
    return key


def options_key(codes: set[str] | frozenset[str]) -> str:
    """All of a car's option codes as one delimited text: |A|B|C|."""
    return "|" + "".join(f"{c}|" for c in sorted(codes))


def parse_options_key(key: str) -> list[str]:
    return [c for c in key.split("|") if c]
