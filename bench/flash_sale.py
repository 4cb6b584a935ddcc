"""Flash-sale benchmark: 350 cars, 10,000 buyers, the real server (granian WSGI, 2 workers).

    python bench/flash_sale.py [--configs sqlite,postgres,postgres-redis] [--fault]
                               [--pay-after SECONDS] [--threads N]

60 % of the first wave's winners pay, `--pay-after` seconds (default 5) after winning; the others
let their payment window (1 minute) pass, and the cars go to a second wave.

Prints one JSON summary per configuration. Not a timed test. Imported as a settings module
(DJANGO_SETTINGS_MODULE=flash_sale) by the server it starts, to lift the per-address limit (every
bench buyer comes from 127.0.0.1).
"""

from __future__ import annotations

import argparse
import heapq
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT, REDIS_PORT = 8765, 6390
PG = "postgres://postgres@127.0.0.1:5432/autokauf_flashbench"

if os.environ.get("FLASH_BENCH_SETTINGS"):
    from autokauf.settings import *  # noqa: F403

    # Every bench buyer comes from 127.0.0.1: lift the per-address limit, keep the per-account one.
    FLASH_SALE_REQUESTS_PER_ADDRESS = 10**9


def env_for(config: str, data_dir: str) -> dict[str, str]:
    env = dict(os.environ, FLASH_BENCH_SETTINGS="1", DJANGO_SETTINGS_MODULE="flash_sale")
    env["PYTHONPATH"] = f"{ROOT / 'bench'}:{ROOT / 'src'}"
    env["AUTOKAUF_DATA_DIR"] = data_dir
    # As deployed: DEBUG keeps every SQL statement in memory and wraps every cursor.
    env["DEBUG"] = "0"
    env.pop("REDIS_URL", None)
    env.pop("DATABASE_URL", None)
    if config.startswith("postgres"):
        env["DATABASE_URL"] = PG
    if config == "postgres-redis":
        env["REDIS_URL"] = f"redis://127.0.0.1:{REDIS_PORT}/0"
    return env


def django_here() -> None:
    import django

    django.setup()


def seed(buyers: int, cars: int) -> None:
    """Catalogue, stock, a drop of `cars` cars and `buyers` buyers with API tokens, in bulk."""
    django_here()
    import secrets
    from datetime import timedelta
    from decimal import Decimal

    from autokauf import catalog, flash_sales, inventory
    from autokauf.accounts.models import ApiToken, User
    from autokauf.accounts.profile import token_digest
    from autokauf.core import clock

    catalog.load_demo_catalogue_if_empty()
    inventory.generate_demo_stock(cars * 3)
    price = Decimal("19990.00")
    # Only cars whose own price is at least the drop price: scheduling refuses the others.
    vins = list(
        inventory.Vehicle.objects.filter(status="in_stock", price_total__gte=price).values_list(
            "vin", flat=True
        )[:cars]
    )
    staff = User.objects.create(email="sales@bench.example", password="!", role="sales")
    now = clock.now()
    plan = flash_sales.DropPlan(
        name="Bench drop",
        price=price,
        waiting_room_opens_at=now,
        starts_at=now + timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        vins=tuple(vins),
        payment_window_minutes=1,
    )
    drop = flash_sales.schedule_drop(plan=plan, created_by=staff)
    # Joining a drop needs a confirmed e-mail address.
    users = User.objects.bulk_create(
        [
            User(email=f"b{n}@bench.example", password="!", email_confirmed_at=now)
            for n in range(buyers)
        ],
        batch_size=2000,
    )
    raws = [secrets.token_urlsafe(24) for _ in users]
    ApiToken.objects.bulk_create(
        [
            ApiToken(user=u, name="bench", digest=token_digest(r), prefix=r[:8], created_at=now)
            for u, r in zip(users, raws, strict=True)
        ],
        batch_size=2000,
    )
    print(json.dumps({"drop": drop.pk, "tokens": raws, "cars": len(vins)}))


def open_drop(drop_id: int, seconds: float) -> None:
    django_here()
    from datetime import timedelta

    from autokauf.core import clock
    from autokauf.flash_sales.models import Drop

    Drop.objects.filter(pk=drop_id).update(starts_at=clock.now() + timedelta(seconds=seconds))


