"""A buyer who chose a loan at checkout applies for credit on the order's pages, sees the decision
in words, is confirmed once approved and paid, and insures the car with an eVB number."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from autokauf.checkout import place_order, reserve_vehicle
from autokauf.checkout.models import Order
from autokauf.core import clock
from autokauf.core.outbox import deliver_pending
from autokauf.credit.models import CreditApplication, CreditConsent, ReviewCase

from .conftest import MONDAY, checkout_data, make_buyer
from .journey import pay_and_deliver

pytestmark = pytest.mark.django_db

CONSENT = "credit-check-2026-01"


@pytest.fixture(autouse=True)
def monday():
    with clock.frozen(MONDAY):
        yield


def application_form(**changes: str) -> dict[str, str]:
    """Erika (42), employed for nine years, at her address since 2015, 3,200 € net, 900 € rent."""
    form = {
        "first_name": "Erika",
        "last_name": "Mustermann",
        "date_of_birth": "1984-08-12",
        "nationality": "DE",
        "street": "Heidestraße 17",
        "postcode": "51147",
        "city": "Köln",
        "country": "DE",
        "address_since": "2015-04-01",
        "employment_status": "employed",
        "employer": "Rheinwerk GmbH",
        "employed_since": "2017-02-01",
        "net_monthly_income": "3200.00",
        "housing_costs": "900.00",
        "existing_instalments": "0.00",
        "dependants": "0",
        "household_adults": "1",
        "iban": "DE89 3704 0044 0532 0130 00",
        "consent": CONSENT,
    }
    form.update(changes)
    return form


@pytest.fixture
def financed_order(cars, buyer):
    """The Asta (31,059.10 €) on the best 48-month loan at 10 % down, as the checkout page
    stores the chosen offer."""
    from autokauf.core.money import Money
    from autokauf.financing import load_demo_lenders_if_empty, offers_for

    load_demo_lenders_if_empty()
    offer = offers_for(
        price=Money.of(Decimal("31059.10")),
        down_payment=Money.of(Decimal("3105.91")),
        term_months=48,
        product="loan",
    )[0]
    chosen = {**offer.to_dict("de"), "lender_code": offer.lender.code}
    hold = reserve_vehicle(buyer=buyer, vin=cars[0])
    data = checkout_data(payment_method="loan", financing_offer=chosen)
    return place_order(buyer=buyer, hold_id=hold.id, data=data, language="de")


@pytest.fixture
def page(buyer) -> Client:
    client = Client()
    client.force_login(buyer)
    return client


def paid(order: Order) -> Order:
    pay_and_deliver(order.payment_url)
    order.refresh_from_db()
    return order


def test_the_order_page_of_a_placed_financed_order_leads_to_the_credit_application(
    financed_order, page
):
    html = page.get(f"/checkout/orders/{financed_order.id}/").content.decode()

    assert f'href="/checkout/orders/{financed_order.id}/credit/"' in html
    assert f'href="/checkout/orders/{financed_order.id}/insurance/"' in html


def test_the_consent_text_and_its_version_are_shown_before_the_check(financed_order, page):
    html = page.get(f"/checkout/orders/{financed_order.id}/credit/").content.decode()

    assert "Ich willige ein, dass meine Angaben zur Prüfung meiner Kreditwürdigkeit" in html
    assert CONSENT in html
    assert CreditApplication.objects.count() == 0


def test_an_approved_application_confirms_the_paid_order(financed_order, page):
    order = paid(financed_order)
    assert order.status == "placed"

    response = page.post(f"/checkout/orders/{order.id}/credit/", application_form())
    deliver_pending()

    assert response.status_code == 303
    html = page.get(response["Location"]).content.decode()
    assert "Ihr Kredit ist zugesagt." in html
    assert "Die Finanzierung ist zugesagt." in html
    application = CreditApplication.objects.get()
    assert (application.lender_code, application.amount, application.term_months) == (
        financed_order.financing["lender"]["code"],
        Decimal(financed_order.financing["net_loan_amount"]),
        48,
    )
    assert Order.objects.get().status == "confirmed"


def test_the_score_is_never_on_the_buyers_page(financed_order, page):
    page.post(f"/checkout/orders/{financed_order.id}/credit/", application_form())
    score = CreditApplication.objects.get().score

    html = page.get(f"/checkout/orders/{financed_order.id}/credit/").content.decode()

    assert str(score) not in html


def test_a_declined_application_gives_its_reason_and_the_order_stays_placed(financed_order, page):
    order = paid(financed_order)

    page.post(
        f"/checkout/orders/{order.id}/credit/",
        application_form(net_monthly_income="1400.00"),
    )
    deliver_pending()
    html = page.get(f"/checkout/orders/{order.id}/credit/").content.decode()

    assert "Es tut uns leid: Ihr Kreditantrag ist abgelehnt." in html
    assert "bleibt kein Einkommen für eine neue Rate (-63,00\xa0€)." in html
    assert "Eine Person soll die Entscheidung prüfen" in html
    assert Order.objects.get().status == "placed"


def test_a_declined_buyer_asks_a_person_to_review(financed_order, page):
    page.post(
        f"/checkout/orders/{financed_order.id}/credit/",
        application_form(net_monthly_income="1400.00"),
    )
    application = CreditApplication.objects.get()

    response = page.post(
        f"/checkout/orders/{financed_order.id}/credit/{application.id}/review/",
        {"statement": "Ich erhalte ab Januar mehr Gehalt."},
    )

    assert response.status_code == 303
    case = ReviewCase.objects.get()
    assert case.buyer_statement == "Ich erhalte ab Januar mehr Gehalt."
    html = page.get(response["Location"]).content.decode()
    assert "Eine Person prüft Ihren Antrag." in html


def test_a_reviewers_approval_confirms_the_paid_order(financed_order, page):
    from autokauf.credit import decide_review

    order = paid(financed_order)
    page.post(
        f"/checkout/orders/{order.id}/credit/", application_form(net_monthly_income="1400.00")
    )
    page.post(f"/checkout/orders/{order.id}/credit/{CreditApplication.objects.get().id}/review/")
    sales = make_buyer("sales@example.org")
    sales.role = "sales"
    sales.save()

    decide_review(case=ReviewCase.objects.get(), reviewer=sales, outcome="approved", reason="ok")
    deliver_pending()

    assert Order.objects.get().status == "confirmed"


def test_wrong_fields_are_shown_at_their_field_and_nothing_is_stored(financed_order, page):
    response = page.post(
        f"/checkout/orders/{financed_order.id}/credit/",
        application_form(iban="DE00 1234", employer="", housing_costs="abc"),
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_iban_error">Diese IBAN ist ungültig (Prüfziffer oder Länge).' in html
    assert 'id="id_employer_error">Bitte ausfüllen.' in html
    assert 'id="id_housing_costs_error">Bitte einen Betrag in Euro' in html
    assert (CreditApplication.objects.count(), CreditConsent.objects.count()) == (0, 0)


def test_without_consent_no_check_runs(financed_order, page):
    response = page.post(
        f"/checkout/orders/{financed_order.id}/credit/", application_form(consent="")
    )

    assert response.status_code == 422
    assert "Bitte stimmen Sie der Kreditprüfung zuerst zu." in response.content.decode()
    assert (CreditApplication.objects.count(), CreditConsent.objects.count()) == (0, 0)


INSURANCE = {
    "postcode": "10969",
    "date_of_birth": "1986-05-20",
    "no_claims_class": "10",
    "yearly_km": "15000",
    "deductible_partial": "150",
    "deductible_comprehensive": "500",
}


def test_the_three_covers_show_the_insurers_premiums_to_the_cent(financed_order, page):
    """The example of docs/domains/insurance.md: Asta, 10969 Berlin, SF 10, driver 40, 15,000 km."""
    response = page.post(f"/checkout/orders/{financed_order.id}/insurance/", INSURANCE)

    html = response.content.decode()
    for cover, yearly, monthly in (
        ("liability", "287,88", "23,99"),
        ("partial", "489,44", "40,79"),
        ("comprehensive", "516,17", "43,01"),
    ):
        assert f'data-testid="yearly-{cover}">{yearly}\xa0€' in html
        assert f'data-testid="monthly-{cover}">{monthly}\xa0€' in html
    assert '<td>SF 10</td><td class="amount">0,4</td>' in html


def test_taking_a_cover_shows_the_policy_and_its_evb_number_on_the_order(financed_order, page):
    from autokauf.insurance.models import Policy

    response = page.post(
        f"/checkout/orders/{financed_order.id}/insurance/", {**INSURANCE, "cover": "partial"}
    )

    policy = Policy.objects.get()
    assert (policy.order_reference, policy.yearly_premium) == (
        financed_order.number,
        Decimal("489.44"),
    )
    html = page.get(response["Location"]).content.decode()
    assert f'data-testid="evb">{policy.evb_number}</strong>' in html


@pytest.mark.parametrize("path", ["credit/", "insurance/"])
def test_another_buyer_does_not_find_these_pages(financed_order, path):
    client = Client()
    client.force_login(make_buyer("max@example.org"))

    assert client.get(f"/checkout/orders/{financed_order.id}/{path}").status_code == 404
    assert client.post(f"/checkout/orders/{financed_order.id}/{path}", INSURANCE).status_code == 404


def test_the_car_of_a_paid_financed_order_is_reserved_for_it_while_the_credit_is_decided(
    financed_order, page
):
    from datetime import timedelta

    from autokauf.inventory import StockFilters, search_vehicles
    from autokauf.inventory.models import Vehicle

    order = paid(financed_order)
    with clock.frozen(MONDAY + timedelta(hours=2)):
        listed = [v.vehicle.vin for v in search_vehicles(StockFilters(), facets=False).items]
        read_past_deadline = page.get(f"/checkout/orders/{order.id}/")

    assert (order.status, Vehicle.objects.get(vin=order.vin).status) == ("placed", "reserved")
    assert order.vin not in listed
    assert Order.objects.get().status == "placed"
    assert read_past_deadline.status_code == 200

    page.post(f"/checkout/orders/{order.id}/credit/", application_form())
    deliver_pending()

    assert Order.objects.get().status == "confirmed"
    assert Vehicle.objects.get(vin=order.vin).status == "reserved"
