"""Back-office order list latency: 100,000 orders, the pages sales staff open, p50 and p95 each.

    .venv/bin/python bench/order_list.py [--orders 100000] [--runs 40]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/autokauf_listbench \
        .venv/bin/python bench/order_list.py

A temporary SQLite database unless DATABASE_URL is given (that PostgreSQL database is created and
dropped afterwards). Seeds the Nordwerk Asta of tests/world.py, eight dealers, 2,000 buyers and
the orders (not timed): one placed through checkout, the rest written in bulk with its frozen
Quote and customer, over two years, in every status. Then (VACUUM) ANALYZE, and a sales-staff
login opens /backoffice/checkout/order/ through Django's test client (the whole request: session,
middleware, admin view, template) with each filter mix. Prints one JSON summary: p50/p95 and the
SQL statements of each page. Target: p95 below 100 ms for every page.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

ORDERS = "/backoffice/checkout/order/"
DEALERS = 8
BUYERS = 2000
# Share of each status among the orders: most are delivered, a few wait or were cancelled.
STATUS_MIX = {
    "placed": 4,
    "confirmed": 6,
    "allocated": 3,
    "in_production": 5,
    "in_transit": 4,
    "ready_for_handover": 3,
    "handed_over": 70,
    "cancelled": 4,
    "withdrawn": 1,
}


def postgres_admin(url: str, statement: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


def seed(orders: int) -> dict[str, Any]:
    """The orders and what the pages filter by: a dealer, an order number, a buyer's address."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from autokauf.accounts.models import User
    from autokauf.checkout import place_order, reserve_vehicle
    from autokauf.checkout.models import Order
    from autokauf.core import clock
    from autokauf.dealers.models import Dealer
    from autokauf.inventory import import_stock_csv
    from autokauf.inventory.models import Location
    from autokauf.inventory.tests.conftest import HEADER, row, vin
    from tests.world import build_small_catalogue

    build_small_catalogue()
    dealers = []
    for d in range(DEALERS):
        place = Location.objects.create(
            code="BER" if d == 0 else f"L{d}", name=f"Showroom {d}", kind="showroom",
            street="Kurfürstendamm 21", postcode="10719", city="Berlin",
            latitude="52.503300", longitude="13.331600",
        )  # fmt: skip
        dealers.append(
            Dealer.objects.create(
                code=f"D-{d}", name=f"Autohaus {d}", email=f"d{d}@example.org", location=place
            )
        )
    buyers = User.objects.bulk_create(
        User(email=f"buyer{b}@example.org", password="!", email_confirmed_at=clock.now())
        for b in range(BUYERS)
    )
    buyers = list(User.objects.filter(email__startswith="buyer").order_by("pk"))
    import_stock_csv(HEADER + row(1))
    first = place_order(
        buyer=buyers[0],
        hold_id=reserve_vehicle(buyer=buyers[0], vin=vin(1)).id,
        data=_checkout_data(),
        language="de",
    )
    template = Order.objects.get(pk=first.pk)
    statuses = random.Random(7).choices(
        list(STATUS_MIX), weights=list(STATUS_MIX.values()), k=orders - 1
    )
    now = clock.now()
    step = timedelta(days=730) / orders
    batch = []
    for n, status in enumerate(statuses, start=2):
        batch.append(
            Order(
                number=f"AK-2025-{n:07d}", buyer=buyers[n % BUYERS], dealer=dealers[n % DEALERS],
                trim_code=template.trim_code, options=template.options, quote=template.quote,
                total=template.total, down_payment=template.down_payment,
                payment_method="cash", delivery="dealer", customer=template.customer,
                language="de", status=status, created_at=now - step * n,
                vin=None if status in ("placed", "cancelled", "withdrawn") else f"BENCH{n:012d}",
            )
        )  # fmt: skip
        if len(batch) == 5000:
            Order.objects.bulk_create(batch)
            batch = []
    Order.objects.bulk_create(batch)
    _analyze()
    return {
        "dealer": dealers[3].pk,
        "number": f"AK-2025-{orders // 2:07d}",
        "email": buyers[1234].email,
    }


def _checkout_data() -> Any:
    from autokauf.checkout.tests.conftest import checkout_data

    return checkout_data()


def _analyze() -> None:
    """What autovacuum does to a table that has been written: statistics, and on PostgreSQL the
    visibility map that lets a count read the index only."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def staff_client() -> Any:
    from django.test import Client

    from autokauf.accounts.models import User

    staff = User.objects.create_superuser("verkauf@autokauf.example", None)
    client = Client()
    client.force_login(staff)
    return client


def timed(page: Callable[[], Any], runs: int) -> dict[str, Any]:
    from django.db import connection

    statements: list[str] = []

    def count(execute: Any, sql: str, *args: Any) -> Any:
        statements.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        answer = page()
    assert answer.status_code == 200, (answer.status_code, answer.get("Location"))
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        answer = page()
        samples.append((time.perf_counter() - started) * 1000)
    ordered = sorted(samples)
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 1),
        "statements": len(statements),
        "rows_on_page": answer.content.count(b'name="_selected_action"'),
    }


def measure(runs: int, found: dict[str, Any], orders: int) -> dict[str, Any]:
    client = staff_client()
    # Page 1000 of 50 orders each, or the last page when fewer orders were seeded.
    deep = min(1000, max(1, orders // 50))
    pages = {
        "newest first": {},
        "status confirmed": {"status__exact": "confirmed"},
        "one dealer": {"dealer__id__exact": found["dealer"]},
        "dealer and status": {"dealer__id__exact": found["dealer"], "status__exact": "in_transit"},
        f"page {deep}": {"p": str(deep - 1)},
        "search order number": {"q": found["number"]},
        "search buyer email": {"q": found["email"]},
    }
    return {
        name: timed(functools.partial(client.get, ORDERS, query), runs)
        for name, query in pages.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autokauf.settings")
    os.environ["AUTOKAUF_DATA_DIR"] = tempfile.mkdtemp(prefix="autokauf-bench-")
    os.environ.setdefault("DEBUG", "0")
    database = os.environ.get("DATABASE_URL", "")
    if database:
        postgres_admin(database, "DROP DATABASE IF EXISTS {}")
        postgres_admin(database, "CREATE DATABASE {}")
    try:
        started = time.perf_counter()
        found = seed(args.orders)
        seeded = time.perf_counter() - started
        pages = measure(args.runs, found, args.orders)
    finally:
        if database:
            from django.db import connections

            connections.close_all()
            postgres_admin(database, "DROP DATABASE IF EXISTS {}")
    summary = {
        "database": "postgresql" if database else "sqlite",
        "orders": args.orders,
        "runs": args.runs,
        "seconds_to_seed": round(seeded, 1),
        "pages": pages,
        "slowest_p95_ms": max(page["p95_ms"] for page in pages.values()),
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