def verify(drop_id: int) -> None:
    """The zeros, from the database (the truth)."""
    django_here()
    from django.db.models import Count, Q

    from autokauf.core import clock
    from autokauf.flash_sales.models import DropCar, DropClaim
    from autokauf.inventory.models import Vehicle

    now = clock.now()
    live = DropClaim.objects.filter(drop_id=drop_id).filter(
        Q(status="paid") | Q(status="held", expires_at__gt=now)
    )
    cars = DropCar.objects.filter(drop_id=drop_id)
    paid = DropClaim.objects.filter(drop_id=drop_id, status="paid")
    car_of = {c.id: c for c in cars}
    holder = dict(
        Vehicle.objects.filter(vin__in=[c.vin for c in cars]).values_list("vin", "held_by_id")
    )
    without = sum(
        1
        for claim in paid
        if car_of[claim.car_id].status != "sold"
        or car_of[claim.car_id].claim_id != claim.id
        or holder.get(claim.vin) != claim.buyer_id
    )
    print(
        json.dumps(
            {
                "cars": cars.count(),
                "cars_sold": paid.count(),
                "cars_held_unpaid": live.filter(status="held").count(),
                "claims_total": DropClaim.objects.filter(drop_id=drop_id).count(),
                "oversold": max(0, live.count() - cars.count())
                + live.values("car_id").annotate(n=Count("id")).filter(n__gt=1).count(),
                "buyers_with_two_cars": live.values("buyer_id")
                .annotate(n=Count("id"))
                .filter(n__gt=1)
                .count(),
                "paid_claims_without_a_car": without,
            }
        )
    )


