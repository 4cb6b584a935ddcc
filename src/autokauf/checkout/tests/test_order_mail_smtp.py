"""Order mails leave through a real SMTP server on loopback (aiosmtpd), after the outbox ran."""

from __future__ import annotations

import pytest

from autokauf.checkout import place_order, reserve_vehicle
from autokauf.checkout.models import Order
from autokauf.notifications.tests.test_send_mail import smtp_server  # noqa: F401

from .conftest import checkout_data
from .journey import pay_and_deliver

pytestmark = pytest.mark.django_db


def test_placing_and_paying_an_order_mails_the_buyer_in_german_text_and_html(
    smtp_server,  # noqa: F811
    cars,
    buyer,
):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    placed = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")

    pay_and_deliver(placed.payment_url)

    number = Order.objects.get().number
    assert [(to, m["Subject"].strip()) for to, m in smtp_server.received] == [
        (["erika@example.org"], f"Ihre Bestellung {number}: Bestellt"),
        (["erika@example.org"], f"Ihre Bestellung {number}: Bestätigt (Anzahlung erhalten)"),
    ]
    _, confirmed = smtp_server.received[1]
    assert confirmed["To"] == "erika@example.org"
    assert confirmed.get_content_type() == "multipart/alternative"
    text = confirmed.get_body(preferencelist=("plain",)).get_content()
    html = confirmed.get_body(preferencelist=("html",)).get_content()
    assert text.startswith("Guten Tag Erika Mustermann,")
    assert f"Ihre Bestellung {number} hat einen neuen Stand: Bestätigt" in text
    assert "Gesamtpreis: 31.059,10\N{NO-BREAK SPACE}€" in text
    assert "Anzahlung: 3.105,91\N{NO-BREAK SPACE}€" in text
    assert '<html lang="de">' in html
    assert "<td>31.059,10\N{NO-BREAK SPACE}€</td>" in html
