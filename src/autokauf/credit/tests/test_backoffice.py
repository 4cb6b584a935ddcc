"""The reviewer's page in the back office."""

from __future__ import annotations

import pytest
from django.test import Client

from autokauf.accounts.models import User
from autokauf.credit import submit_application
from autokauf.credit.consent import CURRENT_VERSION
from autokauf.credit.models import ReviewCase
from autokauf.credit.services import request_review

from .conftest import APPLICATION, body


@pytest.fixture
def case(people):
    application = submit_application(
        applicant=people["buyer"],
        data=body(APPLICATION, net_monthly_income="1400.00"),
        consent_version=CURRENT_VERSION,
    )
    return request_review(application=application, statement="Mein Partner zahlt die halbe Miete.")


@pytest.fixture
def reviewer(db):
    user = User.objects.create_superuser("reviewer@example.org", None)
    client = Client()
    client.force_login(user)
    return user, client


def test_the_case_page_shows_figures_factors_reasons_and_the_statement(case, reviewer):
    page = reviewer[1].get(f"/backoffice/credit/reviewcase/{case.pk}/change/")

    assert page.status_code == 200
    text = page.content.decode()
    for expected in (
        "Mein Partner zahlt die halbe Miete.",
        "no-room-for-instalment",
        "debt_to_income",
        "1400.00",
        "Keller",
    ):
        assert expected in text


def test_saving_the_page_records_the_reviewers_decision(case, reviewer):
    user, client = reviewer

    response = client.post(
        f"/backoffice/credit/reviewcase/{case.pk}/change/",
        {"outcome": "approved", "reason": "Rent is shared."},
    )

    assert response.status_code == 302
    case = ReviewCase.objects.get()
    assert (case.status, case.reviewer, case.outcome, case.reason) == (
        "decided",
        user,
        "approved",
        "Rent is shared.",
    )
    assert case.application.outcome == "approved"
