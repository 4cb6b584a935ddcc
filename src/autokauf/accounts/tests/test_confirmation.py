"""The confirmation link: sent again on request (at most once a minute), leading back to the page
the buyer came from. Logging in does not need a confirmed address; buying does (docs/adr/0013)."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.core import mail
from django.test import Client

from autokauf.accounts.models import User
from autokauf.core import clock

from .conftest import API, MOMENT, PASSWORD, link_in

pytestmark = pytest.mark.django_db

CAR_PAGE = "/checkout/reserve/WNWASTAZZ1P000001/"


def send_again(client: Client):
    return client.post(f"{API}/me/email/confirmation")


def test_an_unconfirmed_buyer_logs_in(client, buyer):
    login = client.post("/account/login/", {"email": buyer.email, "password": PASSWORD})

    assert buyer.email_confirmed_at is None
    assert (login.status_code, login["Location"]) == (302, "/account/")


def test_the_api_sends_the_link_again_at_most_once_a_minute(buyer_client, mails):
    with clock.frozen(MOMENT), mails():
        first = send_again(buyer_client)
    with clock.frozen(MOMENT + timedelta(seconds=45)), mails():
        too_soon = send_again(buyer_client)
    with clock.frozen(MOMENT + timedelta(seconds=60)), mails():
        later = send_again(buyer_client)

    assert (first.status_code, first.json()) == (
        202,
        {"detail": "A new link is on its way to ida@example.org."},
    )
    assert too_soon.status_code == 429
    assert too_soon["Retry-After"] == "15"
    assert too_soon.json()["type"].endswith("/confirmation-mail-throttled")
    assert later.status_code == 202
    assert [m.to for m in mail.outbox] == [["ida@example.org"], ["ida@example.org"]]


def test_the_link_sent_again_confirms_the_address(client, buyer_client, buyer, mails):
    with clock.frozen(MOMENT), mails():
        send_again(buyer_client)
    with clock.frozen(MOMENT + timedelta(minutes=5)):
        opened = client.get(link_in(mail.outbox[0]))

    buyer.refresh_from_db()
    assert opened.status_code == 200
    assert buyer.email_confirmed_at == MOMENT + timedelta(minutes=5)


def test_a_confirmed_address_gets_no_link_and_a_409(buyer_client, buyer, mails):
    buyer.email_confirmed_at = MOMENT
    buyer.save()

    with mails():
        answer = send_again(buyer_client)

    assert answer.status_code == 409
    assert answer.json()["type"].endswith("/email-confirmed-already")
    assert mail.outbox == []


def test_the_login_page_carries_the_wanted_page_on_to_the_sign_up(client):
    page = client.get(f"/account/login/?next={CAR_PAGE}").content.decode()

    assert f'href="/account/signup/?next={quote(CAR_PAGE, safe="")}"' in page


def test_the_link_of_a_sign_up_leads_back_to_the_page_the_buyer_came_from(client, mails):
    with mails():
        client.post(
            "/account/signup/",
            {"email": "nora@example.org", "password": PASSWORD, "next": CAR_PAGE},
        )
    link = link_in(mail.outbox[0])

    opened = client.get(link)

    assert link.endswith(f"/?next={quote(CAR_PAGE, safe='')}")
    assert (opened.status_code, opened["Location"]) == (302, CAR_PAGE)
    assert User.objects.get(email="nora@example.org").email_confirmed_at is not None


@pytest.mark.parametrize(
    "elsewhere",
    ["https://evil.example/", "//evil.example/checkout/", "javascript:alert(1)"],
    ids=["another site", "scheme-relative", "javascript"],
)
def test_a_link_never_leads_to_another_site(client, mails, elsewhere):
    with mails():
        client.post(
            "/account/signup/",
            {"email": "nora@example.org", "password": PASSWORD, "next": elsewhere},
        )
    link = link_in(mail.outbox[0])

    opened = client.get(link, {"next": elsewhere})

    assert "next=" not in link
    assert opened.status_code == 200
    assert "Adresse bestätigt" in opened.content.decode()


def test_the_account_page_offers_the_link_again_and_sends_it(buyer_client, mails):
    page = buyer_client.get("/account/").content.decode()
    with clock.frozen(MOMENT), mails():
        sent = buyer_client.post("/account/confirmation/")
    with clock.frozen(MOMENT + timedelta(seconds=10)), mails():
        again = buyer_client.post("/account/confirmation/", follow=True)

    assert "Link erneut senden" in page
    assert (sent.status_code, sent["Location"]) == (302, "/account/")
    assert "Wir haben gerade erst einen Link geschickt. Einen weiteren können Sie in 50 Sekunden " \
        "anfordern." in again.content.decode()  # fmt: skip
    assert len(mail.outbox) == 1


def test_asking_again_once_confirmed_says_so_and_sends_nothing(buyer_client, buyer, mails):
    buyer.email_confirmed_at = MOMENT
    buyer.save()

    with mails():
        answer = buyer_client.post("/account/confirmation/", {"next": "/account/"}, follow=True)

    assert "Ihre E-Mail-Adresse ist bereits bestätigt." in answer.content.decode()
    assert mail.outbox == []


def test_signed_out_nobody_asks_for_a_link(client, mails):
    with mails():
        page = client.post("/account/confirmation/")
        api = send_again(client)

    assert (page.status_code, page["Location"]) == (
        302,
        "/account/login/?next=/account/confirmation/",
    )
    assert api.status_code == 401
    assert mail.outbox == []
