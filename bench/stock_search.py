"""Stock locator latency: 100,000 cars, typical filter mixes, p50 and p95 per mix.

    .venv/bin/python bench/stock_search.py [--cars 100000] [--runs 60]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/autokauf_bench \
        .venv/bin/python bench/stock_search.py

A temporary SQLite database unless DATABASE_URL is given (a PostgreSQL database named there is
created when missing, and its stock replaced). Seeds the demo catalogue, the 15 demo locations
and the cars through the stock importer (not timed), runs (VACUUM) ANALYZE, then times
search_vehicles (items and facet counts, as GET /api/v1/vehicles answers them) from a warm cache.
Prints one JSON summary. Target: p95 below 50 ms for every mix.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))


def ensure_postgres_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    ordered = sorted(samples_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        "n": len(ordered),
    }


def timed(action: Callable[[], Any], runs: int) -> dict[str, float]:
    action()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return percentiles(samples)


def seed(cars: int) -> float:
    from django.db import connection
    from stock_import import prepare

    from autokauf.core import clock
    from autokauf.financing import load_demo_lenders_if_empty
    from autokauf.inventory.demo import demo_csv
    from autokauf.inventory.stock_file import import_stock_csv

    prepare()
    load_demo_lenders_if_empty()  # so that every car carries its monthly rate
    started = time.perf_counter()
    import_stock_csv(demo_csv(cars, seed=11, today=clock.today_berlin()))
    with connection.cursor() as cursor:
        # Fresh statistics; on PostgreSQL also the visibility map, which index-only scans need
        # (autovacuum keeps it in a running store).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return time.perf_counter() - started


def mixes() -> dict[str, Callable[[], Any]]:
    from autokauf.core import clock
    from autokauf.inventory.models import Vehicle, VehicleOption
    from autokauf.inventory.selectors import StockFilters, search_vehicles

    top = Vehicle.objects.values_list("brand_slug", "model_slug", "fuel").first()
    assert top is not None
    brand, model, fuel = top
    option = (
        VehicleOption.objects.filter(code__in=["TOW", "AHK", "TOWBAR"])
        .values_list("code", flat=True)
        .first()
        or VehicleOption.objects.values_list("code", flat=True).first()
    )
    first = search_vehicles(StockFilters(), sort="price", limit=20)
    soon = clock.today_berlin() + timedelta(days=14)

    def run(filters: StockFilters, **kw: Any) -> Callable[[], Any]:
        return lambda: search_vehicles(filters, **kw)

    return {
        "everything_by_price": run(StockFilters(), sort="price"),
        "page_2_by_price": run(StockFilters(), sort="price", cursor=first.next_cursor),
        "brand_and_fuel": run(StockFilters(brand=(brand,), fuel=(fuel,))),
        "model_and_price_range": run(
            StockFilters(model=(model,), price_min=Decimal("30000"), price_max=Decimal("60000"))
        ),
        "has_option": run(StockFilters(options=(option,))),
        "postcode_100km_by_distance": run(
            StockFilters(near="10115", radius_km=100), sort="distance"
        ),
        "point_300km_option_by_price": run(
            StockFilters(near="50.94,6.96", radius_km=300, options=(option,))
        ),
        "available_in_2_weeks_by_availability": run(
            StockFilters(available_by=soon, fuel=(fuel,)), sort="availability"
        ),
        "everything_by_distance": run(StockFilters(near="80331"), sort="distance"),
        "monthly_rate_up_to_600": run(StockFilters(rate_max=Decimal("600")), sort="price"),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cars", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=60)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        ensure_postgres_database(url)
    with tempfile.TemporaryDirectory() as data_dir:
        from stock_import import setup_django

        vendor = setup_django(data_dir)
        seconds = seed(args.cars)
        from autokauf.inventory.models import Vehicle

        results = {name: timed(action, args.runs) for name, action in mixes().items()}
        worst = max(r["p95_ms"] for r in results.values())
        print(
            json.dumps(
                {
                    "benchmark": "stock_search",
                    "database": vendor,
                    "cars": Vehicle.objects.count(),
                    "seed_s": round(seconds, 1),
                    "runs_per_mix": args.runs,
                    "mixes": results,
                    "worst_p95_ms": worst,
                    "target_p95_ms": 50,
                    "met": worst < 50,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
