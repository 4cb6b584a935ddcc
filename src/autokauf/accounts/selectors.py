"""Reads of accounts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from autokauf.core import clock

from .models import ApiToken, Consent, User
from .rules import CONSENT_TEXTS


@dataclass(frozen=True, slots=True)
class ConsentState:
    """One purpose as the person sees it: the current text and their standing consent, if any."""

    purpose: str
    text: str
    current_version: str
    given: Consent | None

    @property
    def standing(self) -> bool:
        return self.given is not None

    @property
    def outdated(self) -> bool:
        """Given to an older wording than the current one."""
        return self.given is not None and self.given.text_version != self.current_version


def consent_states(user: User, language: str) -> list[ConsentState]:
    standing = {
        consent.purpose: consent
        for consent in Consent.objects.filter(user=user, withdrawn_at__isnull=True)
    }
    return [
        ConsentState(purpose, text.text(language), text.version, standing.get(purpose))
        for purpose, text in CONSENT_TEXTS.items()
    ]


def consent_history(user: User) -> QuerySet[Consent]:
    return Consent.objects.filter(user=user).order_by("purpose", "-given_at")


def has_consent(user: User, purpose: str) -> bool:
    return Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True).exists()


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def _age_on(born: date, day: date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_adult(user: User) -> bool:
    """18 or older today (BGB § 2); an unknown date of birth is not adult."""
    born = user.date_of_birth
    return born is not None and _age_on(born, clock.today_berlin()) >= 18
