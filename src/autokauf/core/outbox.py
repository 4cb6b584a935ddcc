"""The transactional outbox (ARCHITECTURE.md, invariant 5).

`emit()` writes an event in the transaction of the state change it reports, so an event exists
exactly when its change was committed. After commit a task delivers it, or, for an event a person
waits for, the process that committed it, with the task as the fallback; `deliver_pending()` sweeps
whatever a lost task left behind. Delivery is at least once; each consumer applies an event once,
because its ProcessedEvent row is inserted under a unique constraint in the handler's transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from . import clock
from .models import OutboxEvent, ProcessedEvent

Handler = Callable[[dict[str, Any]], None]
log = logging.getLogger(__name__)

_handlers: dict[str, dict[str, Handler]] = {}
_urgent: dict[str, set[str]] = {}
# Task priority of an event a buyer waits for (django-tasks: higher runs first, default 0).
URGENT_PRIORITY = 10
MAX_BACKOFF = timedelta(hours=1)
FIRST_BACKOFF = timedelta(seconds=10)


class NotInTransaction(RuntimeError):
    """emit() outside transaction.atomic could report a change that was never committed."""


def register(topic: str, consumer: str, handler: Handler, *, urgent: bool = False) -> None:
    """Subscribe `handler` under the name `consumer`; call from AppConfig.ready().

    Registering the same (topic, consumer) again replaces the handler. An `urgent` consumer is one
    a person waits for (e.g. the confirmation of a paid order): the topic's events are delivered
    right after commit by the process that committed them, and only a delivery that fails there
    is queued, ahead of the rest (such as mails).
    """
    _handlers.setdefault(topic, {})[consumer] = handler
    if urgent:
        _urgent.setdefault(topic, set()).add(consumer)
    else:
        _urgent.get(topic, set()).discard(consumer)


def unregister(topic: str, consumer: str) -> None:
    _handlers.get(topic, {}).pop(consumer, None)
    _urgent.get(topic, set()).discard(consumer)


def consumers_of(topic: str) -> dict[str, Handler]:
    return dict(_handlers.get(topic, {}))


def emit(topic: str, payload: dict[str, Any], *, key: str = "") -> None:
    """Record `topic` with `payload`; must run inside the transaction of the change it reports."""
    if not transaction.get_connection().in_atomic_block:
        raise NotInTransaction(f"emit({topic!r}) must be called inside transaction.atomic")
    now = clock.now()
    # An event nobody consumes is written as delivered: no task is queued only to find nothing.
    nobody = not _handlers.get(topic)
    event = OutboxEvent.objects.create(
        topic=topic,
        key=key,
        payload=payload,
        created_at=now,
        next_attempt_at=now,
        delivered_at=now if nobody else None,
    )
    if nobody:
        return
    if _urgent.get(topic):
        transaction.on_commit(lambda: _deliver_now(event))
    else:
        transaction.on_commit(lambda: _enqueue(event.pk, 0))


def _deliver_now(event: OutboxEvent) -> None:
    """Deliver at once the event this process has just committed (so it is not read again); a
    delivery that fails here goes to the task queue, ahead of the rest."""
    try:
        delivered = _deliver(event)
    except Exception:
        log.exception("could not deliver outbox event %s at once", event.pk)
        delivered = False
    if not delivered:
        _enqueue(event.pk, URGENT_PRIORITY)


def _enqueue(event_id: int, priority: int) -> None:
    from .tasks import deliver_outbox_event

    try:
        deliver_outbox_event.using(priority=priority).enqueue(event_id)
    except Exception:
        # The sweeper delivers it later; the event itself is safely committed.
        log.exception("could not enqueue outbox event %s", event_id)


def backoff(attempts: int) -> timedelta:
    """10 s, 20 s, 40 s, ... doubling per failed attempt, at most an hour."""
    return min(FIRST_BACKOFF * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def deliver_pending(*, now: datetime | None = None, limit: int = 500) -> int:
    """Deliver every undelivered event that is due; returns how many are now fully delivered."""
    due_at = now or clock.now()
    event_ids = list(
        OutboxEvent.objects.filter(delivered_at__isnull=True, next_attempt_at__lte=due_at)
        .order_by("pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for event_id in event_ids if deliver_event(event_id))


def deliver_event(event_id: int) -> bool:
    """Run every consumer of the event that has not applied it yet; True when none is left."""
    event = OutboxEvent.objects.filter(pk=event_id).first()
    if event is None or event.delivered_at is not None:
        return True
    return _deliver(event)


def _deliver(event: OutboxEvent) -> bool:
    """One transaction, and the event's outcome commits with what the consumers did (one commit,
    not one per step). Several consumers each run in their own savepoint, so a failing one rolls
    back alone; a single consumer needs none: it fails with the transaction, and the failure is
    recorded after the rollback."""
    consumers = consumers_of(event.topic)
    if len(consumers) == 1:
        return _deliver_to_one(event, *next(iter(consumers.items())))
    with transaction.atomic():
        failures = [
            f"{consumer}: {error}"
            for consumer, handler in consumers.items()
            if (error := _apply(event, consumer, handler)) is not None
        ]
        return _record_outcome(event, failures)


def _deliver_to_one(event: OutboxEvent, consumer: str, handler: Handler) -> bool:
    try:
        with transaction.atomic():
            _claim(event, consumer)
            handler(dict(event.payload))
            return _record_outcome(event, [])
    except _AppliedBefore:
        return _record_outcome(event, [])
    except Exception as exc:
        log.exception("outbox consumer %s failed on %s #%s", consumer, event.topic, event.pk)
        return _record_outcome(event, [f"{consumer}: {exc.__class__.__name__}: {exc}"])


def _record_outcome(event: OutboxEvent, failures: list[str]) -> bool:
    now = clock.now()
    if failures:
        attempts = event.attempts + 1
        OutboxEvent.objects.filter(pk=event.pk).update(
            attempts=F("attempts") + 1,
            next_attempt_at=now + backoff(attempts),
            last_error="\n".join(failures)[:4000],
        )
        return False
    OutboxEvent.objects.filter(pk=event.pk, delivered_at__isnull=True).update(delivered_at=now)
    return True


def _apply(event: OutboxEvent, consumer: str, handler: Handler) -> str | None:
    """Apply once; answers None when applied (now or before), else the error text."""
    try:
        with transaction.atomic():
            _claim(event, consumer)
            handler(dict(event.payload))
    except _AppliedBefore:
        return None
    except Exception as exc:
        log.exception("outbox consumer %s failed on %s #%s", consumer, event.topic, event.pk)
        return f"{exc.__class__.__name__}: {exc}"
    return None


class _AppliedBefore(Exception):
    """The consumer's ProcessedEvent row exists already."""


def _claim(event: OutboxEvent, consumer: str) -> None:
    """Insert the ProcessedEvent row first in the handler's transaction; a concurrent deliverer
    waits on the unique index and loses, and its whole transaction is rolled back."""
    try:
        ProcessedEvent.objects.create(event=event, consumer=consumer, processed_at=clock.now())
    except IntegrityError:
        raise _AppliedBefore from None
