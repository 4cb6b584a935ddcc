"""Enqueue the periodic sweeper; the task worker runs it. Correctness never waits for it."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.core.management.base import BaseCommand

from autokauf.core.tasks import sweep


class Command(BaseCommand):
    help = "Enqueue the outbox and idempotency-key sweeper every --interval seconds."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--once", action="store_true", help="enqueue one sweep and stop")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        while not stopping:
            result = sweep.enqueue()
            self.stdout.write(f"sweep enqueued: {result.id}")
            if once:
                return
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.5)
