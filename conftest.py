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

    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not (worker and os.environ.get("REDIS_URL")):
        cache.clear()
        yield
        return
    # Parallel workers share one Redis database, where clear() would empty the other worker's
    # cache in the middle of its spec: each keeps its cache under its own key prefix and empties
    # everything but the other workers' caches.
    shared = cache.key_prefix.split("-gw")[0]
    cache.key_prefix = f"{shared}-{worker}"
    client = cache._cache.get_client(write=True)  # type: ignore[attr-defined]
    others = f"{shared}-gw".encode()
    own = f"{cache.key_prefix}:".encode()
    stale = [k for k in client.scan_iter() if not k.startswith(others) or k.startswith(own)]
    if stale:
        client.delete(*stale)
    yield
