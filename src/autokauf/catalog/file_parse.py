"""Reading the catalogue file's structure into specs (pure). Cross-checks live in file_checks."""

from __future__ import annotations

from typing import Any

from . import catalogue_file as cf
from .catalogue_file import BrandSpec, Fields, GroupSpec, ModelSpec, OptionSpec, TrimSpec
from .errors import FileProblem
from .file_checks import check_model, check_unique

_TRIM_FIELDS = {
    "code",
    "name",
    "fuel",
    "transmission",
    "displacement_ccm",
    "power_kw",
    "consumption_l_100km",
    "consumption_discharged_l_100km",
    "energy_kwh_100km",
    "electric_range_km",
    "co2_g_km",
    "co2_discharged_g_km",
    "net_price",
    "delivery_weeks",
    "defaults",
}
_OPTION_FIELDS = {
    "code",
    "kind",
    "name",
    "price",
    "group",
    "color",
    "lead_weeks",
    "only_on",
    "not_on",
    *cf.RULE_KINDS,
}
_MODEL_FIELDS = {
    "slug",
    "name",
    "body",
    "transfer_cost_net",
    "description",
    "groups",
    "trims",
    "options",
}


def read_catalogue(text: str) -> tuple[list[BrandSpec], list[FileProblem]]:
    """The brands of the file and every problem found in it (the specs are usable only if none)."""
    problems: list[FileProblem] = []
    document = cf.load(text, problems)
    if problems:
        return [], problems
    root = Fields(document, "", problems, {"format", "brands"})
    version = root.node.get("format", cf.FORMAT_VERSION)
    if version != cf.FORMAT_VERSION:
        root.problem(
            "format", f"{version!r} is not a known format version (use {cf.FORMAT_VERSION})"
        )
    brands = [_brand(place, node, problems) for place, node in root.items("brands")]
    check_unique(
        [(f"{b_place}.slug", b.slug) for b_place, b in _placed(root, "brands", brands)],
        "brand slug",
        problems,
    )
    models = [(m.place, m.slug) for b in brands for m in b.models]
    check_unique([(f"{place}.slug", slug) for place, slug in models], "model slug", problems)
    trims = [(t.place, t.code) for b in brands for m in b.models for t in m.trims]
    check_unique([(f"{place}.code", code) for place, code in trims], "trim code", problems)
    return brands, problems


def _placed(root: Fields, key: str, specs: list[Any]) -> list[tuple[str, Any]]:
    return [(place, spec) for (place, _), spec in zip(root.items(key), specs, strict=True)]


def _brand(place: str, node: Any, problems: list[FileProblem]) -> BrandSpec:
    fields = Fields(node, place, problems, {"slug", "name", "models"})
    return BrandSpec(
        slug=fields.pattern("slug", cf.SLUG_RE, "a slug (lower-case letters, digits, -)"),
        name=fields.text("name"),
        models=tuple(_model(p, n, problems) for p, n in fields.items("models")),
    )


def _model(place: str, node: Any, problems: list[FileProblem]) -> ModelSpec:
    fields = Fields(node, place, problems, _MODEL_FIELDS)
    description_de, description_en = fields.names("description", required=False, max_length=10_000)
    model = ModelSpec(
        place=place,
        slug=fields.pattern("slug", cf.SLUG_RE, "a slug (lower-case letters, digits, -)"),
        name=fields.text("name"),
        body=fields.choice("body", cf.BODIES),
        transfer_cost_net=fields.price("transfer_cost_net"),
        description_de=description_de,
        description_en=description_en,
        groups=tuple(_group(p, n, problems) for p, n in fields.items("groups", required=False)),
        trims=tuple(_trim(p, n, problems) for p, n in fields.items("trims")),
        options=tuple(_option(p, n, problems) for p, n in fields.items("options", required=False)),
    )
    groups = [
        (f"{p}.code", g.code)
        for (p, _), g in zip(fields.items("groups", required=False), model.groups, strict=True)
    ]
    check_unique(groups, "group code", problems)
    check_model(model, problems)
    return model


def _group(place: str, node: Any, problems: list[FileProblem]) -> GroupSpec:
    fields = Fields(node, place, problems, {"code", "name", "choice"})
    code = fields.pattern("code", cf.CODE_RE, "a code (A-Z, 0-9, - and _)")
    name_de, name_en = fields.names("name")
    return GroupSpec(
        code=code, name_de=name_de, name_en=name_en, choice=fields.choice("choice", cf.CHOICES)
    )


