"""The buyer's pages: reserve, check out on one page, follow the order (German, exact amounts)."""

from __future__ import annotations

from datetime import date

import pytest

from autokauf.checkout.models import Hold, Order
from autokauf.inventory.models import Vehicle

from .conftest import make_buyer

NBSP = "\xa0"
CAR_TOTAL = f"31.059,10{NBSP}€"
CAR_DOWN = f"3.105,91{NBSP}€"
HOME_TOTAL = f"31.999,20{NBSP}€"
HOME_DOWN = f"3.199,92{NBSP}€"

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, buyer):
    client.force_login(buyer)
    return client


@pytest.fixture
def hold(signed_in, buyer, cars):
    response = signed_in.post(f"/checkout/reserve/{cars[0]}/")
    assert response.status_code == 303
    return Hold.objects.get(buyer=buyer)


def form(**changes):
    given = {
        "first_name": "Erika",
        "last_name": "Mustermann",
        "email": "erika@example.org",
        "phone": "+49 30 1234567",
        "street": "Heidestraße 17",
        "postcode": "51147",
        "city": "Köln",
        "date_of_birth": "1984-08-12",
        "payment_method": "cash",
        "delivery": "dealer",
        "accept_terms": "on",
        "accept_withdrawal_notice": "on",
    }
    given.update(changes)
    return {k: v for k, v in given.items() if v is not None}


def test_an_anonymous_visitor_is_sent_to_log_in_and_nothing_is_held(client, cars):
    response = client.post(f"/checkout/reserve/{cars[0]}/")

    assert response.status_code == 302
    assert response["Location"] == f"/account/login/?next=/checkout/reserve/{cars[0]}/"
    assert Hold.objects.count() == 0
    assert Vehicle.objects.get(vin=cars[0]).held_by_id is None


def test_after_logging_in_the_buyer_confirms_the_reservation_on_a_page(signed_in, cars):
    response = signed_in.get(f"/checkout/reserve/{cars[0]}/")

    assert response.status_code == 200
    assert "Reservieren und zur Kasse" in response.content.decode()
    assert Hold.objects.count() == 0


def test_reserving_holds_the_car_and_opens_the_checkout(signed_in, buyer, cars):
    response = signed_in.post(f"/checkout/reserve/{cars[0]}/")

    hold = Hold.objects.get(buyer=buyer)
    assert response["Location"] == f"/checkout/{hold.id}/"
    assert Vehicle.objects.get(vin=cars[0]).held_by_id == buyer.pk


def test_a_car_someone_else_holds_is_refused_with_a_message_on_the_vehicle_page(
    client, signed_in, buyer, cars
):
    other = make_buyer("max@example.org")
    client.force_login(other)
    client.post(f"/checkout/reserve/{cars[0]}/")
    client.force_login(buyer)

    response = signed_in.post(f"/checkout/reserve/{cars[0]}/", follow=False)

    assert response.status_code == 303
    assert response["Location"] == f"/cars/{cars[0]}/"
    assert Hold.objects.filter(buyer=buyer).count() == 0
    assert Vehicle.objects.get(vin=cars[0]).held_by_id == other.pk
    shown = [str(m) for m in response.wsgi_request._messages]
    assert shown == [
        "Dieses Auto ist leider nicht mehr verfügbar: "
        "jemand anderes hat es reserviert oder gekauft."
    ]


def test_the_checkout_page_shows_the_final_quote_and_the_down_payment(signed_in, hold):
    response = signed_in.get(f"/checkout/{hold.id}/")

    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-testid="checkout-total">{CAR_TOTAL}<' in page
    assert f'data-testid="down-payment">{CAR_DOWN}<' in page
    assert "Auto freigeben" in page
    assert "Kaufen und Anzahlung leisten" in page


def test_a_returning_buyer_finds_their_details_filled_in(signed_in, buyer, hold):
    buyer.first_name, buyer.last_name, buyer.city = "Erika", "Mustermann", "Köln"
    buyer.date_of_birth = date(1984, 8, 12)
    buyer.save()

    page = signed_in.get(f"/checkout/{hold.id}/").content.decode()

    assert 'value="Mustermann"' in page
    assert 'value="Köln"' in page
    assert 'value="1984-08-12"' in page


