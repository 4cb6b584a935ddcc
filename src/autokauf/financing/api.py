"""JSON API of financing (mounted at /api/v1/financing): offers and the APR calculator."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.http import HttpRequest
from django.utils.translation import get_language
from ninja import Router

from autokauf.core.money import Money

from . import limits, selectors
from .apr import Flow, apr_of, flows_on_dates
from .errors import InvalidFlows
from .schemas import AprIn, AprOut, FlowIn, OfferOut, OffersIn

router = Router(tags=["financing"])


@router.post("/offers", response=list[OfferOut])
def financing_offers(request: HttpRequest, payload: OffersIn) -> list[dict[str, Any]]:
    """The offers of every lender that would lend, best first (lowest APR, then lowest total)."""
    price = Money(payload.price)
    down = Money(payload.down_payment) if payload.down_payment is not None else None
    offers = selectors.offers_for(
        price=price,
        down_payment=down if down is not None else limits.default_down_payment(price),
        term_months=payload.term_months,
        product=payload.product,
        balloon=Money(payload.balloon) if payload.balloon is not None else None,
        yearly_km=payload.yearly_km,
        risk_band=payload.risk_band,
        lease_kind=payload.lease_kind,
    )
    language = get_language() or "de"
    return [offer.to_dict(language) for offer in offers]


@router.post("/apr", response=AprOut)
def annual_percentage_rate(request: HttpRequest, payload: AprIn) -> dict[str, str]:
    """The APR of any stream of cash flows by the EU method (positive = to the borrower)."""
    return {"apr": f"{apr_of(_flows(payload.flows)):.2f}"}


def _flows(flows: list[FlowIn]) -> list[Flow]:
    for index, flow in enumerate(flows):
        if (flow.date is None) == (flow.years is None):
            raise InvalidFlows(f"flows[{index}]: give either a date or years, not both or neither.")
    dated = [flow.date for flow in flows if flow.date is not None]
    if dated and len(dated) != len(flows):
        raise InvalidFlows("Give every flow a date, or every flow years; do not mix them.")
    if dated:
        return flows_on_dates([(flow.amount, flow.date) for flow in flows if flow.date])
    return [Flow(flow.amount, Fraction(flow.years or 0)) for flow in flows]
