from __future__ import annotations

import re
from datetime import UTC, datetime

import pyotp
import pytest
from django.core import mail
from django.test import Client

from autokauf.accounts.models import User

API = "/api/v1/accounts"
PASSWORD = "Kombi-Fahrt-2026!"
MOMENT = datetime(2026, 3, 2, 9, 0, 5, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def mails(django_capture_on_commit_callbacks):
    """Runs the after-commit mail sends of the block, as a committed transaction would."""

    def deliver():
        return django_capture_on_commit_callbacks(execute=True)

    return deliver


def link_in(message: mail.EmailMessage) -> str:
    match = re.search(r"https?://testserver(/\S+)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.fixture
def buyer(db) -> User:
    return User.objects.create_user("ida@example.org", PASSWORD, first_name="Ida")


@pytest.fixture
def buyer_client(buyer) -> Client:
    client = Client()
    client.force_login(buyer)
    return client


def code_for(user: User) -> str:
    user.refresh_from_db()
    return pyotp.TOTP(user.totp_secret).now()
