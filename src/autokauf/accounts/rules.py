"""Pure rules of accounts: consent texts, the login throttle's arithmetic. No ORM, no clock."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class ConsentText:
    """The text a person agrees to. A new wording gets a new version; a consent records the
    version it was given to (GDPR Art. 7(1): the controller must be able to show the consent)."""

    purpose: str
    version: str
    text_de: str
    text_en: str

    def text(self, language: str) -> str:
        return self.text_de if language == "de" else self.text_en


CONSENT_TEXTS: dict[str, ConsentText] = {
    text.purpose: text
    for text in (
        ConsentText(
            "marketing-email",
            "2025-01",
            "Ich möchte Angebote und Neuigkeiten per E-Mail erhalten.",
            "I would like to receive offers and news by e-mail.",
        ),
        ConsentText(
            "marketing-phone",
            "2025-01",
            "Ich bin einverstanden, dass man mich zu Angeboten anruft.",
            "I agree to be called about offers.",
        ),
        ConsentText(
            "dealer-contact",
            "2025-01",
            "Mein Händler darf mich zu meiner Bestellung und zu Probefahrten kontaktieren.",
            "My dealer may contact me about my order and test drives.",
        ),
    )
}


@dataclass(frozen=True, slots=True)
class ThrottlePolicy:
    """At most `limit` failed logins per subject (an address or an IP) within `window`."""

    limit: int
    window: timedelta


@dataclass(frozen=True, slots=True)
class FailureWindow:
    started_at: datetime
    failures: int


def window_is_over(window: FailureWindow, policy: ThrottlePolicy, now: datetime) -> bool:
    return now >= window.started_at + policy.window


def retry_after_seconds(window: FailureWindow, policy: ThrottlePolicy, now: datetime) -> int:
    """Whole seconds until the window ends (at least 1), or 0 when the subject may try again."""
    if window_is_over(window, policy, now) or window.failures < policy.limit:
        return 0
    remaining = (window.started_at + policy.window - now).total_seconds()
    return max(1, math.ceil(remaining))
