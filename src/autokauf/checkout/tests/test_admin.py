"""The back office of orders (/backoffice/checkout/order/)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from autokauf.checkout import place_order, reserve_vehicle
from autokauf.checkout.models import Hold, Order, OrderEvent
from autokauf.core import clock
from autokauf.inventory.models import Vehicle
from autokauf.payments import get_payment

from .conftest import checkout_data, stock_cars
from .journey import pay_and_deliver, token_client

pytestmark = pytest.mark.django_db
ORDERS = "/backoffice/checkout/order/"


@pytest.fixture
def staff(db):
    from autokauf.accounts.models import User

    user = User.objects.create_superuser("verkauf@autokauf.example", None)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


def many_orders(count: int, buyer, dealer) -> None:
    """Orders written directly: the list's cost must not grow with their number."""
    now = clock.now()
    Order.objects.bulk_create(
        Order(
            number=f"AK-2026-{n:06d}", buyer=buyer, dealer=dealer, trim_code="ASTA-15TSI",
            quote={"total": "31059.10"}, total=Decimal("31059.10"),
            down_payment=Decimal("3105.91"), payment_method="cash", delivery="dealer",
            customer={}, created_at=now, status="placed" if n % 2 else "confirmed",
        )
        for n in range(1, count + 1)
    )  # fmt: skip


def list_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(ORDERS).status_code == 200
    return len(queries)


def test_the_order_list_makes_as_many_queries_for_thirty_orders_as_for_three(
    staff, cars, buyer, django_assert_num_queries
):
    from autokauf.dealers.models import Dealer

    dealer = Dealer.objects.get()
    many_orders(3, buyer, dealer)
    with_three = list_queries(staff)
    Order.objects.all().delete()
    many_orders(30, buyer, dealer)

    with django_assert_num_queries(with_three):
        page = staff.get(ORDERS)

    assert page.content.decode().count("AK-2026-0000") == 30


def test_the_order_list_filters_by_status(staff, cars, buyer):
    from autokauf.dealers.models import Dealer

    many_orders(4, buyer, Dealer.objects.get())

    page = staff.get(ORDERS, {"status__exact": "confirmed"}).content.decode()

    assert "AK-2026-000002" in page and "AK-2026-000004" in page
    assert "AK-2026-000001" not in page and "AK-2026-000003" not in page


def test_the_order_list_offers_every_payment_method_and_delivery_without_reading_the_orders(
    staff, cars, buyer
):
    from autokauf.dealers.models import Dealer

    many_orders(2, buyer, Dealer.objects.get())  # cash, collected at the dealer

    with CaptureQueriesContext(connection) as queries:
        page = staff.get(ORDERS).content.decode()

    for choice in ("payment_method=loan", "payment_method=lease", "delivery=tower"):
        assert f"?{choice}" in page
    assert not any("DISTINCT" in query["sql"] for query in queries)


def test_the_order_list_filters_by_payment_method(staff, cars, buyer):
    from autokauf.dealers.models import Dealer

    many_orders(2, buyer, Dealer.objects.get())

    cash = staff.get(ORDERS, {"payment_method": "cash"}).content.decode()
    lease = staff.get(ORDERS, {"payment_method": "lease"}).content.decode()

    assert "AK-2026-000001" in cash and "AK-2026-000002" in cash
    assert "AK-2026-000001" not in lease and "AK-2026-000002" not in lease


@pytest.mark.parametrize(
    "term",
    [
        "AK-2026-000002",
        "ak-2026-000002 ",
        "WNWASTAZZ1P000002",
        "wnwastazz1p000002",
        "Other@Example.org",
    ],
    ids=["number", "number typed in lower case", "VIN", "VIN in lower case", "buyer's e-mail"],
)
def test_staff_find_an_order_by_its_whole_number_vin_or_buyers_email(staff, cars, buyer, term):
    from autokauf.accounts.models import User
    from autokauf.dealers.models import Dealer

    many_orders(3, buyer, Dealer.objects.get())
    other = User.objects.create_user("other@example.org", None)
    Order.objects.filter(number="AK-2026-000002").update(buyer=other, vin="WNWASTAZZ1P000002")

    page = staff.get(ORDERS, {"q": term}).content.decode()

    assert "AK-2026-000002" in page
    assert "AK-2026-000001" not in page and "AK-2026-000003" not in page


def test_a_part_of_a_number_finds_no_order(staff, cars, buyer):
    from autokauf.dealers.models import Dealer

    many_orders(3, buyer, Dealer.objects.get())

    page = staff.get(ORDERS, {"q": "000002"}).content.decode()

    assert "AK-2026-000002" not in page


def build_to_order(buyer) -> Order:
    from autokauf.configurator import save_configuration

    saved = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"])
    order = place_order(
        buyer=buyer, configuration_code=saved.code, data=checkout_data(), language="de"
    )
    pay_and_deliver(order.payment_url)
    return Order.objects.get(pk=order.pk)


