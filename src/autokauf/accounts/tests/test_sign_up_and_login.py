"""Sign-up, confirmation by mail, login and logout, as a buyer goes through them."""

from __future__ import annotations

import pytest
from django.core import mail

from autokauf.accounts.models import User

from .conftest import API, PASSWORD, link_in

pytestmark = pytest.mark.django_db


def test_a_new_buyer_signs_up_confirms_the_mailed_link_and_logs_in(client, mails):
    with mails():
        response = client.post(
            "/account/signup/", {"email": "Nora@Example.org", "password": PASSWORD}
        )

    assert response.status_code == 200
    user = User.objects.get(email="nora@example.org")
    assert (user.role, user.is_staff, user.email_confirmed_at) == ("buyer", False, None)
    assert [m.to for m in mail.outbox] == [["nora@example.org"]]

    confirmed = client.get(link_in(mail.outbox[0]))

    assert confirmed.status_code == 200
    user.refresh_from_db()
    assert user.email_confirmed_at is not None

    login = client.post("/account/login/", {"email": "nora@example.org", "password": PASSWORD})

    assert (login.status_code, login["Location"]) == (302, "/account/")
    assert client.get("/account/").status_code == 200


def test_signing_up_with_a_known_address_answers_the_same_and_mails_a_reset_link(
    client, buyer, mails
):
    with mails():
        known = client.post(
            f"{API}/signup", {"email": buyer.email, "password": PASSWORD}, "application/json"
        )
        new = client.post(
            f"{API}/signup", {"email": "neu@example.org", "password": PASSWORD}, "application/json"
        )

    assert (known.status_code, known.json()) == (new.status_code, new.json())
    assert known.status_code == 202
    assert User.objects.filter(email__iexact=buyer.email).count() == 1
    assert "/account/reset/" in mail.outbox[0].body
    assert "/account/confirm/" in mail.outbox[1].body


def test_a_weak_password_is_refused_and_no_account_is_made(client):
    response = client.post(
        f"{API}/signup",
        {"email": "schwach@example.org", "password": "12345678"},
        "application/json",
    )

    assert response.status_code == 422
    assert response.json()["type"].endswith("/password-rejected")
    assert not User.objects.filter(email="schwach@example.org").exists()


def test_a_tampered_confirmation_link_confirms_nothing(client, mails):
    with mails():
        client.post("/account/signup/", {"email": "nora@example.org", "password": PASSWORD})
    link = link_in(mail.outbox[0])

    response = client.get(link[:-3] + "xx/")

    assert response.status_code == 400
    assert User.objects.get(email="nora@example.org").email_confirmed_at is None


def test_a_wrong_password_and_an_unknown_address_get_the_same_answer(client, buyer):
    wrong = client.post(
        f"{API}/login", {"email": buyer.email, "password": "falsch"}, "application/json"
    )
    unknown = client.post(
        f"{API}/login", {"email": "niemand@example.org", "password": "falsch"}, "application/json"
    )

    assert wrong.status_code == unknown.status_code == 401
    assert {**wrong.json(), "instance": ""} == {**unknown.json(), "instance": ""}
    assert "_auth_user_id" not in client.session


def test_the_api_login_starts_a_session_that_me_and_logout_use(client, buyer):
    login = client.post(
        f"{API}/login", {"email": buyer.email, "password": PASSWORD}, "application/json"
    )

    assert login.status_code == 200
    assert client.get(f"{API}/me").json()["email"] == "ida@example.org"
    assert client.post(f"{API}/logout").status_code == 204
    assert client.get(f"{API}/me").status_code == 401


def test_passwords_are_stored_with_argon2(settings, db):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

    user = User.objects.create_user("argon@example.org", PASSWORD)

    assert user.password.startswith("argon2$")
