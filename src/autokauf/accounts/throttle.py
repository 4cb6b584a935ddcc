"""Login throttling: failed attempts counted per address and per IP in a fixed window.

The counters never depend on whether the address belongs to an account, so a throttled answer
says nothing about which addresses exist (OWASP ASVS 5.0 V6.3: anti-automation without
account enumeration). A window past its end counts as over the moment it is read.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from django.conf import settings
from django.core.cache import cache

from autokauf.core import clock

from .errors import LoginThrottled
from .rules import FailureWindow, ThrottlePolicy, retry_after_seconds, window_is_over


def _policies() -> tuple[ThrottlePolicy, ThrottlePolicy]:
    window = timedelta(seconds=getattr(settings, "AUTOKAUF_LOGIN_WINDOW_SECONDS", 900))
    per_address = getattr(settings, "AUTOKAUF_LOGIN_FAILURES_PER_ADDRESS", 5)
    per_ip = getattr(settings, "AUTOKAUF_LOGIN_FAILURES_PER_IP", 20)
    return ThrottlePolicy(per_address, window), ThrottlePolicy(per_ip, window)


def _key(kind: str, subject: str) -> str:
    digest = hashlib.sha256(subject.strip().lower().encode()).hexdigest()[:32]
    return f"accounts:login-failures:{kind}:{digest}"


def _window(key: str) -> FailureWindow | None:
    stored = cache.get(key)
    if stored is None:
        return None
    started, failures = stored
    return FailureWindow(datetime.fromisoformat(started), int(failures))


def _subjects(email: str, ip: str) -> list[tuple[str, ThrottlePolicy]]:
    per_address, per_ip = _policies()
    return [(_key("address", email), per_address), (_key("ip", ip or "-"), per_ip)]


def check_login_allowed(*, email: str, ip: str) -> None:
    """Raises LoginThrottled with the seconds to wait while either counter is full."""
    now = clock.now()
    waits = [
        retry_after_seconds(window, policy, now)
        for key, policy in _subjects(email, ip)
        if (window := _window(key)) is not None
    ]
    if waits and max(waits) > 0:
        raise LoginThrottled(max(waits))


def record_login_failure(*, email: str, ip: str) -> None:
    # Read-then-write on the cache: concurrent failures may be undercounted by a few, which a
    # throttle tolerates; it never blocks a correct login that was not throttled.
    now = clock.now()
    for key, policy in _subjects(email, ip):
        window = _window(key)
        if window is None or window_is_over(window, policy, now):
            window = FailureWindow(now, 0)
        timeout = int(policy.window.total_seconds()) + 60
        cache.set(key, (window.started_at.isoformat(), window.failures + 1), timeout)


def forget_login_failures(*, email: str) -> None:
    """After a successful login the address starts afresh; the IP's count stays."""
    cache.delete(_key("address", email))
