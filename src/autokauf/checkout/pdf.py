"""The order confirmation and the purchase contract as PDF (fpdf2). Every amount printed is the
frozen Quote's amount to the cent (ARCHITECTURE.md, invariant 1)."""

from __future__ import annotations

from typing import Any

from fpdf import FPDF

from .models import Order
from .wording import delivery_estimate_text, money_text, percent_text

TITLES = {
    "confirmation": {"de": "Auftragsbestätigung", "en": "Order confirmation"},
    "contract": {"de": "Kaufvertrag", "en": "Purchase contract"},
}
WORDS: dict[str, dict[str, Any]] = {
    "de": {
        "number": "Bestellnummer",
        "buyer": "Käufer",
        "seller": "Verkäufer: Autokauf (Hersteller), vermittelt durch",
        "vin": "Fahrgestellnummer",
        "build": "Auftragsfertigung",
        "estimate": "Voraussichtliche Lieferung",
        "transfer": "Überführungskosten",
        "net": "Nettobetrag",
        "vat": "Umsatzsteuer",
        "total": "Gesamtpreis",
        "down": "Anzahlung",
        "withdrawal": "Sie können den Vertrag binnen 14 Tagen ab Übergabe ohne Angabe von Gründen "
        "widerrufen (§ 355 BGB).",
        "financing": "Finanzierung",
        "lender": "Darlehensgeber",
        "loan": "Ratenkredit",
        "balloon": "Schlussratenfinanzierung (3-Wege-Finanzierung)",
        "lease": "Leasing",
        "monthly": "Monatliche Rate",
        "payments": "Anzahl der Raten",
        "nominal": "Sollzinssatz (gebunden, p. a.)",
        "apr": "Effektiver Jahreszins",
        "net_loan": "Nettodarlehensbetrag",
        "payable": "Zu zahlender Gesamtbetrag",
        "final": "Schlussrate",
        "schedule": "Zahlungsplan",
        "columns": ("Monat", "Zahlung", "Zinsen", "Tilgung", "Restschuld"),
    },
    "en": {
        "number": "Order number",
        "buyer": "Buyer",
        "seller": "Seller: Autokauf (manufacturer), through its agent",
        "vin": "VIN",
        "build": "Built to order",
        "estimate": "Estimated delivery",
        "transfer": "Transfer costs",
        "net": "Net amount",
        "vat": "VAT",
        "total": "Total price",
        "down": "Down payment",
        "withdrawal": "You may withdraw from this contract within 14 days of handover without "
        "giving reasons (BGB § 355).",
        "financing": "Financing",
        "lender": "Lender",
        "loan": "Loan",
        "balloon": "Balloon loan (final instalment)",
        "lease": "Lease",
        "monthly": "Monthly payment",
        "payments": "Number of payments",
        "nominal": "Borrowing rate (fixed, a year)",
        "apr": "APR",
        "net_loan": "Net loan amount",
        "payable": "Total amount payable",
        "final": "Final instalment",
        "schedule": "Payment schedule",
        "columns": ("Month", "Payment", "Interest", "Principal", "Balance"),
    },
}


def order_pdf(order: Order, kind: str, language: str, *, compress: bool = True) -> bytes:
    """The document `kind` ("confirmation" or "contract") of the order in `language`."""
    lang = language if language in ("de", "en") else "de"
    words = WORDS[lang]
    pdf = FPDF()
    # The core fonts' WinAnsiEncoding is Windows-1252, which has the euro sign; Latin-1 has not.
    pdf.core_fonts_encoding = "cp1252"
    pdf.set_compression(compress)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 10, TITLES[kind][lang], new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    _head(pdf, order, words, lang)
    _lines(pdf, order.quote, words, lang)
    pdf.ln(4)
    _row(pdf, words["down"], money_text(order.down_payment, lang))
    if order.financing:
        _financing(pdf, order.financing, words, lang)
        if kind == "contract":
            _schedule(pdf, order.financing.get("schedule", []), words, lang)
    if kind == "contract":
        pdf.ln(4)
        pdf.multi_cell(0, 5, words["withdrawal"])
    return bytes(pdf.output())


