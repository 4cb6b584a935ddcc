"""Fixtures every spec may use. Pure-rule specs need none of them."""

from __future__ import annotations

import os

import pytest

from tests.world import build_small_catalogue


def pytest_sessionstart(session: pytest.Session) -> None:
    """When CI points the suite at PostgreSQL or Redis, they must answer: no silent fallback."""
    if os.environ.get("REDIS_URL"):
        import redis

        redis.Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=3).ping()


@pytest.fixture
def small_catalogue(db):
    """The Nordwerk Asta of tests/world.py, in the database."""
    return build_small_catalogue()


@pytest.fixture(autouse=True)
def _fresh_cache():
    from django.core.cache import cache

    cache.clear()
    yield
