"""Reserving a car: one buyer per car, a cap per buyer, a limited time, released in one call."""

from __future__ import annotations

from datetime import timedelta

import pytest

from autokauf.checkout import (
    HoldCapReached,
    TooManyHolds,
    VehicleNotAvailable,
    extend_hold,
    release_hold,
    reserve_vehicle,
)
from autokauf.checkout.models import Hold
from autokauf.core import clock
from autokauf.inventory import StockFilters, search_vehicles
from autokauf.inventory.models import Vehicle

from .conftest import MONDAY, make_buyer

pytestmark = pytest.mark.django_db


def holder_of(vin: str):
    return Vehicle.objects.values_list("held_by_id", "held_until").get(vin=vin)


def test_a_reservation_holds_the_car_for_fifteen_minutes(cars, buyer):
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=cars[0])

    assert hold.expires_at == MONDAY + timedelta(minutes=15)
    assert holder_of(cars[0]) == (buyer.pk, MONDAY + timedelta(minutes=15))


def test_a_held_car_cannot_be_reserved_by_another_buyer_and_nothing_changes(cars, buyer):
    other = make_buyer("max@example.org")
    with clock.frozen(MONDAY):
        reserve_vehicle(buyer=buyer, vin=cars[0])
        with pytest.raises(VehicleNotAvailable):
            reserve_vehicle(buyer=other, vin=cars[0])

    assert holder_of(cars[0]) == (buyer.pk, MONDAY + timedelta(minutes=15))
    assert Hold.objects.filter(buyer=other).count() == 0


def test_an_expired_hold_counts_as_released_without_any_sweeper(cars, buyer):
    other = make_buyer("max@example.org")
    with clock.frozen(MONDAY):
        reserve_vehicle(buyer=buyer, vin=cars[0])
    with clock.frozen(MONDAY + timedelta(minutes=15)):
        listed = [v.vehicle.vin for v in search_vehicles(StockFilters(), facets=False).items]
        hold = reserve_vehicle(buyer=other, vin=cars[0])

    assert cars[0] in listed
    assert holder_of(cars[0]) == (other.pk, hold.expires_at)


def test_a_held_car_is_not_offered_to_other_buyers_in_the_stock_search(cars, buyer):
    with clock.frozen(MONDAY):
        reserve_vehicle(buyer=buyer, vin=cars[0])
        listed = [v.vehicle.vin for v in search_vehicles(StockFilters(), facets=False).items]

    assert listed == [cars[1], cars[2]]


def test_a_buyer_holds_at_most_two_cars_at_once(cars, buyer):
    with clock.frozen(MONDAY):
        reserve_vehicle(buyer=buyer, vin=cars[0])
        reserve_vehicle(buyer=buyer, vin=cars[1])
        with pytest.raises(TooManyHolds):
            reserve_vehicle(buyer=buyer, vin=cars[2])

    assert holder_of(cars[2]) == (None, None)
    assert Hold.objects.filter(buyer=buyer).count() == 2


def test_releasing_is_one_call_and_frees_the_car_and_the_buyers_slot(cars, buyer):
    with clock.frozen(MONDAY):
        first = reserve_vehicle(buyer=buyer, vin=cars[0])
        reserve_vehicle(buyer=buyer, vin=cars[1])
        release_hold(buyer=buyer, hold_id=first.id)
        reserve_vehicle(buyer=buyer, vin=cars[2])

    assert holder_of(cars[0]) == (None, None)
    assert Hold.objects.get(pk=first.id).released_at == MONDAY


