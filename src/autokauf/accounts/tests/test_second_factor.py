"""TOTP: optional for buyers, required for staff before anything else."""

from __future__ import annotations

import pyotp
import pytest
from django.test import Client

from autokauf.accounts import services
from autokauf.accounts.models import User

from .conftest import API, PASSWORD, code_for

pytestmark = pytest.mark.django_db


def _enrol(client: Client) -> str:
    page = client.get("/account/second-factor/")
    assert page.status_code == 200
    secret = client.session["accounts.enrol-secret"]
    response = client.post("/account/second-factor/", {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302, response.content
    return secret


def test_a_buyer_enrols_a_second_factor_and_then_logs_in_with_a_code(buyer_client, buyer):
    secret = _enrol(buyer_client)
    buyer.refresh_from_db()
    assert (buyer.totp_secret, buyer.has_second_factor) == (secret, True)

    client = Client()
    first = client.post("/account/login/", {"email": buyer.email, "password": PASSWORD})
    assert (first.status_code, first["Location"]) == (302, "/account/login/code/")
    assert "_auth_user_id" not in client.session
    buyer.totp_last_step = None
    User.objects.filter(pk=buyer.pk).update(totp_last_step=None)

    second = client.post("/account/login/code/", {"code": pyotp.TOTP(secret).now()})

    assert (second.status_code, second["Location"]) == (302, "/account/")
    assert client.session["_auth_user_id"] == str(buyer.pk)


def test_a_code_is_accepted_once(buyer_client, buyer):
    _enrol(buyer_client)
    code = code_for(buyer)  # the code that enrolment used

    response = Client().post(
        f"{API}/login",
        {"email": buyer.email, "password": PASSWORD, "code": code},
        "application/json",
    )

    assert response.status_code == 422
    assert response.json()["type"].endswith("/invalid-code")


def test_a_buyer_with_a_second_factor_cannot_log_in_through_the_api_without_the_code(
    buyer_client, buyer
):
    _enrol(buyer_client)
    client = Client()

    response = client.post(
        f"{API}/login", {"email": buyer.email, "password": PASSWORD}, "application/json"
    )

    assert response.status_code == 401
    assert response.json()["type"].endswith("/second-factor-required")
    assert "_auth_user_id" not in client.session


def test_staff_without_a_second_factor_must_set_it_up_before_anything_else(client):
    staff = services.create_staff(email="verkauf@autokauf.example", password=PASSWORD)

    login = client.post("/account/login/", {"email": staff.email, "password": PASSWORD})

    assert (login.status_code, login["Location"]) == (302, "/account/second-factor/")
    assert "_auth_user_id" not in client.session
    assert client.get("/account/").status_code == 302
    assert client.get("/backoffice/").status_code == 302

    _enrol(client)

    assert client.session["_auth_user_id"] == str(staff.pk)
    assert client.get("/backoffice/").status_code == 200


def test_staff_cannot_log_in_through_the_api_before_enrolling(client):
    staff = services.create_staff(email="verkauf@autokauf.example", password=PASSWORD)

    response = client.post(
        f"{API}/login", {"email": staff.email, "password": PASSWORD}, "application/json"
    )

    assert response.status_code == 403
    assert response.json()["type"].endswith("/second-factor-enrolment-required")


def test_the_back_office_login_goes_through_the_account_login(client):
    response = client.get("/backoffice/login/?next=/backoffice/")

    assert (response.status_code, response["Location"]) == (
        302,
        "/account/login/?next=%2Fbackoffice%2F",
    )


def test_staff_may_not_switch_the_second_factor_off(client):
    staff = services.create_staff(email="verkauf@autokauf.example", password=PASSWORD)
    client.post("/account/login/", {"email": staff.email, "password": PASSWORD})
    _enrol(client)

    response = client.post("/account/second-factor/off/", {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.get(pk=staff.pk).has_second_factor
