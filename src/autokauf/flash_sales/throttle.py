"""Rate limits on joining and claiming: per account and per address, in fixed windows.

Counters live in Django's cache (local memory per process, or Redis when REDIS_URL is set);
`cache.add` then `cache.incr` is atomic on Redis. A cache that fails lets the request through:
the claim itself is exact without the limiter.
"""

from __future__ import annotations

import logging
import math

from django.conf import settings
from django.core.cache import cache

from autokauf.core import clock

from .errors import RateLimited

log = logging.getLogger(__name__)


def _limit(name: str, default: int) -> int:
    return int(getattr(settings, name, default))


def window_seconds() -> int:
    return _limit("FLASH_SALE_RATE_WINDOW_SECONDS", 10)


def account_limit() -> int:
    return _limit("FLASH_SALE_REQUESTS_PER_ACCOUNT", 20)


def address_limit() -> int:
    return _limit("FLASH_SALE_REQUESTS_PER_ADDRESS", 300)


def check_rate(*, account: int | None, address: str) -> None:
    """Count one request; raise RateLimited (429 with the wait) when either counter is full."""
    window = window_seconds()
    now = clock.now().timestamp()
    index = int(now // window)
    retry_after = max(1, math.ceil((index + 1) * window - now))
    subjects = [("ip", address or "-", address_limit())]
    if account is not None:
        subjects.append(("acct", str(account), account_limit()))
    for kind, subject, limit in subjects:
        if _count(f"flash:rate:{kind}:{subject}:{index}", window) > limit:
            raise RateLimited(retry_after)


def _count(key: str, window: int) -> int:
    try:
        cache.add(key, 0, window + 1)
        return int(cache.incr(key))
    except ValueError:  # the key vanished between add and incr (evicted): count afresh
        return 1
    except Exception as error:  # the cache is down: limit nothing rather than refuse buyers
        log.warning("flash-sale rate limiter unavailable: %s", error)
        return 0
