"""Mail goes out through a real SMTP server on loopback, as multipart text and HTML."""

from __future__ import annotations

import email
import socket
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from autokauf.notifications import render_mail, send_mail

CONTEXT = {"name": "Erika Mustermann", "amount": "5.000,00 €", "reference": "AK-1001"}


class Inbox:
    """An aiosmtpd handler that keeps every message it is given."""

    def __init__(self) -> None:
        self.received: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.content, policy=default)
        self.received.append((list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=controller.port,
            EMAIL_USE_TLS=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
        ):
            yield inbox
    finally:
        controller.stop()


def test_a_german_mail_arrives_as_text_and_html(smtp_server):
    send_mail(template="payment_received", to="erika@example.org", context=CONTEXT, language="de")

    assert len(smtp_server.received) == 1
    recipients, parsed = smtp_server.received[0]
    assert recipients == ["erika@example.org"]
    assert parsed["To"] == "erika@example.org"
    assert parsed["Subject"].strip() == "Zahlung erhalten: 5.000,00 € für AK-1001"
    assert parsed.get_content_type() == "multipart/alternative"
    text = parsed.get_body(preferencelist=("plain",)).get_content()
    html = parsed.get_body(preferencelist=("html",)).get_content()
    assert "wir haben Ihre Zahlung über 5.000,00 € für AK-1001 erhalten." in text
    assert "<strong>5.000,00 €</strong>" in html


def test_an_english_mail_uses_the_english_templates(smtp_server):
    send_mail(template="payment_received", to="john@example.org", context=CONTEXT, language="en")

    _, message = smtp_server.received[0]
    assert message["Subject"].strip() == "Payment received: 5.000,00 € for AK-1001"


def test_an_unknown_language_falls_back_to_german():
    subject, text, html = render_mail(template="payment_received", context=CONTEXT, language="fr")

    assert subject == "Zahlung erhalten: 5.000,00 € für AK-1001"
    assert text.startswith("Guten Tag Erika Mustermann,")
    assert 'lang="de"' in html
