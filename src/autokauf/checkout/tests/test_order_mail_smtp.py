"""Order mails leave through a real SMTP server on loopback (aiosmtpd), after the outbox ran, in
the language the buyer ordered in: German or English, each as text and HTML."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from autokauf.checkout import place_order, reserve_vehicle
from autokauf.checkout.models import Order
from autokauf.notifications.tests.test_send_mail import smtp_server  # noqa: F401

from .conftest import checkout_data, make_buyer
from .journey import pay_and_deliver

pytestmark = pytest.mark.django_db
NBSP = "\N{NO-BREAK SPACE}"


@dataclass(frozen=True)
class Mails:
    """What a buyer ordering in `language` receives; "{number}" stands for the order number."""

    language: str
    first_name: str
    last_name: str
    email: str
    subjects: tuple[str, str]  # placed, confirmed
    confirmed_text: tuple[str, ...]  # the lines of the confirmation's text part
    confirmed_html: tuple[str, ...]  # lines of the confirmation's HTML part


GERMAN = Mails(
    language="de",
    first_name="Erika",
    last_name="Mustermann",
    email="erika@example.org",
    subjects=(
        "Ihre Bestellung {number}: Bestellt",
        "Ihre Bestellung {number}: Bestätigt (Anzahlung erhalten)",
    ),
    confirmed_text=(
        "Guten Tag Erika Mustermann,",
        "",
        "Ihre Bestellung {number} hat einen neuen Stand: Bestätigt (Anzahlung erhalten).",
        "Wir bereiten Ihr Fahrzeug vor.",
        "",
        f"Gesamtpreis: 31.059,10{NBSP}€",
        f"Anzahlung: 3.105,91{NBSP}€",
        "",
        "Ihr Autokauf-Team",
    ),
    confirmed_html=(
        '<html lang="de"><body>',
        "<p>Guten Tag Erika Mustermann,</p>",
        "<p>Ihre Bestellung <strong>{number}</strong> hat einen neuen Stand: "
        "<strong>Bestätigt (Anzahlung erhalten)</strong>.</p>",
        f'<table><tr><th scope="row">Gesamtpreis</th><td>31.059,10{NBSP}€</td></tr>',
        f'<tr><th scope="row">Anzahlung</th><td>3.105,91{NBSP}€</td></tr></table>',
    ),
)

ENGLISH = Mails(
    language="en",
    first_name="Jane",
    last_name="Doe",
    email="jane@example.org",
    subjects=(
        "Your order {number}: Ordered",
        "Your order {number}: Confirmed (down payment received)",
    ),
    confirmed_text=(
        "Hello Jane Doe,",
        "",
        "Your order {number} has moved on: Confirmed (down payment received).",
        "We are preparing your car.",
        "",
        "Total price: €31,059.10",
        "Down payment: €3,105.91",
        "",
        "Your Autokauf team",
    ),
    confirmed_html=(
        '<html lang="en"><body>',
        "<p>Hello Jane Doe,</p>",
        "<p>Your order <strong>{number}</strong> has moved on: "
        "<strong>Confirmed (down payment received)</strong>.</p>",
        '<table><tr><th scope="row">Total price</th><td>€31,059.10</td></tr>',
        '<tr><th scope="row">Down payment</th><td>€3,105.91</td></tr></table>',
    ),
)


@pytest.mark.parametrize(
    "expected", [pytest.param(GERMAN, id="german"), pytest.param(ENGLISH, id="english")]
)
def test_placing_and_paying_an_order_mails_the_buyer_text_and_html_in_their_language(
    smtp_server,  # noqa: F811
    cars,
    expected,
):
    buyer = make_buyer(expected.email, language=expected.language)
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    details = checkout_data(
        first_name=expected.first_name, last_name=expected.last_name, email=expected.email
    )
    placed = place_order(buyer=buyer, hold_id=hold.id, data=details, language=expected.language)

    pay_and_deliver(placed.payment_url)

    number = Order.objects.get().number
    assert [(to, m["Subject"].strip()) for to, m in smtp_server.received] == [
        ([expected.email], subject.format(number=number)) for subject in expected.subjects
    ]
    assert [m.get_content_type() for _, m in smtp_server.received] == ["multipart/alternative"] * 2
    _, confirmed = smtp_server.received[1]
    assert confirmed["To"] == expected.email
    text = confirmed.get_body(preferencelist=("plain",)).get_content()
    html = confirmed.get_body(preferencelist=("html",)).get_content()
    assert text.splitlines() == [line.format(number=number) for line in expected.confirmed_text]
    html_lines = html.splitlines()
    for line in expected.confirmed_html:
        assert line.format(number=number) in html_lines
