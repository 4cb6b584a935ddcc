"""What changed since a configuration was saved, said to the buyer. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from autokauf.catalog import ModelSnapshot
from autokauf.core.money import Money

from .rules import Conflict
from .wording import Phrase, capitalise, phrase, unnamed

TRANSFER = "transfer-costs"


@dataclass(frozen=True, slots=True)
class Change:
    kind: str  # price | option-withdrawn | trim-withdrawn | total | rule-changed
    subject: str
    before: str | None
    after: str | None
    message_de: str
    message_en: str

    def message(self, language: str = "de") -> str:
        return self.message_de if language.startswith("de") else self.message_en

    def to_dict(self, language: str = "de") -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "before": self.before,
            "after": self.after,
            "message": self.message(language),
        }


def trim_withdrawn(trim_code: str, saved_quote: dict[str, Any]) -> Change:
    name = _saved_names(saved_quote).get(trim_code, trim_code)
    return Change(
        "trim-withdrawn",
        trim_code,
        name,
        None,
        f"Die Ausstattungslinie {name} wird nicht mehr angeboten.",
        f"The {name} trim is no longer offered.",
    )


def options_withdrawn(
    snapshot: ModelSnapshot, trim_code: str, options: list[str], saved_quote: dict[str, Any]
) -> list[Change]:
    names = _saved_names(saved_quote)
    changes = []
    for code in options:
        option = snapshot.options.get(code)
        if option is not None and option.offered_on(trim_code):
            continue
        words: Phrase = (
            phrase(option) if option else unnamed(names.get(code, code), names.get(code, code))
        )
        verb = "werden" if words.plural else "wird"
        changes.append(
            Change(
                "option-withdrawn",
                code,
                code,
                None,
                capitalise(
                    f"{words.de()} {verb} für diese Ausstattungslinie nicht mehr angeboten."
                ),
                capitalise(
                    f"{words.en()} {'are' if words.plural else 'is'} no longer offered "
                    "for this trim."
                ),
            )
        )
    return changes


def rules_changed(conflicts: list[Conflict]) -> list[Change]:
    return [
        Change("rule-changed", ",".join(c.options), None, None, c.message_de, c.message_en)
        for c in conflicts
    ]


def price_changes(
    snapshot: ModelSnapshot, trim_code: str, saved_quote: dict[str, Any], current: dict[str, Any]
) -> list[Change]:
    """One change per line whose net price moved, then the transfer costs and the total."""
    before, after = _line_prices(saved_quote), _line_prices(current)
    changes = []
    for code, old in before.items():
        new = after.get(code)
        if new is not None and new != old:
            name_de, name_en = _names(snapshot, trim_code, code)
            changes.append(_price_change("price", code, old, new, name_de, name_en, net=True))
    if Decimal(saved_quote["total"]) != Decimal(current["total"]):
        changes.append(
            _price_change(
                "total",
                "total",
                saved_quote["total"],
                current["total"],
                "Gesamtpreis",
                "Total price",
                net=False,
            )
        )
    return changes


def _line_prices(quote: dict[str, Any]) -> dict[str, str]:
    prices = {line["code"]: line["net"] for line in quote.get("lines", ())}
    prices[TRANSFER] = quote["transfer_costs"]
    return prices


def _saved_names(quote: dict[str, Any]) -> dict[str, str]:
    names = {line["code"]: line["name"] for line in quote.get("lines", ())}
    trim = quote.get("trim")
    if isinstance(trim, str) and trim not in names:
        names[trim] = trim
    return names


def _names(snapshot: ModelSnapshot, trim_code: str, code: str) -> tuple[str, str]:
    if code == TRANSFER:
        return "Überführung", "Transfer to the dealer"
    if code == trim_code and code in snapshot.trims:
        name = f"{snapshot.full_name} {snapshot.trims[code].name}"
        return name, name
    option = snapshot.options.get(code)
    return (option.name_de, option.name_en) if option else (code, code)


def _price_change(
    kind: str, subject: str, old: str, new: str, name_de: str, name_en: str, *, net: bool
) -> Change:
    before, after = Money.of(old), Money.of(new)
    suffix_de, suffix_en = (" (netto)", " (net)") if net else ("", "")
    return Change(
        kind,
        subject,
        before.as_str(),
        after.as_str(),
        f"{name_de}: jetzt {after.format('de')} statt {before.format('de')}{suffix_de}.",
        f"{name_en}: now {after.format('en')} instead of {before.format('en')}{suffix_en}.",
    )
