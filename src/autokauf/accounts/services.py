"""Writes of accounts."""

from __future__ import annotations

from django.db import transaction

from .models import User

DEMO_STAFF_EMAIL = "admin@autokauf.example"
DEMO_STAFF_PASSWORD = "autokauf-demo"


@transaction.atomic
def create_staff(*, email: str, password: str, superuser: bool = False) -> User:
    """A staff member who can log in to the back office."""
    if User.objects.filter(email__iexact=email).exists():
        raise ValueError(f"{email} exists already")
    if superuser:
        return User.objects.create_superuser(email, password)
    return User.objects.create_user(email, password, is_staff=True)


def ensure_demo_staff() -> tuple[str, str] | None:
    """The demo store's back-office login; created once, never in production."""
    if User.objects.filter(email=DEMO_STAFF_EMAIL).exists():
        return (DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD)
    if User.objects.filter(is_staff=True).exists():
        return None
    create_staff(email=DEMO_STAFF_EMAIL, password=DEMO_STAFF_PASSWORD, superuser=True)
    return (DEMO_STAFF_EMAIL, DEMO_STAFF_PASSWORD)
