"""Reads: validating, toggling and quoting a configuration, and reopening a saved one."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import segno
from django.utils.translation import get_language

from autokauf import catalog, pricing
from autokauf.catalog import ModelSnapshot
from autokauf.core import clock
from autokauf.core.errors import NotFound

from . import changes as diff
from .errors import InvalidConfiguration, UnknownConfiguration
from .models import CODE_ALPHABET, CODE_LENGTH, SavedConfiguration
from .rules import Conflict, Resolution, as_chosen, check, effective
from .solver import resolve
from .wording import capitalise, phrase

if TYPE_CHECKING:
    from autokauf.pricing import Quote


@dataclass(frozen=True)
class Validation:
    valid: bool
    conflicts: list[Conflict]
    resolution: Resolution | None
    options: tuple[str, ...] = ()  # the configuration this is about (after the click, for a toggle)

    def to_dict(self, language: str = "de") -> dict[str, Any]:
        return {
            "valid": self.valid,
            "conflicts": [c.to_dict(language) for c in self.conflicts],
            "resolution": self.resolution.to_dict() if self.resolution else None,
            "options": list(self.options),
        }


@dataclass(frozen=True)
class Reopened:
    saved: SavedConfiguration
    quote: Quote | None
    changes: list[diff.Change] = field(default_factory=list)


def language() -> str:
    return (get_language() or "de")[:2]


def validate_configuration(
    *, trim: str, options: Iterable[str], keep: str | None = None
) -> Validation:
    """The rules' verdict on a configuration and, when it breaks one, the smallest repair."""
    snapshot, trim_code = catalog.snapshot_for_trim(trim)
    return _validate(snapshot, trim_code, list(dict.fromkeys(options)), keep=keep)


def _validate(
    snapshot: ModelSnapshot,
    trim_code: str,
    chosen: list[str],
    *,
    keep: str | None = None,
    drop: str | None = None,
) -> Validation:
    conflicts = check(snapshot, trim_code, chosen)
    if drop is not None and drop in effective(snapshot, chosen):
        conflicts.append(_brought_by_package(snapshot, chosen, drop))
    if not conflicts:
        return Validation(True, [], None, tuple(sorted(chosen)))
    resolution = resolve(snapshot, trim_code, chosen, keep=keep, drop=drop)
    return Validation(False, conflicts, resolution, tuple(sorted(chosen)))


def _brought_by_package(snapshot: ModelSnapshot, chosen: list[str], code: str) -> Conflict:
    package = next(
        r.option
        for r in snapshot.rules
        if r.kind == "includes" and r.target == code and r.option in chosen
    )
    holder, content = phrase(snapshot.options[package]), phrase(snapshot.options[code])
    return Conflict(
        "requires",
        (package, code),
        capitalise(f"{holder.de()} enthält {content.de('acc')}."),
        capitalise(f"{holder.en()} includes {content.en()}."),
    )


def toggle_option(*, trim: str, options: Iterable[str], code: str) -> Validation:
    """The buyer clicked `code`: select it if absent, deselect it if present.

    Selecting a group member replaces the group's other members; clicking the chosen member of an
    "exactly one" group keeps it, as a radio button does.
    """
    snapshot, trim_code = catalog.snapshot_for_trim(trim)
    chosen = list(dict.fromkeys(options))
    option = snapshot.options.get(code)
    group = snapshot.groups.get(option.group) if option and option.group else None
    if code in effective(snapshot, chosen):
        if group is not None and group.choice == "exactly_one":
            return _validate(snapshot, trim_code, chosen)
        return _validate(snapshot, trim_code, [c for c in chosen if c != code], drop=code)
    members = set(group.options) if group else set()
    return _validate(
        snapshot, trim_code, [c for c in chosen if c not in members] + [code], keep=code
    )


def priced_options(snapshot: ModelSnapshot, options: Iterable[str]) -> tuple[str, ...]:
    """The options as the buyer chooses them: package contents are not listed separately."""
    return as_chosen(snapshot, effective(snapshot, options))


def quote_configuration(*, trim: str, options: Iterable[str], country: str = "DE") -> Quote:
    """The full price of a valid configuration; refuses one that breaks the rules."""
    snapshot, trim_code = catalog.snapshot_for_trim(trim)
    chosen = list(dict.fromkeys(options))
    validation = _validate(snapshot, trim_code, chosen)
    if not validation.valid:
        raise invalid(validation)
    return pricing.price_configuration(
        snapshot,
        trim_code,
        priced_options(snapshot, chosen),
        country=country,
        today=clock.today_berlin(),
    )


def invalid(validation: Validation) -> InvalidConfiguration:
    lang = language()
    return InvalidConfiguration(
        " ".join(c.message(lang) for c in validation.conflicts),
        extra={
            "conflicts": [c.to_dict(lang) for c in validation.conflicts],
            "resolution": validation.resolution.to_dict() if validation.resolution else None,
        },
    )


def normalise_code(code: str) -> str:
    return code.strip().upper().replace("-", "").replace(" ", "")


def get_saved(code: str) -> SavedConfiguration:
    wanted = normalise_code(code)
    valid = len(wanted) == CODE_LENGTH and set(wanted) <= set(CODE_ALPHABET)
    saved = SavedConfiguration.objects.filter(code=wanted).first() if valid else None
    if saved is None:
        raise UnknownConfiguration(f"There is no saved configuration '{code}'.")
    return saved


def reopen_configuration(code: str) -> Reopened:
    """A saved configuration with today's quote and what changed since it was saved."""
    saved = get_saved(code)
    try:
        snapshot = catalog.model_snapshot(saved.model_slug)
    except NotFound:  # the model left the catalogue
        return Reopened(saved, None, [diff.trim_withdrawn(saved.trim_code, saved.quote)])
    if saved.trim_code not in snapshot.trims:
        return Reopened(saved, None, [diff.trim_withdrawn(saved.trim_code, saved.quote)])
    withdrawn = diff.options_withdrawn(snapshot, saved.trim_code, saved.options, saved.quote)
    if withdrawn:
        return Reopened(saved, None, withdrawn)
    conflicts = check(snapshot, saved.trim_code, saved.options)
    if conflicts:
        return Reopened(saved, None, diff.rules_changed(conflicts))
    quote = pricing.price_configuration(
        snapshot,
        saved.trim_code,
        priced_options(snapshot, saved.options),
        country=saved.country,
        today=clock.today_berlin(),
    )
    return Reopened(
        saved, quote, diff.price_changes(snapshot, saved.trim_code, saved.quote, quote.to_dict())
    )


def configuration_qr_svg(code: str, url: str) -> str:
    """The address of a saved configuration as a QR code: a complete SVG document (with its
    namespace, so it works as a file and inline), to open the configuration on a phone."""
    qr = segno.make(url, error="m")
    buffer = io.BytesIO()
    qr.save(
        buffer,
        kind="svg",
        scale=4,
        xmldecl=False,
        svgns=True,
        title=f"Konfiguration {code} / Configuration {code}",
    )
    return buffer.getvalue().decode()
