"""The Redis gate in front of the claim: sheds the crowd, never decides a sale.

A Lua script takes one token from the drop's counter ("cars left") atomically; once it is empty,
callers are told "sold out" without touching the database. The counter lives one second and is
rebuilt from the database (the truth) whenever it is missing, so cars that come back from lapsed
claims are offered again and a flushed or restarted Redis costs nothing. A wrong counter can only
send too many attempts to the database (which refuses them) or answer "sold out" for at most the
counter's lifetime. When Redis fails, the gate stands aside for a few seconds and the drop goes on
on the database alone (ARCHITECTURE.md: Redis never holds the only copy of anything that matters).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings

log = logging.getLogger(__name__)

COUNTER_LIFETIME_MS = 1000
PAUSE_AFTER_FAILURE_SECONDS = 5.0

# KEYS[1] counter. Returns -1 when the counter is missing, 0 when empty, 1 when a token was taken.
TAKE_TOKEN = """
local left = redis.call('GET', KEYS[1])
if not left then return -1 end
if tonumber(left) <= 0 then return 0 end
redis.call('DECR', KEYS[1])
return 1
"""

_client: Any = None
_script: Any = None
_paused_until = 0.0


def _connect() -> Any:
    global _client, _script
    if _client is None:
        import redis

        _client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=0.25, socket_connect_timeout=0.25
        )
        _script = _client.register_script(TAKE_TOKEN)
    return _script


def enabled() -> bool:
    return bool(getattr(settings, "REDIS_URL", None)) and time.monotonic() >= _paused_until


def counter_key(drop_id: int) -> str:
    return f"autokauf:flash:{drop_id}:tokens"


def take_token(drop_id: int, cars_left: Callable[[], int]) -> bool:
    """False only when Redis says for certain that no car is left; True otherwise, including
    when there is no Redis or it fails (the database claim then decides alone)."""
    global _paused_until
    if not enabled():
        return True
    try:
        script = _connect()
        key = counter_key(drop_id)
        taken = int(script(keys=[key]))
        if taken == -1:
            script.registered_client.set(key, cars_left(), px=COUNTER_LIFETIME_MS, nx=True)
            taken = int(script(keys=[key]))
        return taken != 0
    except Exception as error:  # any Redis failure: stand aside, the database decides
        if not _is_redis_error(error):
            raise
        log.warning("flash-sale gate unavailable, claims go to the database: %s", error)
        _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
        return True


def forget(drop_id: int) -> None:
    """Drop the counter so the next attempt rebuilds it from the database."""
    if not enabled():
        return
    try:
        _connect().registered_client.delete(counter_key(drop_id))
    except Exception as error:
        if not _is_redis_error(error):
            raise


def _is_redis_error(error: Exception) -> bool:
    import redis

    return isinstance(error, (redis.RedisError, OSError))


def reset() -> None:
    """Forget the connection and any pause (tests, and after settings change)."""
    global _client, _script, _paused_until
    _client = _script = None
    _paused_until = 0.0
