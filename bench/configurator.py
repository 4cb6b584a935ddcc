"""Configurator latency: validate + quote, and a click that needs a MaxSAT repair.

Runs stand-alone against a temporary SQLite database:

    .venv/bin/python bench/configurator.py [--runs 400]

Measured from a warm cache (snapshot and compiled CNF built by a first pass), on
  - the largest model of the demo catalogue (by option count), on its richest trim;
  - a generated model of 1,000 options and 3,000 rules (groups, requires, excludes, includes),
    satisfiable by construction (every rule is drawn to hold for a hidden configuration).
Prints one JSON summary. Targets: p95 below 5 ms (demo) and below 50 ms (generated).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def setup_django(data_dir: str) -> None:
    os.environ["AUTOKAUF_DATA_DIR"] = data_dir
    os.environ.pop("DATABASE_URL", None)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autokauf.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(ordered[-1], 3),
        "n": len(ordered),
    }


def timed(action: Callable[[], Any], runs: int) -> dict[str, float]:
    action()  # warm
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def validate_and_quote(trim: str, options: list[str]) -> None:
    """What POST /api/v1/quotes does: validate, then price on today's date."""
    from autokauf import catalog, pricing
    from autokauf.configurator import validate_configuration
    from autokauf.core import clock

    validation = validate_configuration(trim=trim, options=options)
    assert validation.valid, validation.conflicts
    snapshot, trim_code = catalog.snapshot_for_trim(trim)
    pricing.price_configuration(
        snapshot, trim_code, options, country="DE", today=clock.today_berlin()
    )


def valid_configurations(trim: str, count: int, rng: random.Random) -> list[list[str]]:
    """Configurations a buyer reaches by clicking from the defaults and accepting each repair."""
    from autokauf import catalog
    from autokauf.configurator import toggle_option

    snapshot, _ = catalog.snapshot_for_trim(trim)
    offered = [o.code for o in snapshot.offered(trim)]
    current = list(snapshot.trims[trim].defaults)
    found = [current]
    while len(found) < count:
        validation = toggle_option(trim=trim, options=current, code=rng.choice(offered))
        if validation.valid:
            current = list(validation.options)
        elif validation.resolution is not None:
            current = list(validation.resolution.options)
        found.append(current)
    return found


def repair_clicks(trim: str, configurations: list[list[str]]) -> list[tuple[list[str], str]]:
    """(configuration, clicked option) pairs whose click breaks a rule and has a repair."""
    from autokauf import catalog
    from autokauf.configurator import toggle_option

    snapshot, _ = catalog.snapshot_for_trim(trim)
    offered = [o.code for o in snapshot.offered(trim)]
    clicks = []
    for options in configurations:
        for code in offered:
            if code in options:
                continue
            validation = toggle_option(trim=trim, options=options, code=code)
            if (
                validation.resolution is not None
                and validation.resolution.add + validation.resolution.remove
            ):
                clicks.append((options, code))
                break
    return clicks


def measure(trim: str, runs: int, rng: random.Random) -> dict[str, Any]:
    from autokauf.configurator import toggle_option, validate_configuration

    configurations = valid_configurations(trim, 40, rng)
    cycle = iter(range(10**9))

    def quote_one() -> None:
        validate_and_quote(trim, configurations[next(cycle) % len(configurations)])

    def validate_one() -> None:
        options = configurations[next(cycle) % len(configurations)]
        assert validate_configuration(trim=trim, options=options).valid

    clicks = repair_clicks(trim, configurations)
    result: dict[str, Any] = {
        "validate_and_quote": timed(quote_one, runs),
        "validate_only": timed(validate_one, runs),
    }
    if clicks:

        def toggle_one() -> None:
            options, code = clicks[next(cycle) % len(clicks)]
            validation = toggle_option(trim=trim, options=options, code=code)
            assert validation.resolution is not None

        result["toggle_with_maxsat_repair"] = timed(toggle_one, runs)
        result["repair_clicks_sampled"] = len(clicks)
    return result


def bench_demo(runs: int, rng: random.Random) -> dict[str, Any]:
    from autokauf import catalog

    if not catalog.DEMO_CATALOGUE_PATH.exists():
        return {"skipped": f"no demo catalogue at {catalog.DEMO_CATALOGUE_PATH}"}
    catalog.import_catalogue(catalog.DEMO_CATALOGUE_PATH)
    snapshots = [catalog.model_snapshot(m.slug) for m in catalog.model_range()]
    largest = max(snapshots, key=lambda s: len(s.options))
    trim = max(largest.trims, key=lambda t: len(largest.offered(t)))
    return {
        "model": largest.slug,
        "trim": trim,
        "options": len(largest.options),
        "offered_on_trim": len(largest.offered(trim)),
        "rules": len(largest.rules),
        "target_p95_ms": 5,
        **measure(trim, runs, rng),
    }