def _head(pdf: FPDF, order: Order, words: dict[str, Any], lang: str) -> None:
    customer = order.customer
    buyer = f"{customer.get('first_name', '')} {customer.get('last_name', '')}"
    address = (
        f"{customer.get('street', '')}, {customer.get('postcode', '')} {customer.get('city', '')}"
    )
    pdf.cell(0, 6, f"{words['number']}: {order.number}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, f"{words['buyer']}: {buyer}, {address}", new_x="LMARGIN", new_y="NEXT")
    dealer = order.dealer.name if order.dealer else "-"
    pdf.cell(0, 6, f"{words['seller']} {dealer}", new_x="LMARGIN", new_y="NEXT")
    pdf.cell(0, 6, f"{words['vin']}: {order.vin or words['build']}", new_x="LMARGIN", new_y="NEXT")
    if estimate := delivery_estimate_text(order, lang):
        pdf.cell(0, 6, f"{words['estimate']}: {estimate}", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)


def _lines(pdf: FPDF, quote: dict[str, Any], words: dict[str, Any], lang: str) -> None:
    pdf.cell(0, 6, f"{quote.get('model_name', quote.get('model', ''))} {quote.get('trim', '')}")
    pdf.ln(6)
    for line in quote["lines"]:
        if line["kind"] == "included":
            continue
        _row(pdf, f"{line['code']}  {line['name']}", money_text(line["net"], lang))
    _row(pdf, words["transfer"], money_text(quote["transfer_costs"], lang))
    _row(pdf, words["net"], money_text(quote["net"], lang))
    _row(pdf, f"{words['vat']} {quote['vat_rate']} %", money_text(quote["vat"], lang))
    pdf.set_font("Helvetica", "B", 10)
    _row(pdf, words["total"], money_text(quote["total"], lang))
    pdf.set_font("Helvetica", size=10)


def _row(pdf: FPDF, label: str, amount: str) -> None:
    pdf.cell(140, 6, label[:80])
    pdf.cell(0, 6, amount, align="R", new_x="LMARGIN", new_y="NEXT")


def _financing(pdf: FPDF, offer: dict[str, Any], words: dict[str, Any], lang: str) -> None:
    """The chosen offer as frozen in the order (financing.Offer.to_dict at checkout)."""
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 11)
    product = words.get(offer.get("product", ""), offer.get("product", ""))
    pdf.cell(0, 7, f"{words['financing']}: {product}", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", size=10)
    lender = offer.get("lender") or {}
    pdf.cell(0, 6, f"{words['lender']}: {lender.get('name', '')}", new_x="LMARGIN", new_y="NEXT")
    if lender.get("address"):
        pdf.cell(0, 6, str(lender["address"])[:100], new_x="LMARGIN", new_y="NEXT")
    _row(pdf, words["monthly"], money_text(offer["monthly_payment"], lang))
    _row(pdf, words["payments"], str(offer["number_of_payments"]))
    _row(pdf, words["nominal"], percent_text(offer["nominal_rate"], lang))
    _row(pdf, words["apr"], percent_text(offer["apr"], lang))
    _row(pdf, words["net_loan"], money_text(offer["net_loan_amount"], lang))
    _row(pdf, words["payable"], money_text(offer["total_amount_payable"], lang))
    _row(pdf, words["final"], money_text(offer["final_payment"], lang))


def _schedule(pdf: FPDF, schedule: list[dict[str, Any]], words: dict[str, Any], lang: str) -> None:
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 10)
    pdf.cell(0, 6, words["schedule"], new_x="LMARGIN", new_y="NEXT")
    widths = (20, 40, 40, 40, 40)
    for width, title in zip(widths, words["columns"], strict=True):
        pdf.cell(width, 5, title, align="R")
    pdf.ln(5)
    pdf.set_font("Helvetica", size=8)
    for entry in schedule:
        cells = [str(entry["month"])] + [
            money_text(entry[k], lang) for k in ("payment", "interest", "principal", "balance")
        ]
        for width, text in zip(widths, cells, strict=True):
            pdf.cell(width, 4.5, text, align="R")
        pdf.ln(4.5)
    pdf.set_font("Helvetica", size=10)
