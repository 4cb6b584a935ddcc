"""Notifications: templated mail, sent from the outbox."""

from __future__ import annotations

from typing import Any

__all__ = ["render_mail", "send_mail"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import services

        return getattr(services, name)
    raise AttributeError(name)
