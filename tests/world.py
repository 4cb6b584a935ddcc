"""The fixture world: a small, hand-written catalogue every spec can reason about exactly.

Nordwerk Asta, a hatchback with three trims:
    ASTA-15TSI  petrol 1,498 cm³, 110 kW, 145 g/km, 25,210.08 € net
    ASTA-20TDI  diesel 1,968 cm³, 110 kW, 128 g/km, 28,571.43 € net
    ASTA-EV     electric, 150 kW, 0 g/km, 15.8 kWh/100 km, 420 km, 33,529.41 € net
Transfer costs 890.00 € net. Defaults on every trim: P-WHITE, W16, INT-BLACK.

Groups (exactly one each): PAINT (P-WHITE 0, P-RED 790, P-GREEN 990), WHEELS (W16 0, W17 450,
W18 1,100), INTERIOR (INT-BLACK 0, INT-COGNAC 1,490).
Equipment: TOW 890 (not on ASTA-EV), HEATPUMP 990 (only on ASTA-EV), NAVI 1,200, HUD 650,
SUNROOF 1,050, ROOFRAILS 350. Package SPORT 2,490.
Rules: P-GREEN requires INT-COGNAC; HUD requires NAVI; SUNROOF excludes ROOFRAILS;
SPORT includes W18 (the sport package brings its wheels).
"""

from __future__ import annotations

from decimal import Decimal

from autokauf.catalog import models as m


def build_small_catalogue() -> m.CarModel:
    brand = m.Brand.objects.create(slug="nordwerk", name="Nordwerk")
    asta = m.CarModel.objects.create(
        brand=brand,
        slug="asta",
        name="Asta",
        body="hatchback",
        transfer_cost_net=Decimal("890.00"),
        description_de="Der kompakte Alleskönner.",
        description_en="The compact all-rounder.",
    )
    petrol = m.Trim.objects.create(
        model=asta,
        code="ASTA-15TSI",
        name="1.5 TSI Life",
        fuel="petrol",
        displacement_ccm=1498,
        power_kw=110,
        consumption_l_100km=Decimal("6.4"),
        co2_g_km=145,
        net_price=Decimal("25210.08"),
        delivery_weeks=10,
        position=1,
    )
    diesel = m.Trim.objects.create(
        model=asta,
        code="ASTA-20TDI",
        name="2.0 TDI Style",
        fuel="diesel",
        displacement_ccm=1968,
        power_kw=110,
        consumption_l_100km=Decimal("4.9"),
        co2_g_km=128,
        net_price=Decimal("28571.43"),
        delivery_weeks=12,
        position=2,
    )
    electric = m.Trim.objects.create(
        model=asta,
        code="ASTA-EV",
        name="e-Drive Pro",
        fuel="bev",
        power_kw=150,
        energy_kwh_100km=Decimal("15.8"),
        electric_range_km=420,
        co2_g_km=0,
        net_price=Decimal("33529.41"),
        delivery_weeks=16,
        position=3,
    )
    paint = m.OptionGroup.objects.create(
        model=asta, code="PAINT", name_de="Lackierung", name_en="Paint", choice="exactly_one"
    )
    wheels = m.OptionGroup.objects.create(
        model=asta, code="WHEELS", name_de="Räder", name_en="Wheels", choice="exactly_one"
    )
    interior = m.OptionGroup.objects.create(
        model=asta, code="INTERIOR", name_de="Innenraum", name_en="Interior", choice="exactly_one"
    )

    def option(code: str, kind: str, de: str, en: str, price: str, **kw: object) -> m.Option:
        return m.Option.objects.create(
            model=asta, code=code, kind=kind, name_de=de, name_en=en, net_price=Decimal(price), **kw
        )

    white = option(
        "P-WHITE", "paint", "Gletscherweiß", "Glacier white", "0", group=paint, color_hex="#f4f5f0"
    )
    option(
        "P-RED",
        "paint",
        "Kirschrot Metallic",
        "Cherry red metallic",
        "790",
        group=paint,
        color_hex="#9b1b30",
    )
    green = option(
        "P-GREEN",
        "paint",
        "Tannengrün Perleffekt",
        "Fir green pearl",
        "990",
        group=paint,
        color_hex="#2f4f3a",
    )
    w16 = option("W16", "wheels", "16-Zoll-Stahlräder", "16-inch steel wheels", "0", group=wheels)
    option(
        "W17", "wheels", "17-Zoll-Leichtmetallräder", "17-inch alloy wheels", "450", group=wheels
    )
    w18 = option(
        "W18", "wheels", "18-Zoll-Sportfelgen", "18-inch sport wheels", "1100", group=wheels
    )
    black = option("INT-BLACK", "interior", "Stoff Schwarz", "Black cloth", "0", group=interior)
    cognac = option(
        "INT-COGNAC", "interior", "Leder Cognac", "Cognac leather", "1490", group=interior
    )
    tow = option("TOW", "equipment", "Anhängerkupplung", "Towbar", "890")
    tow.trims.set([petrol, diesel])
    heatpump = option("HEATPUMP", "equipment", "Wärmepumpe", "Heat pump", "990", lead_weeks=2)
    heatpump.trims.set([electric])
    navi = option("NAVI", "equipment", "Navigationssystem", "Navigation system", "1200")
    hud = option("HUD", "equipment", "Head-up-Display", "Head-up display", "650")
    sunroof = option("SUNROOF", "equipment", "Schiebedach", "Sunroof", "1050")
    rails = option("ROOFRAILS", "equipment", "Dachreling", "Roof rails", "350")
    sport = option("SPORT", "package", "Sportpaket", "Sport package", "2490")

    m.Rule.objects.create(model=asta, kind="requires", option=green, target=cognac)
    m.Rule.objects.create(model=asta, kind="requires", option=hud, target=navi)
    m.Rule.objects.create(model=asta, kind="excludes", option=sunroof, target=rails)
    m.Rule.objects.create(model=asta, kind="includes", option=sport, target=w18)
    for trim in (petrol, diesel, electric):
        trim.default_options.set([white, w16, black])
    return asta
