"""Reads: the offers of every lender that would lend, and the cheapest monthly rate."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from autokauf.core.money import Money

from . import limits, revision
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
        offer = offer_for(request, row.lender, conditions)
        lender = row.lender
        if lender.code not in best or _rank(offer) < _rank(best[lender.code]):
            best[lender.code] = offer
    return sorted(best.values(), key=_rank)


def _rank(offer: Offer) -> tuple[Decimal, Decimal, str]:
    return (offer.apr, offer.total_amount_payable.amount, offer.lender.code)


@dataclass(frozen=True, slots=True)
class _Row:
    """A rate-sheet row as kept in memory (the fields offers_for reads)."""

    lender: LenderRef
    term_min: int
    term_max: int
    down_payment_min_percent: Decimal
    nominal_rate: Decimal
    arrangement_fee: Decimal
    monthly_fee: Decimal
    max_financed_amount: Decimal
    max_balloon_percent: Decimal
    residual: dict[int, Decimal]
    excess_km_rate: Decimal
    unused_km_rate: Decimal

    def residual_table(self) -> dict[int, Decimal]:
        return self.residual


_Sheets = dict[tuple[str, str], tuple[_Row, ...]]
# (revision key, the active lenders' rows by (product, risk band)); replaced whole, never mutated,
# so threads that read it concurrently see one consistent version.
_cache: tuple[tuple[int, str], _Sheets] | None = None


def _load() -> _Sheets:
    sheets: dict[tuple[str, str], list[_Row]] = {}
    for row in RateSheetRow.objects.filter(lender__active=True).select_related("lender"):
        lender = LenderRef(row.lender.code, row.lender.name, row.lender.address)
        sheets.setdefault((row.product, row.risk_band), []).append(
            _Row(
                lender,
                row.term_min,
                row.term_max,
                row.down_payment_min_percent,
                row.nominal_rate,
                row.arrangement_fee,
                row.monthly_fee,
                row.max_financed_amount,
                row.max_balloon_percent,
                row.residual_table(),
                row.excess_km_rate,
                row.unused_km_rate,
            )
        )
    return {key: tuple(rows) for key, rows in sheets.items()}


def _sheets() -> _Sheets:
    """The active rate sheets, from memory while the revision is unchanged. The revision is read
    before the rows: rows newer than their key only cause one more reload."""
    global _cache
    key = revision.current_key()
    cached = _cache
    if cached is not None and cached[0] == key:
        return cached[1]
    sheets = _load()
    _cache = (key, sheets)
    return sheets


def _rows(product: str, risk_band: str, term_months: int) -> Iterable[_Row]:
    return [
        row
        for row in _sheets().get((product, risk_band), ())
        if row.term_min <= term_months <= row.term_max
    ]


def _conditions(row: _Row, request: Request) -> Conditions | None:
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
