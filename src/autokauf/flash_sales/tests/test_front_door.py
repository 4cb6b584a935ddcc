"""The claim's front door: the crowd's refusals come from Redis alone; sales from the database."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, override_settings

from autokauf.checkout.tests.journey import token_client
from autokauf.core import clock
from autokauf.flash_sales import fix_order, gate
from autokauf.flash_sales.models import Drop, DropCar, DropClaim, DropEntry

from .conftest import BEFORE, START, buyers

REDIS_URL = "redis://127.0.0.1:6379/4"

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("redis_gate"),
]


@pytest.fixture
def redis_gate(settings):
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379 (CI has one)")
    settings.REDIS_URL = REDIS_URL
    # Counters that outlive a slow machine: each spec fixes the moment it means.
    settings.FLASH_SALE_GATE_COUNTER_MS = settings.FLASH_SALE_GATE_BASE_MS = 60_000
    yield client
    for key in client.scan_iter(f"{settings.FLASH_SALE_GATE_PREFIX}:*"):
        client.delete(key)


def claims_url(drop) -> str:
    return f"/api/v1/drops/{drop.pk}/claims"


def joined(drop, count: int) -> list:
    """Buyers with API clients who joined before the start, in their drawn order."""
    people = buyers(count)
    clients = {person.pk: token_client(person) for person in people}
    with clock.frozen(BEFORE):
        for client in clients.values():
            assert client.post(f"/api/v1/drops/{drop.pk}/join").status_code == 200
    with clock.frozen(START):
        fix_order(drop)
    entries = DropEntry.objects.filter(drop=drop).order_by("position")
    return [clients[entry.buyer_id] for entry in entries]


def test_once_every_car_is_taken_the_door_answers_sold_out_without_a_database_query(
    drop_of_three, django_assert_num_queries
):
    *winners, fourth = joined(drop_of_three, 4)
    with clock.frozen(START):
        won = [client.post(claims_url(drop_of_three)).status_code for client in winners]
        with django_assert_num_queries(0):
            refused = fourth.post(claims_url(drop_of_three))

    assert won == [201, 201, 201]
    assert refused.status_code == 409
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["type"].endswith("/sold-out")
    assert DropClaim.objects.count() == 3


@pytest.mark.parametrize(
    ("rate", "after", "wait"),
    [
        (1, timedelta(0), 2.0),
        (3, timedelta(0), 0.7),
        (1000, timedelta(0), 0.1),
        (4, timedelta(milliseconds=250), 0.3),
    ],
)
def test_a_buyer_behind_the_line_hears_their_place_and_wait_from_the_door_and_nothing_changes(
    drop_of_three, django_assert_num_queries, rate, after, wait
):
    Drop.objects.filter(pk=drop_of_three.pk).update(admissions_per_second=rate)
    *_, fifth = joined(drop_of_three, 5)
    with clock.frozen(START + after):
        from_the_database = fifth.post(claims_url(drop_of_three))
        with django_assert_num_queries(0):
            from_the_door = fifth.post(claims_url(drop_of_three))

    assert from_the_database.status_code == from_the_door.status_code == 409
    assert from_the_door.json() == from_the_database.json()
    assert (from_the_door.json()["position"], from_the_door.json()["estimated_wait_seconds"]) == (
        5,
        wait,
    )
    assert from_the_door.content.count(f'"estimated_wait_seconds": {wait}'.encode()) == 1
    assert DropClaim.objects.count() == 0
    assert DropCar.objects.filter(status="available").count() == 3


def test_a_winners_double_click_passes_the_door_and_answers_the_same_claim(drop_of_three):
    clients = joined(drop_of_three, 3)
    with clock.frozen(START):
        firsts = [client.post(claims_url(drop_of_three)) for client in clients]
        again = clients[2].post(claims_url(drop_of_three))

    assert again.status_code == 201
    assert again.json()["id"] == firsts[2].json()["id"]
    assert DropClaim.objects.count() == 3


def test_an_admitted_callers_claim_is_made_at_the_door_and_reads_as_the_api(drop_of_three):
    first, second = joined(drop_of_three, 2)
    with clock.frozen(START):
        assert first.post(claims_url(drop_of_three)).status_code == 201  # tells the door the places
        made = second.post(claims_url(drop_of_three))
        read = second.get(f"/api/v1/drops/claims/{made.json()['id']}")

    assert made.status_code == 201
    assert made["Content-Type"] == read["Content-Type"] == "application/json; charset=utf-8"
    assert made.json() == read.json()
    assert (made.json()["drop"], made.json()["status"]) == (drop_of_three.pk, "held")
    assert made.json()["expires_at"] == "2026-12-01T10:10:00Z"
    assert DropClaim.objects.count() == 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the one-statement claim is PostgreSQL's"
)
def test_on_postgresql_the_claim_at_the_door_is_one_statement(
    drop_of_three, django_assert_num_queries
):
    first, second = joined(drop_of_three, 2)
    with clock.frozen(START):
        first.post(claims_url(drop_of_three))
        with django_assert_num_queries(1):
            made = second.post(claims_url(drop_of_three))

    assert made.status_code == 201
    assert DropClaim.objects.filter(pk=made.json()["id"], status="held").exists()


def test_a_claim_with_an_idempotency_key_takes_the_full_path_and_is_replayed(drop_of_three):
    first, second = joined(drop_of_three, 2)
    key = {"Idempotency-Key": "claim-0001"}
    with clock.frozen(START):
        first.post(claims_url(drop_of_three))
        made = second.post(claims_url(drop_of_three), headers=key)
        again = second.post(claims_url(drop_of_three), headers=key)

    assert made.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == made.json()
    assert DropClaim.objects.count() == 2


def test_a_revoked_token_the_door_still_knows_is_refused_401_and_claims_nothing(drop_of_three):
    from autokauf.accounts.models import ApiToken
    from autokauf.accounts.profile import revoke_api_token

    first, second = joined(drop_of_three, 2)
    owner = DropEntry.objects.get(drop=drop_of_three, position=2).buyer
    with clock.frozen(START):
        first.post(claims_url(drop_of_three))
        revoke_api_token(user=owner, token_id=ApiToken.objects.get(user=owner).pk)
        refused = second.post(claims_url(drop_of_three))

    assert refused.status_code == 401
    assert DropClaim.objects.count() == 1
    assert not DropClaim.objects.filter(buyer=owner).exists()


def test_an_unknown_token_passes_the_door_and_is_refused_401(drop_of_three):
    joined(drop_of_three, 1)
    with clock.frozen(START):
        answer = Client(headers={"Authorization": "Bearer not-a-token"}).post(
            claims_url(drop_of_three)
        )
    assert answer.status_code == 401
    assert DropClaim.objects.count() == 0


@override_settings(FLASH_SALE_REQUESTS_PER_ACCOUNT=2)
def test_each_claim_counts_once_against_the_limit_and_the_third_is_answered_429(drop_of_three):
    (client,) = joined(drop_of_three, 1)
    with clock.frozen(START):
        answers = [client.post(claims_url(drop_of_three)) for _ in range(3)]

    assert [a.status_code for a in answers] == [201, 201, 429]
    assert answers[2]["Retry-After"] == "10"
    assert answers[2].json()["type"].endswith("/too-many-requests")
    assert DropClaim.objects.count() == 1


def test_when_redis_loses_everything_mid_drop_the_database_answers_and_nothing_is_oversold(
    drop_of_three, redis_gate, settings
):
    clients = joined(drop_of_three, 5)
    with clock.frozen(START):
        first = [client.post(claims_url(drop_of_three)).status_code for client in clients[:2]]
        for key in redis_gate.scan_iter(f"{settings.FLASH_SALE_GATE_PREFIX}:*"):
            redis_gate.delete(key)
        rest = [client.post(claims_url(drop_of_three)).status_code for client in clients[2:]]
        again = [client.post(claims_url(drop_of_three)).status_code for client in clients]

    assert first + rest == [201, 201, 201, 409, 409]
    assert again == [201, 201, 201, 409, 409]
    assert DropClaim.objects.count() == 3
    assert len(set(DropClaim.objects.values_list("car_id", flat=True))) == 3


def test_with_redis_unreachable_the_claims_go_on_on_the_database(drop_of_three, settings):
    clients = joined(drop_of_three, 4)
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    gate.reset()
    with clock.frozen(START):
        answers = [client.post(claims_url(drop_of_three)).status_code for client in clients]

    assert answers == [201, 201, 201, 409]
    assert DropClaim.objects.count() == 3
