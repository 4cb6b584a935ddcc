"""Writes of the financing domain."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from autokauf.core import outbox

from . import revision
from .demo import DEMO_LENDERS
from .models import Lender, RateSheetRow

RATES_CHANGED = "financing.rates_changed"


def load_demo_lenders_if_empty() -> bool:
    """Creates the built-in lenders and their rate sheets when no lender exists yet.
    Answers whether it created them."""
    with transaction.atomic():
        if Lender.objects.exists():
            return False
        for spec in DEMO_LENDERS:
            lender = Lender.objects.create(
                code=spec["code"], name=spec["name"], address=spec["address"]
            )
            RateSheetRow.objects.bulk_create(
                RateSheetRow(
                    lender=lender,
                    max_financed_amount=Decimal(spec["max_financed_amount"]),
                    down_payment_min_percent=Decimal(spec.get("down_payment_min_percent", "0")),
                    **row,
                )
                for row in spec["rows"]
            )
    return True


def announce_rates_changed() -> None:
    """Tell other domains (outbox topic "financing.rates_changed") that lenders or rate sheets
    changed, e.g. so that stock recomputes its "from x € a month" rates. Call inside the
    transaction of the change."""
    number, token = revision.current_key()
    outbox.emit(RATES_CHANGED, {"revision": number}, key=token)
