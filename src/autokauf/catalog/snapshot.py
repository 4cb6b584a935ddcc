"""An immutable, in-memory picture of one model's catalogue.

The configurator and the quote work on this picture, never on the ORM, so their rules stay pure
and fast. `catalog.selectors.model_snapshot` builds it and caches it per catalogue revision.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class OptionInfo:
    code: str
    kind: str
    name_de: str
    name_en: str
    net_price: Decimal
    group: str | None = None
    color_hex: str = ""
    lead_weeks: int = 0
    only_on: frozenset[str] = frozenset()  # trim codes; empty = every trim

    def name(self, language: str = "de") -> str:
        return self.name_de if language.startswith("de") else self.name_en

    def offered_on(self, trim_code: str) -> bool:
        return not self.only_on or trim_code in self.only_on


@dataclass(frozen=True, slots=True)
class GroupInfo:
    code: str
    name_de: str
    name_en: str
    choice: str  # "exactly_one" | "at_most_one"
    options: tuple[str, ...]

    def name(self, language: str = "de") -> str:
        return self.name_de if language.startswith("de") else self.name_en


@dataclass(frozen=True, slots=True)
class RuleInfo:
    kind: str  # "requires" | "excludes" | "includes"
    option: str
    target: str


@dataclass(frozen=True, slots=True)
class TrimInfo:
    code: str
    name: str
    fuel: str  # petrol | diesel | phev | bev
    power_kw: int
    net_price: Decimal
    co2_g_km: int
    displacement_ccm: int | None = None
    transmission: str = ""
    consumption_l_100km: Decimal | None = None
    consumption_discharged_l_100km: Decimal | None = None
    energy_kwh_100km: Decimal | None = None
    electric_range_km: int | None = None
    co2_discharged_g_km: int | None = None
    delivery_weeks: int = 12
    defaults: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ModelSnapshot:
    slug: str
    brand: str
    name: str
    body: str
    transfer_cost_net: Decimal
    revision: int
    trims: dict[str, TrimInfo]
    options: dict[str, OptionInfo]
    groups: dict[str, GroupInfo]
    rules: tuple[RuleInfo, ...] = field(default=())
    brand_slug: str = ""
    _contents: dict[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        contents: dict[str, list[str]] = {}
        for rule in self.rules:
            if rule.kind == "includes":
                contents.setdefault(rule.option, []).append(rule.target)
        object.__setattr__(self, "_contents", {k: tuple(v) for k, v in contents.items()})

    @property
    def full_name(self) -> str:
        return f"{self.brand} {self.name}"

    def offered(self, trim_code: str) -> list[OptionInfo]:
        """The options a buyer can choose on this trim, in catalogue order."""
        return [o for o in self.options.values() if o.offered_on(trim_code)]

    def package_contents(self, package_code: str) -> tuple[str, ...]:
        return self._contents.get(package_code, ())

    def with_package_contents(self, options: Iterable[str]) -> frozenset[str]:
        """The options plus, transitively, the contents of every package among them."""
        found = set(options)
        todo = list(found)
        while todo:
            for target in self._contents.get(todo.pop(), ()):
                if target not in found:
                    found.add(target)
                    todo.append(target)
        return frozenset(found)
