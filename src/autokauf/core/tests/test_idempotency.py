"""Idempotency keys: replay, refusal of another body, and one run under concurrency."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test import Client

from autokauf.core import clock
from autokauf.core.idempotency import delete_expired_keys
from autokauf.core.models import IdempotencyRecord
from autokauf.core.tests.idempotency_urls import Ledger

pytestmark = pytest.mark.urls("autokauf.core.tests.idempotency_urls")


def post(client: Client, url: str, body: dict, key: str | None = "key-1"):
    headers = {"Idempotency-Key": key} if key else {}
    return client.post(url, json.dumps(body), content_type="application/json", headers=headers)


@pytest.fixture(autouse=True)
def _fresh_ledger():
    Ledger.reset()


@pytest.mark.django_db
def test_a_repeated_key_replays_the_first_answer_without_running_again():
    client = Client()
    first = post(client, "/api/orders", {"car": "WNW0001"})
    again = post(client, "/api/orders", {"car": "WNW0001"})

    assert first.status_code == 201
    assert again.status_code == 201
    assert again.json() == first.json() == {"order": 1, "car": "WNW0001"}
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert Ledger.runs == 1


@pytest.mark.django_db
def test_a_json_body_with_other_spacing_is_the_same_request():
    client = Client()
    post(client, "/api/orders", {"car": "WNW0001"})
    spaced = client.post(
        "/api/orders",
        '{ "car" :  "WNW0001" }',
        content_type="application/json",
        headers={"Idempotency-Key": "key-1"},
    )

    assert spaced["Idempotent-Replayed"] == "true"
    assert Ledger.runs == 1


@pytest.mark.django_db
def test_the_same_key_with_another_body_is_refused_and_nothing_runs():
    client = Client()
    post(client, "/api/orders", {"car": "WNW0001"})
    other = post(client, "/api/orders", {"car": "WNW0002"})

    assert other.status_code == 422
    assert other["Content-Type"] == "application/problem+json"
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert Ledger.runs == 1
    assert IdempotencyRecord.objects.get().response_body == json.dumps(
        {"order": 1, "car": "WNW0001"}
    )


@pytest.mark.django_db
def test_an_error_after_work_began_is_stored_and_replayed():
    client = Client()
    first = post(client, "/api/sold-out-orders", {"car": "WNW0001"})
    again = post(client, "/api/sold-out-orders", {"car": "WNW0001"})

    assert first.status_code == again.status_code == 409
    assert again.json()["type"].endswith("/out-of-stock")
    assert again["Content-Type"] == "application/problem+json"
    assert again["Idempotent-Replayed"] == "true"
    assert Ledger.runs == 1


@pytest.mark.django_db
def test_invalid_input_is_not_stored_so_the_key_can_be_used_for_the_corrected_request():
    client = Client()
    invalid = post(client, "/api/orders", {"colour": "red"})
    corrected = post(client, "/api/orders", {"car": "WNW0001"})

    assert invalid.status_code == 422
    assert corrected.status_code == 201
    assert "Idempotent-Replayed" not in corrected
    assert Ledger.runs == 1


@pytest.mark.django_db
def test_without_a_key_every_request_runs():
    client = Client()
    post(client, "/api/orders", {"car": "WNW0001"}, key=None)
    post(client, "/api/orders", {"car": "WNW0001"}, key=None)

    assert Ledger.runs == 2
    assert IdempotencyRecord.objects.count() == 0


@pytest.mark.django_db
def test_keys_are_per_caller():
    post(Client(), "/api/orders", {"car": "WNW0001"}, key="shared")
    other = Client().post(
        "/api/orders",
        json.dumps({"car": "WNW0001"}),
        content_type="application/json",
        headers={"Idempotency-Key": "shared", "Authorization": "Bearer another-callers-token"},
    )

    assert other.status_code == 201
    assert other.json()["order"] == 2


@pytest.mark.django_db
def test_keys_live_a_day_and_the_sweeper_forgets_older_ones():
    start = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    with clock.frozen(start):
        post(Client(), "/api/orders", {"car": "WNW0001"})

    assert delete_expired_keys(now=start + timedelta(hours=23, minutes=59)) == 0
    assert delete_expired_keys(now=start + timedelta(hours=24, minutes=1)) == 1
    assert IdempotencyRecord.objects.count() == 0


@pytest.mark.django_db(transaction=True)
def test_twenty_concurrent_requests_with_one_key_run_the_operation_once():
    Ledger.reset(pause=0.2)
    answers: list[tuple[int, dict, bool]] = []
    start = threading.Barrier(20)

    def buyer() -> None:
        try:
            start.wait()
            response = post(Client(), "/api/orders", {"car": "WNW0001"}, key="double-click")
            replayed = response.get("Idempotent-Replayed") == "true"
            answers.append((response.status_code, response.json(), replayed))
        finally:
            connection.close()

    threads = [threading.Thread(target=buyer) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert Ledger.runs == 1
    assert len(answers) == 20
    created = [a for a in answers if a[0] == 201 and not a[2]]
    assert len(created) == 1
    for status, body, _replayed in answers:
        assert (status == 201 and body == {"order": 1, "car": "WNW0001"}) or (
            status == 409 and body["type"].endswith("/idempotency-key-in-use")
        )
    assert IdempotencyRecord.objects.get().state == "done"
