"""The words of the order timeline, and amounts and rates as the buyer's language writes them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from babel.numbers import format_decimal
from django.conf import settings

from autokauf.core.money import Money

# The offer's amounts and rates as financing.Offer.to_dict froze them in the order.
OFFER_AMOUNTS = ("monthly_payment", "net_loan_amount", "total_amount_payable", "final_payment")
OFFER_RATES = ("nominal_rate", "apr")


def money_text(amount: str | Decimal, language: str) -> str:
    """45.990,00 € in German, €45,990.00 in English."""
    return Money.of(amount).format(language)


def percent_text(rate: str | Decimal, language: str) -> str:
    """4,49 % in German, 4.49 % in English."""
    locale = "de_DE" if language == "de" else "en_GB"
    return f"{format_decimal(Decimal(rate), format='0.00', locale=locale)} %"


def date_text(day: str | date, language: str) -> str:
    """12.05.2027 in German, 12 May 2027 in English."""
    day = date.fromisoformat(day) if isinstance(day, str) else day
    return format_date(day, "medium", locale="de_DE" if language == "de" else "en_GB")


def moment_text(moment: datetime, language: str) -> str:
    """A moment in the store's time zone (Europe/Berlin): 26.11.2026, 10:15:00 in German,
    26 Nov 2026, 10:15:00 in English."""
    locale = "de_DE" if language == "de" else "en_GB"
    return format_datetime(moment, "medium", tzinfo=ZoneInfo(settings.TIME_ZONE), locale=locale)


def delivery_estimate_text(order: Any, language: str) -> str | None:
    """A build-to-order order's estimated delivery as its Quote froze it; None once it has a car."""
    estimate = (order.quote or {}).get("delivery_estimate")
    return date_text(estimate, language) if estimate and not order.vin else None


def offer_text(offer: dict[str, Any], language: str) -> dict[str, Any]:
    """The frozen offer with its amounts and rates written out in `language`."""
    written = {key: money_text(offer[key], language) for key in OFFER_AMOUNTS if key in offer}
    written |= {key: percent_text(offer[key], language) for key in OFFER_RATES if key in offer}
    return {**offer, **written}


LABELS = {
    "de": {
        "placed": "Bestellt",
        "confirmed": "Bestätigt (Anzahlung erhalten)",
        "allocated": "Fahrzeug zugeteilt",
        "in_production": "In Produktion",
        "in_transit": "Unterwegs",
        "ready_for_handover": "Bereit zur Übergabe",
        "handed_over": "Übergeben",
        "cancelled": "Storniert",
        "withdrawn": "Widerrufen",
    },
    "en": {
        "placed": "Ordered",
        "confirmed": "Confirmed (down payment received)",
        "allocated": "Car allocated",
        "in_production": "In production",
        "in_transit": "In transit",
        "ready_for_handover": "Ready for handover",
        "handed_over": "Handed over",
        "cancelled": "Cancelled",
        "withdrawn": "Withdrawn",
    },
}
NEXT_STEPS = {
    "de": {
        "placed": "Bitte leisten Sie die Anzahlung.",
        "confirmed": "Wir bereiten Ihr Fahrzeug vor.",
        "allocated": "Ihr Fahrzeug ist Ihnen zugeteilt; die Produktion wird geplant.",
        "in_production": "Ihr Fahrzeug wird gebaut.",
        "in_transit": "Ihr Fahrzeug ist auf dem Weg zu Ihnen.",
        "ready_for_handover": "Vereinbaren Sie einen Übergabetermin.",
        "handed_over": "Gute Fahrt! Sie können 14 Tage lang widerrufen.",
        "cancelled": "Die Bestellung ist storniert; gezahltes Geld wird erstattet.",
        "withdrawn": "Sie haben widerrufen; die Anzahlung wird erstattet.",
    },
    "en": {
        "placed": "Please pay the down payment.",
        "confirmed": "We are preparing your car.",
        "allocated": "Your car is allocated to you; production is being scheduled.",
        "in_production": "Your car is being built.",
        "in_transit": "Your car is on its way to you.",
        "ready_for_handover": "Book a handover appointment.",
        "handed_over": "Enjoy your car! You may withdraw within 14 days.",
        "cancelled": "The order is cancelled; any money paid is refunded.",
        "withdrawn": "You have withdrawn; the down payment is refunded.",
    },
}
CONTACT = {"de": "Ihr Ansprechpartner: {dealer}", "en": "Your contact: {dealer}"}
