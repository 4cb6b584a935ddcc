"""The Redis cache forgives a Redis that is down: reads miss, writes are dropped."""

from __future__ import annotations

import pytest

from autokauf.core.cache import ForgivingRedisCache

UNREACHABLE = "redis://127.0.0.1:1/0"


@pytest.fixture
def down() -> ForgivingRedisCache:
    return ForgivingRedisCache(UNREACHABLE, {"OPTIONS": {"socket_connect_timeout": 0.2}})


def test_with_redis_down_a_read_is_a_miss(down):
    assert down.get("token-owner", "miss") == "miss"
    assert down.get_many(["a", "b"]) == {}
    assert down.has_key("a") is False


def test_with_redis_down_writes_are_dropped_without_an_error(down):
    down.set("a", 1, 5)
    down.delete_many(["a", "b"])
    assert down.add("a", 1, 5) is False
    assert down.delete("a") is False
    assert down.get("a") is None


def test_after_a_failure_the_cache_is_left_alone_for_a_moment(down, monkeypatch):
    assert down.get("a") is None
    asked = []
    monkeypatch.setattr(
        "django.core.cache.backends.redis.RedisCache.get", lambda *a, **k: asked.append(a)
    )

    assert down.get("a", "miss") == "miss"
    assert asked == []


def test_with_redis_down_a_count_still_fails_loudly(down):
    import redis

    with pytest.raises(redis.RedisError):
        down.incr("a")


def test_with_redis_up_the_cache_keeps_values():
    import redis

    url = "redis://127.0.0.1:6379/4"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379 (CI has one)")
    up = ForgivingRedisCache(url, {"KEY_PREFIX": "test-forgiving"})
    up.set("a", {"b": 1}, 5)
    assert up.get("a") == {"b": 1}
    up.delete("a")
