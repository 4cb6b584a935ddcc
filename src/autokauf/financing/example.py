"""The representative example that PAngV § 17 requires wherever a rate is advertised.

§ 17 (1)-(3) PAngV (CCD 2008/48/EC Art. 4): whoever advertises a consumer credit with a rate or
another cost figure states, clearly and by a representative example, the lender's identity and
address, the net loan amount, the borrowing rate and whether it is fixed, the costs included in
the total cost, the APR, and where they apply the total amount payable, the term, the amount and
number of the instalments; for a credit tied to goods also their cash price and the down payment.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from babel.numbers import format_decimal

from autokauf.core.money import Money

if TYPE_CHECKING:
    from .offer import Offer

_LOCALES = {"de": "de_DE", "en": "en_GB"}


def _money(amount: Money, language: str) -> str:
    return amount.format(language)


def _percent(rate: Decimal, language: str) -> str:
    number = format_decimal(rate, format="#,##0.00", locale=_LOCALES[language])
    return f"{number} %" if language == "de" else f"{number}%"


def _cents(euros_per_km: Decimal, language: str) -> str:
    return str(format_decimal(euros_per_km * 100, format="#,##0.00", locale=_LOCALES[language]))


def representative_example(offer: Offer, language: str = "de") -> str:
    language = "de" if language.startswith("de") else "en"
    facts = _facts_de(offer) if language == "de" else _facts_en(offer)
    lender = f"{offer.lender.name}, {offer.lender.address}"
    if language == "de":
        return (
            f"Repräsentatives Beispiel (§ 17 PAngV): {'; '.join(facts)}. Darlehensgeber: {lender}."
        )
    return f"Representative example (PAngV § 17): {'; '.join(facts)}. Lender: {lender}."


def _facts_de(offer: Offer) -> list[str]:
    def m(amount: Money) -> str:
        return _money(amount, "de")

    regular = offer.number_of_payments - (1 if offer.product == "balloon" else 0)
    facts = [
        f"Fahrzeugpreis {m(offer.price)}",
        f"{'Leasing-Sonderzahlung' if offer.product == 'lease' else 'Anzahlung'} "
        f"{m(offer.down_payment)}",
        f"Nettodarlehensbetrag {m(offer.net_loan_amount)}",
        f"gebundener Sollzinssatz {_percent(offer.nominal_rate, 'de')} p. a. "
        "(fest für die gesamte Laufzeit)",
        f"effektiver Jahreszins {_percent(offer.apr, 'de')}",
        f"Laufzeit {offer.term_months} Monate",
        f"{regular} monatliche Raten à {m(offer.monthly_payment)}",
    ]
    if offer.product == "balloon":
        facts.append(f"Schlussrate {m(offer.final_payment)}")
    if offer.product == "lease":
        facts += _lease_facts_de(offer)
    facts.append(f"Bearbeitungsgebühr {m(offer.arrangement_fee)}")
    if offer.monthly_fee.amount:
        facts.append(f"monatliche Kontoführungsgebühr {m(offer.monthly_fee)} (in der Rate)")
    facts.append(f"Gesamtbetrag {m(offer.total_amount_payable)}")
    return facts


def _lease_facts_de(offer: Offer) -> list[str]:
    if offer.lease_kind == "residual_value":
        return [f"kalkulierter Restwert {_money(offer.final_payment, 'de')}"]
    return [
        f"Fahrleistung {format_decimal(offer.yearly_km or 0, locale='de_DE')} km pro Jahr",
        f"Mehrkilometer {_cents(offer.excess_km_rate, 'de')} ct/km",
        f"Minderkilometer {_cents(offer.unused_km_rate, 'de')} ct/km",
    ]


def _facts_en(offer: Offer) -> list[str]:
    def m(amount: Money) -> str:
        return _money(amount, "en")

    regular = offer.number_of_payments - (1 if offer.product == "balloon" else 0)
    facts = [
        f"vehicle price {m(offer.price)}",
        f"{'lease down payment' if offer.product == 'lease' else 'down payment'} "
        f"{m(offer.down_payment)}",
        f"net loan amount {m(offer.net_loan_amount)}",
        f"fixed borrowing rate {_percent(offer.nominal_rate, 'en')} a year for the whole term",
        f"APR {_percent(offer.apr, 'en')}",
        f"term {offer.term_months} months",
        f"{regular} monthly instalments of {m(offer.monthly_payment)}",
    ]
    if offer.product == "balloon":
        facts.append(f"final instalment {m(offer.final_payment)}")
    if offer.product == "lease":
        facts += _lease_facts_en(offer)
    facts.append(f"arrangement fee {m(offer.arrangement_fee)}")
    if offer.monthly_fee.amount:
        facts.append(f"monthly account fee {m(offer.monthly_fee)} (in the instalment)")
    facts.append(f"total amount payable {m(offer.total_amount_payable)}")
    return facts


def _lease_facts_en(offer: Offer) -> list[str]:
    if offer.lease_kind == "residual_value":
        return [f"calculated residual value {_money(offer.final_payment, 'en')}"]
    return [
        f"mileage {offer.yearly_km:,} km a year",
        f"excess kilometres {_cents(offer.excess_km_rate, 'en')} ct/km",
        f"unused kilometres {_cents(offer.unused_km_rate, 'en')} ct/km",
    ]