def test_extending_adds_fifteen_minutes_up_to_forty_five_after_the_reservation(cars, buyer):
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    with clock.frozen(MONDAY + timedelta(minutes=10)):
        hold = extend_hold(buyer=buyer, hold_id=hold.id)
        assert hold.expires_at == MONDAY + timedelta(minutes=25)
    with clock.frozen(MONDAY + timedelta(minutes=20)):
        hold = extend_hold(buyer=buyer, hold_id=hold.id)
        assert hold.expires_at == MONDAY + timedelta(minutes=35)
    with clock.frozen(MONDAY + timedelta(minutes=34)):
        hold = extend_hold(buyer=buyer, hold_id=hold.id)
        assert hold.expires_at == MONDAY + timedelta(minutes=45)
        with pytest.raises(HoldCapReached):
            extend_hold(buyer=buyer, hold_id=hold.id)

    assert holder_of(cars[0]) == (buyer.pk, MONDAY + timedelta(minutes=45))
    assert Hold.objects.get(pk=hold.id).extended_count == 3


def test_another_buyers_hold_is_not_found(cars, buyer):
    from autokauf.checkout import UnknownHold

    other = make_buyer("max@example.org")
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=cars[0])
        with pytest.raises(UnknownHold):
            release_hold(buyer=other, hold_id=hold.id)

    assert holder_of(cars[0])[0] == buyer.pk


def ordered_hold(buyer, vin):
    from autokauf.checkout import place_order

    from .conftest import checkout_data

    hold = reserve_vehicle(buyer=buyer, vin=vin)
    place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")
    return hold


def test_releasing_a_hold_whose_car_is_ordered_is_refused_and_the_car_stays_held(cars, buyer):
    from autokauf.checkout import HoldOrdered

    with clock.frozen(MONDAY):
        hold = ordered_hold(buyer, cars[0])
        with pytest.raises(HoldOrdered):
            release_hold(buyer=buyer, hold_id=hold.id)

    assert holder_of(cars[0]) == (buyer.pk, MONDAY + timedelta(minutes=45))
    assert Hold.objects.get(pk=hold.id).released_at is None
    with pytest.raises(VehicleNotAvailable), clock.frozen(MONDAY):
        reserve_vehicle(buyer=make_buyer("max@example.org"), vin=cars[0])


def test_the_api_refuses_to_release_an_ordered_car_with_a_problem(cars, buyer):
    from .journey import token_client

    with clock.frozen(MONDAY):
        hold = ordered_hold(buyer, cars[0])
        answer = token_client(buyer).delete(f"/api/v1/reservations/{hold.id}")

    assert answer.status_code == 409
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["type"].endswith("/hold-ordered")
    assert holder_of(cars[0])[0] == buyer.pk


def test_the_release_button_of_an_ordered_car_leads_to_the_order_and_frees_nothing(cars, buyer):
    from django.test import Client

    from autokauf.checkout.models import Order

    with clock.frozen(MONDAY):
        hold = ordered_hold(buyer, cars[0])
        browser = Client()
        browser.force_login(buyer)
        answer = browser.post(f"/checkout/{hold.id}/release/", follow=True)

    order = Order.objects.get()
    assert answer.redirect_chain[0] == (f"/checkout/orders/{order.id}/", 303)
    assert "Um es freizugeben, stornieren Sie die Bestellung." in answer.content.decode()
    assert holder_of(cars[0])[0] == buyer.pk
    assert Hold.objects.get(pk=hold.id).released_at is None


def test_a_car_whose_order_waits_for_its_down_payment_is_not_reserved_by_another_buyer(cars, buyer):
    from autokauf.checkout import place_order
    from autokauf.checkout.errors import VehicleNotAvailable
    from autokauf.checkout.models import Order

    from .conftest import MONDAY, checkout_data, make_buyer

    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=cars[0])
        place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")
    other = make_buyer("max@example.org")

    with clock.frozen(MONDAY + timedelta(minutes=44)):
        listed = [v.vehicle.vin for v in search_vehicles(StockFilters(), facets=False).items]
        with pytest.raises(VehicleNotAvailable):
            reserve_vehicle(buyer=other, vin=cars[0])

    assert cars[0] not in listed
    assert not Hold.objects.filter(buyer=other).exists()
    assert Order.objects.get().status == "placed"
    assert holder_of(cars[0]) == (buyer.pk, MONDAY + timedelta(minutes=45))
