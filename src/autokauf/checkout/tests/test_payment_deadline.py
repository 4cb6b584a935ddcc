"""An order waits for its down payment until a deadline, and keeps its car until then; an order
still unpaid after it lapses (cancelled), its payment called off and its car offered again."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client

from autokauf.checkout import place_order, reserve_vehicle
from autokauf.checkout.models import Hold, Order
from autokauf.checkout.rules import payment_deadline
from autokauf.checkout.tasks import sweep
from autokauf.core import clock
from autokauf.core.models import OutboxEvent
from autokauf.core.outbox import deliver_pending
from autokauf.inventory import StockFilters, search_vehicles
from autokauf.inventory.models import Vehicle
from autokauf.payments import get_payment
from autokauf.payments.adapters.sandbox import services as sandbox
from autokauf.payments.models import Payment

from .conftest import MONDAY, checkout_data, make_buyer
from .journey import order_body, pay_and_deliver, token_client

pytestmark = pytest.mark.django_db
NOTHING_MOVED = {"customer": Decimal("0.00"), "hold": Decimal("0.00"), "merchant": Decimal("0.00")}


def placed_at(buyer, vin, minutes_after_reserving=5):
    """The buyer reserves the car on Monday at 9:00 UTC and orders it a few minutes later."""
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=vin)
    with clock.frozen(MONDAY + timedelta(minutes=minutes_after_reserving)):
        return place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")


def ordered_through_the_app(buyer, vin):
    """The buyer's app reserves the car and places a cash order on Monday at 9:00 UTC: (its
    client, the order as answered)."""
    client = token_client(buyer)
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=vin)
        answer = client.post(
            "/api/v1/orders", order_body(reservation=str(hold.id)), content_type="application/json"
        )
    return client, answer.json()


def paid_again(client, order):
    """The buyer's app asks for a new down payment of the order."""
    return client.post(f"/api/v1/orders/{order['id']}/payment", {}, content_type="application/json")


def car_of(vin):
    return Vehicle.objects.values_list("status", "held_by_id", "held_until").get(vin=vin)


def listed(now):
    with clock.frozen(now):
        return [v.vehicle.vin for v in search_vehicles(StockFilters(), facets=False).items]


@pytest.mark.parametrize(
    ("placed_after", "pay_by_after"),
    [(timedelta(minutes=5), timedelta(minutes=45)), (timedelta(minutes=40), timedelta(minutes=70))],
)
def test_the_deadline_is_the_reservations_cap_but_never_less_than_a_payment_pages_life(
    placed_after, pay_by_after
):
    deadline = payment_deadline(
        now=MONDAY + placed_after,
        hold_created_at=MONDAY,
        cap=timedelta(minutes=45),
        payment_lifetime=timedelta(minutes=30),
    )

    assert deadline == MONDAY + pay_by_after


def test_a_build_to_order_order_waits_the_reservation_cap_from_when_it_is_placed():
    deadline = payment_deadline(
        now=MONDAY,
        hold_created_at=None,
        cap=timedelta(minutes=45),
        payment_lifetime=timedelta(minutes=30),
    )

    assert deadline == MONDAY + timedelta(minutes=45)


def test_an_order_keeps_its_car_until_the_deadline_shown_to_the_buyer(cars, buyer):
    order = placed_at(buyer, cars[0])
    with clock.frozen(MONDAY + timedelta(minutes=6)):
        seen = token_client(buyer).get(f"/api/v1/orders/{order.pk}").json()

    assert order.pay_by == MONDAY + timedelta(minutes=45)
    assert seen["pay_by"] == "2026-11-30T09:45:00Z"
    assert car_of(cars[0]) == ("in_stock", buyer.pk, MONDAY + timedelta(minutes=45))
    assert Hold.objects.get().expires_at == MONDAY + timedelta(minutes=45)
    assert cars[0] not in listed(MONDAY + timedelta(minutes=44))


def test_an_order_placed_late_in_its_reservation_gives_the_buyer_thirty_minutes_to_pay(
    cars, buyer, settings
):
    settings.CHECKOUT_HOLD_MINUTES = 45

    order = placed_at(buyer, cars[0], minutes_after_reserving=40)

    assert order.pay_by == MONDAY + timedelta(minutes=70)
    assert car_of(cars[0]) == ("in_stock", buyer.pk, MONDAY + timedelta(minutes=70))


def test_an_order_staff_placed_waits_three_days_for_its_buyer_and_keeps_the_car(cars, buyer):
    from autokauf.accounts.models import User

    staff = User.objects.create_user("sales@example.org", None, role="sales")
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=buyer, vin=cars[0])
        order = place_order(
            buyer=buyer,
            hold_id=hold.id,
            data=checkout_data(accept_terms=False, accept_withdrawal_notice=False),
            language="de",
            created_by=staff,
        )

    assert order.pay_by == MONDAY + timedelta(hours=72)
    assert car_of(cars[0]) == ("in_stock", buyer.pk, MONDAY + timedelta(hours=72))
    assert cars[0] not in listed(MONDAY + timedelta(hours=71))


