"""The catalogue file: YAML in, typed specs out, every problem reported with its place.

Pure: no ORM, no I/O beyond the text given. The format is described in
docs/domains/catalog-format.md. YAML numbers are read as Decimal (never float), so figures such
as `consumption_l_100km: 6.4` stay exact; prices must be quoted decimal strings all the same, so
that a price never depends on how a YAML parser reads a number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

from .errors import FileProblem

FORMAT_VERSION = 1
CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,39}$")
SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COLOR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
PRICE_RE = re.compile(r"^-?\d+(\.\d+)?$")
MAX_PRICE = Decimal("99999999.99")  # DecimalField(max_digits=10, decimal_places=2)

BODIES = ("hatchback", "sedan", "estate", "suv", "coupe", "van")
FUELS = ("petrol", "diesel", "phev", "bev")
KINDS = ("equipment", "paint", "wheels", "interior", "package")
CHOICES = ("exactly_one", "at_most_one")
RULE_KINDS = ("requires", "excludes", "includes")


class FileNumber(Decimal):
    """A YAML number with a fraction, read exactly (marks it as written unquoted)."""


class _Loader(yaml.SafeLoader):
    pass


def _construct_number(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> FileNumber:
    text = str(loader.construct_scalar(node)).replace("_", "")
    try:
        return FileNumber(text)
    except InvalidOperation:
        return FileNumber("NaN")


_Loader.add_constructor("tag:yaml.org,2002:float", _construct_number)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_decimal(dumper: yaml.SafeDumper, value: Decimal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:float", str(value))


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(FileNumber, _represent_decimal)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


@dataclass(frozen=True)
class GroupSpec:
    code: str
    name_de: str
    name_en: str
    choice: str


@dataclass(frozen=True)
class TrimSpec:
    place: str
    code: str
    name: str
    fuel: str
    transmission: str
    displacement_ccm: int | None
    power_kw: int
    consumption_l_100km: Decimal | None
    consumption_discharged_l_100km: Decimal | None
    energy_kwh_100km: Decimal | None
    electric_range_km: int | None
    co2_g_km: int
    co2_discharged_g_km: int | None
    net_price: Decimal
    delivery_weeks: int
    defaults: tuple[str, ...]


@dataclass(frozen=True)
class OptionSpec:
    place: str
    code: str
    kind: str
    name_de: str
    name_en: str
    price: Decimal
    group: str | None
    color: str
    lead_weeks: int
    only_on: tuple[str, ...] | None
    not_on: tuple[str, ...] | None
    rules: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def trims(self, all_trims: tuple[str, ...]) -> tuple[str, ...]:
        """The trims this option is limited to; empty means every trim."""
        if self.only_on:
            return self.only_on
        if self.not_on:
            return tuple(code for code in all_trims if code not in self.not_on)
        return ()


@dataclass(frozen=True)
class ModelSpec:
    place: str
    slug: str
    name: str
    body: str
    transfer_cost_net: Decimal
    description_de: str
    description_en: str
    groups: tuple[GroupSpec, ...]
    trims: tuple[TrimSpec, ...]
    options: tuple[OptionSpec, ...]


@dataclass(frozen=True)
class BrandSpec:
    slug: str
    name: str
    models: tuple[ModelSpec, ...]


class Fields:
    """Reads one mapping of the file, noting a problem for every field that is not right."""

    def __init__(self, node: Any, place: str, problems: list[FileProblem], known: set[str]) -> None:
        self.place = place
        self.problems = problems
        self.node: dict[str, Any] = node if isinstance(node, dict) else {}
        if not isinstance(node, dict):
            self.problems.append(FileProblem(place, "must be a mapping of fields"))
        for key in self.node:
            if key not in known:
                self.problem(str(key), "is not a field of the catalogue format")

    def at(self, key: str) -> str:
        return f"{self.place}.{key}" if self.place else key

    def problem(self, key: str, message: str) -> None:
        self.problems.append(FileProblem(self.at(key), message))

    def present(self, key: str) -> bool:
        return self.node.get(key) is not None

    def text(self, key: str, *, required: bool = True, max_length: int = 80) -> str:
        value = self.node.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing")
            return ""
        if not isinstance(value, str) or (required and not value.strip()):
            self.problem(key, f"{value!r} must be a non-empty text")
            return ""
        if len(value) > max_length:
            self.problem(key, f"is {len(value)} characters long, at most {max_length} fit")
            return ""
        return value

    def pattern(self, key: str, regex: re.Pattern[str], what: str) -> str:
        value = self.text(key, max_length=50)
        if value and not regex.match(value):
            self.problem(key, f"{value!r} is not {what}")
        return value

    def choice(self, key: str, choices: tuple[str, ...]) -> str:
        value = self.text(key)
        if value and value not in choices:
            self.problem(key, f"{value!r} is not one of {', '.join(choices)}")
        return value

    def price(self, key: str) -> Decimal:
        """A net EUR amount, written as a quoted decimal string ("1490.00")."""
        value = self.node.get(key)
        if value is None:
            self.problem(key, "is missing")
            return Decimal("0")
        if not isinstance(value, str):
            shown = str(value) if isinstance(value, Decimal | int) else repr(value)
            self.problem(
                key,
                f"{shown} is a YAML number; write prices as quoted decimal strings, e.g. '{shown}'",
            )
            return Decimal("0")
        return self._amount(key, value)

    def _amount(self, key: str, value: str) -> Decimal:
        if not PRICE_RE.match(value.strip()):
            self.problem(key, f"{value!r} is not a decimal amount")
            return Decimal("0")
        amount = Decimal(value.strip())
        if amount < 0:
            self.problem(key, f"{value!r} is negative; prices are zero or more")
        elif amount != amount.quantize(Decimal("0.01")):
            self.problem(key, f"{value!r} has more than two decimal places")
        elif amount > MAX_PRICE:
            self.problem(key, f"{value!r} is too large")
        return amount

    def integer(self, key: str, *, required: bool = True, minimum: int = 0) -> int | None:
        value = self.node.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"{value!r} is not a whole number")
            return None
        if value < minimum:
            self.problem(key, f"{value} is less than {minimum}")
            return None
        return value

    def figure(self, key: str) -> Decimal | None:
        """A WLTP figure with at most one decimal place, below 1000 (l or kWh per 100 km)."""
        value = self.node.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal | str):
            self.problem(key, f"{value!r} is not a number")
            return None
        try:
            number = Decimal(str(value))
        except InvalidOperation:
            number = Decimal("NaN")
        if (
            not number.is_finite()
            or number < 0
            or number >= 1000
            or number != number.quantize(Decimal("0.1"))
        ):
            self.problem(key, f"{value} is not a figure from 0 to 999.9 with one decimal place")
            return None
        return number

    def names(self, key: str, *, required: bool = True, max_length: int = 80) -> tuple[str, str]:
        """A text in German and English: {de: ..., en: ...}."""
        if key not in self.node:
            if required:
                self.problem(key, "is missing")
            return "", ""
        inner = Fields(self.node.get(key), self.at(key), self.problems, {"de", "en"})
        return (
            inner.text("de", required=required, max_length=max_length),
            inner.text("en", required=required, max_length=max_length),
        )

    def codes(self, key: str) -> tuple[str, ...] | None:
        value = self.node.get(key)
        if value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.problem(key, "must be a list of codes")
            return ()
        return tuple(value)

    def items(self, key: str, *, required: bool = True) -> list[tuple[str, Any]]:
        value = self.node.get(key)
        if value is None:
            if required:
                self.problem(key, "is missing")
            return []
        if not isinstance(value, list):
            self.problem(key, "must be a list")
            return []
        return [(f"{self.at(key)}[{index}]", item) for index, item in enumerate(value)]


def load(text: str, problems: list[FileProblem]) -> Any:
    """The YAML document, or None with a problem when it is not YAML."""
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problems.append(FileProblem(place, f"not valid YAML: {getattr(exc, 'problem', exc)}"))
        return None
