"""Outbox consumer of flash sales: a drop's order that ends unpaid or is cancelled."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import F

from .models import DropCar, DropClaim, DropEntry


def on_order_cancelled(payload: dict[str, Any]) -> None:
    """The order a paid claim placed was cancelled (by the buyer, by staff, or because its down
    payment did not arrive by its deadline). Checkout has given the car back to stock; the drop
    lets it go too: the claim is cancelled, the drop car withdrawn (it is sold at its own price
    from now on, not at the drop price) and the buyer's count of cars bought goes down, so the
    drop's books count only orders that stand. Applying it twice changes nothing."""
    claim = DropClaim.objects.filter(
        order_id=payload.get("order_id"), status=DropClaim.Status.PAID
    ).first()
    if claim is None:
        return
    with transaction.atomic(savepoint=False):  # in the outbox consumer's transaction
        if not DropClaim.objects.filter(pk=claim.pk, status=DropClaim.Status.PAID).update(
            status=DropClaim.Status.CANCELLED
        ):
            return
        DropCar.objects.filter(pk=claim.car_id, status=DropCar.Status.SOLD).update(
            status=DropCar.Status.WITHDRAWN
        )
        DropEntry.objects.filter(
            drop_id=claim.drop_id, buyer_id=claim.buyer_id, cars_bought__gt=0
        ).update(cars_bought=F("cars_bought") - 1)


def register() -> None:
    from autokauf.core import outbox

    outbox.register("order.cancelled", "flash_sales.release", on_order_cancelled)
