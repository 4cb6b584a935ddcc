"""Specs of the drop pages: waiting room, live count, claim and paying, as a browser sees them."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client

from autokauf import checkout
from autokauf.checkout.tests.conftest import stock_cars
from autokauf.core import clock
from autokauf.flash_sales import claim_car, fix_order
from autokauf.flash_sales.models import Drop, DropClaim, DropEntry

from .conftest import BEFORE, START, buyers, join_all, schedule

pytestmark = pytest.mark.django_db

PROFILE = {
    "first_name": "Erika",
    "last_name": "Mustermann",
    "phone": "+49 30 1234567",
    "street": "Heidestraße 17",
    "postcode": "51147",
    "city": "Köln",
}


def browser(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(user)
    return client


def claimed(drop):
    person = buyers(1)[0]
    join_all(drop, [person])
    with clock.frozen(START):
        return person, claim_car(drop=drop, buyer=person)


def test_joining_shows_the_buyers_place_and_an_estimate(drop_of_three):
    Drop.objects.filter(pk=drop_of_three.pk).update(admissions_per_second=1)
    late, *_ = people = buyers(6)
    join_all(drop_of_three, people[1:])
    client = browser(late)

    with clock.frozen(START):
        answer = client.post(f"/drops/{drop_of_three.pk}/join/", follow=True)

    assert DropEntry.objects.get(buyer=late).position == 6
    page = answer.content.decode()
    assert "Your place in line: 6" in page
    assert "Estimated wait: about 3 seconds." in page


@pytest.mark.parametrize(
    ("rate", "language", "estimate"),
    [
        (4, "en", "Estimated wait: about 1 second."),
        (4, "de", "Geschätzte Wartezeit: etwa 1 Sekunde."),
        (2, "en", "Estimated wait: about 2 seconds."),
        (2, "de", "Geschätzte Wartezeit: etwa 2 Sekunden."),
    ],
)
def test_the_page_shows_a_wait_below_a_minute_in_whole_seconds_rounded_up(
    drop_of_three, rate, language, estimate
):
    Drop.objects.filter(pk=drop_of_three.pk).update(admissions_per_second=rate)
    people = buyers(6)
    join_all(drop_of_three, people)
    with clock.frozen(START):
        fix_order(drop_of_three)
        sixth = DropEntry.objects.get(drop=drop_of_three, position=6).buyer
        client = Client(HTTP_ACCEPT_LANGUAGE=language)
        client.force_login(sixth)
        page = client.get(f"/drops/{drop_of_three.pk}/").content.decode()

    assert estimate in page


def test_before_the_start_the_page_counts_the_cars_and_offers_to_join(drop_of_three):
    with clock.frozen(BEFORE):
        page = browser(buyers(1)[0]).get(f"/drops/{drop_of_three.pk}/").content.decode()

    assert "3 cars left" in page
    assert "Join the waiting room" in page
    assert 'hx-trigger="every 2s"' in page


def test_an_admitted_buyer_claims_and_sees_the_car_its_drop_price_and_the_time_left(
    drop_of_three,
):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])
    client = browser(person)

    with clock.frozen(START):
        assert "Claim your car" in client.get(f"/drops/{drop_of_three.pk}/").content.decode()
        answer = client.post(f"/drops/{drop_of_three.pk}/claim/", follow=True)

    held = DropClaim.objects.get(buyer=person)
    page = answer.content.decode()
    assert answer.redirect_chain[-1][0] == f"/drops/claims/{held.pk}/"
    assert f"VIN {held.vin}" in page
    assert "Drop price €19,990.00" in page
    assert "(10:00 min left)" in page


def test_the_live_count_says_sold_out_when_every_car_is_taken(places):
    drop = schedule(stock_cars(1))
    claimed(drop)

    with clock.frozen(START + timedelta(seconds=1)):
        answer = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/drops/{drop.pk}/live/")

    assert "Sold out" in answer.content.decode()
    assert "every 2s" not in answer.content.decode()
    assert answer["Cache-Control"] == "public, max-age=1"


def test_someone_elses_claim_is_not_found_and_cannot_be_paid(drop_of_three):
    _owner, held = claimed(drop_of_three)
    stranger = browser(buyers(1, prefix="stranger")[0])

    with clock.frozen(START + timedelta(minutes=1)):
        seen = stranger.get(f"/drops/claims/{held.pk}/")
        paid = stranger.post(f"/drops/claims/{held.pk}/", {**PROFILE, "email": "x@example.org"})

    assert (seen.status_code, paid.status_code) == (404, 404)
    assert checkout.Order.objects.count() == 0


def test_paying_the_claim_places_the_order_at_the_drop_price_and_goes_to_the_payment(
    drop_of_three,
):
    person, held = claimed(drop_of_three)
    form = {
        **PROFILE,
        "email": person.email,
        "date_of_birth": "1984-08-12",
        "delivery": "dealer",
        "accept_terms": "on",
        "accept_withdrawal_notice": "on",
    }

    with clock.frozen(START + timedelta(minutes=2)):
        answer = browser(person).post(f"/drops/claims/{held.pk}/", form)

    order = checkout.Order.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == checkout.payment_url_of(order)
    assert str(order.total) == "19990.00"


def test_a_form_with_missing_fields_places_no_order(drop_of_three):
    person, held = claimed(drop_of_three)

    with clock.frozen(START + timedelta(minutes=2)):
        answer = browser(person).post(f"/drops/claims/{held.pk}/", {"first_name": "Erika"})

    assert answer.status_code == 200
    assert "Please check your entries" in answer.content.decode()
    assert checkout.Order.objects.count() == 0


def test_the_drop_page_speaks_german(drop_of_three):
    client = Client(HTTP_ACCEPT_LANGUAGE="de")

    with clock.frozen(BEFORE):
        page = client.get(f"/drops/{drop_of_three.pk}/").content.decode()

    assert "noch 3 Autos" in page
    assert "Drop-Preis 19.990,00\xa0€" in page