class Client(threading.local):
    def request(self, method: str, path: str, token: str | None = None, body: dict | None = None):
        headers = {"Content-Type": "application/json"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        for attempt in range(5):
            try:
                if getattr(self, "conn", None) is None:
                    self.conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
                started = time.perf_counter()
                self.conn.request(method, path, json.dumps(body or {}), headers)
                answer = self.conn.getresponse()
                data = answer.read()
                return answer.status, data, time.perf_counter() - started
            except (OSError, http.client.HTTPException):
                self.conn = None  # a killed worker drops its connections: reconnect, retry
                time.sleep(0.05 * (attempt + 1))
        return 0, b"", 0.0


def run(config: str, buyers: int, cars: int, fault: bool, threads: int, pay_after: float) -> dict:
    data_dir = tempfile.mkdtemp(prefix=f"flashbench-{config}-")
    env = env_for(config, data_dir)
    py = sys.executable
    redis = None
    if config.startswith("postgres"):
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "autokauf_flashbench"],
            check=True,
        )
        subprocess.run(
            ["createdb", "-h", "127.0.0.1", "-U", "postgres", "autokauf_flashbench"], check=True
        )
    if config == "postgres-redis":
        redis = subprocess.Popen(
            ["redis-server", "--port", str(REDIS_PORT), "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )
    me = str(Path(__file__).resolve())
    subprocess.run(
        [py, "-m", "autokauf.manage", "migrate", "-v", "0"], env=env, check=True, cwd=ROOT
    )
    seeded = json.loads(
        subprocess.run(
            [py, me, "seed", str(buyers), str(cars)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    server = subprocess.Popen(
        [py, "-m", "autokauf.cli", "serve", "--workers", "2", "--port", str(PORT)]
        + (["--threads", str(threads)] if threads != 1 else []),
        env=env,
        cwd=ROOT,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    client = Client()
    try:
        summary = _drive(config, seeded, client, env, py, me, server, redis, fault, pay_after)
        return {"threads_per_worker": threads, "winners_pay_after_s": pay_after, **summary}
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        if redis and redis.poll() is None:
            redis.terminate()
            redis.wait()


def _drive(config, seeded, client, env, py, me, server, redis, fault, pay_after) -> dict:
    drop, tokens = seeded["drop"], seeded["tokens"]
    for _ in range(100):
        if client.request("GET", "/healthz")[0] == 200:
            break
        time.sleep(0.2)
    pool = ThreadPoolExecutor(64)
    t0 = time.perf_counter()
    ceiling_n = list(pool.map(lambda _: client.request("GET", "/healthz")[0], range(8000)))
    ceiling = len(ceiling_n) / (time.perf_counter() - t0)
    base = f"/api/v1/drops/{drop}"
    joins = list(pool.map(lambda t: client.request("POST", base + "/join", t)[0], tokens))
    subprocess.run([py, me, "open", str(drop), "3"], env=env, check=True, cwd=ROOT)
    time.sleep(3.0)
    crowd = Crowd(client, base, seeded["cars"], pay_share=0.6, pay_after=pay_after)
    faults = []
    if fault:
        faults.append(threading.Timer(0.3, lambda: _kill_worker(server)))
        if redis:
            faults.append(threading.Timer(0.5, redis.kill))
        for f in faults:
            f.start()
    order = list(tokens)
    random.shuffle(order)
    crowd.run(order, threads=64)
    first_wave = dict(crowd.winners)
    time.sleep(62)  # winners who did not pay let their payment window (1 minute) pass
    losers = [t for t in order if t not in first_wave]
    again = Crowd(
        client, base, seeded["cars"] - len(crowd.paid), pay_share=1.0, pay_after=pay_after
    )
    again.run(losers, threads=64)
    second = dict(again.winners)
    pay_status = crowd.pay_statuses + again.pay_statuses
    pool.shutdown()
    checked = json.loads(
        subprocess.run(
            [py, me, "verify", str(drop)],
            env=env,
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        .stdout.strip()
        .splitlines()[-1]
    )
    statuses = crowd.statuses + again.statuses
    all_status = statuses + pay_status + joins
    ms = sorted(x * 1000 for x in crowd.latencies)
    return {
        "config": config + (" (fault: redis stopped, a worker killed)" if fault else ""),
        "buyers": len(tokens),
        **checked,
        "server_errors_5xx": sum(1 for s in all_status if s >= 500),
        "connection_failures": sum(1 for s in all_status if s == 0),
        "first_wave_claimed": len(first_wave),
        "second_wave_claimed": len(second),
        "seconds_opening_to_sold_out": crowd.sold_out_after,
        "claim_requests": len(statuses),
        "claim_requests_first_wave": len(crowd.statuses),
        "claim_requests_per_second": crowd.burst_rate,
        "first_wave_answers_by_second": {str(k): v for k, v in sorted(crowd.timeline.items())},
        "claim_p50_ms": round(statistics.median(ms), 1),
        "claim_p99_ms": round(ms[int(len(ms) * 0.99) - 1], 1),
        "healthz_requests_per_second": round(ceiling),
        "paid_ok": sum(1 for s in pay_status if s == 200),
        "pay_answers": {str(s): pay_status.count(s) for s in set(pay_status)},
        "claim_answers": {str(s): statuses.count(s) for s in set(statuses)},
    }


class Crowd:
    """Buyers claiming as the drop page does: a double click now and then; "not your turn yet"
    waits the estimate the answer gives and tries again; "sold out" or a claim ends the try. A
    share of the winners pays `pay_after` seconds after winning (the claim page's checkout is
    prefilled for a returning buyer, who checks it and confirms)."""

    def __init__(
        self, client: Client, base: str, cars: int, pay_share: float, pay_after: float
    ) -> None:
        self.client, self.url, self.cars = client, base + "/claims", cars
        self.pay_share, self.pay_after = pay_share, pay_after
        self.pay_statuses: list[int] = []
        self.paid: set[str] = set()
        self.statuses: list[int] = []
        self.latencies: list[float] = []
        self.winners: dict[str, str] = {}
        self.sold_out_after: float | None = None
        self.burst_rate = 0
        self._lock = threading.Lock()
        self._wake = threading.Condition()
        self._due: list[tuple[float, int, str]] = []
        self._busy = 0
        self.timeline: dict[int, dict[str, int]] = {}

    def run(self, tokens: list[str], threads: int) -> None:
        now = time.perf_counter()
        self._due = [(now, n, t, False) for n, t in enumerate(tokens)]
        heapq.heapify(self._due)
        self._first_clicks = len(tokens)
        self._opened = now
        workers = [threading.Thread(target=self._work) for _ in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

    def _pay(self, token: str) -> None:
        url = f"/api/v1/drops/claims/{self.winners[token]}/pay"
        status = self.client.request("POST", url, token, PAY)[0]
        with self._lock:
            self.pay_statuses.append(status)
            if status == 200:
                self.paid.add(token)

    def _next(self) -> tuple[int, str, bool] | None:
        """The next buyer due; sleeps until one is (a crowd thread never spins while it waits)."""
        with self._wake:
            while True:
                if not self._due and self._busy == 0:
                    self._wake.notify_all()
                    return None
                wait = self._due[0][0] - time.perf_counter() if self._due else None
                if wait is not None and wait <= 0:
                    _, n, token, paying = heapq.heappop(self._due)
                    self._busy += 1
                    return n, token, paying
                self._wake.wait(wait)

    def _work(self) -> None:
        while (item := self._next()) is not None:
            n, token, paying = item
            try:
                self._pay(token) if paying else self._claim(n, token)
            finally:
                with self._wake:
                    self._busy -= 1
                    if self._busy == 0 and not self._due:
                        self._wake.notify_all()

    def _claim(self, n: int, token: str) -> None:
        clicks = 2 if random.random() < 0.05 else 1
        for _ in range(clicks):
            status, body, took = self.client.request("POST", self.url, token)
            with self._lock:
                self.statuses.append(status)
                self.latencies.append(took)
                second = self.timeline.setdefault(int(time.perf_counter() - self._opened), {})
                answer = _answer_name(status, body)
                second[answer] = second.get(answer, 0) + 1
                if len(self.statuses) == self._first_clicks:
                    elapsed = time.perf_counter() - self._opened
                    self.burst_rate = round(len(self.statuses) / elapsed)
                won = status == 201 and token not in self.winners
                if status == 201:
                    self.winners[token] = json.loads(body)["id"]
                    if len(self.winners) >= self.cars and self.sold_out_after is None:
                        self.sold_out_after = round(time.perf_counter() - self._opened, 3)
            if won and random.random() < self.pay_share:
                self._later(self.pay_after, n, token, paying=True)
        retry = _retry_after(status, body)
        if retry is not None:
            self._later(retry, n, token, paying=False)

    def _later(self, seconds: float, n: int, token: str, *, paying: bool) -> None:
        with self._wake:
            heapq.heappush(self._due, (time.perf_counter() + seconds, n, token, paying))
            self._wake.notify()


def _answer_name(status: int, body: bytes) -> str:
    if status == 409:
        return json.loads(body).get("type", "").rsplit("/", 1)[-1]
    return str(status)


def _retry_after(status: int, body: bytes) -> float | None:
    """When the answer says to come back: not admitted yet (after the estimate), 429, or a
    connection lost to a killed worker."""
    if status in (0, 429, 503):
        return 1.0
    if status != 409:
        return None
    problem = json.loads(body)
    if problem.get("type", "").endswith("/not-admitted"):
        wait = problem.get("estimated_wait_seconds")
        return 1.0 if wait is None else max(0.1, float(wait))
    return None


def _kill_worker(server: subprocess.Popen) -> None:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    for pid in children:  # the granian main process is the cli's child; its children are workers
        workers = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if workers:
            os.kill(int(workers[0]), signal.SIGKILL)
            return


PAY = {
    "first_name": "Erika",
    "last_name": "Mustermann",
    "email": "erika@example.org",
    "phone": "+49 30 1234567",
    "street": "Heidestraße 17",
    "postcode": "51147",
    "city": "Köln",
    "date_of_birth": "1984-08-12",
    "accept_terms": True,
    "accept_withdrawal_notice": True,
}


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] in ("seed", "open", "verify"):
        command, *rest = sys.argv[1:]
        if command == "seed":
            seed(int(rest[0]), int(rest[1]))
        elif command == "open":
            open_drop(int(rest[0]), float(rest[1]))
        else:
            verify(int(rest[0]))
        return
    parser = argparse.ArgumentParser()
    parser.add_argument("--configs", default="sqlite,postgres,postgres-redis")
    parser.add_argument("--buyers", type=int, default=10_000)
    parser.add_argument("--cars", type=int, default=350)
    parser.add_argument("--fault", action="store_true")
    parser.add_argument("--threads", type=int, default=1, help="threads per web worker")
    parser.add_argument(
        "--pay-after",
        type=float,
        default=5.0,
        help="seconds a winner takes to confirm the prefilled checkout and pay (0: at once)",
    )
    args = parser.parse_args()
    for config in args.configs.split(","):
        summary = run(config, args.buyers, args.cars, args.fault, args.threads, args.pay_after)
        print(json.dumps(summary, indent=1), flush=True)


if __name__ == "__main__":
    main()
