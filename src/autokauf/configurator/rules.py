"""The option rules of a model, as a buyer meets them. Pure: works on a ModelSnapshot only.

Semantics (docs/domains/configurator.md):
- an option is offered on a trim when its `only_on` is empty or names the trim;
- a package's contents ("includes") count as selected when the package is selected, and a
  package whose content the trim does not offer cannot be had on that trim;
- "requires": the option needs the target; "excludes": never both (symmetric);
- a group "exactly_one" needs one of its offered members, "at_most_one" allows at most one;
  a group none of whose members the trim offers does not apply to that trim.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from autokauf.catalog import GroupInfo, ModelSnapshot
from autokauf.core.money import Money

from .wording import capitalise, phrase


@dataclass(frozen=True, slots=True)
class Conflict:
    """One broken rule, said so a buyer understands it."""

    kind: str  # not-offered | requires | excludes | group-missing | group-too-many | unknown-option
    options: tuple[str, ...]
    message_de: str
    message_en: str

    def message(self, language: str = "de") -> str:
        return self.message_de if language.startswith("de") else self.message_en

    def to_dict(self, language: str = "de") -> dict[str, Any]:
        return {"kind": self.kind, "options": list(self.options), "message": self.message(language)}


@dataclass(frozen=True, slots=True)
class Resolution:
    """The smallest change that makes a configuration valid."""

    add: tuple[str, ...]
    remove: tuple[str, ...]
    options: tuple[str, ...]  # the resulting valid configuration, as chosen (without contents)
    net_change: Money

    def to_dict(self) -> dict[str, Any]:
        return {
            "add": list(self.add),
            "remove": list(self.remove),
            "options": list(self.options),
            "net_change": self.net_change.as_str(),
        }


def effective(snapshot: ModelSnapshot, options: Iterable[str]) -> frozenset[str]:
    """The chosen options plus, transitively, the contents of every chosen package."""
    return snapshot.with_package_contents(options)


def as_chosen(snapshot: ModelSnapshot, selected: Iterable[str]) -> tuple[str, ...]:
    """The codes a buyer chooses to get `selected`: package contents are left out."""
    full = frozenset(selected)
    contents = _contents(snapshot)
    brought = {t for code in full for t in contents.get(code, ()) if t != code}
    chosen = full - brought
    if effective(snapshot, chosen) != full:  # a cycle of packages: keep everything
        chosen = full
    return tuple(sorted(chosen))


def charged_net(snapshot: ModelSnapshot, options: Iterable[str]) -> Money:
    """Net list price of the options; a package's contents are not charged separately."""
    full = effective(snapshot, options)
    contents = _contents(snapshot)
    brought = {t for code in full for t in contents.get(code, ()) if t != code}
    total = sum(
        (snapshot.options[c].net_price for c in full - brought if c in snapshot.options),
        Decimal("0"),
    )
    return Money(total)


def check(snapshot: ModelSnapshot, trim_code: str, options: Iterable[str]) -> list[Conflict]:
    """Every rule the configuration breaks; an empty list means the car can be built."""
    chosen = list(dict.fromkeys(options))
    conflicts = [_unknown(snapshot, code) for code in chosen if code not in snapshot.options]
    known = [code for code in chosen if code in snapshot.options]
    selected = effective(snapshot, known)
    conflicts += _not_offered(snapshot, trim_code, selected)
    conflicts += _requires(snapshot, trim_code, selected)
    conflicts += _excludes(snapshot, selected)
    for group in snapshot.groups.values():
        conflict = _group(snapshot, trim_code, group, selected)
        if conflict is not None:
            conflicts.append(conflict)
    return conflicts


def _contents(snapshot: ModelSnapshot) -> dict[str, tuple[str, ...]]:
    contents: dict[str, list[str]] = {}
    for rule in snapshot.rules:
        if rule.kind == "includes":
            contents.setdefault(rule.option, []).append(rule.target)
    return {code: tuple(targets) for code, targets in contents.items()}


