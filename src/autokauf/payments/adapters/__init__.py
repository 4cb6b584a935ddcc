"""Payment providers behind one port (`base.PaymentProvider`)."""

from __future__ import annotations

from django.conf import settings

from .base import PaymentProvider


def get_provider(name: str | None = None) -> PaymentProvider:
    """The provider by name; default the setting PAYMENTS_PROVIDER ("sandbox")."""
    chosen = name or getattr(settings, "PAYMENTS_PROVIDER", "sandbox")
    if chosen == "sandbox":
        from .sandbox import SandboxProvider

        return SandboxProvider()
    raise LookupError(f"no payment provider called {chosen!r}")
