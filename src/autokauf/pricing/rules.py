"""The figures a German new-car offer must state, as pure functions.

VAT (UStG and the EU member states' standard rates), the CO2 class and the energy and CO2 costs of
the Pkw-EnVKV label, the yearly vehicle tax of KraftStG § 9(1) Nr. 2c and the delivery estimate.
No ORM, no I/O, no clock: every date comes in as an argument.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal

from autokauf.core.money import Money

from .errors import UnsupportedCountry, VehicleTaxNotDetermined

# --- VAT ----------------------------------------------------------------------------------------

VAT_RATES_AS_OF = date(2025, 8, 1)
"""Standard VAT rates in percent of the net price, as in force on VAT_RATES_AS_OF.

Source: European Commission, DG TAXUD, "VAT rates applied in the Member States of the European
Union" (Germany: § 12(1) UStG). Changes in 2024/2025 already reflected: Finland 25.5 (1 Sep 2024),
Slovakia 23 (1 Jan 2025), Estonia 24 (1 Jul 2025), Romania 21 (1 Aug 2025).
"""
VAT_RATES: dict[str, Decimal] = {
    "AT": Decimal("20"),
    "BE": Decimal("21"),
    "BG": Decimal("20"),
    "CY": Decimal("19"),
    "CZ": Decimal("21"),
    "DE": Decimal("19"),
    "DK": Decimal("25"),
    "EE": Decimal("24"),
    "ES": Decimal("21"),
    "FI": Decimal("25.5"),
    "FR": Decimal("20"),
    "GR": Decimal("24"),
    "HR": Decimal("25"),
    "HU": Decimal("27"),
    "IE": Decimal("23"),
    "IT": Decimal("22"),
    "LT": Decimal("21"),
    "LU": Decimal("17"),
    "LV": Decimal("21"),
    "MT": Decimal("18"),
    "NL": Decimal("21"),
    "PL": Decimal("23"),
    "PT": Decimal("23"),
    "RO": Decimal("21"),
    "SE": Decimal("25"),
    "SI": Decimal("22"),
    "SK": Decimal("23"),
}


def normalise_country(country: str) -> str:
    return country.strip().upper()


def vat_rate_for(country: str) -> Decimal:
    """The standard VAT rate of an EU member state in percent (ISO 3166 alpha-2, any case)."""
    rate = VAT_RATES.get(normalise_country(country))
    if rate is None:
        raise UnsupportedCountry(
            f"We cannot state a total price for country '{country}': no VAT rate is known.",
            extra={"country": country},
        )
    return rate


def vat_on(net: Money, rate: Decimal) -> Money:
    """VAT on a net amount: net * rate / 100, rounded half-up to cents
    (10,000 € at 19 % → 1,900 €)."""
    return (net * rate * Decimal("0.01")).rounded()


def gross_price(net: Money, rate: Decimal) -> Money:
    """A net list price as a consumer sees it: net plus its VAT (half-up to cents)."""
    return net + vat_on(net, rate)


def vat_in_gross(gross: Money, rate: Decimal) -> Money:
    """The VAT contained in a gross amount: gross * rate / (100 + rate), half-up to cents
    (11,900 € at 19 % → 1,900 €, i.e. gross * 19/119)."""
    return Money(gross.amount * rate / (100 + rate), gross.currency).rounded()


# --- CO2 class (Pkw-EnVKV Anlage 1, since 1 May 2024) -----------------------------------------

# Upper bound (inclusive) of combined WLTP g/km for each class; G is everything above 175.
_CO2_CLASS_LIMITS: tuple[tuple[int, str], ...] = (
    (0, "A"),
    (95, "B"),
    (115, "C"),
    (135, "D"),
    (155, "E"),
    (175, "F"),
)


def co2_class(co2_g_km: int) -> str:
    """The CO2 class by combined g/km (Pkw-EnVKV): A = 0, B 1-95, C 96-115, D 116-135,
    E 136-155, F 156-175, G ≥ 176."""
    if co2_g_km < 0:
        raise ValueError(f"CO2 emissions cannot be negative: {co2_g_km}")
    for upper, label in _CO2_CLASS_LIMITS:
        if co2_g_km <= upper:
            return label
    return "G"


# --- Energy and CO2 costs (Pkw-EnVKV Anlage 1 Teil A Abschnitt I Nr. 8 and 9) ------------------

KM_PER_YEAR = 15_000
ENERGY_PRICES_SOURCE = (
    "BMWK Energiekostenvergleich für Pkw, average prices of Q4 2022: Super E5 1.869 €/l, "
    "Diesel B7 1.965 €/l, electricity 0.5254 €/kWh"
)
ENERGY_PRICES: dict[str, Decimal] = {
    "petrol": Decimal("1.869"),  # € per litre
    "diesel": Decimal("1.965"),  # € per litre
    "electricity": Decimal("0.5254"),  # € per kWh
}
"""Reference energy prices, gross. Source: ENERGY_PRICES_SOURCE. The label's legal figure is the
average price the BMWK announces each year in the Bundesanzeiger under Pkw-EnVKV Anlage 1 Teil A
Abschnitt I Nr. 8; replace these values when a new announcement applies."""

CO2_PRICES_PER_TONNE: dict[str, Decimal] = {
    "low": Decimal("50.00"),
    "medium": Decimal("115.00"),
    "high": Decimal("190.00"),
}
"""Assumed average CO2 prices over the ten-year period, € per tonne, as set out in Pkw-EnVKV
Anlage 1 (Angabe 2 = low, Angabe 1 = medium, Angabe 3 = high) until the BMWK announces others."""

# 15,000 km a year * 10 years = 150,000 km; g/km * 150,000 km = tonnes * 1,000,000.
_TONNES_PER_G_KM_OVER_TEN_YEARS = Decimal("0.15")
_HUNDRED_KM_PER_YEAR = KM_PER_YEAR // 100


def fuel_kind(fuel: str) -> str | None:
    """The fuel a drive burns, for its price: a plug-in hybrid is priced as petrol."""
    return {"petrol": "petrol", "phev": "petrol", "diesel": "diesel", "bev": None}[fuel]


def energy_cost_per_year(
    *, fuel: str, consumption_l_100km: Decimal | None, energy_kwh_100km: Decimal | None
) -> Money:
    """Energy costs at 15,000 km a year (Pkw-EnVKV Anlage 1 Teil A Abschnitt I Nr. 8): average
    price * consumption per 100 km * 150, fuel and electricity added for a plug-in hybrid, and the
    sum rounded half-up to cents once."""
    amount = Decimal("0")
    burnt = fuel_kind(fuel)
    if burnt is not None and consumption_l_100km is not None:
        amount += ENERGY_PRICES[burnt] * consumption_l_100km * _HUNDRED_KM_PER_YEAR
    if energy_kwh_100km is not None:
        amount += ENERGY_PRICES["electricity"] * energy_kwh_100km * _HUNDRED_KM_PER_YEAR
    return Money(amount).rounded()


def co2_costs_ten_years(co2_g_km: int) -> dict[str, Money]:
    """Possible CO2 costs over the next ten years at 15,000 km a year, at the low, medium and high
    assumed CO2 price: price * g/km * 0.15, rounded half-up to cents (Pkw-EnVKV Anlage 1)."""
    return {
        level: Money(price * co2_g_km * _TONNES_PER_G_KM_OVER_TEN_YEARS).rounded()
        for level, price in CO2_PRICES_PER_TONNE.items()
    }


# --- Vehicle tax (KraftStG) ---------------------------------------------------------------------

TAX_2C_FROM = date(2021, 1, 1)
DISPLACEMENT_RATE_PER_100_CCM: dict[str, Decimal] = {
    "petrol": Decimal("2.00"),
    "diesel": Decimal("9.50"),
}
# (above g/km, up to g/km inclusive or None, € per gram), KraftStG § 9(1) Nr. 2c bb.
CO2_TAX_BANDS: tuple[tuple[int, int | None, Decimal], ...] = (
    (95, 115, Decimal("2.00")),
    (115, 135, Decimal("2.20")),
    (135, 155, Decimal("2.50")),
    (155, 175, Decimal("2.90")),
    (175, 195, Decimal("3.40")),
    (195, None, Decimal("4.00")),
)
BEV_EXEMPT_REGISTERED_FROM = date(2011, 5, 18)
BEV_EXEMPT_REGISTERED_UNTIL = date(2030, 12, 31)
BEV_EXEMPTION_ENDS_AT_LATEST = date(2035, 12, 31)


def co2_tax_component(co2_g_km: int) -> Decimal:
    """The CO2 part of KraftStG § 9(1) Nr. 2c: each gram above 95 g/km at its band's rate."""
    amount = Decimal("0")
    for above, up_to, rate in CO2_TAX_BANDS:
        top = co2_g_km if up_to is None else min(co2_g_km, up_to)
        if top > above:
            amount += (top - above) * rate
    return amount


