"""Login throttling: 429 with Retry-After, the same for known and unknown addresses."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from autokauf.core import clock

from .conftest import API, MOMENT, PASSWORD

pytestmark = pytest.mark.django_db


def _fail_five_times(client: Client, email: str) -> None:
    for _ in range(5):
        response = client.post(
            f"{API}/login", {"email": email, "password": "falsch"}, "application/json"
        )
        assert response.status_code == 401


def test_the_sixth_attempt_is_throttled_identically_for_a_known_and_an_unknown_address(buyer):
    known, unknown = Client(REMOTE_ADDR="10.0.0.1"), Client(REMOTE_ADDR="10.0.0.2")
    with clock.frozen(MOMENT):
        _fail_five_times(known, buyer.email)
        _fail_five_times(unknown, "niemand@example.org")
    with clock.frozen(MOMENT + timedelta(seconds=60)):
        a = known.post(
            f"{API}/login", {"email": buyer.email, "password": PASSWORD}, "application/json"
        )
        b = unknown.post(
            f"{API}/login",
            {"email": "niemand@example.org", "password": PASSWORD},
            "application/json",
        )

    assert (a.status_code, a["Retry-After"]) == (b.status_code, b["Retry-After"]) == (429, "840")
    assert a.json() == b.json()
    assert a.json()["retry_after"] == 840
    assert "_auth_user_id" not in known.session


def test_the_login_page_answers_429_with_retry_after_too(buyer):
    client = Client(REMOTE_ADDR="10.0.0.3")
    with clock.frozen(MOMENT):
        _fail_five_times(client, buyer.email)
        page = client.post("/account/login/", {"email": buyer.email, "password": PASSWORD})

    assert (page.status_code, page["Retry-After"]) == (429, "900")


def test_after_the_window_the_address_may_log_in_again(buyer):
    client = Client(REMOTE_ADDR="10.0.0.4")
    with clock.frozen(MOMENT):
        _fail_five_times(client, buyer.email)
    with clock.frozen(MOMENT + timedelta(minutes=15)):
        response = client.post(
            f"{API}/login", {"email": buyer.email, "password": PASSWORD}, "application/json"
        )

    assert response.status_code == 200


def test_one_ip_trying_many_addresses_is_throttled(db):
    client = Client(REMOTE_ADDR="10.0.0.5")
    with clock.frozen(MOMENT):
        for n in range(20):
            client.post(
                f"{API}/login", {"email": f"p{n}@example.org", "password": "x"}, "application/json"
            )
        response = client.post(
            f"{API}/login", {"email": "neu@example.org", "password": "x"}, "application/json"
        )

    assert response.status_code == 429
