"""A cursor for the few statements that run thousands of times a second (PostgreSQL).

With AUTOKAUF_PREPARED_STATEMENTS on (the default), settings.py has every PostgreSQL connection
bind parameters on the server and prepare a statement the second time it runs it, so PostgreSQL
plans each statement once per connection. For a large statement on a hot path (the drop's
one-statement claim: planning it takes about three times as long as running it)
`prepared_cursor` prepares it on its first run already. Setting AUTOKAUF_PREPARED_STATEMENTS =
False turns both off (environment variable of the same name: a transaction-mode pooler without
prepared-statement support, such as PgBouncer before 1.21): Django then binds on the client and
never prepares, and this is the usual cursor, as it is on SQLite.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.db import connection

# psycopg's default; the statements run here are prepared on their first run anyway.
PREPARE_THRESHOLD = 5


@contextmanager
def prepared_cursor() -> Iterator[Any]:
    if connection.vendor != "postgresql" or not settings.AUTOKAUF_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    # A connection configured without preparing (DATABASES set up elsewhere) gets it back for
    # the cursors made here; Django's own cursors on it still bind on the client.
    if connection.connection.prepare_threshold is None:
        connection.connection.prepare_threshold = PREPARE_THRESHOLD
    raw = _preparing_cursor_class()(connection.connection)
    wrap = connection.make_debug_cursor if connection.queries_logged else connection.make_cursor
    with wrap(raw) as cursor:
        yield cursor


@functools.cache
def _preparing_cursor_class() -> type:
    from django.db.backends.postgresql import base

    class PreparingCursor(base.ServerBindingCursor):  # type: ignore[name-defined]
        def execute(self, query: Any, params: Any = None, **options: Any) -> Any:
            options.setdefault("prepare", True)
            return super().execute(query, params, **options)

    return PreparingCursor
