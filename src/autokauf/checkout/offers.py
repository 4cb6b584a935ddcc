"""The financing offers the store makes at checkout, and the one a financed order freezes.

The store offers each lender's loan, balloon loan and lease at the standard term and the default
down payment. The buyer only chooses one of them; its figures always come from the financing
engine, never from the buyer."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from autokauf import financing
from autokauf.core.errors import DomainError
from autokauf.core.money import Money, round_cents

from .errors import CheckoutInvalid

LEASE_YEARLY_KM = 15_000
BALLOON_SHARE = Decimal("0.30")  # the final instalment offered by default: 30 % of the price

# The terms a buyer's offer may name to say which offer they mean; each must be the store's.
SELECTING_TERMS = ("term_months", "down_payment", "yearly_km", "lease_kind")


def store_offers(price: Money) -> dict[str, list[financing.Offer]]:
    """Each product's offers for a car of this price, best first (none where no lender would)."""
    down = financing.default_down_payment(price)
    extra: dict[str, dict[str, Any]] = {
        "loan": {},
        "balloon": {"balloon": Money.of(round_cents(price.amount * BALLOON_SHARE))},
        "lease": {"yearly_km": LEASE_YEARLY_KM},
    }
    found: dict[str, list[financing.Offer]] = {}
    for product, more in extra.items():
        try:
            found[product] = financing.offers_for(
                price=price,
                down_payment=down,
                term_months=financing.STANDARD_TERM_MONTHS,
                product=product,
                **more,
            )
        except DomainError:
            found[product] = []
    return found


def offer_key(offer: financing.Offer) -> str:
    """How the checkout page names an offer: "product:lender"."""
    return f"{offer.product}:{offer.lender.code}"


def offer_terms(offer: financing.Offer, language: str) -> dict[str, Any]:
    """The offer as an order freezes it: every figure, its key and the lender's code."""
    terms: dict[str, Any] = offer.to_dict(language)
    terms["key"] = offer_key(offer)
    terms["lender_code"] = offer.lender.code  # what credit approvals are matched on
    return terms


def chosen_offer(
    product: str, given: dict[str, Any], *, price: Money, language: str
) -> dict[str, Any]:
    """The store's offer that `given` chooses, by lender and product (and, where it names them,
    term, down payment, yearly mileage and lease kind), with the store's figures. Any other figure
    in `given` is not read. Refuses (422) an offer the store does not make for this price now."""
    if str(given.get("product") or product) != product:
        raise _refused(f"A {product} order takes a {product} offer, not {given.get('product')}.")
    code = lender_code_of(given)
    offers = store_offers(price)[product]
    offer = next((o for o in offers if o.lender.code == code), None)
    if offer is None:
        lenders = ", ".join(o.lender.code for o in offers) or "none"
        raise _refused(
            f"There is no {product} offer from lender {code or '(none given)'} for this car; "
            f"lenders offering it: {lenders}."
        )
    terms = offer_terms(offer, language)
    differing = [name for name in SELECTING_TERMS if not _agrees(given, terms, name)]
    if differing:
        named = ", ".join(f"{name} {terms[name]}" for name in differing)
        raise _refused(f"The store's {product} offer from {code} has {named}.")
    return terms


def lender_code_of(given: dict[str, Any]) -> str:
    lender = given.get("lender")
    code = given.get("lender_code") or (lender.get("code") if isinstance(lender, dict) else lender)
    return str(code or "")


def _agrees(given: dict[str, Any], terms: dict[str, Any], name: str) -> bool:
    if given.get(name) is None:
        return True
    if name == "down_payment":
        try:
            return Decimal(str(given[name])) == Decimal(terms[name])
        except InvalidOperation:
            return False
    return str(given[name]) == str(terms[name])


def _refused(message: str) -> CheckoutInvalid:
    return CheckoutInvalid(message, extra={"fields": {"financing_offer": message}})
