"""Reads: the offers of every lender that would lend, and the cheapest monthly rate."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from autokauf.core.money import Money

from . import limits
from .errors import FinancingError
from .models import RateSheetRow
from .offer import LenderRef, Offer
from .rules import Conditions, Request, offer_for


def offers_for(
    *,
    price: Money,
    down_payment: Money,
    term_months: int,
    product: str,
    balloon: Money | None = None,
    yearly_km: int | None = None,
    risk_band: str = "standard",
    lease_kind: str = limits.MILEAGE_LEASE,
) -> list[Offer]:
    """One offer per active lender whose rate sheet has a row for the request and whose limits
    allow it (its lowest-rate row when several match), best first: lowest APR, then lowest
    total amount payable. Raises a FinancingError (422) for a request no lender could offer."""
    request = Request(price, down_payment, term_months, product, balloon, yearly_km, lease_kind)
    limits.check_request(request)
    best: dict[str, Offer] = {}
    for row in _rows(product, risk_band, term_months):
        conditions = _conditions(row, request)
        if conditions is None:
            continue
        lender = LenderRef(row.lender.code, row.lender.name, row.lender.address)
        offer = offer_for(request, lender, conditions)
        if lender.code not in best or _rank(offer) < _rank(best[lender.code]):
            best[lender.code] = offer
    return sorted(best.values(), key=_rank)


def _rank(offer: Offer) -> tuple[Decimal, Decimal, str]:
    return (offer.apr, offer.total_amount_payable.amount, offer.lender.code)


def _rows(product: str, risk_band: str, term_months: int) -> Iterable[RateSheetRow]:
    return (
        RateSheetRow.objects.filter(
            lender__active=True,
            product=product,
            risk_band=risk_band,
            term_min__lte=term_months,
            term_max__gte=term_months,
        )
        .select_related("lender")
        .order_by()
    )  # ranked after pricing; no SQL ordering needed


def _conditions(row: RateSheetRow, request: Request) -> Conditions | None:
    """The row's conditions when its limits allow the request, else None."""
    price, down = request.price.amount, request.down_payment.amount
    if down * 100 < row.down_payment_min_percent * price:
        return None
    if price - down > row.max_financed_amount:
        return None
    if request.product == limits.BALLOON and limits.balloon_percent(request) > (
        row.max_balloon_percent
    ):
        return None
    residual = None
    if request.product == limits.LEASE:
        assert request.yearly_km is not None
        residual = limits.residual_percent(
            row.residual_table(), request.term_months, request.yearly_km
        )
        if residual is None or price * residual / 100 >= price - down:
            return None
    return Conditions(
        nominal_rate=row.nominal_rate,
        arrangement_fee=row.arrangement_fee,
        monthly_fee=row.monthly_fee,
        residual_percent=residual,
        excess_km_rate=row.excess_km_rate,
        unused_km_rate=row.unused_km_rate,
    )


def cheapest_monthly_rate(price: Money) -> Offer | None:
    """The loan with the lowest monthly payment at 10 % down over the standard term (48 months),
    for the "from x € a month" display with its representative example; None when no lender
    would lend (or the price cannot be financed)."""
    try:
        offers = offers_for(
            price=price,
            down_payment=limits.default_down_payment(price),
            term_months=limits.STANDARD_TERM_MONTHS,
            product=limits.LOAN,
        )
    except FinancingError:
        return None
    if not offers:
        return None
    return min(offers, key=lambda o: (o.monthly_payment.amount, o.apr, o.lender.code))
