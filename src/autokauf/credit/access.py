"""Who is looking: the one place that maps a user to the credit domain's kinds of viewer."""

from __future__ import annotations

from typing import Any, Literal

Viewer = Literal["buyer", "dealer_staff", "sales", "admin", "anonymous"]


def viewer_kind(user: Any) -> Viewer:
    """The user's role as the credit domain treats it (accounts roles: buyer, dealer_staff, sales,
    admin). A superuser counts as admin."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "anonymous"
    if not getattr(user, "is_active", True):
        return "anonymous"
    role = str(getattr(user, "role", None) or "buyer")
    if getattr(user, "is_superuser", False) or role == "admin":
        return "admin"
    if role in ("sales", "dealer_staff"):
        return role  # type: ignore[return-value]
    return "buyer"


def sees_score(user: Any) -> bool:
    """Score and score factors are for the manufacturer's sales staff and admins only."""
    return viewer_kind(user) in ("sales", "admin")
