"""Writes of accounts: sign-up, e-mail confirmation, password reset, e-mail change, staff."""

from __future__ import annotations

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from autokauf.core import clock

from . import links
from .confirmation import mail_confirmation_link
from .errors import BadLink, EmailTaken, PasswordRejected, ReauthenticationFailed
from .mails import send_account_mail
from .models import Role, User
from .profile import revoke_all_api_tokens

DEMO_STAFF_EMAIL = "admin@autokauf.example"
DEMO_STAFF_PASSWORD = "autokauf-demo"


def normalize_email(email: str) -> str:
    return User.objects.normalize_email(email.strip()).lower()


def check_password_strength(password: str, *, email: str) -> None:
    """Django's validators (length, common, numeric, similar to the address)."""
    try:
        validate_password(password, User(email=email))
    except ValidationError as exc:
        raise PasswordRejected(" ".join(exc.messages), extra={"errors": exc.messages}) from exc


def _email_taken(email: str, *, besides: User | None = None) -> bool:
    others = User.objects.filter(email__iexact=email)
    if besides is not None:
        others = others.exclude(pk=besides.pk)
    return others.exists()


def _reset_url(user: User, site_url: str) -> str:
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return site_url + reverse("accounts:reset", args=[uid, token])


@transaction.atomic
def sign_up(
    *, email: str, password: str, language: str, site_url: str, next_path: str = ""
) -> User | None:
    """A buyer's account, unconfirmed until the link in the mail is opened; the link returns
    to `next_path`, a page of the store, when one is given.

    For an address that has an account already the answer is the same (no account enumeration,
    ASVS V6.3); that address gets a mail with a password-reset link instead.
    """
    email = normalize_email(email)
    check_password_strength(password, email=email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        context = {"reset_url": _reset_url(existing, site_url)}
        send_account_mail(template="exists", to=email, context=context, language=language)
        return None
    user = User.objects.create_user(email, password, language=language, role=Role.BUYER)
    mail_confirmation_link(user, site_url=site_url, language=language, next_path=next_path)
    return user


@transaction.atomic
def confirm_email(*, token: str) -> User:
    try:
        payload = links.read(
            token, salt=links.CONFIRM_EMAIL_SALT, max_age=links.CONFIRM_EMAIL_MAX_AGE
        )
    except links.LinkInvalid as exc:
        raise BadLink("The confirmation link is invalid or has expired.") from exc
    user = User.objects.filter(pk=payload.get("u") or 0, email=payload.get("e")).first()
    if user is None:
        raise BadLink("The confirmation link is invalid or has expired.")
    if user.email_confirmed_at is None:
        user.email_confirmed_at = clock.now()
        user.save(update_fields=["email_confirmed_at"])
    return user


@transaction.atomic
def request_password_reset(*, email: str, language: str, site_url: str) -> None:
    """Mails a reset link if the address has an active account; the caller never learns which."""
    user = User.objects.filter(email__iexact=normalize_email(email), is_active=True).first()
    if user is None:
        return
    context = {"url": _reset_url(user, site_url)}
    send_account_mail(template="reset", to=user.email, context=context, language=user.language)


def _user_from_reset(uidb64: str, token: str) -> User:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError):
        pk = None
    user = User.objects.filter(pk=pk, is_active=True).first() if pk else None
    if user is None or not default_token_generator.check_token(user, token):
        raise BadLink("The reset link is invalid, used or expired.")
    return user


def check_reset_link(*, uidb64: str, token: str) -> User:
    return _user_from_reset(uidb64, token)


@transaction.atomic
def reset_password(*, uidb64: str, token: str, password: str) -> User:
    """Sets a new password; the link stops working because the password hash changed.

    Whoever held the account before must not keep it: its API tokens are revoked, and its other
    sessions end at their next request because their session hash no longer matches."""
    user = _user_from_reset(uidb64, token)
    check_password_strength(password, email=user.email)
    revoke_all_api_tokens(user=user)
    user.set_password(password)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = clock.now()  # the link reached this inbox
    user.save(update_fields=["password", "email_confirmed_at"])
    return user


@transaction.atomic
def request_email_change(*, user: User, password: str, new_email: str, site_url: str) -> None:
    """Only with the current password (re-authentication); the new address must confirm."""
    if not user.check_password(password):
        raise ReauthenticationFailed("The current password is wrong; nothing was changed.")
    new_email = normalize_email(new_email)
    if _email_taken(new_email, besides=user):
        raise EmailTaken("This e-mail address belongs to another account.")
    payload = {"u": user.pk, "old": user.email, "new": new_email}
    token = links.make(payload, salt=links.CHANGE_EMAIL_SALT)
    url = site_url + reverse("accounts:email-confirm", args=[token])
    context = {"url": url, "new_email": new_email}
    send_account_mail(
        template="email_change", to=new_email, context=context, language=user.language
    )


@transaction.atomic
def confirm_email_change(*, token: str) -> User:
    try:
        payload = links.read(
            token, salt=links.CHANGE_EMAIL_SALT, max_age=links.CHANGE_EMAIL_MAX_AGE
        )
    except links.LinkInvalid as exc:
        raise BadLink("The link is invalid or has expired.") from exc
    # Row lock (FOR UPDATE): two confirmations of one change must not both apply.
    user = User.objects.select_for_update().filter(pk=payload.get("u") or 0).first()
    if user is None or user.email != payload.get("old"):
        raise BadLink("The link is invalid or has been used.")
    if _email_taken(payload["new"], besides=user):
        raise EmailTaken("This e-mail address belongs to another account.")
    old = user.email
    user.email, user.email_confirmed_at = payload["new"], clock.now()
    user.save(update_fields=["email", "email_confirmed_at"])
    context = {"new_email": user.email}
    send_account_mail(template="email_changed", to=old, context=context, language=user.language)
    return user


@transaction.atomic
def create_staff(
    *, email: str, password: str, superuser: bool = False, role: str = Role.SALES
) -> User:
    """A staff member: sales staff (the back office), an admin (superuser) or dealer staff."""
    if User.objects.filter(email__iexact=email).exists():
        raise ValueError(f"{email} exists already")
    if superuser:
        return User.objects.create_superuser(email, password, email_confirmed_at=clock.now())
    return User.objects.create_user(email, password, role=role, email_confirmed_at=clock.now())


def ensure_demo_staff() -> tuple[str, str] | None:
    """The demo store's back-office login; created once, never in production."""
    if User.objects.filter(email=DEMO_STAFF_EMAIL).exists():
        return (DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD)
    if User.objects.filter(is_staff=True).exists():
        return None
    create_staff(email=DEMO_STAFF_EMAIL, password=DEMO_STAFF_PASSWORD, superuser=True)
    return (DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD)
