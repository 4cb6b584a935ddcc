"""Enqueue the periodic tasks (settings.AUTOKAUF_PERIODIC_TASKS); the task worker runs them.
Correctness never waits for them."""

from __future__ import annotations

import signal
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.module_loading import import_string

DEFAULT_TASKS = ["autokauf.core.tasks.sweep"]


def periodic_tasks() -> list[Any]:
    paths = getattr(settings, "AUTOKAUF_PERIODIC_TASKS", DEFAULT_TASKS)
    return [import_string(path) for path in paths]


class Command(BaseCommand):
    help = "Enqueue every task of settings.AUTOKAUF_PERIODIC_TASKS every --interval seconds."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--interval", type=float, default=60.0)
        parser.add_argument("--once", action="store_true", help="enqueue each task once and stop")

    def handle(self, *args: Any, interval: float, once: bool, **options: Any) -> None:
        stopping = False

        def stop(signum: int, frame: object) -> None:
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        tasks = periodic_tasks()
        while not stopping:
            for periodic in tasks:
                result = periodic.enqueue()
                self.stdout.write(f"{periodic.module_path} enqueued: {result.id}")
            if once:
                return
            deadline = time.monotonic() + interval
            while not stopping and time.monotonic() < deadline:
                time.sleep(0.5)
