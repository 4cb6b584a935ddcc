"""Affordability, instalment arithmetic and the decision table (docs/domains/credit.md)."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autokauf.credit import rules
from autokauf.credit.rules import Household, OfferTerms, Reason

OFFER = OfferTerms("NWB", "loan", D("27000.00"), 60, D("521.86"), D("5.99"))
SINGLE = Household(D("3200.00"), D("900.00"), D("0.00"))
YOUNG = (Reason("factor-age", "Alter unter 25 Jahren", "Age under 25"),)


def test_living_allowances_are_563_for_the_applicant_506_per_adult_and_471_per_dependant():
    assert rules.living_allowance(household_adults=1, dependants=0) == D("563.00")
    assert rules.living_allowance(household_adults=2, dependants=2) == D("2011.00")


def test_affordability_is_income_minus_housing_credit_allowances_and_the_new_instalment():
    household = Household(D("4100.00"), D("1150.00"), D("180.00"), dependants=1, household_adults=2)

    affordability = rules.assess_affordability(household, D("521.86"))

    # 4,100 - 1,150 - 180 - (563 + 506 + 471) = 1,230.00 room; minus 521.86
    assert affordability.living_allowance == D("1540.00")
    assert affordability.room == D("1230.00")
    assert affordability.remainder == D("708.14")
    assert affordability.fits


def test_a_loan_of_27000_over_60_months_at_5_99_percent_costs_521_86_a_month():
    assert rules.instalment(D("27000.00"), D("5.99"), 60, D("0")) == D("521.86")
    assert rules.instalment(D("27000.00"), D("5.99"), 48, D("0")) == D("633.97")


def test_a_balloon_of_8000_lowers_the_instalment_and_no_interest_divides_evenly():
    assert rules.instalment(D("20000.00"), D("4.9"), 36, D("8000.00")) == D("391.78")
    assert rules.instalment(D("27000.00"), D("0"), 60, D("0")) == D("450.00")


@given(
    amount=st.decimals(min_value=1000, max_value=100000, places=2),
    rate=st.decimals(min_value=0, max_value=15, places=2),
    months=st.integers(min_value=12, max_value=96),
)
def test_the_amount_an_instalment_repays_gives_back_that_instalment(amount, rate, months):
    payment = rules.instalment(amount, rate, months, D("0"))
    assert (
        rules.instalment(
            rules.amount_for_instalment(payment, rate, months, D("0")), rate, months, D("0")
        )
        == payment
    )


@pytest.mark.parametrize(
    ("score", "band"),
    [(770, "A"), (650, "A"), (649, "B"), (550, "B"), (549, "C"), (450, "C"), (449, "D")],
)
def test_score_bands(score, band):
    assert rules.score_band(score) == band


def _decide(offer=OFFER, household=SINGLE, score=770, weak=()):
    affordability = rules.assess_affordability(household, offer.monthly_payment)
    return rules.decide(offer=offer, affordability=affordability, score=score, weak_factors=weak)


def test_band_a_with_an_instalment_that_fits_is_approved_as_asked():
    decision = _decide()

    assert decision.outcome == "approved"
    assert decision.reasons == (
        Reason("approved", "Die Finanzierung ist zugesagt.", "The financing is approved."),
    )
    assert (decision.approved_amount, decision.approved_term) == (D("27000.00"), 60)


def test_band_b_over_84_months_is_approved_on_condition_of_a_60_month_term():
    offer = OfferTerms("NWB", "loan", D("27000.00"), 84, D("394.30"), D("5.99"))

    decision = _decide(offer, score=640)

    assert decision.outcome == "approved_with_conditions"
    assert decision.conditions == rules.Conditions(60, D("0.00"), D("27000.00"), D("521.86"))
    assert [reason.en for reason in decision.reasons] == [
        "With this credit assessment the term can be at most 60 months."
    ]
    assert decision.reasons[0].de == (
        "Bei dieser Bonitätsbewertung ist eine Laufzeit von höchstens 60 Monaten möglich."
    )


def test_an_instalment_above_the_room_is_approved_with_4200_euros_more_down_payment():
    # room: 2,000 - 900 - 0 - 563 = 537.00; 633.97 does not fit; 22,870.10 would: 4,129.90 more,
    # asked in whole hundreds
    offer = OfferTerms("NWB", "loan", D("27000.00"), 48, D("633.97"), D("5.99"))

    decision = _decide(offer, Household(D("2000.00"), D("900.00"), D("0.00")), score=640)

    assert decision.outcome == "approved_with_conditions"
    assert decision.conditions == rules.Conditions(48, D("4200"), D("22800.00"), D("535.35"))
    assert (decision.approved_amount, decision.approved_term) == (D("22800.00"), 48)
    assert [(r.code, r.de, r.en) for r in decision.reasons] == [
        (
            "more-down-payment",
            "Mit 4.200,00\xa0€ mehr Anzahlung sinkt die Rate auf 535,35\xa0€ und passt zum frei "
            "verfügbaren Einkommen.",
            "With €4,200.00 more down payment the instalment falls to €535.35 and fits the "
            "income left.",
        )
    ]


def test_band_c_is_referred_to_a_person_with_the_weak_factors_as_reasons():
    decision = _decide(score=460, weak=YOUNG)

    assert decision.outcome == "referred"
    assert [reason.en for reason in decision.reasons] == [
        "The credit assessment falls in a range that a person reviews.",
        "Age under 25",
    ]
    assert decision.approved_amount is None


def test_band_d_is_declined_with_the_weak_factors_as_reasons():
    decision = _decide(score=449, weak=YOUNG)

    assert decision.outcome == "declined"
    assert [reason.de for reason in decision.reasons] == [
        "Die Bonitätsbewertung liegt unter der Grenze für eine Finanzierung.",
        "Alter unter 25 Jahren",
    ]


def test_no_income_left_after_living_costs_is_declined_whatever_the_score():
    decision = _decide(household=Household(D("1400.00"), D("900.00"), D("0.00")), score=900)

    assert decision.outcome == "declined"
    assert [reason.en for reason in decision.reasons] == [
        "After housing costs, existing instalments and the living allowances no income is left "
        "for a new instalment (-€63.00)."
    ]


def test_an_instalment_more_than_twice_the_room_is_declined():
    # room 1,700 - 900 - 563 = 237.00: less than half of the 27,000 could be financed
    decision = _decide(household=Household(D("1700.00"), D("900.00"), D("0.00")))

    assert decision.outcome == "declined"
    assert decision.reasons[0].code == "instalment-far-above-room"
    assert decision.reasons[0].en == (
        "The instalment of €521.86 is far above the income left of €237.00; even with more down "
        "payment less than half could be financed."
    )
