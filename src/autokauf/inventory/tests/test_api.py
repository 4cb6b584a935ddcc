"""GET /api/v1/vehicles and /api/v1/vehicles/{vin}, spoken to as a client does."""

import pytest
from django.test import Client

from autokauf.inventory.stock_file import import_stock_csv

from .conftest import HEADER, row, vin

PROBLEM = "application/problem+json"


@pytest.fixture
def stock(places):
    import_stock_csv(
        HEADER
        + row(1)
        + row(2, options="INT-BLACK P-RED W16 TOW", discount="500.00")
        + row(3, trim="ASTA-EV", location="LEJ", bay="1")
        + row(4, status="reserved")
    )


def get(path, **params):
    return Client().get(path, params)


def test_the_list_answers_items_next_cursor_and_facets(stock):
    response = get("/api/v1/vehicles", near="52.52,13.405", limit=2)

    assert response.status_code == 200
    body = response.json()
    assert body["items"][0] == {
        "vin": vin(1),
        "trim": {"code": "ASTA-15TSI", "name": "1.5 TSI Life"},
        "brand": "nordwerk",
        "model": "asta",
        "model_name": "Nordwerk Asta",
        "fuel": "petrol",
        "paint": "P-WHITE",
        "options": ["INT-BLACK", "P-WHITE", "W16"],
        "price": "31059.10",
        "currency": "EUR",
        "monthly_rate": None,
        "status": "in_stock",
        "condition": "new",
        "model_year": 2026,
        "available_from": "2026-11-01",
        "bay": None,
        "location": {
            "code": "BER",
            "name": "Showroom Berlin",
            "kind": "showroom",
            "street": "Kurfürstendamm 21",
            "postcode": "10719",
            "city": "Berlin",
            "latitude": "52.503300",
            "longitude": "13.331600",
        },
        "distance_km": 5.303,
    }
    assert [item["price"] for item in body["items"]] == ["31059.10", "32463.30"]
    assert body["total"] == 3
    assert body["facets"]["fuel"] == [{"value": "bev", "count": 1}, {"value": "petrol", "count": 2}]
    assert get("/api/v1/vehicles", cursor=body["next_cursor"]).json()["items"][0]["vin"] == vin(3)


def test_filters_can_be_repeated_or_comma_separated(stock):
    repeated = Client().get("/api/v1/vehicles?fuel=bev&fuel=diesel").json()
    comma = get("/api/v1/vehicles", fuel="bev,diesel").json()

    assert [i["vin"] for i in repeated["items"]] == [i["vin"] for i in comma["items"]] == [vin(3)]


def test_a_car_answers_its_quote_discount_co2_class_and_distance(stock):
    response = get(f"/api/v1/vehicles/{vin(2).lower()}", near="10115")

    assert response.status_code == 200
    body = response.json()
    assert (body["price"], body["list_price"], body["discount_net"]) == (
        "32463.30",
        "33058.30",
        "500.00",
    )
    assert body["co2_class"] == "E"
    assert body["quote"]["total"] == "33058.30"
    assert sorted(line["code"] for line in body["quote"]["lines"]) == [
        "ASTA-15TSI",
        "INT-BLACK",
        "P-RED",
        "TOW",
        "W16",
    ]
    assert body["distance_km"] == 4.815


def test_a_reserved_or_unknown_car_is_not_found(stock):
    for unknown in (vin(4), "WNWASTAZZ1P999999"):
        response = get(f"/api/v1/vehicles/{unknown}")

        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"price_min": "cheap"}, "invalid-input"),
        ({"radius_km": "-5", "near": "10115"}, "invalid-input"),
        ({"sort": "colour"}, "invalid-input"),
        ({"limit": "500"}, "invalid-input"),
        ({"available_by": "soon"}, "invalid-input"),
        ({"near": "somewhere"}, "invalid-search"),
        ({"near": "00000"}, "unknown-postcode"),
        ({"radius_km": "10"}, "invalid-search"),
        ({"sort": "distance"}, "invalid-search"),
        ({"cursor": "garbage"}, "invalid-cursor"),
        ({"price_min": "50000", "price_max": "20000"}, "invalid-search"),
    ],
    ids=lambda v: "-".join(f"{k}={w}" for k, w in v.items()) if isinstance(v, dict) else v,
)
def test_invalid_query_values_are_answered_with_a_422_problem(stock, params, code):
    response = get("/api/v1/vehicles", **params)

    assert response.status_code == 422
    assert response["Content-Type"] == PROBLEM
    assert response.json()["type"].endswith("/" + code)
