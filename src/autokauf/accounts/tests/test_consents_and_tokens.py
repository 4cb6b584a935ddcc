"""Consents with their text versions, withdrawable in one step; API tokens and their revocation."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from autokauf.accounts import rules
from autokauf.accounts.models import Consent, User
from autokauf.core import clock
from autokauf.core.models import IdempotencyRecord

from .conftest import API, MOMENT

pytestmark = pytest.mark.django_db


def test_a_consent_is_recorded_with_its_text_version_and_withdrawn_in_one_step(buyer_client, buyer):
    with clock.frozen(MOMENT):
        given = buyer_client.post(
            f"{API}/consents", {"purpose": "marketing-email"}, "application/json"
        )
    with clock.frozen(MOMENT + timedelta(days=3)):
        withdrawn = buyer_client.post("/account/consents/marketing-email/", {"action": "withdraw"})

    assert given.status_code == 201
    assert given.json()["text_version"] == "2025-01"
    assert withdrawn.status_code == 302
    assert list(
        Consent.objects.values_list("purpose", "text_version", "given_at", "withdrawn_at")
    ) == [("marketing-email", "2025-01", MOMENT, MOMENT + timedelta(days=3))]
    states = {c["purpose"]: c["standing"] for c in buyer_client.get(f"{API}/consents").json()}
    assert states == {"marketing-email": False, "marketing-phone": False, "dealer-contact": False}


def test_giving_a_consent_twice_records_it_once(buyer_client):
    buyer_client.post("/account/consents/dealer-contact/", {"action": "give"})
    buyer_client.post("/account/consents/dealer-contact/", {"action": "give"})

    assert Consent.objects.filter(purpose="dealer-contact").count() == 1


def test_agreeing_to_a_new_wording_replaces_the_consent_to_the_old_one(buyer_client, monkeypatch):
    buyer_client.post(f"{API}/consents", {"purpose": "marketing-email"}, "application/json")
    newer = replace(rules.CONSENT_TEXTS["marketing-email"], version="2026-02")
    monkeypatch.setitem(rules.CONSENT_TEXTS, "marketing-email", newer)
    listed = {c["purpose"]: c for c in buyer_client.get(f"{API}/consents").json()}
    assert listed["marketing-email"]["outdated"] is True

    buyer_client.post(f"{API}/consents", {"purpose": "marketing-email"}, "application/json")

    rows = Consent.objects.order_by("given_at", "pk").values_list("text_version", "withdrawn_at")
    assert [(version, withdrawn is None) for version, withdrawn in rows] == [
        ("2025-01", False),
        ("2026-02", True),
    ]


def test_an_unknown_consent_purpose_is_a_404_and_records_nothing(buyer_client):
    response = buyer_client.post(f"{API}/consents", {"purpose": "alles"}, "application/json")

    assert response.status_code == 404
    assert Consent.objects.count() == 0


def test_a_token_authenticates_until_it_is_revoked(buyer_client, buyer):
    created = buyer_client.post(f"{API}/tokens", {"name": "Skript"}, "application/json").json()
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {created['token']}")

    assert bearer.get(f"{API}/me").json()["email"] == buyer.email
    assert buyer.api_tokens.get().last_used_at is not None
    assert buyer_client.delete(f"{API}/tokens/{created['id']}").status_code == 204
    assert bearer.get(f"{API}/me").status_code == 401


def test_a_token_request_repeated_with_its_key_makes_no_second_token_nor_shows_it_again(
    buyer_client, buyer
):
    key = {"Idempotency-Key": "token-1"}
    created = buyer_client.post(
        f"{API}/tokens", {"name": "Skript"}, "application/json", headers=key
    )

    again = buyer_client.post(f"{API}/tokens", {"name": "Skript"}, "application/json", headers=key)

    assert created.status_code == 201
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert again["Idempotent-Replayed"] == "true"
    first = {name: value for name, value in created.json().items() if name != "token"}
    assert again.json()["type"].endswith("/idempotency-answer-shown-once")
    assert again.json()["first_answer"] == first
    assert list(buyer.api_tokens.values_list("pk", flat=True)) == [first["id"]]
    assert created.json()["token"] not in IdempotencyRecord.objects.get().response_body


def test_the_same_token_key_with_another_name_is_refused_and_makes_no_token(buyer_client, buyer):
    key = {"Idempotency-Key": "token-1"}
    buyer_client.post(f"{API}/tokens", {"name": "Skript"}, "application/json", headers=key)

    other = buyer_client.post(
        f"{API}/tokens", {"name": "Werkstatt"}, "application/json", headers=key
    )

    assert other.status_code == 422
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert list(buyer.api_tokens.values_list("name", flat=True)) == ["Skript"]


def test_only_the_digest_of_a_token_is_stored(buyer_client, buyer):
    created = buyer_client.post(f"{API}/tokens", {"name": "Skript"}, "application/json").json()

    stored = buyer.api_tokens.get()
    assert created["token"] not in (stored.digest, stored.prefix)
    assert created["token"].startswith(stored.prefix)


def test_a_made_up_token_is_refused(db):
    response = Client(HTTP_AUTHORIZATION="Bearer ak_erfunden").get(f"{API}/me")

    assert response.status_code == 401


def test_the_profile_is_changed_through_patch_me_but_not_the_email(buyer_client, buyer):
    response = buyer_client.patch(
        f"{API}/me",
        {"phone": "+49 30 1234567", "city": "Berlin", "date_of_birth": "1990-05-17"},
        "application/json",
    )

    assert response.status_code == 200
    buyer.refresh_from_db()
    assert (buyer.phone, buyer.city, str(buyer.date_of_birth), buyer.email) == (
        "+49 30 1234567",
        "Berlin",
        "1990-05-17",
        "ida@example.org",
    )


def test_a_session_write_without_the_csrf_token_is_refused(buyer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(buyer)

    response = client.post(f"{API}/tokens", {"name": "x"}, "application/json")

    assert response.status_code == 403
    assert buyer.api_tokens.count() == 0


def test_a_burst_of_calls_with_one_token_reads_the_token_row_once(buyer_client, buyer):
    created = buyer_client.post(f"{API}/tokens", {"name": "Skript"}, "application/json").json()
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {created['token']}")

    with CaptureQueriesContext(connection) as queries:
        answers = [bearer.get(f"{API}/me").json()["email"] for _ in range(3)]

    token_reads = [q for q in queries.captured_queries if "accounts_apitoken" in q["sql"]]
    assert answers == [buyer.email] * 3
    assert len(token_reads) == 2  # one read, one note of its use; then it is remembered


def test_a_user_deactivated_in_the_back_office_loses_api_access_at_once(buyer_client, buyer):
    created = buyer_client.post(f"{API}/tokens", {"name": "Skript"}, "application/json").json()
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {created['token']}")
    assert bearer.get(f"{API}/me").status_code == 200
    staff = User.objects.create_superuser("chefin@example.org", "Kombi-Fahrt-2026!", role="admin")
    backoffice = Client()
    backoffice.force_login(staff)
    form = backoffice.get(f"/backoffice/accounts/user/{buyer.pk}/change/").context["adminform"]
    data = {k: v for k, v in form.form.initial.items() if v is not None and k != "is_active"}
    data.update(groups=[], user_permissions=[], last_login_0="", last_login_1="")
    data.update(date_joined_0="2026-03-02", date_joined_1="09:00:00")

    saved = backoffice.post(f"/backoffice/accounts/user/{buyer.pk}/change/", data)

    assert saved.status_code == 302, saved.content[:2000]
    assert bearer.get(f"{API}/me").status_code == 401


def test_with_the_memory_turned_off_a_deactivation_counts_at_the_next_call(
    buyer_client, buyer, settings
):
    settings.AUTOKAUF_TOKEN_CACHE_SECONDS = 0
    created = buyer_client.post(f"{API}/tokens", {"name": "Skript"}, "application/json").json()
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {created['token']}")
    assert bearer.get(f"{API}/me").status_code == 200

    User.objects.filter(pk=buyer.pk).update(is_active=False)

    assert bearer.get(f"{API}/me").status_code == 401


def test_a_profile_changed_with_a_token_is_answered_changed_with_it(buyer_client, buyer):
    created = buyer_client.post(f"{API}/tokens", {"name": "Skript"}, "application/json").json()
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {created['token']}")
    assert bearer.get(f"{API}/me").json()["city"] == ""

    changed = bearer.patch(f"{API}/me", {"city": "Leipzig"}, "application/json")

    assert changed.status_code == 200
    assert bearer.get(f"{API}/me").json()["city"] == "Leipzig"
