"""The one source of the current time. Tests set it with `frozen(...)` instead of patching."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")
_fixed: datetime | None = None


def now() -> datetime:
    """Timezone-aware UTC."""
    return _fixed if _fixed is not None else datetime.now(UTC)


def today_berlin() -> date:
    return now().astimezone(BERLIN).date()


@contextmanager
def frozen(moment: datetime) -> Iterator[None]:
    global _fixed
    if moment.tzinfo is None:
        raise ValueError("frozen() needs a timezone-aware datetime")
    previous, _fixed = _fixed, moment.astimezone(UTC)
    try:
        yield
    finally:
        _fixed = previous
