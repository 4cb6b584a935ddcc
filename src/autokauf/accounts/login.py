"""Logging in: password with throttling, then the second factor (TOTP) where one applies.

Staff roles must have a second factor; a staff member without one is sent to set it up before
anything else (ASVS V6.3.3: multi-factor authentication for privileged accounts).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import authenticate
from django.db import transaction
from django.db.models import Q

from autokauf.core import clock

from . import throttle, totp
from .errors import Forbidden, InvalidCode, InvalidCredentials, ReauthenticationFailed
from .models import User
from .roles import needs_second_factor


@dataclass(frozen=True, slots=True)
class PasswordChecked:
    """The password was right. `next_step` is "done", "code" (enter the TOTP code) or
    "enrol" (set up a second factor first)."""

    user: User
    next_step: str


def check_password_login(*, email: str, password: str, ip: str) -> PasswordChecked:
    """First step of a login. Raises LoginThrottled or InvalidCredentials, the same way whether
    or not the address has an account (Django's backend hashes for unknown addresses too).

    An address not confirmed yet does not stop a login: the buyer must reach the checkout and ask
    for the link again; buying checks it (accounts.confirmation, docs/adr/0013)."""
    throttle.check_login_allowed(email=email, ip=ip)
    user = authenticate(username=email.strip().lower(), password=password)
    if not isinstance(user, User):
        throttle.record_login_failure(email=email, ip=ip)
        raise InvalidCredentials("The e-mail address or the password is wrong.")
    throttle.forget_login_failures(email=email)
    if user.has_second_factor:
        return PasswordChecked(user, "code")
    return PasswordChecked(user, "enrol" if needs_second_factor(user) else "done")


def verify_second_factor(*, user: User, code: str, ip: str) -> None:
    """Accepts a code once: the step is stored with a conditional update, so a code replayed (or
    used twice at the same moment) is refused. Wrong codes count towards the login throttle."""
    throttle.check_login_allowed(email=user.email, ip=ip)
    step = totp.matching_step(user.totp_secret, code, clock.now()) if user.totp_secret else None
    fresh = Q(totp_last_step__isnull=True) | Q(totp_last_step__lt=step or 0)
    if step is None or User.objects.filter(fresh, pk=user.pk).update(totp_last_step=step) != 1:
        throttle.record_login_failure(email=user.email, ip=ip)
        raise InvalidCode("The code is wrong or was used already.")
    user.totp_last_step = step


def start_enrolment() -> str:
    """A new secret, to be kept in the session until the first code proves the app has it."""
    return totp.new_secret()


@transaction.atomic
def confirm_enrolment(*, user: User, secret: str, code: str) -> None:
    step = totp.matching_step(secret, code, clock.now())
    if step is None:
        raise InvalidCode("The code does not match; scan the code again and retry.")
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = secret, clock.now(), step
    user.save(update_fields=["totp_secret", "totp_enabled_at", "totp_last_step"])


@transaction.atomic
def disable_second_factor(*, user: User, password: str) -> None:
    """Buyers may switch the second factor off again (with their password); staff may not."""
    if not user.check_password(password):
        raise ReauthenticationFailed("The current password is wrong; nothing was changed.")
    if needs_second_factor(user):
        raise Forbidden("Staff accounts must keep their second factor.")
    user.totp_secret, user.totp_enabled_at, user.totp_last_step = "", None, None
    user.save(update_fields=["totp_secret", "totp_enabled_at", "totp_last_step"])