def displacement_tax_component(burnt: str, displacement_ccm: int) -> Decimal:
    """The displacement part: per started 100 cm³, 2.00 € for petrol, 9.50 € for diesel."""
    return math.ceil(displacement_ccm / 100) * DISPLACEMENT_RATE_PER_100_CCM[burnt]


def bev_tax_exempt_until(first_registration: date) -> date | None:
    """The last tax-free day of a battery-electric car (KraftStG § 3d): ten years from first
    registration, at most until 31.12.2035, for cars first registered from 18.05.2011 to
    31.12.2030; None when the car is not exempt."""
    if not BEV_EXEMPT_REGISTERED_FROM <= first_registration <= BEV_EXEMPT_REGISTERED_UNTIL:
        return None
    ten_years_on = _same_day_years_later(first_registration, 10) - timedelta(days=1)
    return min(ten_years_on, BEV_EXEMPTION_ENDS_AT_LATEST)


def vehicle_tax_per_year(
    *, fuel: str, displacement_ccm: int | None, co2_g_km: int, first_registration: date
) -> Money:
    """The vehicle tax of the first year after `first_registration`, in whole euros.

    Combustion cars and plug-in hybrids first registered from 1.1.2021 (KraftStG § 9(1) Nr. 2c):
    per started 100 cm³ 2.00 € (petrol, plug-in hybrid) or 9.50 € (diesel), plus each gram of CO2
    above 95 g/km at its band's rate; the yearly sum is rounded down to whole euros (1,498 cm³
    petrol at 145 g/km → 139 €). Battery-electric cars first registered by 31.12.2030 pay nothing
    in their first year (§ 3d). Raises VehicleTaxNotDetermined where other rules apply that need
    data we do not hold: registrations before 2021, and battery-electric cars taxed by weight.
    """
    burnt = fuel_kind(fuel)
    if burnt is None:
        if bev_tax_exempt_until(first_registration) is not None:
            return Money.zero()
        raise VehicleTaxNotDetermined(
            "An electric car first registered after 31.12.2030 is taxed by its permissible "
            "weight, which the catalogue does not hold."
        )
    if first_registration < TAX_2C_FROM:
        raise VehicleTaxNotDetermined("Cars first registered before 2021 are taxed by older rules.")
    if not displacement_ccm:
        raise VehicleTaxNotDetermined("A combustion engine needs its displacement for the tax.")
    amount = displacement_tax_component(burnt, displacement_ccm) + co2_tax_component(co2_g_km)
    return Money(amount.quantize(Decimal("1"), rounding=ROUND_FLOOR)).rounded()


def _same_day_years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return date(day.year + years, 3, 1)


# --- Delivery -----------------------------------------------------------------------------------


def delivery_estimate(today: date, trim_delivery_weeks: int, lead_weeks: Iterable[int]) -> date:
    """Today plus the longest of the trim's delivery time and the chosen options' lead times."""
    weeks = max([trim_delivery_weeks, *lead_weeks])
    return today + timedelta(weeks=weeks)
