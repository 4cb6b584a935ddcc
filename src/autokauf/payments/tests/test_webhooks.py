"""Incoming webhooks: verified, inside the replay window, taken once, never moving backwards."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autokauf.core import clock
from autokauf.core.models import OutboxEvent
from autokauf.payments import capture_payment, get_payment
from autokauf.payments.adapters.sandbox.models import SandboxWebhook
from autokauf.payments.adapters.sandbox.signing import signed_headers
from autokauf.payments.models import WebhookReceipt

from .conftest import pay, post_webhook, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def authorised_message():
    payment = start()
    pay(payment, "success")
    return payment, SandboxWebhook.objects.get()


def assert_nothing_changed(payment):
    assert get_payment(payment.id).status == "created"
    assert WebhookReceipt.objects.count() == 0
    assert OutboxEvent.objects.count() == 0


def test_a_forged_signature_is_refused_and_changes_nothing(authorised_message):
    payment, message = authorised_message
    headers = signed_headers(message.id, message.body)
    headers["webhook-signature"] = "v1,bm90LXRoZS1yaWdodC1zaWduYXR1cmU="

    answer = post_webhook(message, headers=headers)

    assert answer.status_code == 400
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["type"].endswith("/webhook-rejected")
    assert_nothing_changed(payment)


def test_a_body_changed_after_signing_is_refused(authorised_message):
    payment, message = authorised_message
    tampered = message.body.replace('"5000.00"', '"1.00"')

    answer = post_webhook(message, body=tampered)

    assert answer.status_code == 400
    assert_nothing_changed(payment)


def test_a_timestamp_older_than_five_minutes_is_refused(authorised_message):
    payment, message = authorised_message
    stale = signed_headers(
        message.id, message.body, at=clock.now() - timedelta(minutes=5, seconds=1)
    )

    answer = post_webhook(message, headers=stale)

    assert answer.status_code == 400
    assert "five-minute" in answer.json()["detail"]
    assert_nothing_changed(payment)


def test_a_timestamp_within_five_minutes_is_accepted(authorised_message):
    payment, message = authorised_message
    recent = signed_headers(message.id, message.body, at=clock.now() - timedelta(minutes=4))

    assert post_webhook(message, headers=recent).status_code == 200
    assert get_payment(payment.id).status == "authorized"


def test_missing_headers_are_refused(authorised_message):
    payment, message = authorised_message

    answer = post_webhook(message, headers={"webhook-id": message.id})

    assert answer.status_code == 400
    assert_nothing_changed(payment)


def test_a_duplicate_webhook_is_answered_200_without_effect(authorised_message):
    _payment, message = authorised_message
    post_webhook(message)

    again = post_webhook(message)

    assert again.status_code == 200
    assert again.json() == {"outcome": "duplicate"}
    assert WebhookReceipt.objects.count() == 1
    assert OutboxEvent.objects.filter(topic="payment.authorized").count() == 1


def test_a_late_authorisation_after_capture_does_not_move_the_payment_back(authorised_message):
    payment, message = authorised_message
    captured = capture_payment(payment.id)

    late = post_webhook(message)

    assert captured.status == "captured"
    assert late.json() == {"outcome": "ignored"}
    assert get_payment(payment.id).status == "captured"
    assert OutboxEvent.objects.filter(topic="payment.authorized").count() == 0
    assert OutboxEvent.objects.filter(topic="payment.captured").count() == 1
