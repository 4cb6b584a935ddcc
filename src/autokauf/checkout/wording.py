"""The words of the order timeline, in German and English."""

from __future__ import annotations

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
