"""Templated mail in German and English, sent through Django's mail backend from outbox handlers."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string, select_template
from django.utils import translation

LANGUAGES = ("de", "en")


def _names(template: str, language: str, suffix: str) -> list[str]:
    """notifications/<template>.<language>.<suffix>, else notifications/<template>.<suffix>."""
    base = template if "/" in template else f"notifications/{template}"
    return [f"{base}.{language}.{suffix}", f"{base}.{suffix}"]


def render_mail(*, template: str, context: dict[str, Any], language: str) -> tuple[str, str, str]:
    """(subject, text, html) of a mail in `language` ("de" or "en"; anything else is German)."""
    language = language[:2] if language[:2] in LANGUAGES else "de"
    with translation.override(language):
        parts = []
        for suffix in ("subject.txt", "txt", "html"):
            chosen = select_template(_names(template, language, suffix))
            parts.append(render_to_string(chosen.template.name, {**context, "language": language}))
    subject = " ".join(parts[0].split())
    return subject, parts[1], parts[2]


def send_mail(*, template: str, to: str, context: dict[str, Any], language: str) -> None:
    """Render the template's subject, text and HTML and send one multipart mail to `to`."""
    subject, text, html = render_mail(template=template, context=context, language=language)
    message = EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [to])
    message.attach_alternative(html, "text/html")
    message.send()
