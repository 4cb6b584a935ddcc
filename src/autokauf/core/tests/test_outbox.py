"""The outbox: events exist only with their change, and each consumer applies each event once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from autokauf.core import clock, outbox
from autokauf.core.models import OutboxEvent, ProcessedEvent

MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def received():
    """Two consumers of "spec.thing.happened" that write down what they were given."""
    seen: dict[str, list[dict]] = {"mail": [], "commission": []}
    outbox.register("spec.thing.happened", "mail", seen["mail"].append)
    outbox.register("spec.thing.happened", "commission", seen["commission"].append)
    yield seen
    outbox.unregister("spec.thing.happened", "mail")
    outbox.unregister("spec.thing.happened", "commission")


def emit_order_placed(order: int = 7) -> None:
    with transaction.atomic():
        outbox.emit("spec.thing.happened", {"order": order}, key=f"order-{order}")


@pytest.mark.django_db
def test_each_consumer_gets_the_event_once(received):
    emit_order_placed()

    assert outbox.deliver_pending() == 1
    assert received == {"mail": [{"order": 7}], "commission": [{"order": 7}]}
    assert OutboxEvent.objects.get().delivered_at is not None


@pytest.mark.django_db
def test_an_event_delivered_twice_is_applied_once_per_consumer(received):
    emit_order_placed()
    event = OutboxEvent.objects.get()

    outbox.deliver_event(event.pk)
    OutboxEvent.objects.update(delivered_at=None)  # as if the worker died before marking it
    outbox.deliver_event(event.pk)
    outbox.deliver_pending()

    assert received == {"mail": [{"order": 7}], "commission": [{"order": 7}]}
    assert ProcessedEvent.objects.count() == 2


@pytest.mark.django_db
def test_an_event_emitted_in_a_rolled_back_transaction_never_exists(received):
    with pytest.raises(RuntimeError), transaction.atomic():
        outbox.emit("spec.thing.happened", {"order": 8})
        raise RuntimeError("the order could not be saved")

    assert OutboxEvent.objects.count() == 0
    assert outbox.deliver_pending() == 0
    assert received == {"mail": [], "commission": []}


@pytest.mark.django_db(transaction=True)
def test_emitting_outside_a_transaction_is_refused():
    with pytest.raises(outbox.NotInTransaction):
        outbox.emit("spec.thing.happened", {"order": 9})

    assert OutboxEvent.objects.count() == 0


@pytest.mark.django_db
def test_a_failing_consumer_does_not_block_the_others_and_is_retried_with_backoff(received):
    failures = {"left": 2}

    def flaky_invoice(payload: dict) -> None:
        if failures["left"]:
            failures["left"] -= 1
            raise ConnectionError("invoice service unreachable")
        received.setdefault("invoice", []).append(payload)

    outbox.register("spec.thing.happened", "invoice", flaky_invoice)
    try:
        with clock.frozen(MONDAY):
            emit_order_placed()
            assert outbox.deliver_pending() == 0
        event = OutboxEvent.objects.get()
        assert received["mail"] == [{"order": 7}]
        assert event.attempts == 1
        assert event.next_attempt_at == MONDAY + timedelta(seconds=10)
        assert "invoice: ConnectionError: invoice service unreachable" in event.last_error

        assert outbox.deliver_pending(now=MONDAY + timedelta(seconds=9)) == 0
        with clock.frozen(MONDAY + timedelta(seconds=10)):
            assert outbox.deliver_pending() == 0
        event.refresh_from_db()
        assert event.attempts == 2
        assert event.next_attempt_at == MONDAY + timedelta(seconds=30)

        with clock.frozen(MONDAY + timedelta(seconds=30)):
            assert outbox.deliver_pending() == 1
    finally:
        outbox.unregister("spec.thing.happened", "invoice")

    assert received["invoice"] == [{"order": 7}]
    assert received["mail"] == [{"order": 7}]
    assert received["commission"] == [{"order": 7}]


@pytest.mark.django_db
def test_what_a_failing_handler_wrote_is_rolled_back_with_it():
    def half_done(payload: dict) -> None:
        OutboxEvent.objects.create(
            topic="side.effect", payload={}, created_at=clock.now(), next_attempt_at=clock.now()
        )
        raise ValueError("half way")

    outbox.register("spec.thing.happened", "half", half_done)
    try:
        emit_order_placed()
        outbox.deliver_pending()
    finally:
        outbox.unregister("spec.thing.happened", "half")

    assert list(OutboxEvent.objects.values_list("topic", flat=True)) == ["spec.thing.happened"]
    assert ProcessedEvent.objects.count() == 0


def test_backoff_doubles_and_stops_at_an_hour():
    assert [outbox.backoff(n).total_seconds() for n in (1, 2, 3, 4, 10, 20)] == [
        10,
        20,
        40,
        80,
        3600,
        3600,
    ]


@pytest.mark.django_db
def test_an_event_nobody_consumes_is_recorded_as_delivered_without_queueing_work(
    django_capture_on_commit_callbacks,
):
    with clock.frozen(MONDAY), django_capture_on_commit_callbacks() as queued, transaction.atomic():
        outbox.emit("spec.nobody.listens", {"order": 10}, key="order-10")

    event = OutboxEvent.objects.get()
    assert (event.topic, event.payload, event.delivered_at) == (
        "spec.nobody.listens",
        {"order": 10},
        MONDAY,
    )
    assert queued == []
    assert outbox.deliver_pending() == 0


@pytest.mark.django_db
def test_an_event_someone_waits_for_is_delivered_right_after_commit_by_the_committing_process(
    received, django_capture_on_commit_callbacks
):
    confirmed: list[dict] = []
    outbox.register("spec.payment.arrived", "confirm", confirmed.append, urgent=True)
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            outbox.emit("spec.thing.happened", {"order": 11})
            outbox.emit("spec.payment.arrived", {"order": 11})
            assert confirmed == []
    finally:
        outbox.unregister("spec.payment.arrived", "confirm")

    mail, payment = OutboxEvent.objects.order_by("pk")
    assert confirmed == [{"order": 11}]
    assert payment.delivered_at is not None and mail.delivered_at is None
    queued = [(task.args_kwargs["args"], task.priority) for task in DBTaskResult.objects.ready()]
    assert queued == [([mail.pk], 0)]


@pytest.mark.django_db
def test_an_event_someone_waits_for_that_fails_at_once_is_queued_ahead_of_the_others(
    received, django_capture_on_commit_callbacks
):
    def refuse(payload: dict) -> None:
        raise RuntimeError("the lender is down")

    outbox.register("spec.payment.arrived", "confirm", refuse, urgent=True)
    try:
        with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
            outbox.emit("spec.thing.happened", {"order": 12})
            outbox.emit("spec.payment.arrived", {"order": 12})
    finally:
        outbox.unregister("spec.payment.arrived", "confirm")

    mail, payment = OutboxEvent.objects.order_by("pk")
    payment.refresh_from_db()
    assert (payment.delivered_at, payment.attempts) == (None, 1)
    assert "RuntimeError: the lender is down" in payment.last_error
    queued = [(task.args_kwargs["args"], task.priority) for task in DBTaskResult.objects.ready()]
    assert queued == [([payment.pk], outbox.URGENT_PRIORITY), ([mail.pk], 0)]


@pytest.mark.django_db
def test_an_event_of_one_consumer_delivered_twice_is_applied_once():
    applied: list[dict] = []
    outbox.register("spec.one.consumer", "only", applied.append)
    try:
        with transaction.atomic():
            outbox.emit("spec.one.consumer", {"order": 13})
        event = OutboxEvent.objects.get()

        assert outbox.deliver_event(event.pk) is True
        OutboxEvent.objects.update(delivered_at=None)  # as if the worker died before marking it
        assert outbox.deliver_event(event.pk) is True
    finally:
        outbox.unregister("spec.one.consumer", "only")

    assert applied == [{"order": 13}]
    assert ProcessedEvent.objects.count() == 1
    assert OutboxEvent.objects.get().delivered_at is not None


@pytest.mark.django_db(transaction=True)
def test_one_consumer_runs_in_the_events_transaction_and_several_each_in_a_savepoint(received):
    """One consumer fails with the event's transaction, so it needs no savepoint of its own;
    several each get one, so that a failing one rolls back alone."""
    outbox.register("spec.one.consumer", "only", lambda payload: None)
    try:
        with transaction.atomic():
            outbox.emit("spec.one.consumer", {"order": 14})
            outbox.emit("spec.thing.happened", {"order": 14})
        one, several = OutboxEvent.objects.order_by("pk")

        with CaptureQueriesContext(connection) as delivering_one:
            outbox.deliver_event(one.pk)
        with CaptureQueriesContext(connection) as delivering_several:
            outbox.deliver_event(several.pk)
    finally:
        outbox.unregister("spec.one.consumer", "only")

    def savepoints(statements: CaptureQueriesContext) -> int:
        return sum(1 for q in statements.captured_queries if q["sql"].startswith("SAVEPOINT"))

    assert (savepoints(delivering_one), savepoints(delivering_several)) == (0, 2)
    assert OutboxEvent.objects.filter(delivered_at__isnull=True).count() == 0
