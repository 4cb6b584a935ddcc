"""A buyer on a phone buys a car from stock: reserve, check out, pay, follow the order.

The sandbox provider's webhooks and the outbox are delivered in the test's thread, as the task
worker would deliver them to a running site.
"""

from __future__ import annotations

import re
import time
from datetime import date
from decimal import Decimal

import pytest
from django.core import mail
from django.test import Client
from django.utils import translation

from tests.world import build_small_catalogue

pytestmark = pytest.mark.browser

NBSP = "\xa0"
TOTAL = f"31.059,10{NBSP}€"
DOWN = f"3.105,91{NBSP}€"
VIN = "WNWASTAZZ1P000001"
PASSWORD = "a long passphrase 42"
WEBHOOK_URL = "/api/v1/payments/webhooks/sandbox"
UNCONFIRMED = (
    "Bestätigen Sie Ihre E-Mail-Adresse, um zu bestellen \u2013 "
    "wir haben einen Link an erika@example.org geschickt."
)


def a_car_in_stock() -> str:
    """One Asta 1.5 TSI in the default configuration at the Berlin showroom, with its dealer."""
    from autokauf.dealers.models import Dealer
    from autokauf.inventory import import_stock_csv
    from autokauf.inventory.models import Location

    build_small_catalogue()
    berlin = Location.objects.create(
        code="BER",
        name="Showroom Berlin",
        kind="showroom",
        street="Kurfürstendamm 21",
        postcode="10719",
        city="Berlin",
        latitude=Decimal("52.503300"),
        longitude=Decimal("13.331600"),
    )
    Dealer.objects.create(
        code="D-BER", name="Autohaus Berlin", email="berlin@example.org", location=berlin
    )
    import_stock_csv(
        "vin,trim,options,model_year,production_date,status,location,bay,discount_net,"
        "condition,first_registration,mileage_km,available_from\n"
        f"{VIN},ASTA-15TSI,INT-BLACK P-WHITE W16,2026,2026-09-15,in_stock,BER,,0.00,"
        "new,,,2026-11-01\n"
    )
    return VIN


def deliver_payment_events() -> None:
    """What the worker does on a running site: the sandbox posts its signed webhooks, then the
    outbox hands payment.authorized to checkout, which confirms the order."""
    from autokauf.core.outbox import deliver_pending
    from autokauf.payments.adapters.sandbox.models import SandboxWebhook
    from autokauf.payments.adapters.sandbox.signing import signed_headers

    for message in SandboxWebhook.objects.all():
        headers = signed_headers(message.id, message.body)
        answer = Client().post(
            WEBHOOK_URL,
            message.body,
            content_type="application/json",
            headers={k: v for k, v in headers.items() if k != "content-type"},
        )
        assert answer.status_code == 200
    deliver_pending()


def confirmed_word() -> str:
    from autokauf.checkout.models import Order

    with translation.override("de"):
        return str(Order.Status.CONFIRMED.label)


def find_the_car_in_stock(phone, base_url: str, vin: str) -> None:
    """From the stock locator to the car's page, by the car's card."""
    from playwright.sync_api import expect

    phone.goto(f"{base_url}/cars/")
    phone.locator(f'a.card-link[href^="/cars/{vin}/"]').click()
    expect(phone).to_have_url(re.compile(rf"/cars/{vin}/"))


def check_out_with_cash_and_pay(phone) -> None:
    """From the checkout page (details filled in) to the order page, paying on the sandbox."""
    from playwright.sync_api import expect

    expect(phone.get_by_test_id("checkout-total")).to_have_text(TOTAL)
    expect(phone.get_by_test_id("down-payment")).to_have_text(DOWN)
    phone.get_by_label("Ich akzeptiere die Verkaufsbedingungen.").check()
    phone.get_by_label("Ich habe die Widerrufsbelehrung gelesen.").check()
    phone.get_by_role("button", name="Kaufen und Anzahlung leisten").click()

    expect(phone.get_by_test_id("amount")).to_have_text(DOWN)
    phone.locator('input[name="instrument"][value="success"]').check()
    phone.get_by_role("button", name="Zahlung autorisieren").click()
    expect(phone).to_have_url(re.compile(r"/checkout/orders/[0-9a-f-]{36}/"))


def fill_in_details(phone) -> None:
    for label, value in [
        ("Vorname", "Erika"),
        ("Nachname", "Mustermann"),
        ("Telefon", "+49 30 1234567"),
        ("Straße und Hausnummer", "Heidestraße 17"),
        ("Postleitzahl", "51147"),
        ("Ort", "Köln"),
        ("Geburtsdatum", "1984-08-12"),
    ]:
        phone.get_by_label(label, exact=True).fill(value)


