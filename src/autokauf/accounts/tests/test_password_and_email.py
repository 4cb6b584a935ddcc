"""Password reset by mail, and changing the e-mail address only after re-entering the password."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client

from autokauf.accounts.models import User

from .conftest import API, PASSWORD, link_in

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Neues-Passwort-77!"


def without_csrf(page: bytes) -> bytes:
    return re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", page)


def test_a_buyer_resets_the_password_with_the_mailed_link_once(client, buyer, mails):
    with mails():
        client.post("/account/password-reset/", {"email": "IDA@example.org"})
    link = link_in(mail.outbox[0])

    response = client.post(link, {"password": NEW_PASSWORD})

    assert response.status_code == 200
    buyer.refresh_from_db()
    assert buyer.check_password(NEW_PASSWORD)
    assert client.post(link, {"password": "Noch-Ein-Passwort-88"}).status_code == 400
    buyer.refresh_from_db()
    assert buyer.check_password(NEW_PASSWORD)


def test_a_password_reset_revokes_the_api_tokens_made_before_it(client, buyer, mails):
    intruder = Client()
    intruder.force_login(buyer)
    created = intruder.post(f"{API}/tokens", {"name": "Fremd"}, "application/json").json()
    bearer = Client(HTTP_AUTHORIZATION=f"Bearer {created['token']}")
    assert bearer.get(f"{API}/me").status_code == 200
    with mails():
        client.post("/account/password-reset/", {"email": buyer.email})

    client.post(link_in(mail.outbox[0]), {"password": NEW_PASSWORD})

    assert bearer.get(f"{API}/me").status_code == 401
    assert buyer.api_tokens.get().revoked_at is not None


def test_a_password_reset_ends_the_sessions_started_before_it(client, buyer, mails):
    intruder = Client()
    intruder.force_login(buyer)
    assert intruder.get(f"{API}/me").status_code == 200
    with mails():
        client.post("/account/password-reset/", {"email": buyer.email})

    client.post(link_in(mail.outbox[0]), {"password": NEW_PASSWORD})

    assert intruder.get(f"{API}/me").status_code == 401


def test_a_reset_for_an_unknown_address_answers_the_same_and_sends_nothing(client, buyer, mails):
    with mails():
        known = client.post("/account/password-reset/", {"email": buyer.email})
        unknown = client.post("/account/password-reset/", {"email": "niemand@example.org"})

    assert known.status_code == unknown.status_code == 200
    assert without_csrf(known.content) == without_csrf(unknown.content)
    assert [m.to for m in mail.outbox] == [[buyer.email]]


def test_an_email_change_without_the_right_password_is_refused_and_changes_nothing(
    buyer_client, buyer, mails
):
    with mails():
        page = buyer_client.post(
            "/account/email/", {"new_email": "ida.neu@example.org", "password": "geraten"}
        )
        api = buyer_client.post(
            f"{API}/me/email",
            {"new_email": "ida.neu@example.org", "password": "geraten"},
            "application/json",
        )

    assert (page.status_code, api.status_code) == (403, 403)
    assert api.json()["type"].endswith("/reauthentication-failed")
    assert User.objects.get(pk=buyer.pk).email == "ida@example.org"
    assert mail.outbox == []


def test_an_email_change_with_the_password_applies_when_the_new_address_confirms(
    buyer_client, buyer, mails
):
    with mails():
        buyer_client.post(
            "/account/email/", {"new_email": "Ida.Neu@example.org", "password": PASSWORD}
        )
    assert User.objects.get(pk=buyer.pk).email == "ida@example.org"
    assert mail.outbox[0].to == ["ida.neu@example.org"]

    with mails():
        response = buyer_client.get(link_in(mail.outbox[0]))

    assert response.status_code == 200
    assert User.objects.get(pk=buyer.pk).email == "ida.neu@example.org"
    assert mail.outbox[1].to == ["ida@example.org"]
    assert buyer_client.get(link_in(mail.outbox[0])).status_code == 400


def test_an_email_change_to_an_address_in_use_is_refused(buyer_client, buyer):
    User.objects.create_user("belegt@example.org", PASSWORD)

    response = buyer_client.post(
        f"{API}/me/email",
        {"new_email": "belegt@example.org", "password": PASSWORD},
        "application/json",
    )

    assert response.status_code == 409
    assert User.objects.get(pk=buyer.pk).email == "ida@example.org"
