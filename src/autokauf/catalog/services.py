"""Writes to the catalogue: importing the catalogue file, loading the demo catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.db import models as dj
from django.db import transaction

from . import models, revision
from .catalogue_file import ModelSpec, OptionSpec, TrimSpec
from .errors import CatalogueFileInvalid, FileProblem
from .export import export_catalogue
from .file_parse import read_catalogue

DEMO_CATALOGUE_PATH = Path(__file__).resolve().parent / "data" / "demo-catalogue.yaml"

__all__ = [
    "DEMO_CATALOGUE_PATH",
    "ImportReport",
    "export_catalogue",
    "import_catalogue",
    "load_demo_catalogue_if_empty",
]

Row = TypeVar("Row", bound=dj.Model)


@dataclass(frozen=True)
class ImportReport:
    """What the file held and what the import changed (rows created, updated, removed)."""

    brands: int
    models: int
    trims: int
    options: int
    rules: int
    created: int
    updated: int
    removed: int
    revision: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.removed)


@dataclass
class _Tally:
    created: int = 0
    updated: int = 0
    removed: int = 0


def import_catalogue(source: str | bytes | Path) -> ImportReport:
    """Import a catalogue file (YAML text, bytes or a path): the whole file or nothing.

    Brands, models, trims and options are matched by slug or code and updated in place; trims,
    groups, options and rules of an imported model that the file no longer lists are removed.
    Models the file does not mention stay as they are.
    """
    brands, problems = read_catalogue(_text_of(source))
    if problems:
        raise CatalogueFileInvalid(problems)
    tally = _Tally()
    with transaction.atomic():
        for brand_spec in brands:
            brand = _put(
                models.Brand.objects.filter(slug=brand_spec.slug).first(),
                models.Brand,
                {"slug": brand_spec.slug, "name": brand_spec.name},
                tally,
            )
            for position, model_spec in enumerate(brand_spec.models, start=1):
                _write_model(brand, model_spec, position, tally)
    every_model = [m for b in brands for m in b.models]
    return ImportReport(
        brands=len(brands),
        models=len(every_model),
        trims=sum(len(m.trims) for m in every_model),
        options=sum(len(m.options) for m in every_model),
        rules=sum(len(t) for m in every_model for o in m.options for t in o.rules.values()),
        created=tally.created,
        updated=tally.updated,
        removed=tally.removed,
        revision=revision.current(),
    )


def load_demo_catalogue_if_empty() -> bool:
    """Load the demo catalogue when there is no model yet; True when it was loaded."""
    if models.CarModel.objects.exists():
        return False
    import_catalogue(DEMO_CATALOGUE_PATH)
    return True


def _text_of(source: str | bytes | Path) -> str:
    if isinstance(source, Path):
        source = source.read_bytes()
    if isinstance(source, bytes):
        try:
            return source.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise CatalogueFileInvalid([FileProblem("", f"not UTF-8 text: {exc}")]) from None
    return source


def _put(row: Row | None, cls: type[Row], values: dict[str, Any], tally: _Tally) -> Row:
    """Create the row, or update only the fields that differ (no write when nothing does)."""
    if row is None:
        tally.created += 1
        return cls._default_manager.create(**values)
    changed = [name for name, value in values.items() if getattr(row, name) != value]
    if changed:
        for name in changed:
            setattr(row, name, values[name])
        row.save(update_fields=changed)
        tally.updated += 1
    return row


def _write_model(brand: models.Brand, spec: ModelSpec, position: int, tally: _Tally) -> None:
    car_model = _put(
        models.CarModel.objects.filter(slug=spec.slug).first(),
        models.CarModel,
        {
            "brand_id": brand.pk,
            "slug": spec.slug,
            "name": spec.name,
            "body": spec.body,
            "transfer_cost_net": spec.transfer_cost_net,
            "description_de": spec.description_de,
            "description_en": spec.description_en,
            "position": position,
        },
        tally,
    )
    groups = {g.code: g for g in car_model.groups.all()}
    for group in spec.groups:
        groups[group.code] = _put(
            groups.get(group.code),
            models.OptionGroup,
            {
                "model_id": car_model.pk,
                "code": group.code,
                "name_de": group.name_de,
                "name_en": group.name_en,
                "choice": group.choice,
            },
            tally,
        )
    trims = _write_trims(car_model, spec.trims, tally)
    options = _write_options(car_model, spec.options, groups, tally)
    _write_offers(spec, trims, options, tally)
    _write_rules(car_model, spec.options, options, tally)
    _remove_missing(car_model.options.exclude(code__in=[o.code for o in spec.options]), tally)
    _remove_missing(car_model.trims.exclude(code__in=[t.code for t in spec.trims]), tally)
    _remove_missing(car_model.groups.exclude(code__in=[g.code for g in spec.groups]), tally)


def _write_trims(
    car_model: models.CarModel, specs: tuple[TrimSpec, ...], tally: _Tally
) -> dict[str, models.Trim]:
    existing = {t.code: t for t in models.Trim.objects.filter(code__in=[s.code for s in specs])}
    written = {}
    for position, spec in enumerate(specs, start=1):
        written[spec.code] = _put(
            existing.get(spec.code),
            models.Trim,
            {
                "model_id": car_model.pk,
                "code": spec.code,
                "name": spec.name,
                "fuel": spec.fuel,
                "transmission": spec.transmission,
                "displacement_ccm": spec.displacement_ccm,
                "power_kw": spec.power_kw,
                "consumption_l_100km": spec.consumption_l_100km,
                "consumption_discharged_l_100km": spec.consumption_discharged_l_100km,
                "energy_kwh_100km": spec.energy_kwh_100km,
                "electric_range_km": spec.electric_range_km,
                "co2_g_km": spec.co2_g_km,
                "co2_discharged_g_km": spec.co2_discharged_g_km,
                "net_price": spec.net_price,
                "delivery_weeks": spec.delivery_weeks,
                "position": position,
            },
            tally,
        )
    return written


def _write_options(
    car_model: models.CarModel,
    specs: tuple[OptionSpec, ...],
    groups: dict[str, models.OptionGroup],
    tally: _Tally,
) -> dict[str, models.Option]:
    existing = {o.code: o for o in car_model.options.all()}
    written = {}
    for position, spec in enumerate(specs, start=1):
        group = groups.get(spec.group) if spec.group else None
        written[spec.code] = _put(
            existing.get(spec.code),
            models.Option,
            {
                "model_id": car_model.pk,
                "code": spec.code,
                "kind": spec.kind,
                "name_de": spec.name_de,
                "name_en": spec.name_en,
                "net_price": spec.price,
                "group_id": group.pk if group else None,
                "color_hex": spec.color,
                "lead_weeks": spec.lead_weeks,
                "position": position,
            },
            tally,
        )
    return written


def _write_offers(
    spec: ModelSpec,
    trims: dict[str, models.Trim],
    options: dict[str, models.Option],
    tally: _Tally,
) -> None:
    """Which trims each option is limited to, and each trim's default options."""
    all_trims = tuple(t.code for t in spec.trims)
    offered = _current_pairs(
        models.Option.trims.through, "option_id", "trim_id", [o.pk for o in options.values()]
    )
    for option_spec in spec.options:
        option = options[option_spec.code]
        wanted = {trims[code].pk for code in option_spec.trims(all_trims)}
        if offered.get(option.pk, set()) != wanted:
            option.trims.set(wanted)
            tally.updated += 1
    defaults = _current_pairs(
        models.Trim.default_options.through, "trim_id", "option_id", [t.pk for t in trims.values()]
    )
    for trim_spec in spec.trims:
        trim = trims[trim_spec.code]
        wanted = {options[code].pk for code in trim_spec.defaults}
        if defaults.get(trim.pk, set()) != wanted:
            trim.default_options.set(wanted)
            tally.updated += 1


def _current_pairs(
    through: type[dj.Model], left: str, right: str, ids: list[int]
) -> dict[int, set[int]]:
    pairs: dict[int, set[int]] = {}
    for a, b in through._default_manager.filter(**{f"{left}__in": ids}).values_list(left, right):
        pairs.setdefault(a, set()).add(b)
    return pairs


def _write_rules(
    car_model: models.CarModel,
    specs: tuple[OptionSpec, ...],
    options: dict[str, models.Option],
    tally: _Tally,
) -> None:
    existing = {(r.kind, r.option_id, r.target_id): r for r in car_model.rules.all()}
    wanted = {
        (kind, options[spec.code].pk, options[target].pk)
        for spec in specs
        for kind, targets in spec.rules.items()
        for target in targets
    }
    for key in sorted(wanted - existing.keys()):
        models.Rule.objects.create(model=car_model, kind=key[0], option_id=key[1], target_id=key[2])
        tally.created += 1
    for key in existing.keys() - wanted:
        existing[key].delete()
        tally.removed += 1


def _remove_missing(rows: dj.QuerySet[Any], tally: _Tally) -> None:
    for row in rows:
        row.delete()
        tally.removed += 1
