"""The whole catalogue as a catalogue file (YAML) that imports back to the same catalogue."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db.models import Prefetch

from . import catalogue_file, models


def export_catalogue() -> str:
    """Every brand and model, in a constant number of queries, as catalogue-file YAML."""
    rules: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for kind, option_id, target in models.Rule.objects.order_by("target__code").values_list(
        "kind", "option_id", "target__code"
    ):
        rules[option_id][kind].append(target)
    brands = models.Brand.objects.order_by("name", "slug").prefetch_related(
        Prefetch("models", queryset=models.CarModel.objects.order_by("position", "name")),
        Prefetch("models__groups", queryset=models.OptionGroup.objects.order_by("code")),
        Prefetch("models__trims", queryset=models.Trim.objects.order_by("position", "net_price")),
        Prefetch("models__trims__default_options", queryset=models.Option.objects.order_by("code")),
        Prefetch(
            "models__options",
            queryset=models.Option.objects.select_related("group").order_by("position", "code"),
        ),
        Prefetch(
            "models__options__trims", queryset=models.Trim.objects.order_by("position", "net_price")
        ),
    )
    document = {
        "format": catalogue_file.FORMAT_VERSION,
        "brands": [
            {"slug": b.slug, "name": b.name, "models": [_model(m, rules) for m in b.models.all()]}
            for b in brands
        ],
    }
    return catalogue_file.dump(document)


def _model(car_model: models.CarModel, rules: dict[int, dict[str, list[str]]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "slug": car_model.slug,
        "name": car_model.name,
        "body": car_model.body,
        "transfer_cost_net": f"{car_model.transfer_cost_net:.2f}",
    }
    if car_model.description_de or car_model.description_en:
        data["description"] = {"de": car_model.description_de, "en": car_model.description_en}
    data["groups"] = [
        {"code": g.code, "name": {"de": g.name_de, "en": g.name_en}, "choice": g.choice}
        for g in car_model.groups.all()
    ]
    data["trims"] = [_trim(t) for t in car_model.trims.all()]
    data["options"] = [_option(o, rules[o.pk]) for o in car_model.options.all()]
    return data


_TRIM_FIGURES = (
    "displacement_ccm",
    "power_kw",
    "consumption_l_100km",
    "consumption_discharged_l_100km",
    "energy_kwh_100km",
    "electric_range_km",
    "co2_g_km",
    "co2_discharged_g_km",
)


def _trim(trim: models.Trim) -> dict[str, Any]:
    data: dict[str, Any] = {"code": trim.code, "name": trim.name, "fuel": trim.fuel}
    if trim.transmission:
        data["transmission"] = trim.transmission
    for name in _TRIM_FIGURES:
        value = getattr(trim, name)
        if value is not None:
            data[name] = value
    data["net_price"] = f"{trim.net_price:.2f}"
    data["delivery_weeks"] = trim.delivery_weeks
    data["defaults"] = [o.code for o in trim.default_options.all()]
    return data


def _option(option: models.Option, rules: dict[str, list[str]]) -> dict[str, Any]:
    data: dict[str, Any] = {
        "code": option.code,
        "kind": option.kind,
        "name": {"de": option.name_de, "en": option.name_en},
        "price": f"{option.net_price:.2f}",
    }
    if option.group:
        data["group"] = option.group.code
    if option.color_hex:
        data["color"] = option.color_hex
    if option.lead_weeks:
        data["lead_weeks"] = option.lead_weeks
    only_on = [t.code for t in option.trims.all()]
    if only_on:
        data["only_on"] = only_on
    for kind in catalogue_file.RULE_KINDS:
        if rules.get(kind):
            data[kind] = rules[kind]
    return data
