"""Shapes of the catalogue API. Money and WLTP figures travel as decimal strings, never floats."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ninja import Schema

from .snapshot import GroupInfo, ModelSnapshot, OptionInfo, TrimInfo


def money(amount: Decimal) -> str:
    return f"{amount:.2f}"


def figure(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


class Texts(Schema):
    de: str
    en: str


class ModelSummary(Schema):
    slug: str
    brand: str
    brand_slug: str
    name: str
    body: str
    from_net_price: str
    trims: int

    @classmethod
    def of(cls, car_model: Any) -> ModelSummary:
        """A row of `catalog.model_range()` (annotated with from_net_price, trims prefetched)."""
        return cls(
            slug=car_model.slug,
            brand=car_model.brand.name,
            brand_slug=car_model.brand.slug,
            name=car_model.name,
            body=car_model.body,
            from_net_price=money(car_model.from_net_price),
            trims=len(car_model.trims.all()),
        )


class TrimOut(Schema):
    code: str
    name: str
    fuel: str
    transmission: str
    displacement_ccm: int | None
    power_kw: int
    consumption_l_100km: str | None
    consumption_discharged_l_100km: str | None
    energy_kwh_100km: str | None
    electric_range_km: int | None
    co2_g_km: int
    co2_discharged_g_km: int | None
    net_price: str
    delivery_weeks: int
    defaults: list[str]

    @classmethod
    def of(cls, trim: TrimInfo) -> TrimOut:
        return cls(
            code=trim.code,
            name=trim.name,
            fuel=trim.fuel,
            transmission=trim.transmission,
            displacement_ccm=trim.displacement_ccm,
            power_kw=trim.power_kw,
            consumption_l_100km=figure(trim.consumption_l_100km),
            consumption_discharged_l_100km=figure(trim.consumption_discharged_l_100km),
            energy_kwh_100km=figure(trim.energy_kwh_100km),
            electric_range_km=trim.electric_range_km,
            co2_g_km=trim.co2_g_km,
            co2_discharged_g_km=trim.co2_discharged_g_km,
            net_price=money(trim.net_price),
            delivery_weeks=trim.delivery_weeks,
            defaults=list(trim.defaults),
        )


class GroupOut(Schema):
    code: str
    name: Texts
    choice: str
    options: list[str]

    @classmethod
    def of(cls, group: GroupInfo) -> GroupOut:
        return cls(
            code=group.code,
            name=Texts(de=group.name_de, en=group.name_en),
            choice=group.choice,
            options=list(group.options),
        )


class OptionOut(Schema):
    code: str
    kind: str
    name: Texts
    net_price: str
    group: str | None
    color: str | None
    lead_weeks: int
    only_on: list[str]
    requires: list[str]
    excludes: list[str]
    includes: list[str]

    @classmethod
    def of(cls, option: OptionInfo, snapshot: ModelSnapshot) -> OptionOut:
        rules: dict[str, list[str]] = {"requires": [], "excludes": [], "includes": []}
        for rule in snapshot.rules:
            if rule.option == option.code:
                rules[rule.kind].append(rule.target)
        trim_order = list(snapshot.trims)
        return cls(
            code=option.code,
            kind=option.kind,
            name=Texts(de=option.name_de, en=option.name_en),
            net_price=money(option.net_price),
            group=option.group,
            color=option.color_hex or None,
            lead_weeks=option.lead_weeks,
            only_on=sorted(option.only_on, key=trim_order.index),
            **rules,
        )


class ModelDetail(Schema):
    slug: str
    brand: str
    brand_slug: str
    name: str
    body: str
    transfer_cost_net: str
    descriptions: Texts
    revision: int
    trims: list[TrimOut]
    groups: list[GroupOut]
    options: list[OptionOut]

    @classmethod
    def of(cls, snapshot: ModelSnapshot, descriptions: Texts) -> ModelDetail:
        return cls(
            slug=snapshot.slug,
            brand=snapshot.brand,
            brand_slug=snapshot.brand_slug,
            name=snapshot.name,
            body=snapshot.body,
            transfer_cost_net=money(snapshot.transfer_cost_net),
            descriptions=descriptions,
            revision=snapshot.revision,
            trims=[TrimOut.of(t) for t in snapshot.trims.values()],
            groups=[GroupOut.of(g) for g in snapshot.groups.values()],
            options=[OptionOut.of(o, snapshot) for o in snapshot.options.values()],
        )
