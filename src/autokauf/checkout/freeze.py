"""Freezing the Quote an order is sold at: the car's discount and home delivery become lines."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings

from autokauf.core.money import round_cents


def home_delivery_net() -> Decimal:
    return Decimal(str(getattr(settings, "CHECKOUT_HOME_DELIVERY_NET", "790.00")))


def frozen_quote(
    quote: dict[str, Any],
    *,
    discount_net: Decimal,
    home_delivery: bool,
    language: str,
    price_reduction: Decimal | None = None,
    reduction_label: str = "",
) -> dict[str, Any]:
    """The Quote's dict with a discount line and a home delivery line where they apply, and net,
    VAT and total computed again as pricing does: VAT = net x rate / 100 half-up to cents
    (UStG § 10: VAT on the consideration actually agreed).

    A `price_reduction` (a gross amount, e.g. down to a drop price) lowers the total by exactly
    that amount and shows as its own line (invariant 1)."""
    frozen = _priced(quote, discount_net=discount_net, home_delivery=home_delivery, lang=language)
    if price_reduction:
        frozen = _reduced(frozen, price_reduction, reduction_label or _reduction_name(language))
    return frozen


def _reduction_name(language: str) -> str:
    return "Sonderpreis" if language == "de" else "Special price"


def _reduced(frozen: dict[str, Any], reduction: Decimal, name: str) -> dict[str, Any]:
    """The total lowered by the gross `reduction`; the VAT is the VAT contained in the new gross
    total (gross x rate / (100 + rate), half-up to cents), the net the rest, and the line the
    difference in net, so the lines still add up to the net."""
    total = Decimal(frozen["total"]) - round_cents(reduction)
    rate = Decimal(frozen["vat_rate"])
    vat = round_cents(total * rate / (Decimal(100) + rate))
    net = total - vat
    line = _line("PRICE-REDUCTION", "discount", name, net - Decimal(frozen["net"]))
    return {
        **frozen,
        "lines": [*frozen["lines"], line],
        "net": _s(net),
        "vat": _s(vat),
        "total": _s(total),
    }


def _priced(
    quote: dict[str, Any], *, discount_net: Decimal, home_delivery: bool, lang: str
) -> dict[str, Any]:
    language = lang
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
