"""Races the issue requires: 200 buyers reserving 10 cars; 200 submissions of one order, paid to
the end at the sandbox provider; a buyer's many clicks and the provider's many webhooks for one
payment; a reservation released while its order is written. The same specs run on SQLite and,
with DATABASE_URL set, on PostgreSQL."""

from __future__ import annotations

import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from typing import Any

import pytest
from django.db import connections
from django.test import Client

from autokauf.checkout import VehicleNotAvailable, reserve_vehicle
from autokauf.checkout.models import Hold, Order
from autokauf.core.models import OutboxEvent
from autokauf.core.outbox import deliver_pending
from autokauf.inventory.models import Vehicle
from autokauf.payments.adapters.sandbox.models import (
    SandboxCharge,
    SandboxLedgerEntry,
    SandboxWebhook,
)
from autokauf.payments.adapters.sandbox.services import balances, unbalanced_journals
from autokauf.payments.models import Payment, WebhookReceipt
from autokauf.payments.tests.conftest import post_webhook

from .conftest import make_buyer, stock_cars
from .journey import order_body, token_client

pytestmark = pytest.mark.django_db(transaction=True)
WORKERS = 24
# The Asta 1.5 TSI of the fixture stock: 10 % of its Quote's total of 31,059.10 €.
DOWN_PAYMENT = Decimal("3105.91")
# The sandbox's own books after it took the down payment once: the buyer's money reached the
# merchant, nothing is left on hold.
PAID_ONCE = {"customer": -DOWN_PAYMENT, "hold": Decimal("0.00"), "merchant": DOWN_PAYMENT}


def in_thread(work: Callable[..., Any]) -> Callable[..., Any]:
    def run(*args: Any) -> Any:
        try:
            return work(*args)
        finally:
            connections.close_all()

    return run


def all_at_once(work: Callable[[int], Any], times: int) -> list[Any]:
    with ThreadPoolExecutor(WORKERS) as pool:
        return list(pool.map(in_thread(work), range(times)))


def place(buyer: Any, vin: str) -> Any:
    """The buyer's app reserves the car and submits its order once: the order's answer."""
    hold = reserve_vehicle(buyer=buyer, vin=vin)
    return token_client(buyer).post(
        "/api/v1/orders",
        order_body(reservation=str(hold.id)),
        content_type="application/json",
        headers={"Idempotency-Key": "one-purchase"},
    )


def authorise(payment_url: str, instrument: str = "success") -> int:
    """The buyer presses "Authorise" on the sandbox's hosted page; the page's HTTP status."""
    answer = Client().post(payment_url, {"instrument": instrument, "action": "authorise"})
    return answer.status_code


def deliver_every_webhook_as_often_as_sent() -> list[str]:
    """The sandbox's webhooks reach the store, each message as many times as the provider sends
    it; then the outbox's work (mails) is done. The store's answers, in order."""
    outcomes = [
        post_webhook(message).json()["outcome"]
        for message in SandboxWebhook.objects.order_by("created_at")
        for _copy in range(message.copies)
    ]
    while deliver_pending():
        pass
    return outcomes


def ledger_lines() -> list[tuple[str, str, Decimal]]:
    """The sandbox ledger's journals in order, each by its kind, credited account and amount."""
    return list(
        SandboxLedgerEntry.objects.filter(amount__gt=0)
        .order_by("id")
        .values_list("kind", "account", "amount")
    )


def topics_emitted(*topics: str) -> dict[str, int]:
    return {topic: OutboxEvent.objects.filter(topic=topic).count() for topic in topics}


def assert_paid_once_and_confirmed_once(order: Order) -> None:
    """The one order is confirmed once and its down payment taken once, to the cent, in the
    store's books and in the provider's."""
    payment = Payment.objects.get()
    charge = SandboxCharge.objects.get()
    assert order.status == "confirmed"
    assert list(order.events.values_list("to_status", flat=True)) == ["placed", "confirmed"]
    assert order.down_payment == DOWN_PAYMENT
    assert (payment.id, payment.status, payment.captured_amount) == (
        order.payment_id,
        "captured",
        DOWN_PAYMENT,
    )
    assert (charge.merchant_payment_id, charge.status, charge.captured_amount) == (
        str(payment.id),
        "captured",
        DOWN_PAYMENT,
    )
    assert ledger_lines() == [
        ("authorisation", "hold", DOWN_PAYMENT),
        ("capture", "merchant", DOWN_PAYMENT),
    ]
    assert balances() == PAID_ONCE
    assert unbalanced_journals() == []
    assert topics_emitted("payment.authorized", "payment.captured", "order.confirmed") == {
        "payment.authorized": 1,
        "payment.captured": 1,
        "order.confirmed": 1,
    }
    assert Vehicle.objects.get(vin=order.vin).status == "reserved"


def test_two_hundred_buyers_reserving_ten_cars_get_exactly_ten_holds(places):
    vins = stock_cars(10)
    buyers = [make_buyer(f"buyer{n}@example.org") for n in range(200)]

    def reserve(n: int) -> str:
        try:
            reserve_vehicle(buyer=buyers[n], vin=vins[n % 10])
            return "held"
        except VehicleNotAvailable:
            return "refused"

    outcomes = all_at_once(reserve, 200)

    assert outcomes.count("held") == 10
    assert Hold.objects.count() == 10
    assert sorted(Hold.objects.values_list("vin", flat=True)) == sorted(vins)
    assert Vehicle.objects.filter(held_by__isnull=False).count() == 10


