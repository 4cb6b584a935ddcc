"""Reads of dealers."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from autokauf.accounts import is_dealer_staff

from .models import Dealer, DealerStaff


def dealer_of(user: Any) -> Dealer | None:
    """The dealer a dealer-staff login works for; None for everyone else."""
    if not is_dealer_staff(user):
        return None
    membership = DealerStaff.objects.select_related("dealer").filter(user=user).first()
    return membership.dealer if membership else None


def dealers() -> QuerySet[Dealer]:
    return Dealer.objects.select_related("location").order_by("name")


def dealer_for_location(location_id: int) -> Dealer | None:
    """The dealer at a showroom (the first by code when several share one)."""
    return Dealer.objects.filter(location_id=location_id).order_by("code").first()
