"""Quotes and policies through the API; eVB numbers for the registration office."""

from __future__ import annotations

import json
import re

import pytest
from django.test import Client

from autokauf.accounts.models import User
from autokauf.insurance import QuoteInputInvalid, take_policy
from autokauf.insurance import services as insurance_services
from autokauf.insurance.models import Policy

PROFILE = {
    "model": "asta",
    "postcode": "10969",
    "no_claims_class": 10,
    "driver_age": 40,
    "yearly_km": 15000,
    "deductible_partial": 150,
    "deductible_comprehensive": 500,
}
EVB = re.compile(r"^[A-HJ-NP-Z2-9]{7}$")


@pytest.fixture
def buyer(db):
    return User.objects.create_user("buyer@example.org", None)


def post(path, data, user=None, language="en"):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client.post(
        f"/api/v1/insurance{path}",
        json.dumps(data),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
    )


def test_quotes_answer_all_three_covers_with_yearly_and_monthly_premiums(db):
    response = post("/quotes", PROFILE)

    assert response.status_code == 200
    quotes = response.json()["quotes"]
    assert [
        (q["cover"], q["net_yearly"], q["insurance_tax_yearly"], q["yearly"], q["monthly"])
        for q in quotes
    ] == [
        ("liability", "241.92", "45.96", "287.88", "23.99"),
        ("partial", "411.29", "78.15", "489.44", "40.79"),
        ("comprehensive", "433.76", "82.41", "516.17", "43.01"),
    ]


def test_a_wrong_profile_is_a_problem_listing_each_field(db):
    response = post("/quotes", {**PROFILE, "postcode": "ABCDE", "driver_age": 16}, language="de")

    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [(e["field"], e["message"]) for e in response.json()["errors"]] == [
        ("postcode", "Bitte eine deutsche Postleitzahl mit 5 Ziffern angeben."),
        ("driver_age", "Alter des jüngsten Fahrers von 18 bis 99."),
    ]


def test_taking_a_policy_gives_a_seven_character_evb_number(buyer):
    response = post(
        "/policies", {**PROFILE, "cover": "comprehensive", "starts_on": "2026-05-01"}, user=buyer
    )

    assert response.status_code == 201
    answer = response.json()
    assert EVB.match(answer["evb_number"])
    assert (answer["cover"], answer["yearly"], answer["monthly"], answer["starts_on"]) == (
        "comprehensive",
        "516.17",
        "43.01",
        "2026-05-01",
    )
    policy = Policy.objects.get()
    assert (policy.evb_number, policy.holder) == (answer["evb_number"], buyer)


def test_policies_need_a_logged_in_buyer_and_a_valid_profile(buyer):
    assert post("/policies", {**PROFILE, "cover": "liability"}).status_code == 401
    refused = post("/policies", {**PROFILE, "cover": "liability", "model": "zeppelin"}, user=buyer)
    wrong_cover = post("/policies", {**PROFILE, "cover": "everything"}, user=buyer)

    assert (refused.status_code, wrong_cover.status_code) == (422, 422)
    assert wrong_cover.json()["type"].endswith("/unknown-cover")
    assert Policy.objects.count() == 0


def test_evb_numbers_are_unique_even_when_the_generator_repeats_itself(buyer, monkeypatch):
    numbers = iter(["ABCD234", "ABCD234", "ABCD235"])
    monkeypatch.setattr(insurance_services, "new_evb_number", lambda: next(numbers))

    first = take_policy(holder=buyer, data=PROFILE, cover="liability")
    second = take_policy(holder=buyer, data=PROFILE, cover="liability")

    assert (first.evb_number, second.evb_number) == ("ABCD234", "ABCD235")


def test_many_policies_get_distinct_well_formed_numbers(buyer):
    policies = [take_policy(holder=buyer, data=PROFILE, cover="partial") for _ in range(50)]

    numbers = {policy.evb_number for policy in policies}
    assert len(numbers) == 50
    assert all(EVB.match(number) for number in numbers)


def test_a_refused_policy_stores_nothing(buyer):
    with pytest.raises(QuoteInputInvalid):
        take_policy(holder=buyer, data={**PROFILE, "no_claims_class": 40}, cover="partial")

    assert Policy.objects.count() == 0