def test_two_hundred_submissions_with_one_idempotency_key_make_one_order_and_one_charge(cars):
    buyer = make_buyer()
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    client = token_client(buyer)

    def submit(_n: int) -> tuple[int, dict[str, Any]]:
        answer = client.post(
            "/api/v1/orders",
            order_body(reservation=str(hold.id)),
            content_type="application/json",
            headers={"Idempotency-Key": "one-purchase"},
        )
        return answer.status_code, answer.json()

    answers = all_at_once(submit, 200)
    placed = [body for status, body in answers if status == 201]
    # The buyer pays the one order; the provider sends its webhook twice with one webhook-id.
    paid = authorise(placed[0]["payment_url"], "webhook-twice")
    webhook_outcomes = deliver_every_webhook_as_often_as_sent()

    order = Order.objects.get()
    # Each submission got the first answer, or was asked to retry while it was being worked on.
    assert {status for status, _ in answers} <= {201, 409}
    assert {body["type"] for status, body in answers if status == 409} <= {
        "https://autokauf.example/problems/idempotency-key-in-use"
    }
    assert all(body == placed[0] for body in placed)
    assert placed[0]["id"] == str(order.id)
    assert paid == 302
    assert webhook_outcomes == ["applied", "duplicate"]
    assert_paid_once_and_confirmed_once(order)


def test_a_buyer_pressing_authorise_twenty_times_at_once_is_authorised_and_charged_once(cars):
    buyer = make_buyer()
    payment_url = place(buyer, cars[0]).json()["payment_url"]

    pages = all_at_once(lambda _n: authorise(payment_url), 20)
    webhook_outcomes = deliver_every_webhook_as_often_as_sent()

    # One click goes back to the store; the others find the charge answered.
    assert sorted(pages) == [302] + [409] * 19
    assert SandboxWebhook.objects.count() == 1
    assert webhook_outcomes == ["applied"]
    assert_paid_once_and_confirmed_once(Order.objects.get())


def test_one_webhook_delivered_twenty_times_at_once_beside_the_buyers_return_charges_once(cars):
    buyer = make_buyer()
    placed = place(buyer, cars[0]).json()
    authorise(placed["payment_url"])
    message = SandboxWebhook.objects.get()
    client = token_client(buyer)
    work: dict[str, Callable[[], Any]] = {
        "webhook": lambda: post_webhook(message).json()["outcome"],
        # The buyer's app reads the order on its return, which asks the provider.
        "return": lambda: client.get(f"/api/v1/orders/{placed['id']}").status_code,
        "sweep": deliver_pending,
    }
    # Twenty deliveries of the one message, eight returns and four runs of the outbox's sweeper,
    # mixed (the same way every run) so that each kind is among the first to start.
    plan = ["webhook"] * 20 + ["return"] * 8 + ["sweep"] * 4
    random.Random(4).shuffle(plan)

    results = all_at_once(lambda n: work[plan[n]](), len(plan))
    while deliver_pending():
        pass

    answers: dict[str, list[Any]] = {kind: [] for kind in work}
    for kind, result in zip(plan, results, strict=True):
        answers[kind].append(result)
    webhook_outcomes, reads = answers["webhook"], answers["return"]
    # Whichever came first, the webhook or the return, authorised the payment.
    assert webhook_outcomes.count("duplicate") == 19
    assert set(webhook_outcomes) - {"duplicate"} <= {"applied", "ignored"}
    assert WebhookReceipt.objects.count() == 1
    assert reads == [200] * 8
    assert_paid_once_and_confirmed_once(Order.objects.get())


def test_a_release_that_comes_while_the_order_is_written_waits_for_it_and_is_refused(
    cars, monkeypatch
):
    """The buyer releases the reservation in another tab just as the order's transaction holds
    the car: the release waits for the order and is refused; the car stays the order's."""
    import threading

    from autokauf import inventory
    from autokauf.checkout import HoldOrdered, place_order, release_hold

    from .conftest import checkout_data

    buyer = make_buyer()
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    outcome: list[str] = []

    def release() -> None:
        try:
            release_hold(buyer=buyer, hold_id=hold.id)
            outcome.append("released")
        except HoldOrdered:
            outcome.append("hold-ordered")

    other_tab = threading.Thread(target=in_thread(release))
    extend = inventory.extend_vehicle_hold

    def extend_then_let_the_release_in(**kwargs: Any) -> bool:
        extended = extend(**kwargs)
        other_tab.start()
        other_tab.join(timeout=1.0)
        return extended

    monkeypatch.setattr(inventory, "extend_vehicle_hold", extend_then_let_the_release_in)
    order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")
    other_tab.join()

    hold.refresh_from_db()
    assert outcome == ["hold-ordered"]
    assert Order.objects.get().pk == order.pk
    assert hold.released_at is None
    assert Vehicle.objects.values_list("held_by_id", flat=True).get(vin=cars[0]) == buyer.pk