def test_staff_allocate_a_vin_to_a_build_to_order_order(staff, small_catalogue, buyer, places):
    order = build_to_order(buyer)
    vin = stock_cars(1)[0]

    response = staff.post(f"{ORDERS}{order.pk}/allocate-vin/", {"vin": vin})

    assert response.status_code == 302
    order.refresh_from_db()
    assert (order.status, order.vin) == ("allocated", vin)
    assert Vehicle.objects.get(vin=vin).status == "reserved"
    assert OrderEvent.objects.filter(order=order).last().actor == staff.user


def test_a_car_of_another_configuration_is_not_allocated_and_nothing_changes(
    staff, small_catalogue, buyer, places
):
    order = build_to_order(buyer)
    vin = stock_cars(1, options="INT-BLACK P-RED W16")[0]

    page = staff.post(f"{ORDERS}{order.pk}/allocate-vin/", {"vin": vin})

    assert page.status_code == 200
    assert "is not a free car of the order&#x27;s configuration" in page.content.decode()
    order.refresh_from_db()
    assert (order.status, order.vin) == ("confirmed", None)
    assert Vehicle.objects.get(vin=vin).status == "in_stock"


def test_the_allocate_action_opens_the_form_for_one_order(staff, small_catalogue, buyer, places):
    order = build_to_order(buyer)

    response = staff.post(ORDERS, {"action": "allocate_vin", "_selected_action": [order.pk]})

    assert response.status_code == 302
    assert response["Location"] == f"{order.pk}/allocate-vin/"


def with_profile(buyer):
    buyer.__class__.objects.filter(pk=buyer.pk).update(
        first_name="Erika", last_name="Mustermann", phone="+49 30 1234567",
        street="Heidestraße 17", postcode="51147", city="Köln", date_of_birth=date(1984, 8, 12),
    )  # fmt: skip
    buyer.refresh_from_db()
    return buyer


def test_staff_order_a_car_for_a_buyer_who_confirms_it_by_paying(staff, cars, buyer):
    buyer = with_profile(buyer)
    form = {"buyer_email": buyer.email, "vin": cars[0], "payment_method": "cash"}

    response = staff.post(f"{ORDERS}for-buyer/", {**form, "delivery": "home"})

    order = Order.objects.get()
    assert response.status_code == 302
    assert (order.buyer, order.created_by, order.status) == (buyer, staff.user, "placed")
    assert order.customer["street"] == "Heidestraße 17"
    assert order.quote["total"] == "31999.20"  # 31,059.10 € and 940.10 € home delivery
    client = token_client(buyer)
    seen = client.get(f"/api/v1/orders/{order.pk}").json()
    assert (seen["status"], seen["payment_url"], order.terms_accepted_at) == ("placed", None, None)

    accepted = {"accept_terms": True, "accept_withdrawal_notice": True}
    opened = client.post(
        f"/api/v1/orders/{order.pk}/payment", accepted, content_type="application/json"
    )
    pay_and_deliver(opened.json()["payment_url"])

    order.refresh_from_db()
    assert order.status == "confirmed"
    assert get_payment(order.payment_id).status == "captured"
    assert list(order.events.values_list("to_status", "actor")) == [
        ("placed", staff.user.pk),
        ("confirmed", None),
    ]


def test_staff_order_a_saved_configuration_for_a_buyer(staff, small_catalogue, buyer):
    from autokauf.configurator import save_configuration

    saved = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"])
    form = {"buyer_email": with_profile(buyer).email, "configuration_code": saved.code}

    staff.post(f"{ORDERS}for-buyer/", {**form, "payment_method": "cash", "delivery": "dealer"})

    order = Order.objects.get()
    assert (order.configuration_code, order.vin, order.status) == (saved.code, None, "placed")
    assert order.quote["total"] == saved.quote["total"]


def test_an_order_for_a_buyer_without_an_address_is_refused_and_leaves_no_hold(staff, cars, buyer):
    form = {"buyer_email": buyer.email, "vin": cars[0], "payment_method": "cash"}

    page = staff.post(f"{ORDERS}for-buyer/", {**form, "delivery": "dealer"})

    text = page.content.decode()
    assert page.status_code == 200
    assert "street: This field is required." in text and "date_of_birth" in text
    assert Order.objects.count() == 0
    assert Hold.objects.get().released_at is not None
    assert Vehicle.objects.get(vin=cars[0]).held_by is None


def test_an_order_needs_either_a_configuration_or_a_car(staff, cars, buyer):
    form = {"buyer_email": buyer.email, "payment_method": "cash", "delivery": "dealer"}

    page = staff.post(f"{ORDERS}for-buyer/", form)

    assert "Give either a saved configuration or a VIN." in page.content.decode()
    assert Order.objects.count() == 0


def test_cancelling_in_the_back_office_refunds_a_paid_order(staff, cars, buyer):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")
    pay_and_deliver(order.payment_url)

    staff.post(ORDERS, {"action": "cancel_with_refund", "_selected_action": [order.pk]})

    order.refresh_from_db()
    assert order.status == "cancelled"
    assert get_payment(order.payment_id).refunded_amount == Decimal("3105.91")
    assert Vehicle.objects.get(vin=cars[0]).status == "in_stock"


def test_a_new_order_is_written_to_the_audit_log(cars, buyer):
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])

    order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")

    entry = LogEntry.objects.get_for_object(order).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.changes_dict["number"][1] == order.number
