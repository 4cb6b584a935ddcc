"""Where a buyer is: a German postcode (from the shipped table) or a point "lat,lon"."""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from .errors import InvalidSearch, UnknownPostcode

POSTCODES_PATH = Path(__file__).parent / "data" / "postcodes-de.csv"
_POSTCODE = re.compile(r"^\d{5}$")
_POINT = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)\s*$")


@functools.cache
def _postcodes() -> dict[str, tuple[float, float]]:
    with POSTCODES_PATH.open(encoding="utf-8") as f:
        return {
            row["postcode"]: (float(row["latitude"]), float(row["longitude"]))
            for row in csv.DictReader(f)
        }


def postcode_point(postcode: str) -> tuple[float, float]:
    """The centre of a German postcode area (data/POSTCODES-LICENSE.txt says where it is from)."""
    point = _postcodes().get(postcode)
    if point is None:
        raise UnknownPostcode(f"'{postcode}' is not a German postcode we know.")
    return point


def parse_near(near: str) -> tuple[float, float]:
    """`near` is a German postcode ("10115") or a point in degrees ("52.52,13.405")."""
    text = near.strip()
    if _POSTCODE.match(text):
        return postcode_point(text)
    match = _POINT.match(text)
    if match:
        lat, lon = float(match.group(1)), float(match.group(2))
        if -90 <= lat <= 90 and -180 <= lon <= 180:
            return lat, lon
    raise InvalidSearch(
        f"near='{near}' is neither a German postcode (5 digits) nor a point 'latitude,longitude'."
    )
