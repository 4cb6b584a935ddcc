"""A build-to-order order tells its estimated delivery, as its Quote froze it, on the order page,
in the PDF and in the mails; an order of a car in stock tells none."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from autokauf.checkout import place_order
from autokauf.checkout.pdf import order_pdf
from autokauf.core import clock
from autokauf.core.outbox import deliver_pending

from .conftest import MONDAY, checkout_data
from .test_pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def built_to_order(small_catalogue, buyer):
    from autokauf.configurator import save_configuration

    with clock.frozen(MONDAY):
        saved = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"])
        return place_order(
            buyer=buyer, configuration_code=saved.code, data=checkout_data(), language="de"
        )


def test_the_order_page_tells_the_estimated_delivery(built_to_order, buyer):
    client = Client()
    client.force_login(buyer)

    page = client.get(f"/checkout/orders/{built_to_order.id}/").content.decode()

    assert built_to_order.quote["delivery_estimate"] == "2027-02-08"
    assert 'data-testid="delivery-estimate">Voraussichtliche Lieferung: 08.02.2027</p>' in page


def test_the_pdf_and_the_mail_tell_the_estimated_delivery(built_to_order):
    with clock.frozen(MONDAY):
        deliver_pending()

    assert "Voraussichtliche Lieferung: 08.02.2027" in pdf_text(
        order_pdf(built_to_order, "confirmation", "de", compress=False)
    )
    assert "Voraussichtliche Lieferung: 08.02.2027" in mail.outbox[-1].body
    english = pdf_text(order_pdf(built_to_order, "contract", "en", compress=False))
    assert "Estimated delivery: 8 Feb 2027" in english


def test_an_order_of_a_car_in_stock_tells_no_estimate(cars, buyer):
    from autokauf.checkout import reserve_vehicle

    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    order = place_order(buyer=buyer, hold_id=hold.id, data=checkout_data(), language="de")

    assert "Voraussichtliche Lieferung" not in pdf_text(
        order_pdf(order, "confirmation", "de", compress=False)
    )