def generated_catalogue(rng: random.Random, options: int = 1000, rules: int = 3000) -> str:
    """A one-model catalogue whose rules all hold for a hidden configuration (so it is
    satisfiable), with 40 groups, 50 packages and requires / excludes / includes rules."""
    import yaml

    codes = [f"O{i:04d}" for i in range(options)]
    groups = {f"G{g:02d}": codes[g * 5 : (g + 1) * 5] for g in range(40)}
    group_of = {c: g for g, members in groups.items() for c in members}
    packages = set(codes[200:250])
    hidden = {rng.choice(m) for g, m in groups.items() if int(g[1:]) % 2 == 0 or rng.random() < 0.5}
    hidden |= {c for c in codes[200:] if rng.random() < 0.3}
    specs: dict[str, dict[str, Any]] = {
        c: {
            "code": c,
            "kind": "package" if c in packages else "equipment",
            "name": {"de": f"Ausstattung {c}", "en": f"Feature {c}"},
            "price": f"{rng.randrange(0, 3000)}.00",
        }
        for c in codes
    }
    for code, group in group_of.items():
        specs[code]["group"] = group
    made: set[tuple[str, str, str]] = set()
    while len(made) < rules:
        kind = rng.choices(["requires", "excludes", "includes"], [4, 5, 1])[0]
        a = rng.choice(sorted(packages)) if kind == "includes" else rng.choice(codes)
        b = rng.choice(codes)
        if a == b:
            continue
        holds = {
            "requires": a not in hidden or b in hidden,
            "includes": (a not in hidden or b in hidden) and b not in packages,
            "excludes": not (a in hidden and b in hidden),
        }[kind]
        if holds and (kind, a, b) not in made:
            made.add((kind, a, b))
            specs[a].setdefault(kind, []).append(b)
    defaults = sorted(hidden)
    return yaml.safe_dump(
        {
            "format": 1,
            "brands": [
                {
                    "slug": "bench",
                    "name": "Bench",
                    "models": [
                        {
                            "slug": "bench-big",
                            "name": "Big",
                            "body": "suv",
                            "transfer_cost_net": "990.00",
                            "description": {"de": "Erzeugt.", "en": "Generated."},
                            "groups": [
                                {
                                    "code": g,
                                    "name": {"de": g, "en": g},
                                    "choice": "exactly_one"
                                    if int(g[1:]) % 2 == 0
                                    else "at_most_one",
                                }
                                for g in groups
                            ],
                            "trims": [
                                {
                                    "code": "BIG-1",
                                    "name": "Big One",
                                    "fuel": "petrol",
                                    "transmission": "Automatik",
                                    "displacement_ccm": 1984,
                                    "power_kw": 150,
                                    "consumption_l_100km": "7.1",
                                    "co2_g_km": 161,
                                    "net_price": "41000.00",
                                    "delivery_weeks": 12,
                                    "defaults": defaults,
                                }
                            ],
                            "options": [specs[c] for c in codes],
                        }
                    ],
                }
            ],
        },
        allow_unicode=True,
        sort_keys=False,
    )


def bench_generated(runs: int, rng: random.Random) -> dict[str, Any]:
    from autokauf import catalog

    catalog.import_catalogue(generated_catalogue(rng))
    snapshot = catalog.model_snapshot("bench-big")
    return {
        "model": snapshot.slug,
        "trim": "BIG-1",
        "options": len(snapshot.options),
        "rules": len(snapshot.rules),
        "groups": len(snapshot.groups),
        "target_p95_ms": 50,
        **measure("BIG-1", runs, rng),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=400)
    args = parser.parse_args()
    rng = random.Random(20260301)
    with tempfile.TemporaryDirectory(prefix="autokauf-bench-") as data_dir:
        setup_django(data_dir)
        from autokauf.core import clock

        summary = {
            "benchmark": "configurator",
            "today": clock.today_berlin().isoformat(),
            "demo": bench_demo(args.runs, rng),
            "generated": bench_generated(args.runs, rng),
        }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
