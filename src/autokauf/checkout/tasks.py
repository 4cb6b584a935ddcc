"""Background work of checkout. Thin: it calls the service."""

from __future__ import annotations

from django_tasks import task


@task()
def sweep() -> dict[str, int]:
    """Lapse orders past their payment deadline (settings.AUTOKAUF_PERIODIC_TASKS)."""
    from .lapses import lapse_overdue_orders

    return {"orders_lapsed": lapse_overdue_orders()}
