"""A hot statement is planned once per connection on PostgreSQL, and the switch turns it off."""

from __future__ import annotations

import pytest
from django.db import connection

from autokauf.core.prepared import prepared_cursor

pytestmark = pytest.mark.django_db

STATEMENT = "SELECT %(n)s + 1"


def prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def test_a_statement_run_through_the_prepared_cursor_answers_as_any_cursor_would():
    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, {"n": 41})
        answer = cursor.fetchone()[0]

    assert answer == 42


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_on_postgresql_the_statement_is_prepared_on_its_first_run_and_django_cursors_are_not():
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::int", [1])

    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, {"n": 1})

    assert prepared_statements() == ["SELECT $1 + 1"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared statements: PostgreSQL")
def test_the_setting_turns_preparing_off(settings):
    settings.AUTOKAUF_PREPARED_STATEMENTS = False

    with prepared_cursor() as cursor:
        cursor.execute(STATEMENT, {"n": 1})

    assert prepared_statements() == []
