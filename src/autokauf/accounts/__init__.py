"""Accounts: buyers and staff, roles, profile, consents, API tokens, second factor.

Login is by e-mail address. Other domains use only what is listed here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import EmailNotConfirmed, Forbidden
from .roles import (
    ADMIN,
    BUYER,
    DEALER_STAFF,
    SALES,
    STAFF_ROLES,
    is_admin,
    is_buyer,
    is_dealer_staff,
    is_manufacturer_staff,
    is_sales,
    needs_second_factor,
    require_role,
)

# Functions that touch the ORM are imported on first use, so that importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "access_object": "access",
    "visible_to": "access",
    "api_auth": "auth",
    "bearer_digest": "auth",
    "bearer_token": "auth",
    "user_for_token": "auth",
    "AuthenticatedRequest": "auth",
    "optional_auth": "auth",
    "check_email_confirmed": "confirmation",
    "is_email_confirmed": "confirmation",
    "create_staff": "services",
    "ensure_demo_staff": "services",
    "has_consent": "selectors",
    "is_adult": "selectors",
}

__all__ = [
    "ADMIN",
    "BUYER",
    "DEALER_STAFF",
    "SALES",
    "STAFF_ROLES",
    "EmailNotConfirmed",
    "Forbidden",
    "is_admin",
    "is_buyer",
    "is_dealer_staff",
    "is_manufacturer_staff",
    "is_sales",
    "needs_second_factor",
    "require_role",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
