"""Build-to-order on the store: from a saved configuration to the payment, on the checkout page
without a reservation; the buyer names the dealer who hands the car over."""

from __future__ import annotations

import pytest

from autokauf.checkout.models import Hold, Order
from autokauf.core import clock
from autokauf.dealers.models import Dealer
from autokauf.inventory.models import Vehicle

from .conftest import MONDAY
from .test_pages import CAR_DOWN, CAR_TOTAL, form

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(cars):
    """The Asta in the stock car's configuration, saved; the Berlin dealer exists."""
    from autokauf.configurator import save_configuration

    return save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"]).code


@pytest.fixture
def signed_in(client, buyer):
    client.force_login(buyer)
    return client


def test_the_saved_configuration_offers_to_order_it(client, saved):
    page = client.get(f"/c/{saved}/").content.decode()

    assert f'href="/checkout/configuration/{saved}/"' in page


def test_the_checkout_page_of_a_configuration_shows_the_quote_the_estimate_and_the_dealers(
    signed_in, saved
):
    with clock.frozen(MONDAY):
        page = signed_in.get(f"/checkout/configuration/{saved}/").content.decode()

    assert CAR_TOTAL in page and CAR_DOWN in page
    assert "Für Sie gebaut. Voraussichtliche Lieferung: 08.02.2027." in page
    assert '<option value="D-BER">Autohaus Berlin, Berlin</option>' in page
    assert "Reserviert für Sie" not in page


def test_ordering_a_configuration_places_an_order_without_a_car_and_sends_the_buyer_to_pay(
    signed_in, saved
):
    response = signed_in.post(f"/checkout/configuration/{saved}/", form(dealer="D-BER"))

    order = Order.objects.get()
    assert response.status_code == 303
    assert "/sandbox-psp/pay/" in response["Location"]
    assert (order.configuration_code, order.vin, order.status) == (saved, None, "placed")
    assert (str(order.total), str(order.down_payment)) == ("31059.10", "3105.91")
    assert order.dealer == Dealer.objects.get(code="D-BER")
    assert not Hold.objects.exists()
    assert set(Vehicle.objects.values_list("held_by", flat=True)) == {None}


def test_without_a_dealer_nothing_is_ordered_and_the_field_says_why(signed_in, saved):
    response = signed_in.post(f"/checkout/configuration/{saved}/", form())

    assert response.status_code == 422
    assert 'id="id_dealer_error"' in response.content.decode()
    assert not Order.objects.exists()


def test_an_unknown_configuration_is_not_found(signed_in, cars):
    assert signed_in.get("/checkout/configuration/ZZZZZZ/").status_code == 404
