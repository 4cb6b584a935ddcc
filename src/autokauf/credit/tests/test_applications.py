"""Pre-qualification, the full application and its access rules, spoken to as a client does."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from autokauf.credit.models import BureauInquiry, CreditApplication, CreditConsent, ReviewCase

from .conftest import APPLICATION, PREQUALIFICATION, body

PROBLEM = "application/problem+json"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def post(user, path, data, language="en"):
    return client_for(user).post(
        f"/api/v1/credit{path}",
        json.dumps(data),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def stored() -> tuple[int, int, int]:
    return (
        CreditConsent.objects.count(),
        CreditApplication.objects.count(),
        BureauInquiry.objects.count(),
    )


def test_a_prequalification_answers_the_likely_decision_and_leaves_no_bureau_inquiry(people):
    response = post(people["buyer"], "/prequalifications", PREQUALIFICATION)

    assert response.status_code == 200
    assert response.json() == {
        "outcome": "approved",
        "reasons": [{"code": "approved", "message": "The financing is approved."}],
        "conditions": None,
        "affordability": {
            "net_monthly_income": "3200.00",
            "housing_costs": "900.00",
            "existing_instalments": "0.00",
            "living_allowance": "563.00",
            "room": "1737.00",
            "new_instalment": "521.86",
            "remainder": "1215.14",
        },
    }
    assert BureauInquiry.objects.count() == 0
    assert CreditApplication.objects.count() == 0
    consent = CreditConsent.objects.get()
    assert (consent.purpose, consent.text_version) == ("prequalification", "credit-check-2026-01")


def test_a_full_application_records_consent_first_then_one_hard_inquiry(people):
    response = post(people["buyer"], "/applications", APPLICATION)

    assert response.status_code == 201
    answer = response.json()
    assert answer["outcome"] == "approved"
    assert answer["reasons"] == [{"code": "approved", "message": "The financing is approved."}]
    assert answer["decided_by"] == "automated"
    assert "assessment" not in answer
    application = CreditApplication.objects.get()
    assert (application.score, application.score_band, application.iban) == (
        770,
        "A",
        "DE89370400440532013000",
    )
    inquiry = BureauInquiry.objects.get()
    assert (inquiry.kind, inquiry.lender_code) == ("hard", "NWB")
    assert application.consent.purpose == "credit_check"
    assert application.consent.given_at <= inquiry.created_at <= application.created_at


@pytest.mark.parametrize("path", ["/prequalifications", "/applications"])
def test_without_consent_no_check_runs_and_nothing_is_stored(people, path):
    data = body(
        PREQUALIFICATION if path == "/prequalifications" else APPLICATION, consent_version=None
    )

    response = post(people["buyer"], path, data)

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"].endswith("/consent-required")
    assert response.json()["consent_version"] == "credit-check-2026-01"
    assert stored() == (0, 0, 0)


def test_every_wrong_field_is_listed_in_the_buyers_language_and_nothing_is_stored(people):
    data = body(
        APPLICATION,
        **{
            "identity.date_of_birth": "2010-01-01",
            "identity.nationality": "XX",
            "iban": "DE89 3704 0044 0532 0130 01",
            "employment.employer": "",
            "addresses.0.since": "2024-10-01",
            "dependants": 25,
        },
    )

    response = post(people["buyer"], "/applications", data, language="de")

    assert response.status_code == 422
    errors = {
        error["field"]: (error["code"], error["message"]) for error in response.json()["errors"]
    }
    assert errors == {
        "identity.date_of_birth": ("under-age", "Eine Finanzierung ist ab 18 Jahren möglich."),
        "identity.nationality": (
            "unknown-country",
            "Bitte einen Ländercode nach ISO 3166 angeben (z. B. DE).",
        ),
        "addresses": (
            "history-too-short",
            "Bitte die Anschriften der letzten drei Jahre angeben (auch die vorherige).",
        ),
        "employment.employer": ("required", "Bitte ausfüllen."),
        "dependants": ("out-of-range", "Bitte eine ganze Zahl von 0 bis 20 angeben."),
        "iban": ("invalid-iban", "Diese IBAN ist ungültig (Prüfziffer oder Länge)."),
    }
    assert (
        response.json()["errors"][0]["message_en"] == "Financing is available from the age of 18."
    )
    assert stored() == (0, 0, 0)


def test_a_recent_move_is_accepted_with_the_previous_address(people):
    previous = {
        "street": "Am Markt 1",
        "postcode": "04109",
        "city": "Leipzig",
        "country": "DE",
        "since": "2015-02-01",
    }
    data = body(APPLICATION, **{"addresses.0.since": "2024-10-01"})
    data["addresses"].append(previous)

    response = post(people["buyer"], "/applications", data)

    assert response.status_code == 201
    assert [a["city"] for a in CreditApplication.objects.get().addresses] == ["Berlin", "Leipzig"]


def test_the_api_needs_a_logged_in_buyer(db):
    response = Client().post(
        "/api/v1/credit/prequalifications",
        json.dumps(PREQUALIFICATION),
        content_type="application/json",
    )

    assert response.status_code == 401
    assert stored() == (0, 0, 0)


def test_only_the_applicant_sales_and_admins_see_an_application(people):
    application_id = post(people["buyer"], "/applications", APPLICATION).json()["id"]
    path = f"/api/v1/credit/applications/{application_id}"

    statuses = {who: client_for(people[who]).get(path).status_code for who in people}

    assert statuses == {
        "buyer": 200,
        "sales": 200,
        "admin": 200,
        "dealer_staff": 404,
        "other_buyer": 404,
    }


def test_sales_staff_see_the_score_and_its_factors(people):
    application_id = post(people["buyer"], "/applications", APPLICATION).json()["id"]

    answer = (
        client_for(people["sales"])
        .get(f"/api/v1/credit/applications/{application_id}", HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )

    assessment = answer["assessment"]
    assert (assessment["score"], assessment["score_band"]) == (770, "A")
    assert [(f["factor"], f["points"]) for f in assessment["score_factors"]] == [
        ("age", 30),
        ("employment", 40),
        ("address", 30),
        ("debt_to_income", 50),
        ("existing_credit", 20),
    ]
    assert assessment["affordability"]["room"] == "1737.00"


def test_an_unknown_application_is_not_found(people):
    response = client_for(people["buyer"]).get(
        "/api/v1/credit/applications/00000000-0000-0000-0000-000000000000"
    )

    assert response.status_code == 404
    assert response.json()["type"].endswith("/unknown-credit-application")


def test_a_shorter_history_at_work_and_home_with_existing_credit_is_referred(people):
    data = body(
        APPLICATION,
        **{
            "identity.date_of_birth": "2003-06-01",
            "employment.since": "2025-09-01",
            "addresses.0.since": "2025-10-01",
            "existing_instalments": "400.00",
        },
    )
    data["addresses"].append(
        {
            "street": "Am Markt 1",
            "postcode": "04109",
            "city": "Leipzig",
            "country": "DE",
            "since": "2020-01-01",
        }
    )

    answer = post(people["buyer"], "/applications", data).json()

    # 600 - 40 (age 22) - 40 (employed < 1 year) - 30 (moved < 1 year) + 0 (28.8 %) - 30 = 460
    assert answer["outcome"] == "referred"
    assert [reason["message"] for reason in answer["reasons"]] == [
        "The credit assessment falls in a range that a person reviews.",
        "Age under 25",
        "Employed for less than a year",
        "At the address for less than a year",
        "Existing instalments over 10 % of income",
    ]
    assert CreditApplication.objects.get().score == 460
    assert ReviewCase.objects.get().status == "open"
