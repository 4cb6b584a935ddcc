"""Each car's "from x € a month" rate (a loan at 10 % down over 48 months from the cheapest
demo lender): stored with its price, searched and counted by the stock locator.

Stock (defaults = INT-BLACK P-WHITE W16):
    01 ASTA-15TSI defaults          31,059.10 €   637.30 € a month
    02 ASTA-15TSI red, towbar       33,058.30 €   678.33 €
    03 ASTA-20TDI white, towbar     36,118.20 €   741.11 €  (München)
    04 ASTA-EV defaults             40,959.10 €   840.44 €  (Leipzig, bay 1)
"""

from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client

from autokauf.core import outbox
from autokauf.financing import announce_rates_changed, load_demo_lenders_if_empty
from autokauf.financing.models import Lender, RateSheetRow
from autokauf.inventory import StockFilters, search_vehicles
from autokauf.inventory.errors import InvalidSearch
from autokauf.inventory.models import Vehicle
from autokauf.inventory.stock_file import import_stock_csv

from .conftest import HEADER, row, vin

STOCK = (
    HEADER
    + row(1)
    + row(2, options="INT-BLACK P-RED W16 TOW")
    + row(3, trim="ASTA-20TDI", options="INT-BLACK P-WHITE W16 TOW", location="MUC")
    + row(4, trim="ASTA-EV", location="LEJ", bay="1")
)


def rates() -> dict[str, Decimal | None]:
    return {v.vin[-2:]: v.monthly_rate for v in Vehicle.objects.order_by("vin")}


@pytest.fixture
def stock(places):
    load_demo_lenders_if_empty()
    import_stock_csv(STOCK)


def test_a_car_carries_the_monthly_rate_of_its_total_from_its_creation(stock):
    assert rates() == {
        "01": Decimal("637.30"),
        "02": Decimal("678.33"),
        "03": Decimal("741.11"),
        "04": Decimal("840.44"),
    }
    assert list(Vehicle.objects.order_by("vin").values_list("rate_band", flat=True)) == [2, 2, 2, 3]


def test_a_car_no_lender_would_finance_has_no_monthly_rate(places):
    import_stock_csv(HEADER + row(1))

    assert rates() == {"01": None}
    assert Vehicle.objects.get().rate_band is None


def test_lenders_arriving_later_give_every_car_its_rate_once_the_change_is_announced(places):
    import_stock_csv(HEADER + row(1) + row(4, trim="ASTA-EV", location="LEJ", bay="1"))
    with transaction.atomic():
        load_demo_lenders_if_empty()
        announce_rates_changed()

    outbox.deliver_pending()

    assert rates() == {"01": Decimal("637.30"), "04": Decimal("840.44")}


def test_a_rate_sheet_change_is_taken_into_every_cars_rate(stock):
    with transaction.atomic():
        Lender.objects.update(active=False)
        announce_rates_changed()

    outbox.deliver_pending()

    assert rates() == {"01": None, "02": None, "03": None, "04": None}


def test_a_cheaper_rate_sheet_lowers_the_rate(stock):
    with transaction.atomic():
        RateSheetRow.objects.filter(product="loan").update(
            nominal_rate=Decimal("0.00"), arrangement_fee=Decimal("0.00"), monthly_fee=0
        )
        announce_rates_changed()

    outbox.deliver_pending()

    # 0 %: (31,059.10 - 3,105.91) / 48 = 582.3581..., the last payment takes the remainder.
    assert rates()["01"] == Decimal("582.36")


def test_the_locator_filters_by_the_monthly_rate_both_ends_included(stock):
    result = search_vehicles(StockFilters(rate_min=Decimal("678.33"), rate_max=Decimal("741.11")))

    assert [f.vehicle.vin for f in result.items] == [vin(2), vin(3)]
    assert result.total == 2
    assert result.facets["rate"] == [{"value": "600-800", "count": 2}]


def test_the_rate_facet_counts_cars_per_band(stock):
    result = search_vehicles(StockFilters())

    assert result.facets["rate"] == [
        {"value": "600-800", "count": 3},
        {"value": "800-1000", "count": 1},
    ]


def test_a_lowest_rate_above_the_highest_is_refused(stock):
    with pytest.raises(InvalidSearch):
        search_vehicles(StockFilters(rate_min=Decimal("700"), rate_max=Decimal("600")))


def test_the_api_filters_by_rate_and_answers_each_cars_rate(stock):
    response = Client().get("/api/v1/vehicles", {"rate_max": "700.00", "facets": "false"})

    assert response.status_code == 200
    items = response.json()["items"]
    assert [(i["vin"], i["monthly_rate"]) for i in items] == [
        (vin(1), "637.30"),
        (vin(2), "678.33"),
    ]


def test_the_vehicle_api_answers_the_rate(stock):
    body = Client().get(f"/api/v1/vehicles/{vin(4)}").json()

    assert (body["monthly_rate"], body["available"]) == ("840.44", True)
