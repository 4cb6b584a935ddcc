"""Financing latency: the offers of all built-in lenders for one car, every product.

Runs stand-alone against a temporary SQLite database:

    .venv/bin/python bench/financing.py [--runs 300]

One sample = offers_for(...) for a 35,700 € car as a loan (48 months), a balloon loan (36 months,
15,000 € final instalment) and a mileage lease (36 months, 15,000 km), i.e. every lender's offer
with schedule and APR, read from the rate sheets in the database. Prints one JSON summary.
Target: p95 below 10 ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

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
    for app in ("contenttypes", "auth", "auditlog", "financing"):  # the tables the bench touches
        call_command("migrate", app, verbosity=0)


def one_sample() -> tuple[float, int]:
    from decimal import Decimal

    from autokauf.core.money import Money
    from autokauf.financing import offers_for

    price, down = Money(Decimal("35700.00")), Money(Decimal("3570.00"))
    started = time.perf_counter()
    offers = [
        *offers_for(price=price, down_payment=down, term_months=48, product="loan"),
        *offers_for(
            price=price,
            down_payment=down,
            term_months=36,
            product="balloon",
            balloon=Money(Decimal("15000.00")),
        ),
        *offers_for(
            price=price, down_payment=down, term_months=36, product="lease", yearly_km=15000
        ),
    ]
    return (time.perf_counter() - started) * 1000, len(offers)


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        setup_django(data_dir)
        from autokauf.financing import load_demo_lenders_if_empty

        load_demo_lenders_if_empty()
        one_sample()  # warm up: imports, first query
        samples, counts = zip(*(one_sample() for _ in range(args.runs)), strict=True)
    p95 = percentile(list(samples), 0.95)
    print(
        json.dumps(
            {
                "bench": "financing.offers_for (loan + balloon + lease, all lenders)",
                "runs": args.runs,
                "offers_per_sample": counts[0],
                "p50_ms": round(statistics.median(samples), 3),
                "p95_ms": round(p95, 3),
                "max_ms": round(max(samples), 3),
                "target_p95_ms": 10,
                "met": p95 < 10,
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
