"""Tables of the shared kernel: idempotency keys and the transactional outbox."""

from __future__ import annotations

from django.db import models


class IdempotencyRecord(models.Model):
    """One `Idempotency-Key` of one caller in one scope, and the first answer given for it.

    The row is claimed by INSERT under the unique constraint before the work starts
    (state "in_flight") and completed with the answer afterwards (state "done").
    """

    class State(models.TextChoices):
        IN_FLIGHT = "in_flight", "in flight"
        DONE = "done", "done"

    scope = models.CharField(max_length=100)
    caller = models.CharField(max_length=150)
    key = models.CharField(max_length=255)
    fingerprint = models.CharField(max_length=64)
    state = models.CharField(max_length=10, choices=State.choices, default=State.IN_FLIGHT)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    response_content_type = models.CharField(max_length=100, blank=True, default="")
    response_body = models.TextField(blank=True, default="")
    created_at = models.DateTimeField()
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "caller", "key"], name="core_idempotency_key_once"
            )
        ]
        indexes = [models.Index(fields=["created_at"], name="core_idem_created")]

    def __str__(self) -> str:
        return f"{self.scope} {self.caller} {self.key}"


class OutboxEvent(models.Model):
    """An event written in the same transaction as the state change it reports."""

    topic = models.CharField(max_length=100)
    key = models.CharField(max_length=200, blank=True, default="")
    payload = models.JSONField()
    created_at = models.DateTimeField()
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True, default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["next_attempt_at"],
                name="core_outbox_pending",
                condition=models.Q(delivered_at__isnull=True),
            )
        ]

    def __str__(self) -> str:
        return f"{self.topic} #{self.pk}"


class ProcessedEvent(models.Model):
    """Proof that one consumer applied one event; written in the handler's transaction."""

    event = models.ForeignKey(OutboxEvent, on_delete=models.CASCADE, related_name="processed")
    consumer = models.CharField(max_length=100)
    processed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["event", "consumer"], name="core_event_applied_once")
        ]

    def __str__(self) -> str:
        return f"{self.consumer} applied #{self.event_id}"