def _trim(place: str, node: Any, problems: list[FileProblem]) -> TrimSpec:
    fields = Fields(node, place, problems, _TRIM_FIELDS)
    trim = TrimSpec(
        place=place,
        code=fields.pattern("code", cf.CODE_RE, "a code (A-Z, 0-9, - and _)"),
        name=fields.text("name"),
        fuel=fields.choice("fuel", cf.FUELS),
        transmission=fields.text("transmission", required=False, max_length=40),
        displacement_ccm=fields.integer("displacement_ccm", required=False, minimum=1),
        power_kw=fields.integer("power_kw", minimum=1) or 0,
        consumption_l_100km=fields.figure("consumption_l_100km"),
        consumption_discharged_l_100km=fields.figure("consumption_discharged_l_100km"),
        energy_kwh_100km=fields.figure("energy_kwh_100km"),
        electric_range_km=fields.integer("electric_range_km", required=False, minimum=1),
        co2_g_km=fields.integer("co2_g_km") or 0,
        co2_discharged_g_km=fields.integer("co2_discharged_g_km", required=False, minimum=1),
        net_price=fields.price("net_price"),
        delivery_weeks=fields.integer("delivery_weeks", required=False) or 12,
        defaults=fields.codes("defaults") or (),
    )
    _check_fuel_figures(fields, trim)
    return trim


_NEEDED = {
    "petrol": {"displacement_ccm", "consumption_l_100km"},
    "diesel": {"displacement_ccm", "consumption_l_100km"},
    "phev": {
        "displacement_ccm",
        "consumption_l_100km",
        "consumption_discharged_l_100km",
        "energy_kwh_100km",
        "electric_range_km",
        "co2_discharged_g_km",
    },
    "bev": {"energy_kwh_100km", "electric_range_km"},
}
_FUEL_FIELDS = set().union(*_NEEDED.values())
_FUEL_NAMES = {
    "petrol": "a petrol",
    "diesel": "a diesel",
    "phev": "a plug-in hybrid",
    "bev": "a battery-electric",
}


def _check_fuel_figures(fields: Fields, trim: TrimSpec) -> None:
    """Pkw-EnVKV: the figures the CO2 label of this drive needs, and none that do not apply."""
    needed = _NEEDED.get(trim.fuel)
    if needed is None:
        return
    for key in sorted(needed):
        if not fields.present(key):
            fields.problem(key, f"is missing: {_FUEL_NAMES[trim.fuel]} trim needs it")
    for key in sorted(_FUEL_FIELDS - needed):
        if fields.present(key):
            fields.problem(key, f"does not apply to {_FUEL_NAMES[trim.fuel]} trim")
    if trim.fuel == "bev" and trim.co2_g_km:
        fields.problem("co2_g_km", f"{trim.co2_g_km}: a battery-electric trim emits 0 g/km")
    if trim.fuel != "bev" and fields.present("co2_g_km") and not trim.co2_g_km:
        fields.problem("co2_g_km", "0: only a battery-electric trim emits 0 g/km")


def _option(place: str, node: Any, problems: list[FileProblem]) -> OptionSpec:
    fields = Fields(node, place, problems, _OPTION_FIELDS)
    kind = fields.choice("kind", cf.KINDS)
    name_de, name_en = fields.names("name", max_length=120)
    color = fields.text("color", required=False, max_length=7)
    if color and not cf.COLOR_RE.match(color):
        fields.problem("color", f"{color!r} is not a colour like #1a2b3c")
    elif kind == "paint" and not color:
        fields.problem("color", "is missing: a paint needs its colour (#rrggbb)")
    only_on, not_on = fields.codes("only_on"), fields.codes("not_on")
    if only_on is not None and not_on is not None:
        fields.problem("not_on", "cannot be combined with only_on")
    rules = {kind_: codes for kind_ in cf.RULE_KINDS if (codes := fields.codes(kind_))}
    if "includes" in rules and kind and kind != "package":
        fields.problem("includes", f"only a package includes other options, this is {kind}")
    group = fields.text("group", required=False, max_length=40) or None
    return OptionSpec(
        place=place,
        code=fields.pattern("code", cf.CODE_RE, "a code (A-Z, 0-9, - and _)"),
        kind=kind,
        name_de=name_de,
        name_en=name_en,
        price=fields.price("price"),
        group=group,
        color=color.lower(),
        lead_weeks=fields.integer("lead_weeks", required=False) or 0,
        only_on=only_on,
        not_on=not_on,
        rules=rules,
    )
