"""Django's PostgreSQL backend, whose health check passes over a connection that served a
request without an error a moment ago (docs/adr/0016-check-idle-connections-only.md)."""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

# Seconds since the connection last finished a request without an error.
RECENTLY = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    # Set by autokauf.core.connection_checks when a request finishes with the connection intact.
    served_at: float | None = None

    def close_if_health_check_failed(self) -> None:
        served_at = self.served_at
        recently = served_at is not None and time.monotonic() - served_at < RECENTLY
        if self.connection is not None and recently:
            self.health_check_done = True
            return
        super().close_if_health_check_failed()
