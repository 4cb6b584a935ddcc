"""Specs of the catalogue API (/api/v1/catalog), on the fixture catalogue of tests/world.py."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autokauf.catalog import DEMO_CATALOGUE_PATH, import_catalogue, revision


def test_the_model_range_lists_each_model_with_its_lowest_net_price(client, small_catalogue):
    response = client.get("/api/v1/catalog/models")

    assert response.status_code == 200
    assert response.json() == [
        {
            "slug": "asta",
            "brand": "Nordwerk",
            "brand_slug": "nordwerk",
            "name": "Asta",
            "body": "hatchback",
            "from_net_price": "25210.08",
            "trims": 3,
        }
    ]


def test_a_model_answers_with_its_trims_and_their_exact_figures(client, small_catalogue):
    body = client.get("/api/v1/catalog/models/asta").json()

    assert (body["slug"], body["brand"], body["name"], body["body"]) == (
        "asta",
        "Nordwerk",
        "Asta",
        "hatchback",
    )
    assert body["transfer_cost_net"] == "890.00"
    assert body["descriptions"] == {
        "de": "Der kompakte Alleskönner.",
        "en": "The compact all-rounder.",
    }
    assert [
        (t["code"], t["fuel"], t["displacement_ccm"], t["power_kw"], t["co2_g_km"], t["net_price"])
        for t in body["trims"]
    ] == [
        ("ASTA-15TSI", "petrol", 1498, 110, 145, "25210.08"),
        ("ASTA-20TDI", "diesel", 1968, 110, 128, "28571.43"),
        ("ASTA-EV", "bev", None, 150, 0, "33529.41"),
    ]
    electric = body["trims"][2]
    assert (electric["energy_kwh_100km"], electric["electric_range_km"]) == ("15.8", 420)
    assert electric["defaults"] == ["INT-BLACK", "P-WHITE", "W16"]


def test_a_model_answers_with_its_groups_options_prices_and_rules(client, small_catalogue):
    body = client.get("/api/v1/catalog/models/asta").json()

    assert body["groups"][1] == {
        "code": "PAINT",
        "name": {"de": "Lackierung", "en": "Paint"},
        "choice": "exactly_one",
        "options": ["P-GREEN", "P-RED", "P-WHITE"],
    }
    options = {o["code"]: o for o in body["options"]}
    assert len(options) == 15
    assert options["TOW"] == {
        "code": "TOW",
        "kind": "equipment",
        "name": {"de": "Anhängerkupplung", "en": "Towbar"},
        "net_price": "890.00",
        "group": None,
        "color": None,
        "lead_weeks": 0,
        "only_on": ["ASTA-15TSI", "ASTA-20TDI"],
        "requires": [],
        "excludes": [],
        "includes": [],
    }
    assert options["P-GREEN"]["color"] == "#2f4f3a"
    assert options["P-GREEN"]["requires"] == ["INT-COGNAC"]
    assert options["SPORT"]["includes"] == ["W18"]
    assert options["SUNROOF"]["excludes"] == ["ROOFRAILS"]
    assert options["HEATPUMP"]["only_on"] == ["ASTA-EV"]


def test_an_unknown_model_is_a_404_problem(client, small_catalogue):
    response = client.get("/api/v1/catalog/models/nope")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == {
        "type": "https://autokauf.example/problems/unknown-model",
        "title": "Unknown model",
        "status": 404,
        "detail": "There is no model 'nope'.",
        "instance": "/api/v1/catalog/models/nope",
    }


@pytest.mark.parametrize("path", ["/api/v1/catalog/models", "/api/v1/catalog/models/brennik-mero"])
def test_the_catalogue_api_costs_the_same_queries_for_a_big_catalogue(
    client, small_catalogue, path
):
    small_path = path.replace("brennik-mero", "asta")
    revision.bump()  # a cold snapshot cache for both requests
    with CaptureQueriesContext(connection) as small:
        client.get(small_path)
    import_catalogue(DEMO_CATALOGUE_PATH)

    with CaptureQueriesContext(connection) as big:
        response = client.get(path)

    assert response.status_code == 200
    assert len(big) == len(small)
