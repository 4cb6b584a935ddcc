"""Signed links in account mails. Each kind has its own salt, so one never passes for another."""

from __future__ import annotations

from typing import Any

from django.core import signing

CONFIRM_EMAIL_SALT = "autokauf.accounts.confirm-email"
CHANGE_EMAIL_SALT = "autokauf.accounts.change-email"
CONFIRM_EMAIL_MAX_AGE = 3 * 24 * 3600
CHANGE_EMAIL_MAX_AGE = 24 * 3600


class LinkInvalid(Exception):
    pass


def make(payload: dict[str, Any], *, salt: str) -> str:
    return signing.dumps(payload, salt=salt, compress=True)


def read(token: str, *, salt: str, max_age: int) -> dict[str, Any]:
    try:
        payload = signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature as exc:  # SignatureExpired is a BadSignature
        raise LinkInvalid(str(exc)) from exc
    if not isinstance(payload, dict):
        raise LinkInvalid("not a link payload")
    return payload
