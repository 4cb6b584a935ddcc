"""Freezing the Quote an order is sold at: the car's discount and home delivery become lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings

from autokauf.core.money import round_cents


def home_delivery_net() -> Decimal:
    return Decimal(str(getattr(settings, "CHECKOUT_HOME_DELIVERY_NET", "790.00")))


def frozen_quote(
    quote: dict[str, Any], *, discount_net: Decimal, home_delivery: bool, language: str
) -> dict[str, Any]:
    """The Quote's dict with a discount line and a home delivery line where they apply, and net,
    VAT and total computed again as pricing does: VAT = net x rate / 100 half-up to cents
    (UStG § 10: VAT on the consideration actually agreed)."""
    frozen = dict(quote)
    lines = list(quote["lines"])
    if discount_net > 0:
        name = "Preisnachlass" if language == "de" else "Discount"
        lines.append(_line("DISCOUNT", "discount", name, -discount_net))
    if home_delivery:
        name = "Lieferung nach Hause" if language == "de" else "Home delivery"
        lines.append(_line("HOME-DELIVERY", "delivery", name, home_delivery_net()))
    net = sum((Decimal(line["net"]) for line in lines), Decimal("0")) + Decimal(
        quote["transfer_costs"]
    )
    vat = round_cents(net * Decimal(quote["vat_rate"]) / Decimal(100))
    frozen.update(lines=lines, net=_s(net), vat=_s(vat), total=_s(net + vat))
    return frozen


def _line(code: str, kind: str, name: str, net: Decimal) -> dict[str, Any]:
    return {"code": code, "kind": kind, "name": name, "net": _s(net), "included_in": None}


def _s(amount: Decimal) -> str:
    return f"{round_cents(amount):.2f}"
