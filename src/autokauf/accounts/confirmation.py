"""The confirmation of an account's e-mail address, and the rule that buying needs it.

Buying (placing an order, accepting one staff prepared, paying a drop claim, joining a drop) needs
a confirmed address: the order confirmation, the contract and the withdrawal notice must reach the
buyer. Logging in and reserving a car do not (docs/adr/0013): a new buyer reserves the car and
confirms while it is held. The link may carry a page of the store to return to (`next`).
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.http import urlencode

from autokauf.core import clock

from . import links
from .errors import ConfirmationMailThrottled, EmailConfirmedAlready, EmailNotConfirmed
from .mails import send_account_mail


def is_email_confirmed(user: Any) -> bool:
    return getattr(user, "email_confirmed_at", None) is not None


def check_email_confirmed(user: Any) -> None:
    """Raises EmailNotConfirmed (403) for an account whose address is not confirmed yet."""
    if not is_email_confirmed(user):
        raise EmailNotConfirmed(
            f"Confirm your e-mail address to order: open the link we sent to {user.email}. "
            "POST /api/v1/accounts/me/email/confirmation sends a new one.",
            extra={"email": user.email},
        )


def confirmation_url(user: Any, *, site_url: str, next_path: str = "") -> str:
    token = links.make({"u": user.pk, "e": user.email}, salt=links.CONFIRM_EMAIL_SALT)
    url = site_url + reverse("accounts:confirm", args=[token])
    return f"{url}?{urlencode({'next': next_path})}" if next_path else url


def mail_confirmation_link(user: Any, *, site_url: str, language: str, next_path: str = "") -> None:
    url = confirmation_url(user, site_url=site_url, next_path=next_path)
    send_account_mail(template="confirm", to=user.email, context={"url": url}, language=language)


def send_confirmation_again(*, user: Any, site_url: str, next_path: str = "") -> None:
    """A new link for an account whose address is not confirmed yet (EmailConfirmedAlready
    otherwise), at most one per AUTOKAUF_CONFIRMATION_MAIL_SECONDS (60) and account, else
    ConfirmationMailThrottled with the seconds to wait. Earlier links stay valid."""
    if is_email_confirmed(user):
        raise EmailConfirmedAlready(f"{user.email} is confirmed already; nothing was sent.")
    _take_mail_slot(user.pk)
    mail_confirmation_link(user, site_url=site_url, language=user.language, next_path=next_path)


def _mail_interval() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "AUTOKAUF_CONFIRMATION_MAIL_SECONDS", 60)))


def _take_mail_slot(user_id: int) -> None:
    """The cache's `add` lets one of two clicks at once through. The time stored, not the cache
    entry's expiry, decides, so the clock of core.clock rules here as everywhere."""
    now, interval = clock.now(), _mail_interval()
    key = f"accounts:confirmation-mail:{user_id}"
    keep = int(interval.total_seconds()) + 60
    if cache.add(key, now.isoformat(), keep):
        return
    sent = cache.get(key)
    if sent is not None:
        wait = math.ceil((datetime.fromisoformat(sent) + interval - now).total_seconds())
        if wait > 0:
            raise ConfirmationMailThrottled(wait)
    cache.set(key, now.isoformat(), keep)