def test_choosing_home_delivery_adds_its_price_to_the_review(signed_in, hold):
    response = signed_in.post(
        f"/checkout/{hold.id}/",
        form(delivery="home", preview="1"),
        headers={"HX-Request": "true", "HX-Target": "review"},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert f'data-testid="checkout-total">{HOME_TOTAL}<' in page
    assert f'data-testid="down-payment">{HOME_DOWN}<' in page
    assert Order.objects.count() == 0


def test_buying_with_cash_places_the_order_and_sends_the_buyer_to_pay(signed_in, hold):
    response = signed_in.post(f"/checkout/{hold.id}/", form())

    order = Order.objects.get()
    assert response.status_code == 303
    assert "/sandbox-psp/pay/" in response["Location"]
    assert (str(order.total), str(order.down_payment), order.status) == (
        "31059.10",
        "3105.91",
        "placed",
    )
    assert order.hold_id == hold.id


def test_without_the_two_consents_nothing_is_ordered_and_the_fields_say_why(signed_in, hold):
    response = signed_in.post(
        f"/checkout/{hold.id}/", form(accept_terms=None, accept_withdrawal_notice=None)
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "Bitte akzeptieren Sie die Verkaufsbedingungen." in page
    assert "Bitte bestätigen Sie, dass Sie die Widerrufsbelehrung gelesen haben." in page
    assert Order.objects.count() == 0


def test_a_bad_postcode_and_a_minor_are_refused_with_nothing_changed(signed_in, hold):
    response = signed_in.post(
        f"/checkout/{hold.id}/", form(postcode="5114", date_of_birth="2015-01-01")
    )

    page = response.content.decode()
    assert response.status_code == 422
    assert "Eine deutsche Postleitzahl hat fünf Ziffern." in page
    assert "Sie müssen mindestens 18 Jahre alt sein, um ein Auto zu kaufen." in page
    assert Order.objects.count() == 0


def test_a_financed_purchase_needs_an_offer_chosen(signed_in, hold):
    response = signed_in.post(f"/checkout/{hold.id}/", form(payment_method="loan"))

    assert response.status_code == 422
    assert "Bitte wählen Sie eines der Angebote." in response.content.decode()
    assert Order.objects.count() == 0


def test_a_loan_chosen_on_the_page_is_ordered_with_the_stores_offer(signed_in, hold):
    from autokauf.financing import load_demo_lenders_if_empty

    load_demo_lenders_if_empty()

    response = signed_in.post(
        f"/checkout/{hold.id}/",
        form(payment_method="loan", financing_offer="loan:rhein-mobilbank"),
    )

    order = Order.objects.get()
    assert response.status_code == 303
    assert order.financing["key"] == "loan:rhein-mobilbank"
    assert (order.financing["monthly_payment"], order.financing["nominal_rate"]) == (
        "637.30",
        "4.49",
    )
    assert str(order.down_payment) == "3105.91"


def test_another_buyers_reservation_is_not_found(client, hold):
    client.force_login(make_buyer("max@example.org"))

    assert client.get(f"/checkout/{hold.id}/").status_code == 404
    assert client.post(f"/checkout/{hold.id}/", form()).status_code == 404
    assert client.post(f"/checkout/{hold.id}/release/").status_code == 404
    assert Order.objects.count() == 0
    assert Hold.objects.get().released_at is None


def test_releasing_lets_the_car_go_in_one_click(signed_in, hold):
    response = signed_in.post(f"/checkout/{hold.id}/release/")

    assert response.status_code == 303
    assert response["Location"] == f"/cars/{hold.vin}/"
    assert Hold.objects.get().released_at is not None
    assert Vehicle.objects.get(vin=hold.vin).held_by_id is None


@pytest.fixture
def order(signed_in, hold):
    signed_in.post(f"/checkout/{hold.id}/", form())
    return Order.objects.get()


def test_the_order_page_shows_the_timeline_the_amounts_and_the_documents(signed_in, order):
    response = signed_in.get(f"/checkout/orders/{order.id}/?status=authorized")

    page = response.content.decode()
    assert response.status_code == 200
    assert order.number in page
    assert f'data-testid="order-total">{CAR_TOTAL}<' in page
    assert f'data-testid="order-down-payment">{CAR_DOWN}<' in page
    assert f"/checkout/orders/{order.id}/confirmation.pdf" in page
    assert f"/checkout/orders/{order.id}/contract.pdf" in page
    assert "Autohaus Berlin" in page
    assert "Bestellung stornieren" in page


def test_the_order_page_and_its_documents_are_not_found_for_another_buyer(client, order):
    client.force_login(make_buyer("max@example.org"))

    assert client.get(f"/checkout/orders/{order.id}/").status_code == 404
    assert client.get(f"/checkout/orders/{order.id}/contract.pdf").status_code == 404
    assert client.post(f"/checkout/orders/{order.id}/cancel/").status_code == 404
    assert Order.objects.get().status == "placed"


def test_the_documents_are_pdfs(signed_in, order):
    response = signed_in.get(f"/checkout/orders/{order.id}/confirmation.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_buyer_cancels_while_cancelling_is_allowed(signed_in, order):
    response = signed_in.post(f"/checkout/orders/{order.id}/cancel/")

    assert response.status_code == 303
    assert Order.objects.get().status == "cancelled"


def test_the_orders_list_shows_the_buyers_orders(signed_in, order):
    page = signed_in.get("/checkout/orders/").content.decode()

    assert order.number in page
    assert CAR_TOTAL in page
