"""Rate-sheet revision: every write to a lender or a rate-sheet row bumps one counter.

Signals are used here only to invalidate caches (no business flow hangs on them); bulk writes
bump through models.RevisedQuerySet.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import F
from django.db.models.signals import post_delete, post_save

from .models import Lender, RateSheetRevision, RateSheetRow


def bump() -> None:
    # One atomic UPDATE: concurrent writers each add one, none is lost.
    token = uuid.uuid4().hex
    updated = RateSheetRevision.objects.filter(pk=1).update(number=F("number") + 1, token=token)
    if not updated:
        RateSheetRevision.objects.get_or_create(pk=1, defaults={"number": 1, "token": token})


def current_key() -> tuple[int, str]:
    """The revision number and the token of the change that set it ((0, "") before any)."""
    row = RateSheetRevision.objects.filter(pk=1).values_list("number", "token").first()
    return (row[0], row[1]) if row else (0, "")


def _on_change(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    bump()


for _model in (Lender, RateSheetRow):
    post_save.connect(_on_change, sender=_model, dispatch_uid=f"rates-rev-save-{_model.__name__}")
    post_delete.connect(_on_change, sender=_model, dispatch_uid=f"rates-rev-del-{_model.__name__}")
