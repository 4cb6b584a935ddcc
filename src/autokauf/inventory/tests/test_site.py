"""The site serves the stock locator where the API documentation says."""

from django.test import Client

from autokauf.inventory.stock_file import import_stock_csv

from .conftest import HEADER, row, vin


def test_the_site_answers_the_locator_at_api_v1_vehicles(places):
    import_stock_csv(HEADER + row(1))

    listed = Client().get("/api/v1/vehicles", {"near": "10115", "radius_km": "25"})
    one = Client().get(f"/api/v1/vehicles/{vin(1)}")

    assert [item["vin"] for item in listed.json()["items"]] == [vin(1)]
    assert one.json()["price"] == "31059.10"
