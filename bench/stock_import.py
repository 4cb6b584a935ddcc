"""Stock import: 100,000 valid rows over the demo catalogue into SQLite (or DATABASE_URL).

    .venv/bin/python bench/stock_import.py [--rows 100000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/autokauf_bench \
        .venv/bin/python bench/stock_import.py

A temporary SQLite database unless DATABASE_URL is given (that database is emptied of stock
first). The file is generated in memory first (not timed); the timed part is the whole
import_stock_csv: parsing, checking every row, pricing, and writing cars, option rows and events.
Prints one JSON summary. Target: under 60 s on SQLite.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def setup_django(data_dir: str) -> str:
    os.environ["AUTOKAUF_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autokauf.settings")
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from django.db import connection

    return connection.vendor


def prepare() -> None:
    """The demo catalogue and locations; no stock."""
    from autokauf import catalog
    from autokauf.inventory.demo import ensure_demo_locations
    from autokauf.inventory.models import Vehicle

    if not catalog.model_range().exists():
        catalog.import_catalogue(catalog.DEMO_CATALOGUE_PATH)
    Vehicle.objects.all().delete()
    ensure_demo_locations()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        vendor = setup_django(data_dir)
        from autokauf.core import clock
        from autokauf.inventory.demo import demo_csv
        from autokauf.inventory.models import Vehicle, VehicleOption
        from autokauf.inventory.stock_file import import_stock_csv

        prepare()
        text = demo_csv(args.rows, seed=7, today=clock.today_berlin())
        started = time.perf_counter()
        report = import_stock_csv(text)
        seconds = time.perf_counter() - started
        print(
            json.dumps(
                {
                    "benchmark": "stock_import",
                    "database": vendor,
                    "rows": args.rows,
                    "created": report.created,
                    "option_rows": VehicleOption.objects.count(),
                    "vehicles_in_db": Vehicle.objects.count(),
                    "file_mb": round(len(text) / 1e6, 1),
                    "seconds": round(seconds, 2),
                    "rows_per_s": round(report.created / seconds),
                    "target_s": 60,
                    "met": seconds < 60,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
