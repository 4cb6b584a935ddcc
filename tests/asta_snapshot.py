"""The Nordwerk Asta of tests/world.py as a snapshot built by hand, so pure specs need no database.

The option order is the catalogue's (kind, position, code), as catalog.model_snapshot builds it.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from autokauf.catalog import GroupInfo, ModelSnapshot, OptionInfo, RuleInfo, TrimInfo

PETROL, DIESEL, ELECTRIC = "ASTA-15TSI", "ASTA-20TDI", "ASTA-EV"
DEFAULTS = ("INT-BLACK", "P-WHITE", "W16")


def _option(code: str, kind: str, de: str, en: str, price: str, **kw: Any) -> OptionInfo:
    return OptionInfo(code=code, kind=kind, name_de=de, name_en=en, net_price=Decimal(price), **kw)


def asta_snapshot(revision: int = 1) -> ModelSnapshot:
    trims = {
        PETROL: TrimInfo(
            code=PETROL,
            name="1.5 TSI Life",
            fuel="petrol",
            power_kw=110,
            net_price=Decimal("25210.08"),
            co2_g_km=145,
            displacement_ccm=1498,
            consumption_l_100km=Decimal("6.4"),
            delivery_weeks=10,
            defaults=DEFAULTS,
        ),
        DIESEL: TrimInfo(
            code=DIESEL,
            name="2.0 TDI Style",
            fuel="diesel",
            power_kw=110,
            net_price=Decimal("28571.43"),
            co2_g_km=128,
            displacement_ccm=1968,
            consumption_l_100km=Decimal("4.9"),
            delivery_weeks=12,
            defaults=DEFAULTS,
        ),
        ELECTRIC: TrimInfo(
            code=ELECTRIC,
            name="e-Drive Pro",
            fuel="bev",
            power_kw=150,
            net_price=Decimal("33529.41"),
            co2_g_km=0,
            energy_kwh_100km=Decimal("15.8"),
            electric_range_km=420,
            delivery_weeks=16,
            defaults=DEFAULTS,
        ),
    }
    options = [
        _option(
            "HEATPUMP",
            "equipment",
            "Wärmepumpe",
            "Heat pump",
            "990",
            lead_weeks=2,
            only_on=frozenset({ELECTRIC}),
        ),
        _option("HUD", "equipment", "Head-up-Display", "Head-up display", "650"),
        _option("NAVI", "equipment", "Navigationssystem", "Navigation system", "1200"),
        _option("ROOFRAILS", "equipment", "Dachreling", "Roof rails", "350"),
        _option("SUNROOF", "equipment", "Schiebedach", "Sunroof", "1050"),
        _option(
            "TOW",
            "equipment",
            "Anhängerkupplung",
            "Towbar",
            "890",
            only_on=frozenset({PETROL, DIESEL}),
        ),
        _option("INT-BLACK", "interior", "Stoff Schwarz", "Black cloth", "0", group="INTERIOR"),
        _option(
            "INT-COGNAC", "interior", "Leder Cognac", "Cognac leather", "1490", group="INTERIOR"
        ),
        _option("SPORT", "package", "Sportpaket", "Sport package", "2490"),
        _option(
            "P-GREEN", "paint", "Tannengrün Perleffekt", "Fir green pearl", "990", group="PAINT"
        ),
        _option(
            "P-RED", "paint", "Kirschrot Metallic", "Cherry red metallic", "790", group="PAINT"
        ),
        _option("P-WHITE", "paint", "Gletscherweiß", "Glacier white", "0", group="PAINT"),
        _option("W16", "wheels", "16-Zoll-Stahlräder", "16-inch steel wheels", "0", group="WHEELS"),
        _option(
            "W17",
            "wheels",
            "17-Zoll-Leichtmetallräder",
            "17-inch alloy wheels",
            "450",
            group="WHEELS",
        ),
        _option(
            "W18", "wheels", "18-Zoll-Sportfelgen", "18-inch sport wheels", "1100", group="WHEELS"
        ),
    ]
    groups = {
        "INTERIOR": GroupInfo(
            "INTERIOR", "Innenraum", "Interior", "exactly_one", ("INT-BLACK", "INT-COGNAC")
        ),
        "PAINT": GroupInfo(
            "PAINT", "Lackierung", "Paint", "exactly_one", ("P-GREEN", "P-RED", "P-WHITE")
        ),
        "WHEELS": GroupInfo("WHEELS", "Räder", "Wheels", "exactly_one", ("W16", "W17", "W18")),
    }
    rules = (
        RuleInfo("excludes", "SUNROOF", "ROOFRAILS"),
        RuleInfo("includes", "SPORT", "W18"),
        RuleInfo("requires", "HUD", "NAVI"),
        RuleInfo("requires", "P-GREEN", "INT-COGNAC"),
    )
    return ModelSnapshot(
        slug="asta",
        brand="Nordwerk",
        brand_slug="nordwerk",
        name="Asta",
        body="hatchback",
        transfer_cost_net=Decimal("890.00"),
        revision=revision,
        trims=trims,
        options={o.code: o for o in options},
        groups=groups,
        rules=rules,
    )
