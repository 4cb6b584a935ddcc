"""Reads of the catalogue, shaped for callers."""

from __future__ import annotations

import threading
from collections import defaultdict

from django.db.models import Min, Prefetch, QuerySet

from . import models, revision
from .errors import UnknownModel, UnknownTrim
from .snapshot import GroupInfo, ModelSnapshot, OptionInfo, RuleInfo, TrimInfo

_lock = threading.Lock()
_snapshots: dict[str, ModelSnapshot] = {}
_trim_to_model: dict[str, str] = {}
_seen_key: tuple[int, str] = (-1, "")


def model_range() -> QuerySet[models.CarModel]:
    """Every model with its brand and its lowest trim price, for the model range."""
    return (
        models.CarModel.objects.select_related("brand")
        .annotate(from_net_price=Min("trims__net_price"))
        .filter(from_net_price__isnull=False)
        .prefetch_related(
            Prefetch("trims", queryset=models.Trim.objects.order_by("position", "net_price"))
        )
    )


def get_model(slug: str) -> models.CarModel:
    try:
        return models.CarModel.objects.select_related("brand").get(slug=slug)
    except models.CarModel.DoesNotExist:
        raise UnknownModel(f"There is no model '{slug}'.") from None


def _forget_if_stale() -> None:
    global _seen_key
    current = revision.current_key()
    if current != _seen_key:
        with _lock:
            _snapshots.clear()
            _trim_to_model.clear()
            _seen_key = current


def model_snapshot(slug: str) -> ModelSnapshot:
    """The model's catalogue as an immutable picture, rebuilt only when the catalogue changed."""
    _forget_if_stale()
    return _snapshot_of(slug)


def _snapshot_of(slug: str) -> ModelSnapshot:
    """The snapshot as of the revision `_forget_if_stale` has just seen."""
    snapshot = _snapshots.get(slug)
    if snapshot is None:
        snapshot = _build_snapshot(get_model(slug), _seen_key[0])
        with _lock:
            _snapshots[slug] = snapshot
    return snapshot


def snapshot_for_trim(trim_code: str) -> tuple[ModelSnapshot, str]:
    """The snapshot of the model a trim belongs to, and the trim code."""
    _forget_if_stale()
    slug = _trim_to_model.get(trim_code)
    if slug is None:
        found = (
            models.Trim.objects.filter(code=trim_code).values_list("model__slug", flat=True).first()
        )
        if found is None:
            raise UnknownTrim(f"There is no trim '{trim_code}'.")
        slug = found
        _trim_to_model[trim_code] = slug
    return _snapshot_of(slug), trim_code


def _build_snapshot(car_model: models.CarModel, number: int) -> ModelSnapshot:
    options_qs = list(
        car_model.options.select_related("group")
        .prefetch_related("trims")
        .order_by("kind", "position", "code")
    )
    defaults: dict[int, list[str]] = defaultdict(list)
    for trim_id, code in models.Trim.default_options.through._default_manager.filter(
        trim__model=car_model
    ).values_list("trim_id", "option__code"):
        defaults[trim_id].append(code)
    trims = {
        t.code: TrimInfo(
            code=t.code,
            name=t.name,
            fuel=t.fuel,
            power_kw=t.power_kw,
            net_price=t.net_price,
            co2_g_km=t.co2_g_km,
            displacement_ccm=t.displacement_ccm,
            transmission=t.transmission,
            consumption_l_100km=t.consumption_l_100km,
            consumption_discharged_l_100km=t.consumption_discharged_l_100km,
            energy_kwh_100km=t.energy_kwh_100km,
            electric_range_km=t.electric_range_km,
            co2_discharged_g_km=t.co2_discharged_g_km,
            delivery_weeks=t.delivery_weeks,
            defaults=tuple(sorted(defaults[t.pk])),
        )
        for t in car_model.trims.order_by("position", "net_price")
    }
    options = {
        o.code: OptionInfo(
            code=o.code,
            kind=o.kind,
            name_de=o.name_de,
            name_en=o.name_en,
            net_price=o.net_price,
            group=o.group.code if o.group else None,
            color_hex=o.color_hex,
            lead_weeks=o.lead_weeks,
            only_on=frozenset(t.code for t in o.trims.all()),
        )
        for o in options_qs
    }
    members: dict[str, list[str]] = defaultdict(list)
    for option in options.values():
        if option.group:
            members[option.group].append(option.code)
    groups = {
        g.code: GroupInfo(
            code=g.code,
            name_de=g.name_de,
            name_en=g.name_en,
            choice=g.choice,
            options=tuple(members[g.code]),
        )
        for g in car_model.groups.order_by("code")
    }
    rules = tuple(
        RuleInfo(kind=kind, option=option, target=target)
        for kind, option, target in car_model.rules.values_list(
            "kind", "option__code", "target__code"
        ).order_by("kind", "option__code", "target__code")
    )
    return ModelSnapshot(
        slug=car_model.slug,
        brand=car_model.brand.name,
        brand_slug=car_model.brand.slug,
        name=car_model.name,
        body=car_model.body,
        transfer_cost_net=car_model.transfer_cost_net,
        revision=number,
        trims=trims,
        options=options,
        groups=groups,
        rules=rules,
    )
