"""The products, their limits and the end-of-term rules (pure).

Limits here hold for every lender; a lender's rate sheet may narrow them further (a lender whose
sheet does not allow a request simply makes no offer).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from autokauf.core.money import Money, round_cents

from .errors import (
    BalloonInvalid,
    DownPaymentInvalid,
    MileageInvalid,
    PriceInvalid,
    TermOutOfRange,
    UnknownProduct,
)

if TYPE_CHECKING:
    from .rules import Request

LOAN, BALLOON, LEASE = "loan", "balloon", "lease"
PRODUCTS = (LOAN, BALLOON, LEASE)
MILEAGE_LEASE, RESIDUAL_VALUE_LEASE = "mileage", "residual_value"
LEASE_KINDS = (MILEAGE_LEASE, RESIDUAL_VALUE_LEASE)
RISK_BANDS = ("prime", "standard", "subprime")
TERMS = {LOAN: (12, 96), BALLOON: (12, 72), LEASE: (12, 60)}
DEFAULT_DOWN_PAYMENT_PERCENT = Decimal("10")
STANDARD_TERM_MONTHS = 48
YEARLY_KM = (5_000, 60_000)
REFERENCE_YEARLY_KM = 15_000
RESIDUAL_POINTS_PER_5000_KM = Decimal("2")
MAX_PRICE = Decimal("10000000")


def default_down_payment(price: Money) -> Money:
    """10 % of the price, rounded half-up to the cent."""
    return Money(round_cents(price.amount * DEFAULT_DOWN_PAYMENT_PERCENT / 100), price.currency)


def check_request(request: Request) -> None:
    """Refuses what no lender could offer, with a message that says what to change."""
    if request.product not in PRODUCTS:
        raise UnknownProduct(f"Product must be one of {', '.join(PRODUCTS)}.")
    price, down = request.price.amount, request.down_payment.amount
    if not Decimal(0) < price <= MAX_PRICE:
        raise PriceInvalid(f"The price must be above 0 and at most {MAX_PRICE} EUR.")
    if down < 0 or down >= price:
        raise DownPaymentInvalid(
            f"The down payment ({down} EUR) must be at least 0 and below the price ({price} EUR)."
        )
    shortest, longest = TERMS[request.product]
    if not shortest <= request.term_months <= longest:
        raise TermOutOfRange(
            f"A {request.product} runs {shortest} to {longest} months, not {request.term_months}."
        )
    _check_balloon(request)
    _check_lease(request)


def _check_balloon(request: Request) -> None:
    if request.product != BALLOON:
        if request.balloon is not None:
            raise BalloonInvalid("A final instalment (balloon) belongs only to a balloon loan.")
        return
    if request.balloon is None:
        raise BalloonInvalid("A balloon loan needs the final instalment (balloon).")
    financed = request.price.amount - request.down_payment.amount
    if not Decimal(0) < request.balloon.amount < financed:
        raise BalloonInvalid(
            f"The final instalment ({request.balloon.amount} EUR) must be above 0 and below the "
            f"amount financed ({financed} EUR)."
        )


def _check_lease(request: Request) -> None:
    if request.product != LEASE:
        if request.yearly_km is not None:
            raise MileageInvalid("A yearly mileage belongs only to a lease.")
        return
    if request.lease_kind not in LEASE_KINDS:
        raise UnknownProduct(f"Lease kind must be one of {', '.join(LEASE_KINDS)}.")
    low, high = YEARLY_KM
    if request.yearly_km is None or not low <= request.yearly_km <= high:
        raise MileageInvalid(f"A lease needs a yearly mileage of {low} to {high} km.")


def balloon_percent(request: Request) -> Decimal:
    assert request.balloon is not None
    return request.balloon.amount * 100 / request.price.amount


def residual_percent(table: dict[int, Decimal], term_months: int, yearly_km: int) -> Decimal | None:
    """The calculated residual value in % of the price: the sheet's value for the term at
    15,000 km a year (linear between the terms it lists), 2 points less per 5,000 km more a
    year and 2 points more per 5,000 km less. None when the sheet does not cover the term."""
    if not table or not min(table) <= term_months <= max(table):
        return None
    below = max(t for t in table if t <= term_months)
    above = min(t for t in table if t >= term_months)
    base = table[below]
    if above != below:
        share = Decimal(term_months - below) / Decimal(above - below)
        base = table[below] + (table[above] - table[below]) * share
    shift = Decimal(REFERENCE_YEARLY_KM - yearly_km) / 5000 * RESIDUAL_POINTS_PER_5000_KM
    return max(Decimal(0), (base + shift).quantize(Decimal("0.01")))


@dataclass(frozen=True)
class FinalInstalmentChoice:
    """One way to settle the final instalment of a balloon loan (3-Wege-Finanzierung)."""

    code: str
    title_de: str
    title_en: str
    text_de: str
    text_en: str


FINAL_INSTALMENT_CHOICES = (
    FinalInstalmentChoice(
        "pay",
        "Schlussrate zahlen",
        "Pay the final instalment",
        "Sie zahlen die Schlussrate und das Auto gehört Ihnen.",
        "You pay the final instalment and the car is yours.",
    ),
    FinalInstalmentChoice(
        "refinance",
        "Schlussrate finanzieren",
        "Refinance the final instalment",
        "Ein neuer Ratenkredit zu den dann gültigen Konditionen bezahlt die Schlussrate.",
        "A new loan at the conditions then offered pays the final instalment.",
    ),
    FinalInstalmentChoice(
        "return",
        "Auto zurückgeben",
        "Return the car",
        "Sie geben das Auto zum vereinbarten Wert zurück; er begleicht die Schlussrate. Schäden "
        "und Mehrkilometer werden gesondert abgerechnet.",
        "You return the car at the agreed value, which settles the final instalment. Damage and "
        "excess kilometres are charged separately.",
    ),
)


def settle_final_instalment(choice: str, final_payment: Money, agreed_value: Money) -> Money:
    """What the buyer still pays at the end of a balloon loan: the whole final instalment when
    paying or refinancing it (the refinanced amount), or, returning the car, the part of the final
    instalment its agreed value does not cover (never below zero)."""
    if choice in ("pay", "refinance"):
        return final_payment
    if choice == "return":
        owed = final_payment - agreed_value
        return owed if owed.amount > 0 else Money.zero(final_payment.currency)
    raise BalloonInvalid(f"Settle the final instalment by pay, refinance or return, not {choice}.")


def mileage_settlement(
    *, agreed_km: int, driven_km: int, excess_km_rate: Decimal, unused_km_rate: Decimal
) -> Money:
    """End of a mileage lease: each kilometre above the agreed total is charged at the excess
    rate, each one below it refunded at the unused rate. Positive = the lessee pays."""
    difference = driven_km - agreed_km
    rate = excess_km_rate if difference > 0 else unused_km_rate
    return Money(round_cents(difference * rate))


def residual_value_settlement(*, residual_value: Money, sale_proceeds: Money) -> Money:
    """End of a residual-value lease: the lessee makes up a shortfall of the car's sale proceeds
    below the calculated residual value and receives 75 % of a surplus. Positive = lessee pays."""
    difference = residual_value - sale_proceeds
    if difference.amount >= 0:
        return difference.rounded()
    return (difference * Decimal("0.75")).rounded()
