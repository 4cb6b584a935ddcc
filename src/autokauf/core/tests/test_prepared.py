"""On PostgreSQL a statement is planned once per connection (a hot one from its first run), and
the switch turns it off."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection

from autokauf.core.prepared import prepared_cursor

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT %(n)s + 1"


def prepared_statements() -> list[str]:
    """The connection's prepared statements, apart from this question."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements"
            " WHERE statement NOT LIKE '%pg_prepared_statements%' ORDER BY statement"
        )
        return [row[0] for row in cursor.fetchall()]


def test_a_statement_run_through_the_prepared_cursor_answers_as_any_cursor_would():
    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, {"n": 41})
        answer = cursor.fetchone()[0]

    assert answer == 42


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_on_postgresql_the_statement_is_prepared_on_its_first_run_and_any_other_on_its_second():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::int", [1])

    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, {"n": 1})

    assert prepared_statements() == ["SELECT $1 + 1"]

    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::int", [2])
        answer = cursor.fetchone()[0]

    assert answer == 2
    assert prepared_statements() == ["SELECT $1 + 1", "SELECT $1::int"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_the_setting_turns_preparing_off(settings):
    settings.AUTOKAUF_PREPARED_STATEMENTS = False

    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, {"n": 1})

    assert prepared_statements() == []


def database_options(switch: str) -> str:
    env = {
        **os.environ,
        "DATABASE_URL": "postgres://shop@db.example:5432/autokauf",
        "AUTOKAUF_PREPARED_STATEMENTS": switch,
    }
    code = "from autokauf import settings; print(settings.DATABASES['default'].get('OPTIONS', {}))"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("switch", "options"),
    [
        ("", "{'server_side_binding': True, 'prepare_threshold': 1}"),
        ("0", "{}"),
    ],
    ids=["on by default", "off"],
)
def test_the_switch_decides_whether_postgresql_connections_bind_on_the_server_and_prepare(
    switch, options
):
    assert database_options(switch) == options
