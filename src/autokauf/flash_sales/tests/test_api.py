"""The drops API: status and count for polling, join, claim, refusals as problem+json, 429."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from autokauf.checkout.tests.journey import token_client
from autokauf.core import clock
from autokauf.flash_sales import fix_order
from autokauf.flash_sales.models import Drop, DropClaim, DropEntry

from .conftest import BEFORE, START, buyers

pytestmark = [
    pytest.mark.django_db,
]


def test_the_drop_answers_status_and_count_left_cacheable_for_a_second(drop_of_three):
    with clock.frozen(START):
        answer = token_client(buyers(1)[0]).get(f"/api/v1/drops/{drop_of_three.pk}")
    assert answer.status_code == 200
    assert answer["Cache-Control"] == "public, max-age=1"
    body = answer.json()
    assert (body["status"], body["remaining"], body["price"]) == ("open", 3, "19990.00")


def test_joining_before_the_start_answers_the_wait_until_the_start(drop_of_three):
    client = token_client(buyers(1)[0])
    with clock.frozen(BEFORE):
        answer = client.post(f"/api/v1/drops/{drop_of_three.pk}/join")
    assert answer.status_code == 200
    assert answer.json() == {"position": None, "admitted": False, "estimated_wait_seconds": 1800}


def test_the_place_answers_the_wait_as_a_number_of_seconds_to_a_tenth(drop_of_three):
    Drop.objects.filter(pk=drop_of_three.pk).update(admissions_per_second=3)
    people = buyers(5)
    clients = {person.pk: token_client(person) for person in people}
    with clock.frozen(BEFORE):
        for client in clients.values():
            client.post(f"/api/v1/drops/{drop_of_three.pk}/join")
    with clock.frozen(START):
        fix_order(drop_of_three)
        entries = DropEntry.objects.filter(drop=drop_of_three).order_by("position")
        places = [
            clients[entry.buyer_id].get(f"/api/v1/drops/{drop_of_three.pk}/place").content
            for entry in entries
        ]
        refused = clients[entries[4].buyer_id].post(f"/api/v1/drops/{drop_of_three.pk}/claims")

    assert places[2:] == [
        b'{"position": 3, "admitted": true, "estimated_wait_seconds": 0.0}',
        b'{"position": 4, "admitted": false, "estimated_wait_seconds": 0.4}',
        b'{"position": 5, "admitted": false, "estimated_wait_seconds": 0.7}',
    ]
    assert refused.status_code == 409
    assert "Retry-After" not in refused
    assert (refused.json()["position"], refused.json()["estimated_wait_seconds"]) == (5, 0.7)
    assert DropClaim.objects.count() == 0


def test_the_openapi_document_gives_the_wait_as_a_number(drop_of_three):
    schemas = Client().get("/api/openapi.json").json()["components"]["schemas"]

    wait = schemas["PlaceOut"]["properties"]["estimated_wait_seconds"]
    assert wait["anyOf"] == [{"type": "number"}, {"type": "null"}]
    assert "tenth of a second" in wait["description"]


def test_an_admitted_buyer_claims_with_201_and_a_double_click_answers_the_same_claim(
    drop_of_three,
):
    client = token_client(buyers(1)[0])
    with clock.frozen(BEFORE):
        client.post(f"/api/v1/drops/{drop_of_three.pk}/join")
    with clock.frozen(START):
        first = client.post(f"/api/v1/drops/{drop_of_three.pk}/claims")
        second = client.post(f"/api/v1/drops/{drop_of_three.pk}/claims")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["payment_url"] == f"/drops/claims/{first.json()['id']}/"
    assert DropClaim.objects.count() == 1


def test_calling_the_claim_endpoint_without_joining_is_refused_as_not_admitted(drop_of_three):
    client = token_client(buyers(1)[0])
    with clock.frozen(START):
        answer = client.post(f"/api/v1/drops/{drop_of_three.pk}/claims")
    assert answer.status_code == 409
    assert answer["Content-Type"] == "application/problem+json"
    assert answer.json()["type"].endswith("/not-admitted")
    assert DropClaim.objects.count() == 0
    assert DropEntry.objects.count() == 0


@override_settings(FLASH_SALE_REQUESTS_PER_ACCOUNT=3)
def test_too_many_requests_from_one_account_are_answered_429_with_retry_after(drop_of_three):
    client = token_client(buyers(1)[0])
    with clock.frozen(START):
        answers = [client.post(f"/api/v1/drops/{drop_of_three.pk}/join") for _ in range(4)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    assert answers[3]["Retry-After"] == "10"
    assert answers[3].json()["type"].endswith("/too-many-requests")


@override_settings(FLASH_SALE_REQUESTS_PER_ADDRESS=2)
def test_too_many_requests_from_one_address_are_answered_429(drop_of_three):
    people = buyers(3)
    with clock.frozen(START):
        answers = [token_client(p).post(f"/api/v1/drops/{drop_of_three.pk}/join") for p in people]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert DropEntry.objects.count() == 2
