"""Catalogue revision: every write to a catalogue table bumps one counter.

Signals are used here only to invalidate caches (no business flow hangs on them): they catch
every path that writes the catalogue, the importer, the back office and import-export alike.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import models

_WATCHED = (models.Brand, models.CarModel, models.Trim, models.OptionGroup, models.Option, models.Rule)


def bump() -> None:
    # One atomic UPDATE: concurrent writers each add one, none is lost.
    updated = models.Revision.objects.filter(pk=1).update(number=F("number") + 1)
    if not updated:
        models.Revision.objects.get_or_create(pk=1, defaults={"number": 1})


def current() -> int:
    row = models.Revision.objects.filter(pk=1).values_list("number", flat=True).first()
    return row or 0


def _on_change(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    bump()


for _model in _WATCHED:
    post_save.connect(_on_change, sender=_model, dispatch_uid=f"catalog-rev-save-{_model.__name__}")
    post_delete.connect(_on_change, sender=_model, dispatch_uid=f"catalog-rev-del-{_model.__name__}")
m2m_changed.connect(_on_change, sender=models.Trim.default_options.through, dispatch_uid="rev-defaults")
m2m_changed.connect(_on_change, sender=models.Option.trims.through, dispatch_uid="rev-option-trims")