def assert_lapsed(order, vin):
    lapsed = Order.objects.get(pk=order.pk)
    event = lapsed.events.last()
    assert (lapsed.status, lapsed.paid_at) == ("cancelled", None)
    assert (event.from_status, event.actor_text, event.note) == (
        "placed",
        "payment deadline",
        "down payment not received in time",
    )
    assert get_payment(lapsed.payment_id).status == "cancelled"
    assert sandbox.balances() == NOTHING_MOVED
    assert OutboxEvent.objects.filter(topic="order.cancelled").count() == 1
    assert Hold.objects.get(pk=lapsed.hold_id).released_at is not None


def test_an_unpaid_order_read_after_its_deadline_has_lapsed_and_its_car_is_free(cars, buyer):
    order = placed_at(buyer, cars[0])

    with clock.frozen(MONDAY + timedelta(minutes=45)):
        seen = token_client(buyer).get(f"/api/v1/orders/{order.pk}").json()

    assert (seen["status"], seen["payment_url"], seen["pay_by"]) == ("cancelled", None, None)
    assert_lapsed(order, cars[0])
    assert car_of(cars[0]) == ("in_stock", None, None)
    assert cars[0] in listed(MONDAY + timedelta(minutes=45))


def test_another_buyer_reserves_the_car_of_an_order_past_its_deadline_and_it_lapses(cars, buyer):
    order = placed_at(buyer, cars[0])
    other = make_buyer("max@example.org")

    with clock.frozen(MONDAY + timedelta(minutes=50)):
        hold = reserve_vehicle(buyer=other, vin=cars[0])

    assert_lapsed(order, cars[0])
    assert car_of(cars[0]) == ("in_stock", other.pk, hold.expires_at)


def test_the_sweeper_lapses_the_orders_past_their_deadline_and_no_other(cars, buyer):
    overdue = placed_at(buyer, cars[0])
    with clock.frozen(MONDAY + timedelta(minutes=30)):
        later = reserve_vehicle(buyer=make_buyer("max@example.org"), vin=cars[1])
        waiting = place_order(
            buyer=later.buyer, hold_id=later.id, data=checkout_data(), language="de"
        )

    with clock.frozen(MONDAY + timedelta(minutes=46)):
        swept = sweep.call()
        again = sweep.call()

    assert (swept, again) == ({"orders_lapsed": 1}, {"orders_lapsed": 0})
    assert_lapsed(overdue, cars[0])
    assert Order.objects.get(pk=waiting.pk).status == "placed"
    assert car_of(cars[1])[1] == later.buyer.pk


def test_an_order_paid_in_time_whose_webhook_is_late_is_confirmed_not_lapsed(cars, buyer):
    _client, answer = ordered_through_the_app(buyer, cars[0])
    with clock.frozen(MONDAY + timedelta(minutes=20)):
        Client().post(answer["payment_url"], {"instrument": "success", "action": "authorise"})

    with clock.frozen(MONDAY + timedelta(minutes=50)):
        swept = sweep.call()
        while deliver_pending():
            pass

    order = Order.objects.get()
    (payment,) = Payment.objects.all()
    assert swept == {"orders_lapsed": 0}
    assert order.status == "confirmed"
    assert (payment.status, payment.captured_amount) == ("captured", order.down_payment)
    assert car_of(cars[0])[0] == "reserved"


def test_paying_again_after_the_deadline_is_refused_and_opens_no_payment(cars, buyer):
    client, answer = ordered_through_the_app(buyer, cars[0])
    with clock.frozen(MONDAY):
        pay_and_deliver(answer["payment_url"], "decline")

    with clock.frozen(MONDAY + timedelta(minutes=45)):
        refused = paid_again(client, answer)

    assert refused.status_code == 409
    assert refused.json()["type"].endswith("/payment-deadline-passed")
    assert Payment.objects.count() == 1
    assert Order.objects.get().payment_id == Payment.objects.get().id


def test_the_order_page_tells_the_buyer_until_when_to_pay_in_berlin_time(cars, buyer):
    order = placed_at(buyer, cars[0])
    client = Client()
    client.force_login(buyer)

    with clock.frozen(MONDAY + timedelta(minutes=6)):
        page = client.get(f"/checkout/orders/{order.pk}/", headers={"Accept-Language": "de"})

    assert "Bitte leisten Sie die Anzahlung bis 30.11.2026, 10:45:00." in page.content.decode()


