"""Background work of flash sales. Thin: it calls the service."""

from __future__ import annotations

from django_tasks import task


@task()
def sweep() -> dict[str, int]:
    """Write down claims that already count as expired (settings.AUTOKAUF_PERIODIC_TASKS)."""
    from .claims import expire_lapsed_claims

    return {"claims_expired": expire_lapsed_claims()}
