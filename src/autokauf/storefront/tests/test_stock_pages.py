"""The stock pages on the Nordwerk Asta of tests/world.py: the locator, one car, cars like a
configuration.

Stock (totals incl. 19 % VAT and transfer costs; defaults = INT-BLACK P-WHITE W16):
    01 ASTA-15TSI defaults                     31,059.10  Berlin
    02 ASTA-15TSI red, towbar                  33,058.30  Berlin
    03 ASTA-20TDI white, towbar                36,118.20  München
    04 ASTA-EV defaults                        40,959.10  Leipzig (tower, bay 1)
    05 ASTA-EV red, heat pump, in transit      43,077.30  München, available 2026-12-20
    06 ASTA-15TSI red, sport package           34,962.30  Leipzig (tower, bay 2)
    07 ASTA-15TSI defaults, reserved           (not listed)
    08 ASTA-20TDI defaults, 1,000.00 off net   33,869.10  München
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import Client

from autokauf.inventory import import_stock_csv
from autokauf.inventory.models import Location
from autokauf.storefront import locator

from .test_pages import euros, page

HEADER = (
    "vin,trim,options,model_year,production_date,status,location,bay,discount_net,"
    "condition,first_registration,mileage_km,available_from\n"
)
DEFAULTS = "INT-BLACK P-WHITE W16"

pytestmark = pytest.mark.django_db


def vin(n: int) -> str:
    return f"WNWASTAZZ1P{n:06d}"


def row(n, *, trim="ASTA-15TSI", options=DEFAULTS, status="in_stock", location="BER", bay="",
        discount="0.00", available="2026-11-01") -> str:  # fmt: skip
    return (
        f"{vin(n)},{trim},{options},2026,2026-09-15,{status},{location},{bay},{discount},"
        f"new,,,{available}\n"
    )


STOCK = (
    row(1)
    + row(2, options="INT-BLACK P-RED W16 TOW")
    + row(3, trim="ASTA-20TDI", options="INT-BLACK P-WHITE W16 TOW", location="MUC")
    + row(4, trim="ASTA-EV", location="LEJ", bay="1")
    + row(
        5,
        trim="ASTA-EV",
        options="HEATPUMP INT-BLACK P-RED W16",
        location="MUC",
        status="in_transit",
        available="2026-12-20",
    )
    + row(6, options="INT-BLACK P-RED SPORT", location="LEJ", bay="2")
    + row(7, status="reserved")
    + row(8, trim="ASTA-20TDI", discount="1000.00", location="MUC")
)


def place(code, name, kind, postcode, city, lat, lon, bays=None) -> Location:
    return Location.objects.create(
        code=code, name=name, kind=kind, street="Hauptstraße 1", postcode=postcode, city=city,
        latitude=Decimal(lat), longitude=Decimal(lon), bays=bays,
    )  # fmt: skip


@pytest.fixture
def stock(small_catalogue):
    place("BER", "Showroom Berlin", "showroom", "10719", "Berlin", "52.503300", "13.331600")
    place("LEJ", "Autoturm Leipzig", "pickup_tower", "04129", "Leipzig", "51.339700",
          "12.373100", bays=3)  # fmt: skip
    place("MUC", "Lager München", "compound", "80807", "München", "48.139100", "11.582300")
    import_stock_csv(HEADER + STOCK)


def listed(html: str) -> list[str]:
    """The cars of a page, in order, by the last two digits of their VIN."""
    return [v[-2:] for v in re.findall(r'data-vin="([A-Z0-9]{17})"', html)]


def more_query(html: str) -> str:
    """The address query of the "more cars" link."""
    return re.search(r'href="/cars/\?([^"]+)"\s+hx-get', html).group(1).replace("&amp;", "&")


def facet(html: str, dimension: str, value: str) -> int:
    found = re.search(rf'data-testid="facet-{dimension}-{re.escape(value)}">(\d+)<', html)
    assert found, (dimension, value)
    return int(found.group(1))


@pytest.mark.parametrize(("language", "heading"), [("de", "7 Autos"), ("en", "7 cars")])
def test_the_locator_lists_every_car_for_sale_cheapest_first_with_its_total_price(
    stock, client, language, heading
):
    html = page(client, "/cars/", language)

    assert listed(html) == ["01", "02", "08", "06", "03", "04", "05"]
    assert heading in html
    for total in ("31059.10", "33058.30", "33869.10", "34962.30", "36118.20", "40959.10"):
        assert euros(total, language) in html
    assert 'href="/cars/WNWASTAZZ1P000001/"' in html


def test_the_site_navigation_links_to_the_cars_in_stock(small_catalogue, client):
    assert 'href="/cars/"' in page(client, "/", "en")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("fuel=diesel", ["08", "03"]),
        ("trim=ASTA-EV&trim=ASTA-20TDI", ["08", "03", "04", "05"]),
        ("paint=P-RED", ["02", "06", "05"]),
        ("options=TOW", ["02", "03"]),
        ("price_min=33000&price_max=36000", ["02", "08", "06"]),
        ("price_min=33000,00", ["02", "08", "06", "03", "04", "05"]),
        ("available_by=2026-12-01", ["01", "02", "08", "06", "03", "04"]),
        ("near=10115&radius_km=50", ["01", "02"]),
        ("near=51.3397,12.3731&radius_km=25", ["06", "04"]),  # the browser's point
        ("sort=availability", ["01", "02", "03", "04", "06", "08", "05"]),
        ("near=04109&sort=distance", ["04", "06", "01", "02", "03", "05", "08"]),
    ],
)
def test_each_filter_shows_exactly_the_matching_cars(stock, client, query, expected):
    assert listed(page(client, f"/cars/?{query}", "en")) == expected


def test_facets_count_the_alternatives_of_a_chosen_filter_and_the_rest_of_the_result(stock, client):
    html = page(client, "/cars/?fuel=diesel", "en")

    assert "2 cars" in html
    assert [facet(html, "fuel", f) for f in ("petrol", "diesel", "bev")] == [3, 2, 2]
    assert facet(html, "trim", "ASTA-20TDI") == 2
    assert facet(html, "options", "TOW") == 1
    assert facet(html, "paint", "P-WHITE") == 2
    assert 'name="fuel" value="diesel" checked' in html


def test_a_car_near_the_buyer_shows_its_distance(stock, client):
    html = page(client, "/cars/?near=10719&sort=distance&radius_km=25", "en")

    assert listed(html) == ["01", "02"]
    assert html.count('data-testid="distance">1 km<') == 2  # 0.635 km
    assert 'href="/cars/WNWASTAZZ1P000001/?near=10719"' in html


def test_more_cars_follow_a_cursor_that_stays_stable_while_stock_changes(
    stock, client, monkeypatch
):
    monkeypatch.setattr(locator, "PAGE_SIZE", 3)
    first = page(client, "/cars/?fuel=petrol&fuel=bev&fuel=diesel", "en")
    more = more_query(first)
    import_stock_csv(HEADER + row(9, location="MUC"))  # a new car at the front of the list

    second = page(client, f"/cars/?{more}", "en")
    third_part = more_query(second)
    last = page(client, f"/cars/?{third_part}&part=more", "en", HTTP_HX_REQUEST="true")

    assert listed(first) == ["01", "02", "08"]
    assert listed(second) == ["06", "03", "04"]
    assert listed(last) == ["05"]
    assert "<html" not in last and 'data-testid="more"' not in last


def test_htmx_gets_only_the_locator_when_a_filter_changes(stock, client):
    html = page(client, "/cars/?fuel=bev", "en", HTTP_HX_REQUEST="true", HTTP_HX_TARGET="locator")

    assert html.lstrip().startswith('<div id="locator"')
    assert listed(html) == ["04", "05"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("price_min=cheap", "The lowest price is not an amount."),
        ("price_min=40000&price_max=30000", "The lowest price is above the highest price."),
        ("sort=colour", "Choose one of the offered sort orders."),
        ("sort=distance", "Enter a postcode or use your location to sort by distance."),
        ("radius_km=37&near=10115", "Choose one of the offered distances."),
        ("available_by=soon", "The availability date is not a date (YYYY-MM-DD)."),
        ("near=00000", "We do not know the postcode “00000”."),
        ("near=the+moon", "Enter a German postcode (5 digits) or a point “latitude,longitude”."),
        ("cursor=garbage", "This list has changed; here it is again from the start."),
        ("brand=%3Cscript%3E", "“&lt;script&gt;” is not a value of this filter."),
    ],
)
def test_a_bad_filter_value_is_a_message_on_the_form_never_an_error_page(
    stock, client, query, message
):
    html = page(client, f"/cars/?{query}", "en")

    assert 'data-testid="form-errors"' in html
    assert message in html


def test_a_bad_filter_value_is_told_in_german_too(stock, client):
    html = page(client, "/cars/?price_min=billig", "de")

    assert "Der niedrigste Preis ist kein Betrag." in html
    assert listed(html) == ["01", "02", "08", "06", "03", "04", "05"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_vehicle_page_shows_the_quote_with_its_discount_and_the_exact_total(
    stock, client, language
):
    """List net 29,461.43 minus 1,000.00 = 28,461.43; VAT 19 % 5,407.67; total 33,869.10."""
    html = page(client, f"/cars/{vin(8)}/", language)

    assert f'data-testid="net">{euros("28461.43", language)}<' in html
    assert f'data-testid="vat">{euros("5407.67", language)}<' in html
    assert f'data-testid="total">{euros("33869.10", language)}<' in html
    assert euros("29461.43", language) in html  # the list price, net
    assert "2.0 TDI Style" in html and euros("890.00", language) in html
    assert 'data-testid="co2">128 g/km<' in html
    assert 'fill="#f4f5f0"' in html  # the car in glacier white
    assert "Lager München" in html and "80807" in html


def test_the_vehicle_page_posts_the_reservation_with_csrf(stock):
    client = Client(enforce_csrf_checks=True)
    html = page(client, f"/cars/{vin(1)}/", "en")

    form = re.search(
        r'<form method="post" action="([^"]+)" class="reserve-form">(.*?)</form>', html, re.S
    )
    assert form.group(1) == f"/checkout/reserve/{vin(1)}/"
    assert 'name="csrfmiddlewaretoken"' in form.group(2)


def test_the_vehicle_page_shows_the_distance_from_the_buyers_postcode(stock, client):
    html = page(client, f"/cars/{vin(1)}/?near=10719", "en")
    far = page(client, f"/cars/{vin(8)}/?near=10719", "en")

    assert 'data-testid="distance">1 km from you<' in html  # 0.635 km
    assert 'data-testid="distance">500 km from you<' in far  # 500.297 km


def test_a_postcode_the_vehicle_page_does_not_know_is_a_message(stock, client):
    html = page(client, f"/cars/{vin(1)}/?near=00000", "en")

    assert "Enter a German postcode (5 digits)" in html
    assert 'data-testid="distance"' not in html


def test_the_vehicle_page_shows_the_lowest_monthly_rate(stock, client):
    from autokauf.financing import load_demo_lenders_if_empty

    load_demo_lenders_if_empty()

    html = page(client, f"/cars/{vin(1)}/", "en")

    assert f'data-testid="monthly-rate">{euros("637.30", "en")}<' in html


@pytest.mark.parametrize("number", [7, 99])
def test_a_reserved_or_unknown_car_is_not_found(stock, client, number):
    assert client.get(f"/cars/{vin(number)}/").status_code == 404
    assert client.get("/cars/NOT-A-VIN/").status_code == 404


def test_cars_like_the_configuration_come_same_trim_first_then_fewest_differences(stock, client):
    """15TSI defaults: 01 is exact, 02 differs by 3 (red, towbar; no white), 06 by 5; of the
    other trims 08 and 04 have no option difference, 08 is cheaper."""
    html = page(client, "/configure/ASTA-15TSI/summary?o=INT-BLACK&o=P-WHITE&o=W16", "en")
    section = html[html.index('id="cars-like"') :]

    assert listed(section) == ["01", "02", "06", "08", "04"]
    assert "Exactly your configuration" in section
    assert "also has Towbar" in section and "without Glacier white" in section
    assert "also has 18-inch sport wheels" in section


def test_among_equally_close_cars_the_nearest_comes_first(stock, client):
    import_stock_csv(HEADER + row(9, location="MUC"))
    url = "/configure/ASTA-15TSI/summary?o=INT-BLACK&o=P-WHITE&o=W16"

    anywhere = page(client, url, "de")
    near_munich = page(client, f"{url}&near=80807", "de")

    assert listed(anywhere[anywhere.index('id="cars-like"') :])[:2] == ["01", "09"]
    assert listed(near_munich[near_munich.index('id="cars-like"') :])[:2] == ["09", "01"]
    assert "auch mit" not in anywhere[anywhere.index('id="cars-like"') :].split("<li")[1]


def test_a_car_someone_holds_shows_as_reserved_without_the_reserve_button(stock, client):
    from datetime import timedelta

    from autokauf.core import clock
    from autokauf.inventory.models import Vehicle

    Vehicle.objects.filter(vin=vin(1)).update(held_until=clock.now() + timedelta(minutes=15))

    html = page(client, f"/cars/{vin(1)}/", "en")

    assert 'data-testid="not-available">Reserved: another buyer' in html
    assert 'data-action="reserve"' not in html
    assert f'data-testid="total">{euros("31059.10", "en")}<' in html


def test_a_hold_that_has_run_out_leaves_the_car_reservable(stock, client):
    from datetime import timedelta

    from autokauf.core import clock
    from autokauf.inventory.models import Vehicle

    Vehicle.objects.filter(vin=vin(1)).update(held_until=clock.now() - timedelta(seconds=1))

    html = page(client, f"/cars/{vin(1)}/", "en")

    assert 'data-action="reserve"' in html
    assert "not-available" not in html


def test_a_car_on_its_way_cannot_be_reserved_yet(stock, client):
    html = page(client, f"/cars/{vin(5)}/", "en")

    assert 'data-testid="not-available">Not available yet' in html
    assert 'data-action="reserve"' not in html


def test_the_locator_filters_by_monthly_rate_and_counts_rate_bands(stock, client):
    """Rates (demo lenders, 10 % down, 48 months): 01 637.30, 02 678.33, 03 741.11, 04 840.44,
    06 717.39, 08 694.96 (05 is 883.91 but in transit, listed too)."""
    from autokauf.core import outbox
    from autokauf.financing import announce_rates_changed, load_demo_lenders_if_empty

    with transaction.atomic():
        load_demo_lenders_if_empty()
        announce_rates_changed()
    outbox.deliver_pending()

    html = page(client, "/cars/?rate_min=690&rate_max=720", "en")
    every = page(client, "/cars/", "en")

    assert listed(html) == ["08", "06"]
    assert 'id="rate-min" name="rate_min" inputmode="decimal" value="690"' in html
    assert 'data-testid="facet-rate-600-800">5<' in every
    assert 'data-testid="facet-rate-800-1000">2<' in every
    assert "rate_min=800&amp;rate_max=999.99" in every


def test_each_listed_car_shows_its_monthly_rate_with_one_representative_example(stock, client):
    from autokauf.core import outbox
    from autokauf.financing import announce_rates_changed, load_demo_lenders_if_empty

    with transaction.atomic():
        load_demo_lenders_if_empty()
        announce_rates_changed()
    outbox.deliver_pending()

    english = page(client, "/cars/?rate_min=690&rate_max=720", "en")
    german = page(client, "/cars/?rate_min=690&rate_max=720", "de")

    assert listed(english) == ["08", "06"]
    assert f'data-testid="card-rate">{euros("694.96", "en")}<' in english
    assert f'data-testid="card-rate">{euros("717.39", "en")}<' in english
    assert english.count('data-testid="representative-example"') == 1
    assert "694.96" in english.split('data-testid="representative-example"')[1]
    assert f'oder ab <strong data-testid="card-rate">{euros("694.96", "de")}</strong>' in german


def test_without_lenders_no_rate_and_no_example_is_shown(stock, client):
    html = page(client, "/cars/", "en")

    assert 'data-testid="card-rate"' not in html
    assert 'data-testid="representative-example"' not in html


def test_a_lowest_rate_above_the_highest_is_explained(stock, client):
    html = page(client, "/cars/?rate_min=800&rate_max=600", "en")

    assert "The lowest monthly rate is above the highest monthly rate." in html
    assert len(listed(html)) == 7
