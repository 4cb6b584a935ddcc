"""The configurator's JSON API, spoken to as a client does."""

import json

import pytest
from django.test import Client

from autokauf.configurator import SavedConfiguration

pytestmark = pytest.mark.django_db
DEFAULTS = ["P-WHITE", "W16", "INT-BLACK"]
PROBLEM = "application/problem+json"


def post(path, body, language="de"):
    data = body if isinstance(body, str) else json.dumps(body)
    return Client().post(path, data, content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)


def test_validating_answers_the_conflicts_in_the_buyers_language(small_catalogue):
    response = post(
        "/api/v1/configurations/validate",
        {"trim": "ASTA-EV", "options": [*DEFAULTS, "TOW"]},
        language="en",
    )

    assert response.status_code == 200
    assert response.json() == {
        "valid": False,
        "conflicts": [
            {
                "kind": "not-offered",
                "options": ["TOW"],
                "message": "The towbar is not available for e-Drive Pro.",
            }
        ],
        "resolution": {
            "add": [],
            "remove": ["TOW"],
            "options": ["INT-BLACK", "P-WHITE", "W16"],
            "net_change": "-890.00",
        },
    }


def test_a_valid_configuration_is_answered_as_valid(small_catalogue):
    response = post("/api/v1/configurations/validate", {"trim": "ASTA-EV", "options": DEFAULTS})

    assert response.json() == {"valid": True, "conflicts": [], "resolution": None}


def test_a_quote_carries_the_total_price_as_a_decimal_string(small_catalogue):
    response = post("/api/v1/quotes", {"trim": "ASTA-15TSI", "options": DEFAULTS})

    assert response.status_code == 200
    body = response.json()
    assert (body["trim"], body["options"], body["country"]) == (
        "ASTA-15TSI",
        ["INT-BLACK", "P-WHITE", "W16"],
        "DE",
    )
    assert body["transfer_costs"] == "890.00"


def test_an_invalid_quote_is_a_problem_with_conflicts_and_resolution(small_catalogue):
    response = post("/api/v1/quotes", {"trim": "ASTA-15TSI", "options": [*DEFAULTS, "HUD"]})

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["type"].endswith("/invalid-configuration")
    assert body["detail"] == "Das Head-up-Display erfordert das Navigationssystem."
    assert body["conflicts"][0]["options"] == ["HUD", "NAVI"]
    assert body["resolution"]["remove"] == ["HUD"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        pytest.param("{not json", 400, id="bad-json"),
        pytest.param({"options": DEFAULTS}, 422, id="no-trim"),
        pytest.param({"trim": "ASTA-EV"}, 422, id="no-options"),
        pytest.param({"trim": "ASTA-EV", "options": "P-WHITE"}, 422, id="options-not-a-list"),
    ],
)
def test_a_malformed_request_is_a_problem(small_catalogue, body, status):
    response = post("/api/v1/configurations/validate", body)

    assert response.status_code == status
    assert response["Content-Type"] == PROBLEM
    assert SavedConfiguration.objects.count() == 0


def test_saving_answers_201_with_code_address_and_quote_then_reopens(small_catalogue):
    saved = post("/api/v1/configurations", {"trim": "ASTA-20TDI", "options": DEFAULTS})

    assert saved.status_code == 201
    code = saved.json()["code"]
    assert saved.json()["url"] == f"http://testserver/c/{code}/"
    reopened = Client().get(f"/api/v1/configurations/{code}")
    assert reopened.status_code == 200
    body = reopened.json()
    assert (body["code"], body["trim"], body["changes"]) == (code, "ASTA-20TDI", [])
    assert body["quote"]["total"] == body["saved_quote"]["total"] == saved.json()["quote"]["total"]


def test_saving_an_invalid_configuration_stores_nothing(small_catalogue):
    response = post("/api/v1/configurations", {"trim": "ASTA-EV", "options": [*DEFAULTS, "TOW"]})

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert SavedConfiguration.objects.count() == 0


def test_saving_again_with_the_same_idempotency_key_replays_the_first_code(small_catalogue):
    client = Client()
    body = json.dumps({"trim": "ASTA-15TSI", "options": [*DEFAULTS, "NAVI"]})
    key = {"Idempotency-Key": "speichern-1"}

    first = client.post("/api/v1/configurations", body, "application/json", headers=key)
    again = client.post("/api/v1/configurations", body, "application/json", headers=key)

    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert list(SavedConfiguration.objects.values_list("code", flat=True)) == [first.json()["code"]]


def test_the_same_idempotency_key_with_another_configuration_is_refused(small_catalogue):
    client = Client()
    key = {"Idempotency-Key": "speichern-1"}
    client.post(
        "/api/v1/configurations",
        {"trim": "ASTA-15TSI", "options": DEFAULTS},
        "application/json",
        headers=key,
    )

    other = client.post(
        "/api/v1/configurations",
        {"trim": "ASTA-15TSI", "options": [*DEFAULTS, "NAVI"]},
        "application/json",
        headers=key,
    )

    assert other.status_code == 422
    assert other["Content-Type"] == PROBLEM
    assert other.json()["type"].endswith("/idempotency-key-reused")
    assert SavedConfiguration.objects.get().options == sorted(DEFAULTS)


def test_an_unknown_code_is_a_404_problem(small_catalogue):
    response = Client().get("/api/v1/configurations/ZZZZZZZZ")

    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"].endswith("/unknown-configuration")


def test_the_openapi_document_describes_the_four_endpoints():
    paths = Client().get("/api/openapi.json").json()["paths"]

    assert "post" in paths["/api/v1/configurations/validate"]
    assert "post" in paths["/api/v1/quotes"]
    assert "post" in paths["/api/v1/configurations"]
    assert "get" in paths["/api/v1/configurations/{code}"]
