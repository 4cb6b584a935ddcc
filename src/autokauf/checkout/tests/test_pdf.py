"""The order confirmation and the contract print the frozen Quote's amounts to the cent."""

from __future__ import annotations

import pytest

from autokauf.checkout import place_order, reserve_vehicle
from autokauf.checkout.pdf import order_pdf

from .conftest import checkout_data

pytestmark = pytest.mark.django_db


def pdf_text(document: bytes) -> str:
    """An uncompressed PDF's text as printed: its core fonts are encoded as Windows-1252, and an
    amount is kept on one line by a no-break space."""
    return document.decode("cp1252", errors="replace").replace("\N{NO-BREAK SPACE}", " ")


@pytest.mark.parametrize("kind", ["confirmation", "contract"])
def test_the_pdf_carries_the_exact_amounts_of_the_frozen_quote(cars, buyer, kind):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    order = place_order(
        buyer=buyer, hold_id=hold.id, data=checkout_data(delivery="home"), language="de"
    )

    text = pdf_text(order_pdf(order, kind, "de", compress=False))

    for amount in (
        "25.210,08 €",
        "790,00 €",
        "890,00 €",
        "26.890,08 €",
        "5.109,12 €",
        "31.999,20 €",
        "3.199,92 €",
    ):
        assert amount in text
    assert order.number in text
    assert ("widerrufen" in text) == (kind == "contract")


@pytest.fixture
def financed_order(cars, buyer):
    """A 48-month loan on the 31,059.10 € car at 3,105.91 € down: the best demo offer
    (Rhein Mobilbank, 4.49 % borrowing rate, 149.00 € arrangement fee), as the buyer saw it."""
    from decimal import Decimal

    from autokauf.core.money import Money
    from autokauf.financing import load_demo_lenders_if_empty, offers_for

    load_demo_lenders_if_empty()
    seen = offers_for(
        price=Money.of(Decimal("31059.10")),
        down_payment=Money.of(Decimal("3105.91")),
        term_months=48,
        product="loan",
    )[0].to_dict("de")
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    data = checkout_data(payment_method="loan", financing_offer=seen)
    return place_order(buyer=buyer, hold_id=hold.id, data=data, language="de")


@pytest.mark.parametrize("kind", ["confirmation", "contract"])
def test_a_financed_order_prints_the_chosen_offer_to_the_cent(financed_order, kind):
    text = pdf_text(order_pdf(financed_order, kind, "de", compress=False))

    for expected in (
        "Finanzierung: Ratenkredit",
        "Darlehensgeber: Rhein Mobilbank GmbH",
        "637,30 €",  # monthly payment
        "4,49 %",  # borrowing rate
        "4,87 %",  # APR
        "27.953,19 €",  # net loan amount
        "30.739,63 €",  # total amount payable: 149.00 + 47 x 637.30 + 637.53
        "637,53 €",  # final instalment
        "3.105,91 €",  # down payment
    ):
        assert expected in text
    assert ("Zahlungsplan" in text) == (kind == "contract")


def test_the_contract_carries_the_whole_payment_schedule(financed_order):
    text = pdf_text(order_pdf(financed_order, "contract", "en", compress=False))

    assert "Payment schedule" in text
    assert "€104.59" in text and "€532.71" in text and "€27,420.48" in text  # month 1
    assert "€2.38" in text and "€635.15" in text  # month 48
    assert text.count("€637.30") == 47 + 1  # 47 schedule rows and the offer's line


def test_a_cash_order_prints_no_financing(cars, buyer):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="en")

    text = pdf_text(order_pdf(order, "contract", "en", compress=False))

    assert "Financing" not in text and "Payment schedule" not in text


def test_the_order_mails_carry_the_chosen_offer(financed_order):
    from django.core import mail

    from autokauf.core import outbox

    outbox.deliver_pending()

    sent = mail.outbox[-1]
    html = sent.alternatives[0][0]
    for expected in (
        "Ihre Finanzierung (Ratenkredit) bei Rhein Mobilbank GmbH:",
        "Monatliche Rate: 637,30 €",
        "Anzahl der Raten: 48",
        "Sollzinssatz (gebunden, p. a.): 4,49 %",
        "Effektiver Jahreszins: 4,87 %",
        "Zu zahlender Gesamtbetrag: 30.739,63 €",
        "Schlussrate: 637,53 €",
    ):
        assert expected in sent.body.replace("\N{NO-BREAK SPACE}", " ")
    assert "<td>637,30\N{NO-BREAK SPACE}€</td>" in html and "<td>4,87 %</td>" in html
