"""A drop is for buyers whose e-mail address is confirmed (docs/adr/0013): a claim's payment
window is short and the cars are few, so a buyer who could not pay must not hold one back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from autokauf import checkout
from autokauf.checkout.tests.journey import order_body, token_client
from autokauf.core import clock
from autokauf.flash_sales import claim_car
from autokauf.flash_sales.models import DropCar, DropClaim, DropEntry

from .conftest import BEFORE, START, buyers, join_all

pytestmark = pytest.mark.django_db


def unconfirmed_buyer():
    (person,) = buyers(1, prefix="neu")
    person.email_confirmed_at = None
    person.save(update_fields=["email_confirmed_at"])
    return person


def test_an_unconfirmed_buyer_cannot_join_a_drop_through_the_api(drop_of_three):
    person = unconfirmed_buyer()

    with clock.frozen(BEFORE):
        answer = token_client(person).post(f"/api/v1/drops/{drop_of_three.pk}/join")

    assert answer.status_code == 403
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["type"].endswith("/email-not-confirmed")
    assert DropEntry.objects.count() == 0


def test_the_drop_page_tells_an_unconfirmed_buyer_to_confirm_first(drop_of_three):
    person = unconfirmed_buyer()
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(person)

    with clock.frozen(BEFORE):
        answer = client.post(f"/drops/{drop_of_three.pk}/join/", follow=True)

    assert (
        "Confirm your e-mail address to take part — we sent a link to neu0@example.org. "
        "Your account page sends it again." in answer.content.decode()
    )
    assert DropEntry.objects.count() == 0


def test_a_claim_of_a_buyer_whose_address_is_no_longer_confirmed_is_not_paid(drop_of_three):
    """The address was confirmed on joining and the back office has since reset it."""
    (person,) = buyers(1)
    join_all(drop_of_three, [person])
    with clock.frozen(START):
        claim = claim_car(drop=drop_of_three, buyer=person)
    person.email_confirmed_at = None
    person.save(update_fields=["email_confirmed_at"])

    with clock.frozen(START + timedelta(minutes=2)):
        answer = token_client(person).post(
            f"/api/v1/drops/claims/{claim.pk}/pay", order_body(), content_type="application/json"
        )

    assert answer.status_code == 403
    assert answer.json()["type"].endswith("/email-not-confirmed")
    assert checkout.Order.objects.count() == 0
    assert DropClaim.objects.get(pk=claim.pk).status == "held"
    assert DropCar.objects.get(pk=claim.car_id).status == "held"
    entry = DropEntry.objects.get(buyer=person)
    assert (entry.active_claim_id, entry.cars_bought) == (claim.pk, 0)
