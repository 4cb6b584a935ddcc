"""Writes and quotes of the insurance domain."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db import IntegrityError, transaction

from autokauf.core import clock

from . import rules
from .errors import QuoteInputInvalid, UnknownCover
from .models import Cover, Policy
from .tables import current_tariff

# eVB numbers: 7 characters, capital letters and digits without the easily confused I, O, 0 and 1.
EVB_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
EVB_LENGTH = 7
EVB_ATTEMPTS = 8


def _profile(data: Mapping[str, Any], language: str) -> rules.Profile:
    profile, errors = rules.parse_profile(data, current_tariff())
    if errors:
        fields = ", ".join(error.field for error in errors)
        raise QuoteInputInvalid(
            f"{len(errors)} field(s) need correcting: {fields}.",
            extra={"errors": [error.to_dict(language) for error in errors]},
        )
    assert profile is not None
    return profile


def quote_insurance(*, data: Mapping[str, Any], language: str = "de") -> list[rules.InsuranceQuote]:
    """Liability, partial and comprehensive cover for one profile, every factor shown."""
    return rules.quotes(current_tariff(), _profile(data, language))


def new_evb_number() -> str:
    return "".join(secrets.choice(EVB_ALPHABET) for _ in range(EVB_LENGTH))


def take_policy(
    *,
    holder: Any,
    data: Mapping[str, Any],
    cover: str,
    starts_on: date | None = None,
    language: str = "de",
) -> Policy:
    """Takes out the cover at the premium rated now (never a figure sent by the client) and
    issues a unique eVB number for the registration office."""
    if cover not in Cover.values:
        raise UnknownCover(f"Cover must be one of {', '.join(Cover.values)}.")
    profile = _profile(data, language)
    quote = rules.quote(current_tariff(), profile, cover)
    fields = {
        "holder": holder,
        "cover": cover,
        "model_slug": profile.model_slug,
        "postcode": profile.postcode,
        "profile": profile.to_dict(),
        "quote": quote.to_dict(),
        "net_yearly": quote.net_yearly,
        "insurance_tax_yearly": quote.tax_yearly,
        "yearly_premium": quote.yearly,
        "monthly_premium": quote.monthly,
        "starts_on": starts_on or clock.today_berlin(),
        "created_at": clock.now(),
    }
    for _attempt in range(EVB_ATTEMPTS):
        try:
            with transaction.atomic():  # a savepoint: a clashing number is retried, not fatal
                return Policy.objects.create(evb_number=new_evb_number(), **fields)
        except IntegrityError:
            continue
    raise RuntimeError("no free eVB number found")
