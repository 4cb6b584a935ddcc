"""Writes of dealers."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Model

from autokauf import accounts

from .models import Dealer, DealerStaff

DEMO_STAFF_PASSWORD = "autokauf-demo"
DEMO_MAIL_DOMAIN = "haendler.autokauf.example"
SHOWROOM = "showroom"


@transaction.atomic
def add_dealer_staff(*, dealer: Dealer, email: str, password: str) -> DealerStaff:
    """A login (role dealer_staff) that works for `dealer` only."""
    user = accounts.create_staff(email=email, password=password, role=accounts.DEALER_STAFF)
    return DealerStaff.objects.create(user=user, dealer=dealer)


def _showrooms() -> list[Model]:
    # The location model as the foreign key names it: dealers sits above inventory and reads its
    # rows without reaching into inventory's modules.
    location_model = Dealer._meta.get_field("location").related_model
    assert isinstance(location_model, type)
    return list(location_model._default_manager.filter(kind=SHOWROOM).order_by("code"))


def _demo_code(location_code: str) -> str:
    return location_code.split("-")[0]


@transaction.atomic
def load_demo_dealers_if_empty() -> list[tuple[str, str]]:
    """One dealer per showroom, each with one staff login; only into a database without dealers.

    Answers the staff logins created as (e-mail, password); empty when nothing was created.
    """
    if Dealer.objects.exists():
        return []
    logins = []
    for location in _showrooms():
        code = _demo_code(location.code)  # type: ignore[attr-defined]
        dealer = Dealer.objects.create(
            code=code,
            name=location.name,  # type: ignore[attr-defined]
            email=f"{code.lower()}@{DEMO_MAIL_DOMAIN}",
            phone="+49 800 000 0000",
            location=location,  # type: ignore[misc]
        )
        email = f"verkauf.{code.lower()}@{DEMO_MAIL_DOMAIN}"
        add_dealer_staff(dealer=dealer, email=email, password=DEMO_STAFF_PASSWORD)
        logins.append((email, DEMO_STAFF_PASSWORD))
    return logins
