"""Review by a person (GDPR Art. 22), who sees what, and the approval checkout relies on."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal as D

import pytest
from django.test import Client

from autokauf.core import clock
from autokauf.credit import (
    InvalidReviewDecision,
    OfferRef,
    ReviewAlreadyDecided,
    application_for_viewer,
    approved_application_for,
    decide_review,
    submit_application,
)
from autokauf.credit.consent import CURRENT_VERSION
from autokauf.credit.models import CreditApplication, ReviewCase

from .conftest import APPLICATION, body

LOW_INCOME = body(APPLICATION, net_monthly_income="1400.00")
NWB_27000_60 = OfferRef("NWB", "loan", D("27000.00"), 60)


def apply(user, data=APPLICATION) -> CreditApplication:
    return submit_application(applicant=user, data=data, consent_version=CURRENT_VERSION)


def ask_review(user, application, statement):
    client = Client()
    client.force_login(user)
    return client.post(
        f"/api/v1/credit/applications/{application.id}/review-requests",
        json.dumps({"statement": statement}),
        content_type="application/json",
    )


def test_a_declined_buyer_asks_for_a_person_and_the_case_holds_their_statement(people):
    application = apply(people["buyer"], LOW_INCOME)
    assert application.outcome == "declined"

    response = ask_review(people["buyer"], application, "Mein Partner zahlt die halbe Miete.")

    assert response.status_code == 201
    case = ReviewCase.objects.get()
    assert response.json()["id"] == case.pk
    assert (case.status, case.buyer_statement) == ("open", "Mein Partner zahlt die halbe Miete.")
    assert case.application.automated_reasons[0]["code"] == "no-room-for-instalment"


def test_the_reviewers_decision_is_recorded_and_becomes_the_applications(people):
    application = apply(people["buyer"], LOW_INCOME)
    ask_review(people["buyer"], application, "Mein Partner zahlt die halbe Miete.")
    moment = datetime(2026, 3, 16, 9, 30, tzinfo=UTC)

    with clock.frozen(moment):
        case = decide_review(
            case=ReviewCase.objects.get(),
            reviewer=people["sales"],
            outcome="approved",
            reason="Rent shared; room 387.00 EUR.",
        )

    assert (case.status, case.reviewer, case.decided_at, case.outcome) == (
        "decided",
        people["sales"],
        moment,
        "approved",
    )
    application.refresh_from_db()
    assert (application.outcome, application.decided_by_person, application.automated_outcome) == (
        "approved",
        True,
        "declined",
    )
    assert application.reasons[0]["en"] == (
        "A person reviewed the application: Rent shared; room 387.00 EUR."
    )
    assert approved_application_for(people["buyer"], NWB_27000_60) == application


def test_a_review_is_decided_once(people):
    application = apply(people["buyer"], LOW_INCOME)
    ask_review(people["buyer"], application, "")
    case = ReviewCase.objects.get()
    decide_review(case=case, reviewer=people["admin"], outcome="declined", reason="Confirmed.")

    with pytest.raises(ReviewAlreadyDecided):
        decide_review(case=case, reviewer=people["sales"], outcome="approved", reason="Changed.")

    application.refresh_from_db()
    assert application.outcome == "declined"
    assert ask_review(people["buyer"], application, "Again").status_code == 409


def test_only_sales_staff_or_admins_decide_and_always_with_a_reason(people):
    application = apply(people["buyer"], LOW_INCOME)
    ask_review(people["buyer"], application, "")
    case = ReviewCase.objects.get()

    for reviewer, reason in (
        (people["dealer_staff"], "ok"),
        (people["buyer"], "ok"),
        (people["sales"], "  "),
    ):
        with pytest.raises(InvalidReviewDecision):
            decide_review(case=case, reviewer=reviewer, outcome="approved", reason=reason)

    case.refresh_from_db()
    assert case.status == "open"


def test_an_approved_application_cannot_be_put_to_review_and_others_cannot_ask(people):
    approved = apply(people["buyer"])
    declined = apply(people["buyer"], LOW_INCOME)

    assert ask_review(people["buyer"], approved, "").status_code == 409
    assert ask_review(people["other_buyer"], declined, "").status_code == 404
    assert ReviewCase.objects.count() == 0


def test_a_referred_buyers_statement_joins_the_case_already_open(people):
    data = body(
        APPLICATION,
        **{
            "identity.date_of_birth": "2003-06-01",
            "employment.since": "2025-09-01",
            "existing_instalments": "400.00",
            "addresses.0.since": "2025-10-01",
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
    application = apply(people["buyer"], data)

    ask_review(people["buyer"], application, "Unbefristeter Vertrag seit September.")

    assert ReviewCase.objects.get().buyer_statement == "Unbefristeter Vertrag seit September."


def test_dealer_staff_see_neither_score_nor_factors_nor_reasons(people):
    application = apply(people["buyer"])

    for_dealer = application_for_viewer(application, people["dealer_staff"], "en")
    for_buyer = application_for_viewer(application, people["buyer"], "en")
    for_admin = application_for_viewer(application, people["admin"], "en")

    assert set(for_dealer) == {
        "id",
        "created_at",
        "offer",
        "outcome",
        "decided_by",
        "decided_at",
        "conditions",
    }
    assert "770" not in json.dumps(for_dealer)
    assert set(for_buyer) == set(for_dealer) | {"reasons", "review"}
    assert for_admin["assessment"]["score"] == 770


@pytest.mark.parametrize(
    ("ref", "found"),
    [
        (OfferRef("NWB", "loan", D("27000.00"), 60), True),
        (OfferRef("NWB", "loan", D("25000.00"), 48), True),
        (OfferRef("NWB", "loan", D("27000.01"), 60), False),
        (OfferRef("NWB", "loan", D("27000.00"), 72), False),
        (OfferRef("KAB", "loan", D("27000.00"), 60), False),
        (OfferRef("NWB", "balloon", D("27000.00"), 60), False),
    ],
    ids=["as-approved", "smaller", "more-money", "longer", "other-lender", "other-product"],
)
def test_checkout_finds_the_approval_that_covers_the_chosen_offer(people, ref, found):
    application = apply(people["buyer"])

    assert approved_application_for(people["buyer"], ref) == (application if found else None)
    assert approved_application_for(people["other_buyer"], ref) is None


def test_an_approval_stands_for_30_days(people):
    application = apply(people["buyer"])

    with clock.frozen(datetime(2026, 4, 14, 10, 0, tzinfo=UTC)):
        assert approved_application_for(people["buyer"], NWB_27000_60) == application
    with clock.frozen(datetime(2026, 4, 14, 10, 1, tzinfo=UTC)):
        assert approved_application_for(people["buyer"], NWB_27000_60) is None


def test_an_approval_with_conditions_covers_only_the_conditioned_terms(people):
    data = body(
        APPLICATION,
        net_monthly_income="2000.00",
        **{
            "offer.term_months": 48,
            "offer.monthly_payment": "633.97",
            "identity.date_of_birth": "2003-06-01",
        },
    )

    application = apply(people["buyer"], data)

    assert application.outcome == "approved_with_conditions"
    assert application.conditions == {
        "max_term_months": 48,
        "extra_down_payment": "4200.00",
        "amount": "22800.00",
        "monthly_payment": "535.35",
    }
    assert (
        approved_application_for(people["buyer"], OfferRef("NWB", "loan", D("27000.00"), 48))
        is None
    )
    assert (
        approved_application_for(people["buyer"], OfferRef("NWB", "loan", D("22800.00"), 48))
        == application
    )


def test_an_offer_object_from_financing_is_understood(people):
    class Lender:
        code = "NWB"

    class Offer:
        lender, product, net_loan_amount, number_of_payments = Lender(), "loan", D("27000.00"), 60

    assert OfferRef.of(Offer()) == NWB_27000_60
