"""The consent texts a buyer agrees to before a credit check. A new wording gets a new version."""

from __future__ import annotations

CURRENT_VERSION = "credit-check-2026-01"

TEXTS = {
    CURRENT_VERSION: {
        "de": (
            "Ich willige ein, dass meine Angaben zur Prüfung meiner Kreditwürdigkeit verarbeitet "
            "werden. Bei der Vorprüfung fragt der Anbieter die Auskunftei nur ohne Eintrag an "
            "(für andere Kreditgeber nicht sichtbar); beim Kreditantrag wird die Anfrage bei der "
            "Auskunftei vermerkt. Ich kann verlangen, dass eine Person eine automatisierte "
            "Entscheidung überprüft, meinen Standpunkt darlegen und die Entscheidung anfechten."
        ),
        "en": (
            "I consent to my details being processed to assess my creditworthiness. For the "
            "pre-qualification the bureau is asked without a record (not visible to other "
            "lenders); for the credit application the inquiry is recorded by the bureau. I can "
            "ask for a person to review an automated decision, state my view and contest it."
        ),
    }
}


def consent_text(language: str, version: str = CURRENT_VERSION) -> str:
    return TEXTS[version]["de" if language.startswith("de") else "en"]