def _unknown(snapshot: ModelSnapshot, code: str) -> Conflict:
    return Conflict(
        "unknown-option",
        (code,),
        f"Die Option „{code}“ gibt es beim Modell {snapshot.full_name} nicht.",
        f"The {snapshot.full_name} has no option “{code}”.",
    )


def _trim_name(snapshot: ModelSnapshot, trim_code: str) -> str:
    trim = snapshot.trims.get(trim_code)
    return trim.name if trim else trim_code


def _not_offered(
    snapshot: ModelSnapshot, trim_code: str, selected: frozenset[str]
) -> list[Conflict]:
    conflicts = []
    trim = _trim_name(snapshot, trim_code)
    for code in sorted(selected):
        option = snapshot.options.get(code)
        if option is None or option.offered_on(trim_code):
            continue
        words = phrase(option)
        conflicts.append(
            Conflict(
                "not-offered",
                (code,),
                capitalise(
                    f"{words.de()} {'sind' if words.plural else 'ist'} für {trim} nicht erhältlich."
                ),
                capitalise(
                    f"{words.en()} {'are' if words.plural else 'is'} not available for {trim}."
                ),
            )
        )
    return conflicts


def _requires(snapshot: ModelSnapshot, trim_code: str, selected: frozenset[str]) -> list[Conflict]:
    conflicts = []
    for rule in snapshot.rules:
        if rule.kind != "requires" or rule.option not in selected or rule.target in selected:
            continue
        if rule.option not in snapshot.options or rule.target not in snapshot.options:
            continue
        needs, needed = phrase(snapshot.options[rule.option]), phrase(snapshot.options[rule.target])
        verb_de, verb_en = ("erfordern", "require") if needs.plural else ("erfordert", "requires")
        conflicts.append(
            Conflict(
                "requires",
                (rule.option, rule.target),
                capitalise(f"{needs.de()} {verb_de} {needed.de('acc')}."),
                capitalise(f"{needs.en()} {verb_en} {needed.en()}."),
            )
        )
    return conflicts


def _excludes(snapshot: ModelSnapshot, selected: frozenset[str]) -> list[Conflict]:
    conflicts = []
    for rule in snapshot.rules:
        if rule.kind != "excludes" or rule.option not in selected or rule.target not in selected:
            continue
        one, other = phrase(snapshot.options[rule.option]), phrase(snapshot.options[rule.target])
        verb_de = "sind" if one.plural else "ist"
        conflicts.append(
            Conflict(
                "excludes",
                (rule.option, rule.target),
                capitalise(f"{one.de()} {verb_de} nicht mit {other.de('dat')} kombinierbar."),
                capitalise(f"{one.en()} cannot be combined with {other.en()}."),
            )
        )
    return conflicts


def _group(
    snapshot: ModelSnapshot, trim_code: str, group: GroupInfo, selected: frozenset[str]
) -> Conflict | None:
    offered = [c for c in group.options if snapshot.options[c].offered_on(trim_code)]
    if not offered:
        return None
    chosen = tuple(c for c in group.options if c in selected)
    if group.choice == "exactly_one" and not chosen:
        return Conflict(
            "group-missing",
            tuple(offered),
            f"Bitte wählen Sie eine Option unter „{group.name_de}“.",
            f"Please choose one option under “{group.name_en}”.",
        )
    if len(chosen) > 1:
        names_de = " und ".join(snapshot.options[c].name_de for c in chosen)
        names_en = " and ".join(snapshot.options[c].name_en for c in chosen)
        return Conflict(
            "group-too-many",
            chosen,
            f"Unter „{group.name_de}“ ist nur eine Auswahl möglich, gewählt sind {names_de}.",
            f"Only one choice is possible under “{group.name_en}”; chosen are {names_en}.",
        )
    return None
