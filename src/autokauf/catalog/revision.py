"""Catalogue revision: every write to a catalogue table bumps one counter.

Signals are used here only to invalidate caches (no business flow hangs on them): they catch
every path that writes the catalogue, the importer, the back office and import-export alike.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.db.models import F
from django.db.models.signals import m2m_changed, post_delete, post_save

from . import models

_WATCHED = (
    models.Brand,
    models.CarModel,
    models.Trim,
    models.OptionGroup,
    models.Option,
    models.Rule,
)


def bump() -> None:
    # One atomic UPDATE: concurrent writers each add one, none is lost.
    token = uuid.uuid4().hex
    updated = models.Revision.objects.filter(pk=1).update(number=F("number") + 1, token=token)
    if not updated:
        models.Revision.objects.get_or_create(pk=1, defaults={"number": 1, "token": token})


def current() -> int:
    return current_key()[0]


def current_key() -> tuple[int, str]:
    """The revision number and the token of the change that set it."""
    row = models.Revision.objects.filter(pk=1).values_list("number", "token").first()
    return (row[0], row[1]) if row else (0, "")


def _on_change(sender: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    bump()


for _model in _WATCHED:
    post_save.connect(_on_change, sender=_model, dispatch_uid=f"catalog-rev-save-{_model.__name__}")
    post_delete.connect(
        _on_change, sender=_model, dispatch_uid=f"catalog-rev-del-{_model.__name__}"
    )
m2m_changed.connect(
    _on_change, sender=models.Trim.default_options.through, dispatch_uid="rev-defaults"
)
m2m_changed.connect(_on_change, sender=models.Option.trims.through, dispatch_uid="rev-option-trims")