def test_the_order_mail_names_the_deadline_and_the_lapse_mail_says_why(cars, buyer):
    from django.core import mail

    order = placed_at(buyer, cars[0])
    with clock.frozen(MONDAY + timedelta(minutes=6)):
        while deliver_pending():
            pass
    with clock.frozen(MONDAY + timedelta(minutes=45)):
        sweep.call()
        while deliver_pending():
            pass

    placed_mail, lapsed_mail = mail.outbox
    assert placed_mail.subject == f"Ihre Bestellung {order.number}: Bestellt"
    assert (
        "Bitte leisten Sie die Anzahlung bis 30.11.2026, 10:45:00; danach verfällt die Bestellung."
        in placed_mail.body
    )
    assert lapsed_mail.subject == f"Ihre Bestellung {order.number}: Storniert"
    assert "Die Anzahlung ist nicht rechtzeitig eingegangen" in lapsed_mail.body
    assert "Die Anzahlung ist nicht rechtzeitig eingegangen" in lapsed_mail.alternatives[0][0]
    assert "Bitte leisten Sie" not in lapsed_mail.body


def test_the_buyers_order_list_shows_an_order_past_its_deadline_as_cancelled(cars, buyer):
    placed_at(buyer, cars[0])

    with clock.frozen(MONDAY + timedelta(minutes=45)):
        listed_orders = token_client(buyer).get("/api/v1/orders").json()

    assert [(o["status"], o["pay_by"]) for o in listed_orders] == [("cancelled", None)]
    assert Order.objects.get().status == "cancelled"


def test_paying_again_near_the_deadline_moves_it_to_the_new_payment_pages_end(cars, buyer):
    client, answer = ordered_through_the_app(buyer, cars[0])
    with clock.frozen(MONDAY):
        pay_and_deliver(answer["payment_url"], "decline")

    with clock.frozen(MONDAY + timedelta(minutes=40)):
        again = paid_again(client, answer).json()
    with clock.frozen(MONDAY + timedelta(minutes=60)):
        pay_and_deliver(again["payment_url"])

    assert again["pay_by"] == "2026-11-30T10:10:00Z"
    assert Hold.objects.get().expires_at == MONDAY + timedelta(minutes=70)
    assert Order.objects.get().status == "confirmed"
    assert car_of(cars[0])[0] == "reserved"


def failing_for(monkeypatch, failing_pk):
    """The provider cannot be reached while cancelling the order `failing_pk`."""
    from autokauf.checkout import lapses

    cancel = lapses.cancel_order

    def cancel_unless_failing(order, actor, note):
        if order.pk == failing_pk:
            raise ConnectionError("the payment provider does not answer")
        return cancel(order, actor, note)

    monkeypatch.setattr(lapses, "cancel_order", cancel_unless_failing)


def test_the_sweeper_passes_over_an_order_that_fails_to_lapse_and_lapses_the_others(
    cars, buyer, monkeypatch
):
    stuck = placed_at(buyer, cars[0])
    other = placed_at(make_buyer("max@example.org"), cars[1])
    failing_for(monkeypatch, stuck.pk)

    with clock.frozen(MONDAY + timedelta(minutes=46)):
        swept = sweep.call()

    assert swept == {"orders_lapsed": 1}
    assert Order.objects.get(pk=stuck.pk).status == "placed"
    assert Order.objects.get(pk=other.pk).status == "cancelled"


def test_reading_an_order_whose_lapse_fails_answers_it_as_read(cars, buyer, monkeypatch):
    order = placed_at(buyer, cars[0])
    failing_for(monkeypatch, order.pk)

    with clock.frozen(MONDAY + timedelta(minutes=46)):
        seen = token_client(buyer).get(f"/api/v1/orders/{order.pk}")

    assert (seen.status_code, seen.json()["status"]) == (200, "placed")
    assert Order.objects.get().status == "placed"


def test_the_migration_gives_waiting_orders_the_deadline_of_who_placed_them(cars, buyer):
    from importlib import import_module

    from django.apps import apps
    from django.utils import timezone

    from autokauf.accounts.models import User

    migration = import_module("autokauf.checkout.migrations.0004_order_pay_by")
    staff = User.objects.create_user("sales@example.org", None, role="sales")
    mine = placed_at(buyer, cars[0])
    with clock.frozen(MONDAY):
        hold = reserve_vehicle(buyer=make_buyer("max@example.org"), vin=cars[1])
        theirs = place_order(
            buyer=hold.buyer, hold_id=hold.id, data=checkout_data(), language="de", created_by=staff
        )
    long_ago = placed_at(make_buyer("old@example.org"), cars[2])
    Order.objects.filter(pk=long_ago.pk).update(created_at=MONDAY - timedelta(days=400))
    Order.objects.filter(pk=theirs.pk).update(terms_accepted_at=MONDAY + timedelta(hours=1))
    Order.objects.update(pay_by=None)

    migration.deadlines_of_waiting_orders(apps, None)
    ran_at = timezone.now()

    assert Order.objects.get(pk=mine.pk).pay_by == MONDAY + timedelta(minutes=50)
    assert Order.objects.get(pk=theirs.pk).pay_by == MONDAY + timedelta(hours=72)
    grace = Order.objects.get(pk=long_ago.pk).pay_by - ran_at
    assert timedelta(minutes=29) < grace <= timedelta(minutes=30)
