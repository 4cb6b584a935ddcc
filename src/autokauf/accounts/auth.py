"""Authentication for the JSON API: a session cookie (with CSRF) or `Authorization: Bearer`.

Use `auth=api_auth` on operations that need a person and `auth=optional_auth` where an
anonymous caller is welcome too. Inside the view, `request.auth` is the User (for
`optional_auth`, the AnonymousUser when nobody is logged in).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.utils import check_csrf

from autokauf.core import clock

from .models import ApiToken, User
from .profile import token_digest
from .token_cache import remember_owner, remembered_owner

# Writing last_used_at on every call would turn each API read into a write; once a minute says
# as much about whether a token is in use.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def user_for_token(raw: str) -> User | None:
    """The active owner of a standing token, or None. A valid token's owner is remembered for a
    few seconds (token_cache), so a burst of calls reads the token row once."""
    digest = token_digest(raw)
    owner = remembered_owner(digest)
    if owner is not None:
        return owner
    token = (
        ApiToken.objects.select_related("user")
        .defer("user__password")
        .filter(digest=digest, revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    _note_use(token)
    remember_owner(digest, token.user)
    return token.user


def _note_use(token: ApiToken) -> None:
    now = clock.now()
    if token.last_used_at is not None and token.last_used_at >= now - LAST_USED_RESOLUTION:
        return
    stale = Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_RESOLUTION)
    ApiToken.objects.filter(stale, pk=token.pk).update(last_used_at=now)


def _session_user(request: HttpRequest) -> User | None:
    user = getattr(request, "user", None)
    if not isinstance(user, User) or not user.is_active:
        return None
    if not getattr(request, "_ninja_csrf_exempt", False) and check_csrf(request) is not None:
        raise HttpError(403, "CSRF check failed: send the X-CSRFToken header with the cookie.")
    return user


def bearer_token(request: HttpRequest) -> str | None:
    """The request's bearer token, when it carries one (checks nothing)."""
    scheme, _, raw = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    raw = raw.strip()
    return raw if scheme.lower() == "bearer" and raw else None


def bearer_digest(request: HttpRequest) -> str | None:
    """The stored digest of the request's bearer token, when it carries one (checks nothing)."""
    raw = bearer_token(request)
    return token_digest(raw) if raw else None


class ApiAuth(HttpBearer):
    """A bearer token when the Authorization header is present, else the session."""

    def __init__(self, *, optional: bool = False) -> None:
        self.optional = optional
        super().__init__()

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get("Authorization")
        if header:
            scheme, _, raw = header.partition(" ")
            user = user_for_token(raw.strip()) if scheme.lower() == "bearer" else None
        else:
            user = _session_user(request)
        if user is None and self.optional and not header:
            return AnonymousUser()
        return user

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        return user_for_token(token)


api_auth = ApiAuth()
optional_auth = ApiAuth(optional=True)


class AuthenticatedRequest(HttpRequest):
    """The request of an operation behind `api_auth`: `auth` is the caller."""

    auth: User
