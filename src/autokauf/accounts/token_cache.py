"""A short-lived memory of which user a bearer token belongs to (docs/adr/0009).

Every API call of a script or app sends its token; reading the token row each time is one query
per request. A valid token's owner is kept for AUTOKAUF_TOKEN_CACHE_SECONDS (default 5; 0 turns
the memory off) in Django's cache, keyed by the token's digest, never by the token itself, and
without the password hash. Every save of a token (its revocation) or of a user (deactivation,
another role, a new name or address) forgets at once what this process and a shared cache (Redis)
remember; another process with a local-memory cache, or a change made by a bulk UPDATE, may go
unseen for at most that many seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_save

from .models import ApiToken, User

KEY_PREFIX = "accounts:token-owner:"


def lifetime() -> int:
    return max(0, int(getattr(settings, "AUTOKAUF_TOKEN_CACHE_SECONDS", 5)))


def remembered_owner(digest: str) -> User | None:
    if not lifetime():
        return None
    owner = cache.get(KEY_PREFIX + digest)
    return owner if isinstance(owner, User) else None


def remember_owner(digest: str, owner: User) -> None:
    if lifetime():
        cache.set(KEY_PREFIX + digest, owner, lifetime())


def forget_tokens(digests: Iterable[str]) -> None:
    """Forget the owners of these tokens now, for the rest of this transaction, and again once it
    commits: a request that read the token row before the commit may have remembered it since."""
    keys = [KEY_PREFIX + digest for digest in digests]
    if keys:
        cache.delete_many(keys)
        transaction.on_commit(lambda: cache.delete_many(keys))


def forget_tokens_of(user: User | int) -> None:
    """Forget every token of the user, e.g. because the user was deactivated."""
    user_id = user.pk if isinstance(user, User) else user
    forget_tokens(ApiToken.objects.filter(user_id=user_id).values_list("digest", flat=True))


def _token_saved(sender: Any, instance: ApiToken, created: bool, **kwargs: Any) -> None:
    if not created:
        forget_tokens([instance.digest])


def _user_saved(sender: Any, instance: User, created: bool, **kwargs: Any) -> None:
    if not created:
        forget_tokens_of(instance)


def connect() -> None:
    """Forget on every save, whichever code path saved: services, back office, shell."""
    post_save.connect(_token_saved, sender=ApiToken, dispatch_uid="token-cache-token")
    post_save.connect(_user_saved, sender=User, dispatch_uid="token-cache-user")
