"""A kept database connection is asked "SELECT 1" before a request only after it sat idle."""

from __future__ import annotations

import pytest
from django.core.signals import request_finished, request_started
from django.db import connections

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connections["default"].vendor != "postgresql", reason="the PostgreSQL backend's check"
    ),
]


@pytest.fixture
def checks(monkeypatch):
    """The connection's health checks switched on, and each check counted."""
    asked = []
    database = connections["default"]
    database.ensure_connection()
    usable = database.is_usable
    monkeypatch.setattr(database, "health_check_enabled", True)
    monkeypatch.setattr(database, "is_usable", lambda: asked.append(1) or usable())
    return asked


def one_request() -> None:
    request_started.send(sender=None)
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1")
    request_finished.send(sender=None)


def test_a_connection_used_a_moment_ago_is_not_asked_again(checks):
    one_request()
    checks.clear()

    one_request()

    assert checks == []


def test_a_connection_idle_longer_than_a_second_is_asked_once(checks, monkeypatch):
    one_request()
    checks.clear()
    from autokauf.core.postgresql import base

    monkeypatch.setattr(base, "RECENTLY", 0.0)

    one_request()

    assert checks == [1]


def test_a_connection_that_had_an_error_is_not_noted_as_served(checks):
    from autokauf.core.connection_checks import note_served

    database = connections["default"]
    database.errors_occurred = True
    note_served()
    database.errors_occurred = False

    assert database.served_at is None
