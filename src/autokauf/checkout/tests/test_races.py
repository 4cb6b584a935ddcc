"""Races the issue requires: 200 buyers reserving 10 cars; 200 submissions of one order."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connections

from autokauf.checkout import VehicleNotAvailable, reserve_vehicle
from autokauf.checkout.models import Hold, Order
from autokauf.inventory.models import Vehicle
from autokauf.payments.models import Payment

from .conftest import make_buyer, stock_cars
from .journey import order_body, token_client

pytestmark = pytest.mark.django_db(transaction=True)
WORKERS = 24


def in_thread(work):
    def run(*args):
        try:
            return work(*args)
        finally:
            connections.close_all()

    return run


def test_two_hundred_buyers_reserving_ten_cars_get_exactly_ten_holds(places):
    vins = stock_cars(10)
    buyers = [make_buyer(f"buyer{n}@example.org") for n in range(200)]

    @in_thread
    def reserve(n: int) -> str:
        try:
            reserve_vehicle(buyer=buyers[n], vin=vins[n % 10])
            return "held"
        except VehicleNotAvailable:
            return "refused"

    with ThreadPoolExecutor(WORKERS) as pool:
        outcomes = list(pool.map(reserve, range(200)))

    assert outcomes.count("held") == 10
    assert Hold.objects.count() == 10
    assert sorted(Hold.objects.values_list("vin", flat=True)) == sorted(vins)
    assert Vehicle.objects.filter(held_by__isnull=False).count() == 10


def test_two_hundred_submissions_with_one_idempotency_key_make_one_order_and_one_charge(places):
    from autokauf.dealers.models import Dealer

    Dealer.objects.create(
        code="D-BER", name="Autohaus Berlin", email="b@example.org", location=places["BER"]
    )
    vin = stock_cars(1)[0]
    buyer = make_buyer()
    hold = reserve_vehicle(buyer=buyer, vin=vin)
    body = order_body(reservation=str(hold.id))
    client = token_client(buyer)

    @in_thread
    def submit(_n: int) -> int:
        answer = client.post(
            "/api/v1/orders",
            body,
            content_type="application/json",
            headers={"Idempotency-Key": "one-purchase"},
        )
        return answer.status_code

    with ThreadPoolExecutor(WORKERS) as pool:
        statuses = list(pool.map(submit, range(200)))

    assert set(statuses) <= {201, 409}
    assert 201 in statuses
    assert Order.objects.count() == 1
    assert Payment.objects.count() == 1
