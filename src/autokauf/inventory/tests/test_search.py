"""The stock locator: filters, sorts, cursor pages and exact facet counts."""

from datetime import date
from decimal import Decimal

import pytest

from autokauf.inventory import StockFilters, move_vehicle, search_vehicles
from autokauf.inventory.errors import InvalidCursor, InvalidSearch, UnknownPostcode
from autokauf.inventory.stock_file import import_stock_csv

from .conftest import HEADER, row, vin

# Eight cars. Totals incl. VAT: defaults on 15TSI 31,059.10; 20TDI 35,059.10; EV 40,959.10.
STOCK = (
    row(1)  # 31,059.10 BER
    + row(2, options="INT-BLACK P-RED W16 TOW")  # 33,058.30 BER
    + row(3, trim="ASTA-20TDI", options="INT-BLACK P-WHITE W16 TOW", location="MUC")  # 36,118.20
    + row(4, trim="ASTA-EV", location="LEJ", bay="1")  # 40,959.10 LEJ
    + row(
        5,
        trim="ASTA-EV",
        options="HEATPUMP INT-BLACK P-RED W16",
        location="MUC",
        status="in_transit",
        available="2026-12-20",
    )  # 43,077.30 MUC
    + row(6, options="INT-BLACK P-RED SPORT", location="LEJ", bay="2")  # 34,962.30 LEJ
    + row(7, status="reserved")  # not listed
    + row(8, trim="ASTA-20TDI", discount="1000.00", location="MUC")  # 33,869.10 MUC
)


@pytest.fixture
def stock(places):
    import_stock_csv(HEADER + STOCK)


def vins(result):
    return [found.vehicle.vin[-2:] for found in result.items]


def test_buyers_see_cars_in_stock_and_in_transit_cheapest_first(stock):
    result = search_vehicles(StockFilters())

    assert vins(result) == ["01", "02", "08", "06", "03", "04", "05"]
    assert [f.vehicle.price_total for f in result.items][:3] == [
        Decimal("31059.10"),
        Decimal("33058.30"),
        Decimal("33869.10"),
    ]
    assert result.total == 7
    assert result.next_cursor is None


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (StockFilters(trim=("ASTA-EV",)), ["04", "05"]),
        (StockFilters(fuel=("diesel", "bev")), ["08", "03", "04", "05"]),
        (StockFilters(paint=("P-RED",)), ["02", "06", "05"]),
        (StockFilters(options=("TOW",)), ["02", "03"]),
        (StockFilters(options=("W18",)), ["06"]),  # brought by the sport package
        (StockFilters(options=("TOW", "P-RED")), ["02"]),
        (
            StockFilters(brand=("nordwerk",), model=("asta",)),
            ["01", "02", "08", "06", "03", "04", "05"],
        ),
        (StockFilters(brand=("other",)), []),
        (
            StockFilters(price_min=Decimal("33869.10"), price_max=Decimal("40959.10")),
            ["08", "06", "03", "04"],
        ),
        (StockFilters(available_by=date(2026, 12, 1)), ["01", "02", "08", "06", "03", "04"]),
    ],
    ids=[
        "trim",
        "fuel-any-of",
        "paint",
        "has-towbar",
        "has-package-content",
        "has-all-options",
        "brand-and-model",
        "unknown-brand",
        "price-range-inclusive",
        "available-by",
    ],
)
def test_each_filter_narrows_to_exactly_the_matching_cars(stock, filters, expected):
    assert vins(search_vehicles(filters)) == expected


def test_near_a_point_keeps_the_cars_within_the_radius_with_their_distance(stock):
    result = search_vehicles(StockFilters(near="52.52,13.405", radius_km=200), sort="distance")

    assert vins(result) == ["01", "02", "04", "06"]  # Berlin, then Leipzig
    assert [f.distance_km for f in result.items] == [5.303, 5.303, 149.096, 149.096]


def test_near_a_german_postcode_uses_the_shipped_postcode_table(stock):
    result = search_vehicles(StockFilters(near="80331", radius_km=50), sort="distance")

    assert vins(result) == ["03", "05", "08"]
    assert result.items[0].distance_km == 0.778


def test_an_unknown_postcode_is_refused():
    with pytest.raises(UnknownPostcode):
        search_vehicles(StockFilters(near="00000"))


def test_sort_by_availability_puts_cars_in_transit_last(stock):
    assert vins(search_vehicles(StockFilters(), sort="availability"))[-1] == "05"


