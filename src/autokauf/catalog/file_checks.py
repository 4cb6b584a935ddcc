"""Cross-checks of one model in the catalogue file (pure): codes that must exist, defaults that
must form a valid configuration."""

from __future__ import annotations

from collections import Counter

from .catalogue_file import ModelSpec, OptionSpec, TrimSpec
from .errors import FileProblem


def check_unique(placed: list[tuple[str, str]], what: str, problems: list[FileProblem]) -> None:
    """Every value after its first occurrence is a duplicate."""
    first: dict[str, str] = {}
    for place, value in placed:
        if not value:
            continue
        if value in first:
            problems.append(
                FileProblem(place, f"duplicate {what} {value!r} (first at {first[value]})")
            )
        else:
            first[value] = place


def check_model(model: ModelSpec, problems: list[FileProblem]) -> None:
    check_unique([(f"{o.place}.code", o.code) for o in model.options], "option code", problems)
    trim_codes = {t.code for t in model.trims}
    group_codes = {g.code for g in model.groups}
    option_codes = {o.code for o in model.options}
    for option in model.options:
        _check_option_references(option, trim_codes, group_codes, option_codes, problems)
    for trim in model.trims:
        _check_defaults(model, trim, option_codes, problems)


def _check_option_references(
    option: OptionSpec,
    trims: set[str],
    groups: set[str],
    options: set[str],
    problems: list[FileProblem],
) -> None:
    if option.group and option.group not in groups:
        problems.append(FileProblem(f"{option.place}.group", f"unknown group {option.group!r}"))
    for key, codes in (("only_on", option.only_on), ("not_on", option.not_on)):
        for index, code in enumerate(codes or ()):
            if code not in trims:
                problems.append(
                    FileProblem(f"{option.place}.{key}[{index}]", f"unknown trim {code!r}")
                )
    for kind, targets in option.rules.items():
        for index, target in enumerate(targets):
            place = f"{option.place}.{kind}[{index}]"
            if target not in options:
                problems.append(FileProblem(place, f"unknown option {target!r}"))
            elif target == option.code:
                problems.append(FileProblem(place, f"{target!r} cannot {kind[:-1]} itself"))


def _offered(option: OptionSpec, trim: TrimSpec, all_trims: tuple[str, ...]) -> bool:
    limited = option.trims(all_trims)
    return not limited or trim.code in limited


def _check_defaults(
    model: ModelSpec, trim: TrimSpec, option_codes: set[str], problems: list[FileProblem]
) -> None:
    """A trim's defaults are the configuration a buyer starts with, so they must be valid."""
    place = f"{trim.place}.defaults"
    by_code = {o.code: o for o in model.options}
    all_trims = tuple(t.code for t in model.trims)
    for index, code in enumerate(trim.defaults):
        if code not in option_codes:
            problems.append(FileProblem(f"{place}[{index}]", f"unknown option {code!r}"))
        elif not _offered(by_code[code], trim, all_trims):
            problems.append(
                FileProblem(f"{place}[{index}]", f"{code!r} is not offered on {trim.code}")
            )
    chosen = {code for code in trim.defaults if code in by_code}
    chosen |= {t for code in list(chosen) for t in by_code[code].rules.get("includes", ())}
    _check_default_groups(model, trim, chosen, by_code, problems)
    for code in sorted(chosen):
        option = by_code.get(code)
        for target in option.rules.get("requires", ()) if option else ():
            if target in by_code and target not in chosen:
                problems.append(
                    FileProblem(place, f"{code!r} requires {target!r}, which is missing")
                )
        for target in option.rules.get("excludes", ()) if option else ():
            if target in chosen:
                problems.append(FileProblem(place, f"{code!r} and {target!r} exclude each other"))


def _check_default_groups(
    model: ModelSpec,
    trim: TrimSpec,
    chosen: set[str],
    by_code: dict[str, OptionSpec],
    problems: list[FileProblem],
) -> None:
    place = f"{trim.place}.defaults"
    counts = Counter(by_code[code].group for code in chosen if code in by_code)
    for group in model.groups:
        count = counts.get(group.code, 0)
        if group.choice == "exactly_one" and count != 1:
            problems.append(
                FileProblem(
                    place, f"group {group.code} needs exactly one default option, has {count}"
                )
            )
        elif group.choice == "at_most_one" and count > 1:
            problems.append(
                FileProblem(place, f"group {group.code} allows at most one option, has {count}")
            )
