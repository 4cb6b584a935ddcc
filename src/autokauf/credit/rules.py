"""Creditworthiness assessment: affordability, instalment arithmetic and the decision.

Pure functions: no ORM, no I/O, no clock reads. The lender must assess creditworthiness from income
and expenses before the contract (Directive 2008/48/EC Art. 8; Directive (EU) 2023/2225 Art. 18);
the figures and the decision table are documented in docs/domains/credit.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal

from autokauf.core.money import Money, round_cents

# Monthly living allowances per person, excluding housing: the standard needs (Regelbedarfsstufen)
# of § 28 SGB XII, in force for 2024, 2025 and 2026 (Regelbedarfsstufen 1, 2 and 4).
ALLOWANCE_APPLICANT = Decimal("563.00")
ALLOWANCE_FURTHER_ADULT = Decimal("506.00")
ALLOWANCE_DEPENDANT = Decimal("471.00")

# Longest term a risk band may borrow for without a person looking at it.
MAX_TERM_BY_BAND = {"A": 96, "B": 60}
# An extra down payment is asked for in whole steps of this size.
DOWN_PAYMENT_STEP = Decimal("100")


class Outcome:
    APPROVED = "approved"
    APPROVED_WITH_CONDITIONS = "approved_with_conditions"
    REFERRED = "referred"
    DECLINED = "declined"


@dataclass(frozen=True)
class Household:
    """What the applicant earns and must pay each month (EUR)."""

    net_monthly_income: Decimal
    housing_costs: Decimal
    existing_instalments: Decimal
    dependants: int = 0
    household_adults: int = 1


@dataclass(frozen=True)
class OfferTerms:
    """The financing offer applied for, as data: no link into the financing tables."""

    lender_code: str
    product: str
    amount: Decimal  # net loan amount
    term_months: int
    monthly_payment: Decimal
    nominal_rate: Decimal  # percent a year
    final_payment: Decimal = Decimal("0")


@dataclass(frozen=True)
class Affordability:
    net_monthly_income: Decimal
    housing_costs: Decimal
    existing_instalments: Decimal
    living_allowance: Decimal
    room: Decimal  # what is left for a new instalment
    new_instalment: Decimal
    remainder: Decimal  # room minus the new instalment

    @property
    def fits(self) -> bool:
        return self.remainder >= 0

    def to_dict(self) -> dict[str, str]:
        return {name: f"{value:.2f}" for name, value in self.__dict__.items()}


@dataclass(frozen=True)
class Reason:
    code: str
    de: str
    en: str

    def text(self, language: str) -> str:
        return self.de if language.startswith("de") else self.en

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "de": self.de, "en": self.en}


@dataclass(frozen=True)
class Conditions:
    max_term_months: int
    extra_down_payment: Decimal
    amount: Decimal
    monthly_payment: Decimal

    def to_dict(self) -> dict[str, str | int]:
        return {
            "max_term_months": self.max_term_months,
            "extra_down_payment": f"{self.extra_down_payment:.2f}",
            "amount": f"{self.amount:.2f}",
            "monthly_payment": f"{self.monthly_payment:.2f}",
        }


@dataclass(frozen=True)
class Decision:
    outcome: str
    reasons: tuple[Reason, ...]
    conditions: Conditions | None = None
    approved_amount: Decimal | None = None
    approved_term: int | None = None


def living_allowance(*, household_adults: int, dependants: int) -> Decimal:
    """Applicant 563 €, each further adult 506 €, each dependant 471 € (§ 28 SGB XII figures)."""
    further = max(household_adults - 1, 0)
    return (
        ALLOWANCE_APPLICANT + ALLOWANCE_FURTHER_ADULT * further + ALLOWANCE_DEPENDANT * dependants
    )


def assess_affordability(household: Household, new_instalment: Decimal) -> Affordability:
    """Income minus housing, existing instalments and living allowances, minus the instalment."""
    allowance = living_allowance(
        household_adults=household.household_adults, dependants=household.dependants
    )
    room = (
        household.net_monthly_income
        - household.housing_costs
        - household.existing_instalments
        - allowance
    )
    return Affordability(
        net_monthly_income=household.net_monthly_income,
        housing_costs=household.housing_costs,
        existing_instalments=household.existing_instalments,
        living_allowance=allowance,
        room=room,
        new_instalment=new_instalment,
        remainder=room - new_instalment,
    )


def instalment(amount: Decimal, nominal_rate: Decimal, months: int, final: Decimal) -> Decimal:
    """The monthly annuity that repays `amount` down to `final` in `months`, rounded to cents."""
    rate = nominal_rate / Decimal(1200)
    if rate == 0:
        return round_cents((amount - final) / months)
    growth = (1 + rate) ** months
    return round_cents((amount - final / growth) * rate / (1 - 1 / growth))


def amount_for_instalment(
    payment: Decimal, nominal_rate: Decimal, months: int, final: Decimal
) -> Decimal:
    """The largest amount a monthly `payment` repays down to `final` in `months` (not rounded)."""
    rate = nominal_rate / Decimal(1200)
    if rate == 0:
        return payment * months + final
    growth = (1 + rate) ** months
    return payment * (1 - 1 / growth) / rate + final / growth


def _round_up_to_step(amount: Decimal) -> Decimal:
    if amount <= 0:
        return Decimal("0.00")
    steps = (amount / DOWN_PAYMENT_STEP).to_integral_value(rounding=ROUND_CEILING)
    return steps * DOWN_PAYMENT_STEP


def conditions_for(offer: OfferTerms, *, band: str, room: Decimal) -> Conditions | None:
    """The nearest terms this band may borrow on and this room affords; None if the offer fits.

    The term is shortened to the band's maximum first; if the instalment then exceeds the room, the
    down payment rises (in steps of 100 €) until it fits.
    """
    term = min(offer.term_months, MAX_TERM_BY_BAND[band])
    payment = offer.monthly_payment
    if term != offer.term_months:
        payment = instalment(offer.amount, offer.nominal_rate, term, offer.final_payment)
    if term == offer.term_months and payment <= room:
        return None
    extra = Decimal("0.00")
    if payment > room:
        largest = amount_for_instalment(room, offer.nominal_rate, term, offer.final_payment)
        extra = _round_up_to_step(offer.amount - largest)
        payment = instalment(offer.amount - extra, offer.nominal_rate, term, offer.final_payment)
    return Conditions(term, extra, offer.amount - extra, payment)


def score_band(score: int) -> str:
    """A from 650, B 550 to 649, C 450 to 549, D below 450 (docs/domains/credit.md)."""
    if score >= 650:
        return "A"
    if score >= 550:
        return "B"
    if score >= 450:
        return "C"
    return "D"


def _eur(amount: Decimal, language: str) -> str:
    return Money(round_cents(amount)).format(language)


def _reason_no_room(affordability: Affordability) -> Reason:
    room = affordability.room
    return Reason(
        "no-room-for-instalment",
        "Nach Wohnkosten, laufenden Raten und den Pauschalen für den Lebensunterhalt bleibt "
        f"kein Einkommen für eine neue Rate ({_eur(room, 'de')}).",
        "After housing costs, existing instalments and the living allowances no income is left "
        f"for a new instalment ({_eur(room, 'en')}).",
    )


def _reason_score(band: str, factors: tuple[Reason, ...]) -> tuple[Reason, ...]:
    if band == "D":
        head = Reason(
            "score-too-low",
            "Die Bonitätsbewertung liegt unter der Grenze für eine Finanzierung.",
            "The credit assessment is below the limit for financing.",
        )
    else:
        head = Reason(
            "score-needs-person",
            "Die Bonitätsbewertung liegt in einem Bereich, den eine Person prüft.",
            "The credit assessment falls in a range that a person reviews.",
        )
    return (head, *factors)


def _reasons_for_conditions(offer: OfferTerms, conditions: Conditions) -> tuple[Reason, ...]:
    reasons = []
    if conditions.max_term_months < offer.term_months:
        months = conditions.max_term_months
        reasons.append(
            Reason(
                "shorter-term",
                "Bei dieser Bonitätsbewertung ist eine Laufzeit von höchstens "
                f"{months} Monaten möglich.",
                f"With this credit assessment the term can be at most {months} months.",
            )
        )
    if conditions.extra_down_payment > 0:
        extra, pay = conditions.extra_down_payment, conditions.monthly_payment
        reasons.append(
            Reason(
                "more-down-payment",
                f"Mit {_eur(extra, 'de')} mehr Anzahlung sinkt die Rate auf "
                f"{_eur(pay, 'de')} und passt zum frei verfügbaren Einkommen.",
                f"With {_eur(extra, 'en')} more down payment the instalment falls to "
                f"{_eur(pay, 'en')} and fits the income left.",
            )
        )
    return tuple(reasons)


def decide(
    *, offer: OfferTerms, affordability: Affordability, score: int, weak_factors: tuple[Reason, ...]
) -> Decision:
    """The automated decision (docs/domains/credit.md, "Decision table").

    No room for any instalment, or band D: declined. Band C: referred to a person. Bands A and B:
    approved, or approved with conditions (shorter term, more down payment) when the offer does
    not fit; declined when the financed amount would have to fall below half.
    """
    band = score_band(score)
    if affordability.room <= 0:
        return Decision(Outcome.DECLINED, (_reason_no_room(affordability),))
    if band in ("C", "D"):
        outcome = Outcome.DECLINED if band == "D" else Outcome.REFERRED
        return Decision(outcome, _reason_score(band, weak_factors))
    conditions = conditions_for(offer, band=band, room=affordability.room)
    if conditions is None:
        approved = Reason(
            "approved", "Die Finanzierung ist zugesagt.", "The financing is approved."
        )
        return Decision(Outcome.APPROVED, (approved,), None, offer.amount, offer.term_months)
    if conditions.amount < offer.amount / 2:
        return Decision(Outcome.DECLINED, (_reason_far_above(offer, affordability),))
    return Decision(
        Outcome.APPROVED_WITH_CONDITIONS,
        _reasons_for_conditions(offer, conditions),
        conditions,
        conditions.amount,
        conditions.max_term_months,
    )


def _reason_far_above(offer: OfferTerms, affordability: Affordability) -> Reason:
    pay, room = offer.monthly_payment, affordability.room
    return Reason(
        "instalment-far-above-room",
        f"Die Rate von {_eur(pay, 'de')} liegt weit über dem frei verfügbaren Einkommen von "
        f"{_eur(room, 'de')}; auch mit mehr Anzahlung wäre weniger als die Hälfte finanzierbar.",
        f"The instalment of {_eur(pay, 'en')} is far above the income left of {_eur(room, 'en')}; "
        "even with more down payment less than half could be financed.",
    )