def newest_link(base_url: str) -> str:
    """The link of the newest mail the store sent, on the live server."""
    url = re.search(r"https?://\S+/account/confirm/\S+", mail.outbox[-1].body).group(0)
    return base_url + url[url.index("/account/") :]


def test_a_new_buyer_signs_up_reserves_confirms_the_mailed_link_and_pays(
    transactional_db, live_server, phone
):
    """Signed up, the buyer reserves at once; ordering waits for the confirmation link, which
    leads back to the checkout."""
    from playwright.sync_api import expect

    from autokauf.checkout.models import Order

    vin = a_car_in_stock()
    find_the_car_in_stock(phone, live_server.url, vin)
    phone.locator('[data-action="reserve"]').click()

    expect(phone).to_have_url(re.compile(r"/account/login/\?next="))
    phone.get_by_role("link", name="Konto anlegen").click()
    phone.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    phone.get_by_label("Passwort").fill(PASSWORD)
    phone.get_by_role("button", name="Konto anlegen").click()
    phone.locator("section.account").get_by_role("link", name="Anmelden").click()
    phone.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    phone.get_by_label("Passwort").fill(PASSWORD)
    phone.get_by_role("button", name="Anmelden").click()
    phone.get_by_role("button", name="Reservieren und zur Kasse").click()
    checkout_url = re.compile(r"/checkout/[0-9a-f-]{36}/$")
    expect(phone).to_have_url(checkout_url)

    expect(phone.get_by_test_id("email-unconfirmed")).to_contain_text(UNCONFIRMED)
    fill_in_details(phone)
    phone.get_by_label("Ich akzeptiere die Verkaufsbedingungen.").check()
    phone.get_by_label("Ich habe die Widerrufsbelehrung gelesen.").check()
    phone.get_by_role("button", name="Kaufen und Anzahlung leisten").click()
    expect(phone.locator("#errors")).to_contain_text(UNCONFIRMED)
    assert Order.objects.count() == 0

    phone.get_by_role("button", name="Link erneut senden").click()
    expect(phone.get_by_role("status")).to_contain_text(
        "Wir haben einen neuen Link an erika@example.org geschickt."
    )
    phone.goto(newest_link(live_server.url))
    expect(phone).to_have_url(checkout_url)
    expect(phone.get_by_role("status")).to_contain_text("Ihre E-Mail-Adresse ist bestätigt.")
    expect(phone.get_by_test_id("email-unconfirmed")).to_have_count(0)

    fill_in_details(phone)
    check_out_with_cash_and_pay(phone)

    deliver_payment_events()

    expect(phone.get_by_test_id("order-status")).to_have_text(confirmed_word(), timeout=10_000)
    expect(phone.get_by_test_id("order-total")).to_have_text(TOTAL)
    assert Order.objects.get().status == "confirmed"


def test_a_returning_buyer_buys_in_at_most_five_pages(transactional_db, live_server, phone):
    """Returning: signed in on an earlier visit, address confirmed. The pages counted run from
    the stock locator to the confirmed order."""
    from playwright.sync_api import expect

    from autokauf.accounts.models import User
    from autokauf.checkout.models import Order
    from autokauf.core import clock

    vin = a_car_in_stock()
    User.objects.create_user(
        email="erika@example.org",
        password=PASSWORD,
        email_confirmed_at=clock.now(),
        first_name="Erika",
        last_name="Mustermann",
        phone="+49 30 1234567",
        street="Heidestraße 17",
        postcode="51147",
        city="Köln",
        date_of_birth=date(1984, 8, 12),
    )
    phone.goto(f"{live_server.url}/account/login/")
    phone.get_by_label("E-Mail-Adresse").fill("erika@example.org")
    phone.get_by_label("Passwort").fill(PASSWORD)
    phone.get_by_role("button", name="Anmelden").click()
    phone.wait_for_load_state()

    pages: list[str] = []
    phone.on("framenavigated", lambda frame: frame.parent_frame or pages.append(frame.url))
    started = time.perf_counter()

    find_the_car_in_stock(phone, live_server.url, vin)
    phone.locator('[data-action="reserve"]').click()
    check_out_with_cash_and_pay(phone)
    deliver_payment_events()
    expect(phone.get_by_test_id("order-status")).to_have_text(confirmed_word(), timeout=10_000)

    wall = time.perf_counter() - started
    print(f"\nreturning buyer: {len(pages)} pages, {wall:.2f} s wall time: {pages}")
    assert len(pages) <= 5
    assert Order.objects.get().status == "confirmed"
