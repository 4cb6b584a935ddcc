"""Account mails (confirmation, reset, e-mail change), in the person's language.

They are sent after the transaction that caused them commits, so that a rolled-back sign-up
never mails a link that leads nowhere.
"""

from __future__ import annotations

from typing import Any

from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation


def _render(template: str, context: dict[str, Any], language: str) -> tuple[str, str]:
    with translation.override(language):
        subject = render_to_string(f"accounts/mail/{template}.subject.txt", context)
        body = render_to_string(f"accounts/mail/{template}.txt", context)
    return " ".join(subject.split()), body


def send_account_mail(*, template: str, to: str, context: dict[str, Any], language: str) -> None:
    subject, body = _render(template, context, language)
    transaction.on_commit(
        lambda: send_mail(subject, body, None, [to], fail_silently=False), robust=True
    )
