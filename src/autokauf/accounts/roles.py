"""Roles and the checks every domain uses. A user has exactly one role."""

from __future__ import annotations

from typing import Any

from .errors import Forbidden

# The values of models.Role, here without the ORM so that any module may import them early.
BUYER = "buyer"
DEALER_STAFF = "dealer_staff"
SALES = "sales"
ADMIN = "admin"
# Roles that must log in with a second factor.
STAFF_ROLES = frozenset({DEALER_STAFF, SALES, ADMIN})


def _role(user: Any) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    return str(user.role)


def is_buyer(user: Any) -> bool:
    return _role(user) == BUYER


def is_dealer_staff(user: Any) -> bool:
    return _role(user) == DEALER_STAFF


def is_sales(user: Any) -> bool:
    return _role(user) == SALES


def is_admin(user: Any) -> bool:
    return _role(user) == ADMIN


def is_manufacturer_staff(user: Any) -> bool:
    """Sales staff or an admin: sees every object of its kind."""
    return _role(user) in (SALES, ADMIN)


def needs_second_factor(user: Any) -> bool:
    return str(getattr(user, "role", "")) in STAFF_ROLES


def require_role(user: Any, *roles: str) -> None:
    """Raises Forbidden (403) unless the user is active and has one of `roles`."""
    if _role(user) not in roles:
        raise Forbidden("This action needs the role " + " or ".join(sorted(roles)) + ".")
