"""Stock fixtures over the Nordwerk Asta of tests/world.py."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from autokauf.inventory.models import Location

DEFAULTS = "INT-BLACK P-WHITE W16"
HEADER = (
    "vin,trim,options,model_year,production_date,status,location,bay,discount_net,"
    "condition,first_registration,mileage_km,available_from\n"
)


@pytest.fixture
def places(small_catalogue):
    """A showroom in Berlin, a pickup tower with 3 bays in Leipzig, a compound in Munich."""
    berlin = Location.objects.create(
        code="BER",
        name="Showroom Berlin",
        kind="showroom",
        street="Kurfürstendamm 21",
        postcode="10719",
        city="Berlin",
        latitude=Decimal("52.503300"),
        longitude=Decimal("13.331600"),
    )
    leipzig = Location.objects.create(
        code="LEJ",
        name="Autoturm Leipzig",
        kind="pickup_tower",
        street="Maximilianallee 4",
        postcode="04129",
        city="Leipzig",
        latitude=Decimal("51.339700"),
        longitude=Decimal("12.373100"),
        bays=3,
    )
    munich = Location.objects.create(
        code="MUC",
        name="Lager München",
        kind="compound",
        street="Frankfurter Ring 1",
        postcode="80807",
        city="München",
        latitude=Decimal("48.139100"),
        longitude=Decimal("11.582300"),
    )
    return {"BER": berlin, "LEJ": leipzig, "MUC": munich}


def vin(n: int) -> str:
    """A European VIN (check digit not used) numbered n."""
    return f"WNWASTAZZ1P{n:06d}"


def row(
    n: int,
    *,
    trim="ASTA-15TSI",
    options=DEFAULTS,
    status="in_stock",
    location="BER",
    bay="",
    discount="0.00",
    available="2026-11-01",
    condition="new",
    first_reg="",
    mileage="",
    year="2026",
    produced="2026-09-15",
) -> str:
    return (
        f"{vin(n)},{trim},{options},{year},{produced},{status},{location},{bay},{discount},"
        f"{condition},{first_reg},{mileage},{available}\n"
    )


TODAY = date(2026, 11, 25)
