"""The financing API, spoken to as a client does."""

import json

import pytest
from django.test import Client

from autokauf.financing.models import Lender, RateSheetRow

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def post(path, body, language="de"):
    return Client().post(
        f"/api/v1/financing{path}",
        json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_offers_answer_every_figure_and_the_schedule(demo_lenders):
    response = post(
        "/offers",
        {"price": "35700.00", "down_payment": "3570.00", "term_months": 48, "product": "loan"},
        language="en",
    )

    assert response.status_code == 200
    offers = response.json()
    assert [o["lender"]["code"] for o in offers] == [
        "rhein-mobilbank",
        "hanse-autobank",
        "isar-kreditbank",
    ]
    hanse = offers[1]
    assert {
        k: hanse[k]
        for k in (
            "monthly_payment",
            "number_of_payments",
            "nominal_rate",
            "apr",
            "net_loan_amount",
            "total_amount_payable",
            "total_cost_of_credit",
            "final_payment",
        )
    } == {
        "monthly_payment": "739.79",
        "number_of_payments": 48,
        "nominal_rate": "4.99",
        "apr": "5.11",
        "net_loan_amount": "32130.00",
        "total_amount_payable": "35509.70",
        "total_cost_of_credit": "3379.70",
        "final_payment": "739.57",
    }
    assert hanse["schedule"][0] == {
        "month": 0,
        "payment": "0.00",
        "interest": "0.00",
        "principal": "0.00",
        "balance": "32130.00",
    }
    assert len(hanse["schedule"]) == 49
    assert hanse["representative_example"].startswith("Representative example")


def test_the_down_payment_defaults_to_ten_percent(demo_lenders):
    response = post("/offers", {"price": "35700.00", "term_months": 48, "product": "loan"})

    assert {o["down_payment"] for o in response.json()} == {"3570.00"}


def test_the_apr_of_a_stream_of_flows_by_years():
    response = post(
        "/apr",
        {"flows": [{"amount": "1000", "years": 0}, {"amount": "-1200", "years": "1.4958904"}]},
    )

    assert response.status_code == 200
    assert response.json() == {"apr": "12.96"}


def test_the_apr_of_a_stream_of_flows_by_dates():
    response = post(
        "/apr",
        {
            "flows": [
                {"amount": "1000", "date": "2025-03-01"},
                {"amount": "-600", "date": "2026-03-01"},
                {"amount": "-600", "date": "2027-03-01"},
            ]
        },
    )

    assert response.json() == {"apr": "13.07"}


OFFER = {"price": "35700.00", "down_payment": "3570.00", "term_months": 48, "product": "loan"}


@pytest.mark.parametrize(
    ("change", "code", "detail"),
    [
        pytest.param(
            {"term_months": 120},
            "term-out-of-range",
            "A loan runs 12 to 96 months, not 120.",
            id="term",
        ),
        pytest.param(
            {"down_payment": "40000.00"},
            "down-payment-invalid",
            "The down payment (40000.00 EUR) must be at least 0 and below the price "
            "(35700.00 EUR).",
            id="down-above-price",
        ),
        pytest.param(
            {"product": "balloon", "balloon": "33000.00"},
            "balloon-invalid",
            "The final instalment (33000.00 EUR) must be above 0 and below the amount "
            "financed (32130.00 EUR).",
            id="balloon-above-financed",
        ),
        pytest.param(
            {"product": "lease", "term_months": 36},
            "mileage-invalid",
            "A lease needs a yearly mileage of 5000 to 60000 km.",
            id="lease-no-km",
        ),
    ],
)
def test_an_impossible_request_is_a_problem_and_stores_nothing(demo_lenders, change, code, detail):
    before = (Lender.objects.count(), RateSheetRow.objects.count())

    response = post("/offers", {**OFFER, **change})

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["type"].endswith(f"/{code}")
    assert body["detail"] == detail
    assert (Lender.objects.count(), RateSheetRow.objects.count()) == before


@pytest.mark.parametrize(
    ("flows", "detail"),
    [
        pytest.param(
            [{"amount": "1000", "years": 0, "date": "2025-01-01"}, {"amount": "-1100", "years": 1}],
            "flows[0]: give either a date or years, not both or neither.",
            id="both",
        ),
        pytest.param(
            [{"amount": "1000", "years": 0}, {"amount": "-1100"}],
            "flows[1]: give either a date or years, not both or neither.",
            id="neither",
        ),
        pytest.param(
            [{"amount": "1000", "years": 0}, {"amount": "-1100", "date": "2026-01-01"}],
            "Give every flow a date, or every flow years; do not mix them.",
            id="mixed",
        ),
        pytest.param(
            [{"amount": "1000", "years": 0}, {"amount": "1100", "years": 1}],
            "The flows need at least one drawdown (positive) and one repayment.",
            id="no-repayment",
        ),
    ],
)
def test_flows_without_an_apr_are_a_problem(flows, detail):
    response = post("/apr", {"flows": flows})

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["detail"] == detail


def test_a_malformed_body_is_a_validation_problem():
    response = post("/offers", {**OFFER, "product": "rent", "price": "abc"})

    assert response.status_code == 422
    assert response.json()["type"].endswith("/invalid-input")