def test_cursor_pages_cover_every_car_once_in_order(stock):
    seen, cursor = [], None
    while True:
        page = search_vehicles(StockFilters(), cursor=cursor, limit=3, facets=False)
        seen += vins(page)
        cursor = page.next_cursor
        if cursor is None:
            break

    assert seen == ["01", "02", "08", "06", "03", "04", "05"]


def test_a_cursor_stays_stable_while_stock_changes(stock):
    first = search_vehicles(StockFilters(), limit=3, facets=False)
    move_vehicle(vin=vin(1), to_status="reserved", actor="checkout")  # already shown: leaves
    move_vehicle(vin=vin(7), to_status="in_stock", actor="checkout")  # 31,059.10: before the cursor

    second = search_vehicles(StockFilters(), cursor=first.next_cursor, limit=3, facets=False)

    assert vins(first) == ["01", "02", "08"]
    assert vins(second) == ["06", "03", "04"]


def test_distance_pages_continue_where_the_last_one_stopped(stock):
    first = search_vehicles(StockFilters(near="10115"), sort="distance", limit=3, facets=False)
    second = search_vehicles(
        StockFilters(near="10115"), sort="distance", limit=3, cursor=first.next_cursor, facets=False
    )
    third = search_vehicles(
        StockFilters(near="10115"),
        sort="distance",
        limit=3,
        cursor=second.next_cursor,
        facets=False,
    )

    assert vins(first) + vins(second) + vins(third) == ["01", "02", "04", "06", "03", "05", "08"]
    assert third.next_cursor is None


def test_facets_count_each_dimension_as_if_its_own_filter_were_unset(stock):
    result = search_vehicles(StockFilters(fuel=("bev",), paint=("P-RED",)))

    assert vins(result) == ["05"]
    assert result.total == 1
    assert result.facets["fuel"] == [{"value": "bev", "count": 1}, {"value": "petrol", "count": 2}]
    assert result.facets["paint"] == [
        {"value": "P-RED", "count": 1},
        {"value": "P-WHITE", "count": 1},
    ]
    assert result.facets["brand"] == [{"value": "nordwerk", "count": 1}]
    assert result.facets["trim"] == [{"value": "ASTA-EV", "count": 1}]
    assert result.facets["price"] == [{"value": "40000-50000", "count": 1}]


def test_facets_of_the_whole_stock_are_exact(stock):
    facets = search_vehicles(StockFilters()).facets

    assert facets["trim"] == [
        {"value": "ASTA-15TSI", "count": 3},
        {"value": "ASTA-20TDI", "count": 2},
        {"value": "ASTA-EV", "count": 2},
    ]
    assert facets["options"] == [
        {"value": "INT-BLACK", "count": 7},
        {"value": "W16", "count": 6},
        {"value": "P-WHITE", "count": 4},
        {"value": "P-RED", "count": 3},
        {"value": "TOW", "count": 2},
        {"value": "HEATPUMP", "count": 1},
        {"value": "SPORT", "count": 1},
        {"value": "W18", "count": 1},
    ]
    assert facets["price"] == [
        {"value": "30000-40000", "count": 5},
        {"value": "40000-50000", "count": 2},
    ]


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"sort": "colour"}, InvalidSearch),
        ({"sort": "distance"}, InvalidSearch),
        ({"limit": 0}, InvalidSearch),
        ({"cursor": "bm9wZQ"}, InvalidCursor),
    ],
    ids=["unknown-sort", "distance-without-point", "limit-zero", "foreign-cursor"],
)
def test_a_search_the_locator_cannot_answer_is_refused(stock, kwargs, error):
    with pytest.raises(error):
        search_vehicles(StockFilters(), **kwargs)


def test_a_cursor_of_another_sort_is_refused(stock):
    cursor = search_vehicles(StockFilters(), limit=1).next_cursor

    with pytest.raises(InvalidCursor):
        search_vehicles(StockFilters(), sort="availability", cursor=cursor)


@pytest.mark.parametrize("rare_below", [1, 1000], ids=["common-option-walk", "rare-option-first"])
def test_an_option_filter_finds_the_same_cars_whether_the_option_is_rare_or_common(
    stock, monkeypatch, rare_below
):
    monkeypatch.setattr("autokauf.inventory.selectors.RARE_OPTION", rare_below)

    assert vins(search_vehicles(StockFilters(options=("TOW", "INT-BLACK")))) == ["02", "03"]
