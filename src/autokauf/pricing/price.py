"""Pricing one configuration of one model: the only place a Quote is made."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from autokauf.catalog import ModelSnapshot, OptionInfo, TrimInfo
from autokauf.core.money import Money, sum_money

from . import rules
from .errors import UnknownOption, UnknownTrim
from .quote import Co2Label, Quote, QuoteLine

CURRENCY = "EUR"


def price_configuration(
    snapshot: ModelSnapshot,
    trim_code: str,
    options: Iterable[str],
    *,
    country: str = "DE",
    today: date,
) -> Quote:
    """Price a trim with the chosen options (PAngV total price and Pkw-EnVKV figures).

    Does not check option rules (the configurator does that first); refuses codes the model does
    not have or the trim does not offer. Net = every line + the transfer costs, which PAngV
    requires inside the total; VAT = net * rate, rounded half-up to cents; total = net + VAT.
    An option a chosen package includes is listed at 0.00 and never charged, even if chosen too.
    The vehicle tax is that of the first year, with the delivery estimate as first registration.
    """
    trim = snapshot.trims.get(trim_code)
    if trim is None:
        raise UnknownTrim(f"The {snapshot.full_name} has no trim '{trim_code}'.")
    chosen = tuple(sorted(set(options)))
    _refuse_unknown(snapshot, trim_code, chosen)
    vat_rate = rules.vat_rate_for(country)
    lines = build_lines(snapshot, trim, chosen)
    transfer_costs = Money(snapshot.transfer_cost_net, CURRENCY)
    net = (sum_money([line.net for line in lines], CURRENCY) + transfer_costs).rounded()
    vat = rules.vat_on(net, vat_rate)
    delivery = rules.delivery_estimate(
        today, trim.delivery_weeks, (snapshot.options[line.code].lead_weeks for line in lines[1:])
    )
    return Quote(
        model_slug=snapshot.slug,
        model_name=snapshot.full_name,
        trim_code=trim.code,
        trim_name=trim.name,
        options=chosen,
        country=rules.normalise_country(country),
        currency=CURRENCY,
        lines=lines,
        transfer_costs=transfer_costs,
        net=net,
        vat_rate=vat_rate,
        vat=vat,
        total=net + vat,
        co2=co2_label(trim),
        vehicle_tax_per_year=rules.vehicle_tax_per_year(
            fuel=trim.fuel,
            displacement_ccm=trim.displacement_ccm,
            co2_g_km=trim.co2_g_km,
            first_registration=delivery,
        ),
        delivery_estimate=delivery,
        revision=snapshot.revision,
    )


def _refuse_unknown(snapshot: ModelSnapshot, trim_code: str, chosen: tuple[str, ...]) -> None:
    problems: dict[str, str] = {}
    for code in chosen:
        option = snapshot.options.get(code)
        if option is None:
            problems[code] = f"the {snapshot.full_name} has no option '{code}'"
        elif not option.offered_on(trim_code):
            problems[code] = f"option '{code}' is not offered on trim '{trim_code}'"
    if problems:
        detail = "Cannot price this configuration: " + "; ".join(problems.values()) + "."
        raise UnknownOption(detail, extra={"options": list(problems)})


def build_lines(
    snapshot: ModelSnapshot, trim: TrimInfo, chosen: tuple[str, ...]
) -> tuple[QuoteLine, ...]:
    """The trim, then the chosen options in catalogue order, each package followed by the options
    it includes (at 0.00). An included option is charged nowhere, even when chosen as well."""
    included_by = _included_by(snapshot, chosen)
    lines = [QuoteLine(trim.code, "trim", trim.name, trim.name, Money(trim.net_price, CURRENCY))]
    listed: set[str] = set()
    for option in snapshot.options.values():
        if option.code not in chosen or option.code in included_by:
            continue
        lines.append(_charged_line(option))
        for target in snapshot.package_contents(option.code):
            if included_by.get(target) == option.code and target not in listed:
                lines.append(_included_line(snapshot.options[target], option.code))
                listed.add(target)
    for target, package in included_by.items():
        if target not in listed:
            lines.append(_included_line(snapshot.options[target], package))
    return tuple(lines)


def _included_by(snapshot: ModelSnapshot, chosen: tuple[str, ...]) -> dict[str, str]:
    """Option code -> the chosen package (first in catalogue order) that includes it."""
    included: dict[str, str] = {}
    for option in snapshot.options.values():
        if option.code in chosen:
            for target in snapshot.package_contents(option.code):
                if target != option.code and target in snapshot.options:
                    included.setdefault(target, option.code)
    return included


def _charged_line(option: OptionInfo) -> QuoteLine:
    kind = "package" if option.kind == "package" else "option"
    return QuoteLine(
        option.code, kind, option.name_de, option.name_en, Money(option.net_price, CURRENCY)
    )


def _included_line(option: OptionInfo, package: str) -> QuoteLine:
    return QuoteLine(
        option.code,
        "included",
        option.name_de,
        option.name_en,
        Money.of("0.00", CURRENCY),
        included_in=package,
    )


def co2_label(trim: TrimInfo) -> Co2Label:
    """The Pkw-EnVKV label of a trim; discharged-battery values only for plug-in hybrids."""
    is_phev = trim.fuel == "phev"
    discharged = trim.co2_discharged_g_km if is_phev else None
    return Co2Label(
        co2_g_km=trim.co2_g_km,
        co2_class=rules.co2_class(trim.co2_g_km),
        co2_g_km_discharged=discharged,
        co2_class_discharged=rules.co2_class(discharged) if discharged is not None else None,
        consumption_l_100km=trim.consumption_l_100km,
        consumption_discharged_l_100km=trim.consumption_discharged_l_100km if is_phev else None,
        energy_kwh_100km=trim.energy_kwh_100km,
        electric_range_km=trim.electric_range_km,
        energy_cost_per_year=rules.energy_cost_per_year(
            fuel=trim.fuel,
            consumption_l_100km=trim.consumption_l_100km,
            energy_kwh_100km=trim.energy_kwh_100km,
        ),
        co2_cost_10_years=rules.co2_costs_ten_years(trim.co2_g_km),
        energy_prices=_energy_prices_used(trim),
        co2_prices_per_tonne=dict(rules.CO2_PRICES_PER_TONNE),
    )


def _energy_prices_used(trim: TrimInfo) -> dict[str, Decimal]:
    prices: dict[str, Decimal] = {}
    burnt = rules.fuel_kind(trim.fuel)
    if burnt is not None and trim.consumption_l_100km is not None:
        prices[burnt] = rules.ENERGY_PRICES[burnt]
    if trim.energy_kwh_100km is not None:
        prices["electricity"] = rules.ENERGY_PRICES["electricity"]
    return prices
