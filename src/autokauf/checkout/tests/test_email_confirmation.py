"""Buying needs a confirmed e-mail address (docs/adr/0013): the order confirmation, the contract
and the withdrawal notice must reach the buyer. Reserving does not: a new buyer holds the car
while the confirmation mail arrives."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client

from autokauf.checkout import place_order, reserve_vehicle
from autokauf.checkout.models import Hold, Order, OrderNumber
from autokauf.core import clock
from autokauf.core.models import OutboxEvent
from autokauf.inventory.models import Vehicle
from autokauf.payments.models import Payment

from .conftest import MONDAY, checkout_data, make_buyer
from .journey import order_body, token_client
from .test_pages import form

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
UNCONFIRMED_DE = (
    "Bestätigen Sie Ihre E-Mail-Adresse, um zu bestellen \u2013 "
    "wir haben einen Link an neu@example.org geschickt."
)


@pytest.fixture
def newcomer(db):
    """A buyer who signed up and has not opened the confirmation link yet."""
    return make_buyer("neu@example.org", confirmed=False)


@pytest.fixture
def held(cars, newcomer):
    with clock.frozen(MONDAY):
        return reserve_vehicle(buyer=newcomer, vin=cars[0])


def assert_nothing_written(hold: Hold) -> None:
    assert Order.objects.count() == 0
    assert OrderNumber.objects.count() == 0
    assert Payment.objects.count() == 0
    assert OutboxEvent.objects.count() == 0
    assert Hold.objects.get(pk=hold.pk).expires_at == hold.expires_at
    assert Vehicle.objects.get(vin=hold.vin).held_until == hold.expires_at


def confirm(user) -> None:
    user.email_confirmed_at = clock.now()
    user.save(update_fields=["email_confirmed_at"])


def link_in(message: mail.EmailMessage) -> str:
    return re.search(r"https?://testserver(/\S+)", message.body).group(1)


# --- API ----------------------------------------------------------------------------------------


def test_an_unconfirmed_buyer_may_reserve_a_car(cars, newcomer):
    answer = token_client(newcomer).post(
        "/api/v1/reservations", {"vin": cars[0]}, content_type="application/json"
    )

    assert answer.status_code == 201
    assert Vehicle.objects.get(vin=cars[0]).held_by_id == newcomer.pk


def test_ordering_unconfirmed_answers_403_and_writes_nothing(newcomer, held):
    with clock.frozen(MONDAY + timedelta(minutes=1)):
        answer = token_client(newcomer).post(
            "/api/v1/orders",
            order_body(reservation=str(held.id)),
            content_type="application/json",
        )

    assert answer.status_code == 403
    assert answer["Content-Type"] == PROBLEM
    problem = answer.json()
    assert problem["type"] == "https://autokauf.example/problems/email-not-confirmed"
    assert problem["title"] == "Confirm your e-mail address first"
    assert problem["email"] == "neu@example.org"
    assert_nothing_written(held)


def test_a_build_to_order_unconfirmed_answers_403_and_writes_nothing(cars, newcomer):
    from autokauf.configurator import save_configuration

    code = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"]).code

    answer = token_client(newcomer).post(
        "/api/v1/orders",
        order_body(configuration=code, dealer_code="D-BER"),
        content_type="application/json",
    )

    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/email-not-confirmed")
    assert (Order.objects.count(), OrderNumber.objects.count(), Payment.objects.count()) == (
        0,
        0,
        0,
    )


def test_once_confirmed_the_same_idempotency_key_places_the_order(newcomer, held):
    client = token_client(newcomer)
    body = order_body(reservation=str(held.id))
    key = {"Idempotency-Key": "first-order"}
    with clock.frozen(MONDAY + timedelta(minutes=1)):
        refused = client.post("/api/v1/orders", body, content_type="application/json", headers=key)
        confirm(newcomer)
        placed = client.post("/api/v1/orders", body, content_type="application/json", headers=key)

    assert (refused.status_code, placed.status_code) == (403, 201)
    assert placed.get("Idempotent-Replayed") is None
    order = Order.objects.get()
    assert (str(order.id), order.status, order.buyer_id) == (
        placed.json()["id"],
        "placed",
        newcomer.pk,
    )


def test_a_confirmed_buyer_orders_as_before(cars, buyer):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])

    answer = token_client(buyer).post(
        "/api/v1/orders", order_body(reservation=str(hold.id)), content_type="application/json"
    )

    assert answer.status_code == 201
    assert answer.json()["status"] == "placed"
    assert Payment.objects.count() == 1


def staff_order_for(buyer, vin):
    """Sales staff place a cash order of the car for the buyer: no payment, terms not accepted."""
    from autokauf.accounts import create_staff

    staff = create_staff(email="verkauf@example.org", password="a long passphrase 42")
    hold = reserve_vehicle(buyer=buyer, vin=vin)
    unaccepted = checkout_data(accept_terms=False, accept_withdrawal_notice=False)
    return place_order(
        buyer=buyer, hold_id=hold.id, data=unaccepted, language="de", created_by=staff
    )


def test_staff_may_prepare_an_order_for_an_unconfirmed_buyer(cars, newcomer):
    order = staff_order_for(newcomer, cars[0])

    assert (order.status, order.payment_id, order.terms_accepted_at) == ("placed", None, None)


def test_an_unconfirmed_buyer_cannot_accept_and_pay_a_staff_order_and_nothing_changes(
    cars, newcomer
):
    order = staff_order_for(newcomer, cars[0])
    accepted = {"accept_terms": True, "accept_withdrawal_notice": True}

    answer = token_client(newcomer).post(
        f"/api/v1/orders/{order.id}/payment", accepted, content_type="application/json"
    )

    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/email-not-confirmed")
    unchanged = Order.objects.get()
    assert (unchanged.payment_id, unchanged.terms_accepted_at) == (None, None)
    assert Payment.objects.count() == 0


def test_once_confirmed_the_buyer_accepts_and_pays_the_staff_order(cars, newcomer):
    order = staff_order_for(newcomer, cars[0])
    confirm(newcomer)
    accepted = {"accept_terms": True, "accept_withdrawal_notice": True}

    answer = token_client(newcomer).post(
        f"/api/v1/orders/{order.id}/payment", accepted, content_type="application/json"
    )

    assert answer.status_code == 201
    assert Order.objects.get().terms_accepted_at is not None
    assert Payment.objects.count() == 1


# --- Pages --------------------------------------------------------------------------------------


@pytest.fixture
def page(newcomer):
    browser = Client()
    browser.force_login(newcomer)
    return browser


def test_the_checkout_page_asks_to_confirm_and_offers_the_link_again(page, held):
    with clock.frozen(MONDAY + timedelta(minutes=1)):
        html = page.get(f"/checkout/{held.id}/").content.decode()

    assert 'data-testid="email-unconfirmed"' in html
    assert UNCONFIRMED_DE in html
    assert 'action="/account/confirmation/"' in html
    assert f'name="next" value="/checkout/{held.id}/"' in html
    assert "Link erneut senden" in html


def test_a_confirmed_buyers_checkout_page_asks_nothing(client, buyer, cars):
    client.force_login(buyer)
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])

    html = client.get(f"/checkout/{hold.id}/").content.decode()

    assert 'data-testid="email-unconfirmed"' not in html
    assert "Link erneut senden" not in html


def test_submitting_the_checkout_unconfirmed_shows_the_error_and_places_nothing(page, held):
    with clock.frozen(MONDAY + timedelta(minutes=1)):
        answer = page.post(f"/checkout/{held.id}/", form())

    assert answer.status_code == 422
    errors = answer.context["form"].non_field_errors()
    assert list(errors) == [UNCONFIRMED_DE]
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0


def test_the_link_sent_again_confirms_and_leads_back_to_the_checkout(
    page, newcomer, held, django_capture_on_commit_callbacks
):
    checkout_url = f"/checkout/{held.id}/"
    with clock.frozen(MONDAY + timedelta(minutes=1)):
        with django_capture_on_commit_callbacks(execute=True):
            sent = page.post("/account/confirmation/", {"next": checkout_url})
        back = page.get(link_in(mail.outbox[-1]))
        shown = page.get(checkout_url)
        ordered = page.post(checkout_url, form())

    assert (sent.status_code, sent["Location"]) == (302, checkout_url)
    assert [m.to for m in mail.outbox] == [["neu@example.org"]]
    assert (back.status_code, back["Location"]) == (302, checkout_url)
    newcomer.refresh_from_db()
    assert newcomer.email_confirmed_at == MONDAY + timedelta(minutes=1)
    assert "Danke: Ihre E-Mail-Adresse ist bestätigt." in shown.content.decode()
    assert 'data-testid="email-unconfirmed"' not in shown.content.decode()
    assert ordered.status_code == 303
    assert Order.objects.get().buyer_id == newcomer.pk


def test_the_order_page_of_a_staff_order_asks_an_unconfirmed_buyer_to_confirm(page, cars, newcomer):
    order = staff_order_for(newcomer, cars[0])

    html = page.get(f"/checkout/orders/{order.id}/").content.decode()
    paid = page.post(
        f"/checkout/orders/{order.id}/payment/",
        {"accept_terms": "on", "accept_withdrawal_notice": "on"},
    )

    assert UNCONFIRMED_DE in html
    assert paid.status_code == 303
    assert [str(m) for m in paid.wsgi_request._messages] == [UNCONFIRMED_DE]
    unchanged = Order.objects.get()
    assert (unchanged.payment_id, unchanged.terms_accepted_at) == (None, None)


def test_the_order_mails_go_to_the_confirmed_account_address_not_the_one_typed_at_checkout(
    cars, buyer
):
    from autokauf.core.outbox import deliver_pending

    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=cars[0])
        order = place_order(
            buyer=buyer,
            hold_id=hold.id,
            data=checkout_data(email="tippfehler@example.org"),
            language="de",
        )
        while deliver_pending():
            pass

    (placed,) = mail.outbox
    assert order.customer["email"] == "tippfehler@example.org"
    assert placed.to == ["erika@example.org"]
