"""Writes of a person's own data: profile, consents, API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import IntegrityError, transaction

from autokauf.core import clock

from . import token_cache
from .errors import UnknownConsentPurpose, UnknownToken
from .models import ApiToken, Consent, User
from .rules import CONSENT_TEXTS

PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "phone",
    "date_of_birth",
    "street",
    "postcode",
    "city",
    "country",
    "language",
)
TOKEN_PREFIX = "ak_"


@transaction.atomic
def update_profile(*, user: User, **changes: Any) -> User:
    """Name, address, date of birth, phone, language. The e-mail address has its own flow."""
    unknown = set(changes) - set(PROFILE_FIELDS)
    if unknown:
        raise ValueError(f"not profile fields: {sorted(unknown)}")
    for name, value in changes.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password", "email"])
    user.save(update_fields=list(changes))
    return user


@transaction.atomic
def give_consent(*, user: User, purpose: str) -> Consent:
    """Records consent to the current text of `purpose`. Giving it again to the same version
    changes nothing; to a newer version it replaces the standing consent."""
    text = CONSENT_TEXTS.get(purpose)
    if text is None:
        raise UnknownConsentPurpose(f"There is no consent purpose {purpose!r}.")
    # Row lock (FOR UPDATE) on the standing consent, so two clicks record it once.
    standing = Consent.objects.select_for_update().filter(
        user=user, purpose=purpose, withdrawn_at__isnull=True
    )
    current = standing.first()
    if current is not None and current.text_version == text.version:
        return current
    now = clock.now()
    standing.update(withdrawn_at=now)
    try:
        with transaction.atomic():
            return Consent.objects.create(
                user=user, purpose=purpose, text_version=text.version, given_at=now
            )
    except IntegrityError:  # a concurrent click won; its row is the consent
        return Consent.objects.get(user=user, purpose=purpose, withdrawn_at__isnull=True)


@transaction.atomic
def withdraw_consent(*, user: User, purpose: str) -> int:
    """One step; as easy as giving it (GDPR Art. 7(3)). Answers how many were withdrawn (0/1)."""
    if purpose not in CONSENT_TEXTS:
        raise UnknownConsentPurpose(f"There is no consent purpose {purpose!r}.")
    standing = Consent.objects.filter(user=user, purpose=purpose, withdrawn_at__isnull=True)
    return standing.update(withdrawn_at=clock.now())


def token_digest(raw: str) -> str:
    # A random 256-bit token needs no slow hash: SHA-256 cannot be reversed, guessing is hopeless.
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token; the raw value is returned once and never stored."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:80] or "API",
        digest=token_digest(raw),
        prefix=raw[:10],
        created_at=clock.now(),
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id).first()
    if token is None:
        raise UnknownToken("You have no API token with this id.")
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
    return token


def revoke_all_api_tokens(*, user: User) -> int:
    """Revokes every standing token of the user at once; answers how many were standing."""
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=clock.now()
    )
    token_cache.forget_tokens_of(user)  # a bulk UPDATE sends no post_save
    return revoked
