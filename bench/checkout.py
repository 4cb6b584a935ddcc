"""Checkout throughput: 50 concurrent buyers each buy cars through the JSON API.

    .venv/bin/python bench/checkout.py [--buyers 50] [--purchases 4] [--port P]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/autokauf_bench \
        .venv/bin/python bench/checkout.py

A temporary SQLite database unless DATABASE_URL is given (that PostgreSQL database is created and
dropped afterwards). Seeds the Nordwerk Asta of tests/world.py, one car per purchase in Berlin and
the buyers with API tokens, then starts the real server (`autokauf.cli serve`, granian) and
`db_worker` processes (outbox consumers: the mails; the sandbox's webhook delivery). Every buyer
(a thread with one keep-alive connection) reserves a car, places a cash order with an
Idempotency-Key, authorises the down payment on the sandbox page (GET for the CSRF token, POST),
comes back and reads the order until it is confirmed (at once when the store's question to the
provider finds the payment authorised; else again after 0.25 s, 0.5 s, then every second).

Prints one JSON summary: purchases/s until the last order was confirmed, the server time of a
purchase (sum of its request latencies, repeated reads left out) p50/p95, the wall time until
confirmed, and purchases/s until the background work the purchases caused (the webhooks, two mails
per order) was done too, and the CPU time per purchase until the last confirmation of the web
server, the task workers, PostgreSQL (every `postgres` process on this machine) and the buyers
themselves: on a shared machine the host's load moves purchases/s more than these. Goal on
PostgreSQL: at least 50 purchases/s.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

POLL_FIRST, POLL_LAST = 0.25, 1.0
CSRF_INPUT = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
ORDER_BODY = {
    "first_name": "Erika",
    "last_name": "Mustermann",
    "email": "erika@example.org",
    "phone": "+49 30 1234567",
    "street": "Heidestraße 17",
    "postcode": "51147",
    "city": "Köln",
    "date_of_birth": "1984-08-12",
    "payment_method": "cash",
    "delivery": "dealer",
    "accept_terms": True,
    "accept_withdrawal_notice": True,
}


def postgres_admin(url: str, statement: str) -> None:
    import psycopg
    from psycopg import sql

    name = url.rsplit("/", 1)[1].split("?")[0]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(sql.SQL(statement).format(sql.Identifier(name)))


def seed(buyers: int, purchases: int) -> list[tuple[str, list[str]]]:
    """Catalogue, Berlin showroom and dealer, the cars, the buyers (their addresses confirmed,
    as buying needs) and their tokens."""
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from autokauf.accounts.models import User
    from autokauf.accounts.profile import create_api_token
    from autokauf.core import clock
    from autokauf.dealers.models import Dealer
    from autokauf.inventory import import_stock_csv
    from autokauf.inventory.models import Location
    from autokauf.inventory.tests.conftest import HEADER, row, vin
    from tests.world import build_small_catalogue

    build_small_catalogue()
    berlin = Location.objects.create(
        code="BER", name="Showroom Berlin", kind="showroom", street="Kurfürstendamm 21",
        postcode="10719", city="Berlin", latitude="52.503300", longitude="13.331600",
    )  # fmt: skip
    Dealer.objects.create(
        code="D-BER", name="Autohaus Berlin", email="b@example.org", location=berlin
    )
    cars = buyers * purchases
    import_stock_csv(HEADER + "".join(row(n) for n in range(1, cars + 1)))
    people = []
    for b in range(buyers):
        user = User.objects.create_user(
            f"buyer{b}@example.org", None, email_confirmed_at=clock.now()
        )
        _token, raw = create_api_token(user=user, name="bench")
        people.append((raw, [vin(b * purchases + p + 1) for p in range(purchases)]))
    from django.db import connections

    connections.close_all()
    return people


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    log = open(Path(env["AUTOKAUF_DATA_DIR"]) / "server.log", "ab")  # noqa: SIM115
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=log)


def wait_for(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/api/v1/catalog/models")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not come up")


class Buyer:
    """One buyer on one keep-alive connection; records each request's latency."""

    def __init__(self, port: int, token: str) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.auth = {"Authorization": f"Bearer {token}"}
        self.spent = 0.0

    def request(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        data = json.dumps(body) if isinstance(body, dict) else body
        if isinstance(body, dict):
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        elapsed = time.perf_counter() - started
        return response, payload, elapsed

    def timed(self, method: str, path: str, body: Any = None, **headers: str) -> Any:
        response, payload, elapsed = self.request(method, path, body, **headers)
        self.spent += elapsed
        return response, payload

    def buy(self, vin: str) -> tuple[float, float]:
        """One purchase: answers (server time, wall time until confirmed) in seconds."""
        self.spent, began = 0.0, time.perf_counter()
        reply, body = self.timed("POST", "/api/v1/reservations", {"vin": vin}, **self.auth)
        assert reply.status == 201, body
        order = {**ORDER_BODY, "reservation": json.loads(body)["id"]}
        key = {"Idempotency-Key": str(uuid.uuid4())}
        reply, body = self.timed("POST", "/api/v1/orders", order, **self.auth, **key)
        assert reply.status == 201, body
        placed = json.loads(body)
        self.pay(placed["payment_url"])
        self.await_confirmation(placed["id"])
        return self.spent, time.perf_counter() - began

    def pay(self, payment_url: str) -> None:
        page = re.sub(r"^https?://[^/]+", "", payment_url)
        reply, body = self.timed("GET", page)
        cookie = reply.getheader("Set-Cookie", "").split(";")[0]
        token = CSRF_INPUT.search(body).group(1).decode()  # type: ignore[union-attr]
        form = f"instrument=success&action=authorise&csrfmiddlewaretoken={token}"
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": cookie}
        reply, body = self.timed("POST", page, form, **headers)
        assert reply.status in (302, 303), body[:300]

    def await_confirmation(self, order_id: str) -> None:
        path = f"/api/v1/orders/{order_id}"
        _reply, body = self.timed("GET", path, **self.auth)
        pause = POLL_FIRST
        while json.loads(body)["status"] != "confirmed":
            # Polls compete with the purchases (and the webhooks) for the same two cores, so a
            # buyer's app backs off as a well-behaved client does: 0.25 s, 0.5 s, then every 1 s.
            time.sleep(pause)
            pause = min(pause * 2, POLL_LAST)
            _reply, body = self.request("GET", path, **self.auth)[:2]


def background_left() -> int:
    """Tasks queued or running: the webhooks and mails the purchases caused."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    live = (TaskResultStatus.READY, TaskResultStatus.RUNNING)
    return DBTaskResult.objects.filter(status__in=live).count()


def wait_for_background(started: float, limit: float = 600) -> float:
    """Seconds from `started` until no task is queued or running."""
    from django.db import connections

    while background_left() and time.perf_counter() - started < limit:
        time.sleep(0.1)
    connections.close_all()
    return time.perf_counter() - started


def cpu_seconds(roots: dict[str, list[int]]) -> dict[str, float]:
    """CPU seconds used so far by each role's processes and their descendants, by PostgreSQL's
    processes on this machine (when the bench runs on PostgreSQL) and by this bench's own buyers
    (Linux: read from /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    table: dict[int, tuple[int, str, float]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # the process ended meanwhile
        comm = text[text.index("(") + 1 : text.rindex(")")]
        fields = text[text.rindex(")") + 2 :].split()
        cpu = (int(fields[11]) + int(fields[12])) / ticks
        table[int(stat.parent.name)] = (int(fields[1]), comm, cpu)
    used = {role: sum(table[pid][2] for pid in _tree(table, pids)) for role, pids in roots.items()}
    if os.environ.get("DATABASE_URL"):
        used["postgres"] = sum(cpu for _ppid, comm, cpu in table.values() if comm == "postgres")
    used["buyers"] = time.process_time()
    return used


def _tree(table: dict[int, tuple[int, str, float]], roots: list[int]) -> set[int]:
    found = {pid for pid in roots if pid in table}
    grew = True
    while grew:
        more = {pid for pid, (ppid, _comm, _cpu) in table.items() if ppid in found} - found
        found |= more
        grew = bool(more)
    return found


def run_buyers(
    port: int, people: list[tuple[str, list[str]]], roots: dict[str, list[int]]
) -> dict[str, Any]:
    server_times: list[float] = []
    wall_times: list[float] = []
    errors: list[str] = []
    gate = threading.Barrier(len(people) + 1)

    def work(token: str, vins: list[str]) -> None:
        buyer = Buyer(port, token)
        gate.wait()
        for vin in vins:
            try:
                spent, wall = buyer.buy(vin)
            except Exception as failure:  # counted and reported
                errors.append(repr(failure)[:200])
                buyer.conn.close()
                continue
            server_times.append(spent * 1000)
            wall_times.append(wall * 1000)

    threads = [threading.Thread(target=work, args=person) for person in people]
    for thread in threads:
        thread.start()
    gate.wait()
    started, cpu_before = time.perf_counter(), cpu_seconds(roots)
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    cpu_after = cpu_seconds(roots)
    drained = wait_for_background(started)
    return {
        "purchases": len(server_times),
        "errors": len(errors),
        "first_errors": errors[:3],
        "seconds": round(elapsed, 2),
        "purchases_per_s": round(len(server_times) / elapsed, 2),
        "background_left": background_left(),
        "seconds_until_background_done": round(drained, 2),
        "purchases_per_s_with_background": round(len(server_times) / drained, 2),
        "server_time_ms": spread(server_times),
        "until_confirmed_ms": spread(wall_times),
        # Until the last confirmation; the host's load moves this less than purchases/s.
        "cpu_ms_per_purchase": {
            role: round(1000 * (cpu_after[role] - cpu_before[role]) / max(len(server_times), 1), 1)
            for role in cpu_after
        },
    }


def spread(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--buyers", type=int, default=50)
    parser.add_argument("--purchases", type=int, default=4, help="per buyer")
    parser.add_argument("--port", type=int, default=0, help="default: a free port")
    parser.add_argument("--server-workers", type=int, default=2)
    parser.add_argument("--server-threads", type=int, default=0, help="default: the CLI's")
    parser.add_argument("--task-workers", type=int, default=2)
    args = parser.parse_args()
    args.port = args.port or free_port()

    scratch = tempfile.mkdtemp(prefix="autokauf-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "autokauf.settings")
    os.environ["AUTOKAUF_DATA_DIR"] = scratch
    os.environ["PAYMENTS_WEBHOOK_URL"] = (
        f"http://127.0.0.1:{args.port}/api/v1/payments/webhooks/sandbox"
    )
    # Without EMAIL_HOST the store renders every mail and writes it to the console backend.
    # Measured as deployed: DEBUG keeps every SQL statement in memory.
    os.environ.setdefault("DEBUG", "0")
    database = os.environ.get("DATABASE_URL", "")
    if database:
        postgres_admin(database, "DROP DATABASE IF EXISTS {}")
        postgres_admin(database, "CREATE DATABASE {}")
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    processes = []
    try:
        people = seed(args.buyers, args.purchases)
        serve = ["serve", "--port", str(args.port), "--workers", str(args.server_workers)]
        serve += ["--threads", str(args.server_threads)] if args.server_threads else []
        processes.append(start([sys.executable, "-m", "autokauf.cli", *serve], env))
        for _ in range(args.task_workers):
            processes.append(start([sys.executable, "-m", "autokauf.manage", "db_worker"], env))
        wait_for(args.port)
        roots = {"web": [processes[0].pid], "tasks": [p.pid for p in processes[1:]]}
        result = run_buyers(args.port, people, roots)
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=20)
        if database:
            from django.db import connections

            connections.close_all()
            postgres_admin(database, "DROP DATABASE IF EXISTS {}")
    summary = {
        "database": "postgresql" if database else "sqlite",
        "buyers": args.buyers,
        "server_workers": args.server_workers,
        "server_threads": args.server_threads or "default",
        "task_workers": args.task_workers,
        **result,
    }
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
