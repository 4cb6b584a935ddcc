"""A cursor for the few statements that run thousands of times a second (PostgreSQL).

Django's PostgreSQL cursors bind parameters on the client, and Django turns psycopg's prepared
statements off, so PostgreSQL parses and plans every statement anew. For a large statement on a
hot path (the drop's one-statement claim: planning it takes about three times as long as running
it) `prepared_cursor` binds on the server and prepares what it runs: each connection plans the
statement once and then only runs it. Setting AUTOKAUF_PREPARED_STATEMENTS = False turns this off
(environment variable of the same name: a transaction-mode pooler without prepared-statement
support, such as PgBouncer before 1.21).
Elsewhere, and on SQLite, it is the usual cursor.
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
    # Django turns preparing off for the whole connection; its own cursors bind on the client
    # and never prepare, so turning it on again reaches only the cursors made here.
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
