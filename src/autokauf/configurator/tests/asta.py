"""The Nordwerk Asta of tests/world.py as a pure ModelSnapshot, for specs that need no database."""

from __future__ import annotations

from decimal import Decimal

from autokauf.catalog import GroupInfo, ModelSnapshot, OptionInfo, RuleInfo, TrimInfo

_DEFAULTS = ("INT-BLACK", "P-WHITE", "W16")
_OPTIONS = [
    # code, kind, name_de, name_en, price, group, only_on
    ("P-WHITE", "paint", "Gletscherweiß", "Glacier white", "0", "PAINT", ()),
    ("P-RED", "paint", "Kirschrot Metallic", "Cherry red metallic", "790", "PAINT", ()),
    ("P-GREEN", "paint", "Tannengrün Perleffekt", "Fir green pearl", "990", "PAINT", ()),
    ("W16", "wheels", "16-Zoll-Stahlräder", "16-inch steel wheels", "0", "WHEELS", ()),
    ("W17", "wheels", "17-Zoll-Leichtmetallräder", "17-inch alloy wheels", "450", "WHEELS", ()),
    ("W18", "wheels", "18-Zoll-Sportfelgen", "18-inch sport wheels", "1100", "WHEELS", ()),
    ("INT-BLACK", "interior", "Stoff Schwarz", "Black cloth", "0", "INTERIOR", ()),
    ("INT-COGNAC", "interior", "Leder Cognac", "Cognac leather", "1490", "INTERIOR", ()),
    ("TOW", "equipment", "Anhängerkupplung", "Towbar", "890", None, ("ASTA-15TSI", "ASTA-20TDI")),
    ("HEATPUMP", "equipment", "Wärmepumpe", "Heat pump", "990", None, ("ASTA-EV",)),
    ("NAVI", "equipment", "Navigationssystem", "Navigation system", "1200", None, ()),
    ("HUD", "equipment", "Head-up-Display", "Head-up display", "650", None, ()),
    ("SUNROOF", "equipment", "Schiebedach", "Sunroof", "1050", None, ()),
    ("ROOFRAILS", "equipment", "Dachreling", "Roof rails", "350", None, ()),
    ("SPORT", "package", "Sportpaket", "Sport package", "2490", None, ()),
]


def asta_snapshot(revision: int = 1) -> ModelSnapshot:
    options = {
        code: OptionInfo(
            code=code,
            kind=kind,
            name_de=de,
            name_en=en,
            net_price=Decimal(price),
            group=group,
            only_on=frozenset(only_on),
        )
        for code, kind, de, en, price, group, only_on in _OPTIONS
    }
    groups = {
        code: GroupInfo(
            code=code,
            name_de=de,
            name_en=en,
            choice="exactly_one",
            options=tuple(sorted(c for c, o in options.items() if o.group == code)),
        )
        for code, de, en in (
            ("INTERIOR", "Innenraum", "Interior"),
            ("PAINT", "Lackierung", "Paint"),
            ("WHEELS", "Räder", "Wheels"),
        )
    }
    trims = {
        "ASTA-15TSI": TrimInfo(
            code="ASTA-15TSI",
            name="1.5 TSI Life",
            fuel="petrol",
            power_kw=110,
            net_price=Decimal("25210.08"),
            co2_g_km=145,
            displacement_ccm=1498,
            consumption_l_100km=Decimal("6.4"),
            delivery_weeks=10,
            defaults=_DEFAULTS,
        ),
        "ASTA-20TDI": TrimInfo(
            code="ASTA-20TDI",
            name="2.0 TDI Style",
            fuel="diesel",
            power_kw=110,
            net_price=Decimal("28571.43"),
            co2_g_km=128,
            displacement_ccm=1968,
            consumption_l_100km=Decimal("4.9"),
            delivery_weeks=12,
            defaults=_DEFAULTS,
        ),
        "ASTA-EV": TrimInfo(
            code="ASTA-EV",
            name="e-Drive Pro",
            fuel="bev",
            power_kw=150,
            net_price=Decimal("33529.41"),
            co2_g_km=0,
            energy_kwh_100km=Decimal("15.8"),
            electric_range_km=420,
            delivery_weeks=16,
            defaults=_DEFAULTS,
        ),
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
        name="Asta",
        body="hatchback",
        transfer_cost_net=Decimal("890.00"),
        revision=revision,
        trims=trims,
        options=options,
        groups=groups,
        rules=rules,
        brand_slug="nordwerk",
    )
