"""Notes when a kept database connection last served a request without an error, for the
PostgreSQL backend's health check (autokauf.core.postgresql, docs/adr/0016)."""

from __future__ import annotations

import time
from typing import Any

from django.core.signals import request_finished
from django.db import connections


def note_served(**_: Any) -> None:
    """On request_finished. Before or after Django's own receiver: a connection with an error
    is noted as not served (so the next request checks it), one Django closed has no
    connection left to skip the check for."""
    now = time.monotonic()
    for connection in connections.all(initialized_only=True):
        healthy = connection.connection is not None and not connection.errors_occurred
        connection.served_at = now if healthy else None  # type: ignore[attr-defined]


def connect() -> None:
    request_finished.connect(note_served, dispatch_uid="autokauf-note-served")
