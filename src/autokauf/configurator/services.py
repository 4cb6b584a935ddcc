"""Writes: saving a configuration under a short code."""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.db import IntegrityError, transaction

from autokauf import catalog
from autokauf.core import clock

from .models import CODE_ALPHABET, CODE_LENGTH, SavedConfiguration
from .selectors import priced_options, quote_configuration

_ATTEMPTS = 8


def new_code() -> str:
    """Eight signs from an alphabet without 0/O, 1/I/L, drawn with `secrets`."""
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def save_configuration(
    *, trim: str, options: Iterable[str], country: str = "DE"
) -> SavedConfiguration:
    """Saves a valid configuration with its quote; refuses an invalid one (nothing is stored)."""
    chosen = list(dict.fromkeys(options))
    quote = quote_configuration(trim=trim, options=chosen, country=country)
    snapshot, trim_code = catalog.snapshot_for_trim(trim)
    fields = {
        "model_slug": snapshot.slug,
        "trim_code": trim_code,
        "options": list(priced_options(snapshot, chosen)),
        "country": country,
        "quote": quote.to_dict(),
        "revision": quote.revision,
        "created_at": clock.now(),
    }
    for attempt in range(_ATTEMPTS):
        try:
            with transaction.atomic():
                return SavedConfiguration.objects.create(code=new_code(), **fields)
        except IntegrityError:
            if attempt == _ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")
