"""The built-in insurer's tables, read from YAML files that ship in insurance/data/.

settings.INSURANCE_TABLES_DIR points elsewhere to rate with other tables (same three files).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

import yaml
from django.conf import settings

DATA_DIR = Path(__file__).parent / "data"
COVERS = ("liability", "partial", "comprehensive")


@dataclass(frozen=True)
class TypeClasses:
    liability: int
    partial: int
    comprehensive: int

    def of(self, part: str) -> int:
        return int(getattr(self, part))


@dataclass(frozen=True)
class Tariff:
    insurance_tax_rate: Decimal  # percent
    base_premium: dict[str, Decimal]
    type_class_factor: dict[str, dict[int, Decimal]]
    regional_class_factor: dict[str, dict[int, Decimal]]
    no_claims_percent: dict[int, Decimal]
    driver_age: tuple[tuple[int, Decimal], ...]  # (from age, factor), ascending
    yearly_km: tuple[tuple[int, Decimal], ...]  # (up to km, factor), ascending
    deductible: dict[str, dict[int, Decimal]]
    garage: dict[str, Decimal]
    type_classes: dict[str, TypeClasses]
    regions: tuple[tuple[int, int, TypeClasses], ...]  # (from, to, regional classes)


def _decimals(mapping: dict) -> dict:
    return {int(key): Decimal(str(value)) for key, value in mapping.items()}


def _per_cover(mapping: dict) -> dict[str, dict[int, Decimal]]:
    return {cover: _decimals(mapping[cover]) for cover in mapping}


def parse_tables(tariff: dict, type_classes: dict, regions: list) -> Tariff:
    return Tariff(
        insurance_tax_rate=Decimal(str(tariff["insurance_tax_rate"])),
        base_premium={cover: Decimal(str(v)) for cover, v in tariff["base_premium"].items()},
        type_class_factor=_per_cover(tariff["type_class_factor"]),
        regional_class_factor=_per_cover(tariff["regional_class_factor"]),
        no_claims_percent=_decimals(tariff["no_claims_percent"]),
        driver_age=tuple((int(r["from"]), Decimal(str(r["factor"]))) for r in tariff["driver_age"]),
        yearly_km=tuple((int(r["up_to"]), Decimal(str(r["factor"]))) for r in tariff["yearly_km"]),
        deductible=_per_cover(tariff["deductible"]),
        garage={cover: Decimal(str(v)) for cover, v in tariff["garage"].items()},
        type_classes={slug: TypeClasses(**classes) for slug, classes in type_classes.items()},
        regions=tuple(
            (
                int(r["from"]),
                int(r["to"]),
                TypeClasses(r["liability"], r["partial"], r["comprehensive"]),
            )
            for r in regions
        ),
    )


@lru_cache(maxsize=4)
def _load(directory: str) -> Tariff:
    def read(name: str):
        return yaml.safe_load((Path(directory) / name).read_text(encoding="utf-8"))

    return parse_tables(
        read("tariff.yaml"), read("type-classes.yaml"), read("regional-classes.yaml")
    )


def current_tariff() -> Tariff:
    return _load(str(getattr(settings, "INSURANCE_TABLES_DIR", DATA_DIR)))
