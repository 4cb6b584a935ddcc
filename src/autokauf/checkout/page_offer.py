"""What the checkout page offers for a car on hold or a saved configuration: its Quote, the
deliveries, the dealer and the store's financing offers, written in the buyer's language."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404
from django.utils.translation import get_language

from autokauf import checkout, configurator, dealers, inventory, pricing
from autokauf.core.money import Money

from . import offers
from .freeze import home_delivery_net


def language() -> str:
    return (get_language() or "de")[:2]


def money_text(amount: Decimal | str) -> str:
    return str(pricing.format_money(Money.of(amount).rounded(), language()))


@dataclass(frozen=True)
class FinancingChoice:
    key: str  # "product:lender", the radio's value
    offer: Any  # financing.Offer
    monthly: str
    down: str
    example: str


@dataclass(frozen=True)
class CheckoutOffer:
    """The car on hold and everything the buyer may choose for it."""

    vin: str
    title: str
    quote: dict[str, Any]  # the car's Quote as a dict, before delivery is chosen
    discount_net: Decimal
    location: Any
    dealer: Any
    home_delivery: str
    financing: dict[str, list[FinancingChoice]]
    delivery_codes: tuple[str, ...]

    @property
    def offer_keys(self) -> list[str]:
        return [c.key for choices in self.financing.values() for c in choices]

    def choice(self, key: str | None) -> FinancingChoice | None:
        return next((c for cs in self.financing.values() for c in cs if c.key == key), None)


def checkout_offer(hold: Any, lang: str) -> CheckoutOffer:
    view = inventory.vehicle_for_buyer(hold.vin)
    vehicle, quote = view.vehicle, view.quote
    location = vehicle.location
    deliveries = ["dealer", "home"]
    if location is not None and location.is_tower:
        deliveries.append("tower")
    return CheckoutOffer(
        vin=vehicle.vin,
        title=f"{quote.model_name} {quote.trim_name}",
        quote=quote.to_dict(lang),
        discount_net=view.discount_net,
        location=location,
        dealer=dealers.dealer_for_location(location.pk) if location is not None else None,
        home_delivery=money_text(home_delivery_net() * (1 + quote.vat_rate / 100)),
        financing=financing_choices(Money.of(view.price_total), lang),
        delivery_codes=tuple(deliveries),
    )


def configuration_offer(code: str, lang: str) -> CheckoutOffer:
    """A saved configuration as today's Quote prices it; collected at the dealer or delivered
    home (a car built to order reaches no pickup tower)."""
    reopened = configurator.reopen_configuration(code)
    if reopened.quote is None:
        raise Http404("This configuration can no longer be built.")
    quote = reopened.quote
    return CheckoutOffer(
        vin="",
        title=f"{quote.model_name} {quote.trim_name}",
        quote=quote.to_dict(lang),
        discount_net=Decimal("0"),
        location=None,
        dealer=None,
        home_delivery=money_text(home_delivery_net() * (1 + quote.vat_rate / 100)),
        financing=financing_choices(
            checkout.quoted_total(configuration_code=reopened.saved.code), lang
        ),
        delivery_codes=("dealer", "home"),
    )


def financing_choices(price: Money, lang: str) -> dict[str, list[FinancingChoice]]:
    """The store's offers for each product (checkout.offers), as the checkout page shows them."""
    return {
        product: [
            FinancingChoice(
                key=offers.offer_key(o),
                offer=o,
                monthly=money_text(o.monthly_payment.amount),
                down=money_text(o.down_payment.amount),
                example=o.representative_example(lang),
            )
            for o in found
        ]
        for product, found in offers.store_offers(price).items()
    }
