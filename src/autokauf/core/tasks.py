"""Background work of the shared kernel: outbox delivery and sweepers. Thin: they call services."""

from __future__ import annotations

from django_tasks import task


@task()
def deliver_outbox_event(event_id: int) -> bool:
    from .outbox import deliver_event

    return deliver_event(event_id)


@task()
def sweep() -> dict[str, int]:
    """Deliver outbox events a lost task left behind and forget idempotency keys past their life.

    Enqueue it periodically (e.g. every minute); correctness never waits for it.
    """
    from .idempotency import delete_expired_keys
    from .outbox import deliver_pending

    return {"delivered": deliver_pending(), "keys_deleted": delete_expired_keys()}
