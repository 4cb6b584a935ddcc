"""The back office of drops (/backoffice/flash_sales/drop/): schedule, watch live, report."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from autokauf.checkout import reserve_vehicle
from autokauf.checkout.tests.conftest import checkout_data, make_buyer, stock_cars
from autokauf.core import clock
from autokauf.core.money import Money
from autokauf.flash_sales import cancel_claim, claim_car, fix_order, pay_claim
from autokauf.flash_sales.models import Drop, DropCar, DropEntry
from autokauf.flash_sales.report import Claims, Peak, drop_report
from autokauf.inventory.models import Vehicle
from autokauf.inventory.tests.conftest import HEADER, places, row, vin  # noqa: F401

from .conftest import END, START, buyers, join_all, schedule

pytestmark = pytest.mark.django_db
DROPS = "/backoffice/flash_sales/drop/"
SCHEDULE = f"{DROPS}schedule/"
TODAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def client_of(role: str) -> Client:
    from autokauf.accounts.models import User

    user = User.objects.create_user(f"{role}.user@example.org", None, role=role)
    client = Client()
    client.force_login(user)
    client.user = user  # type: ignore[attr-defined]
    return client


@pytest.fixture
def sales(db) -> Client:
    return client_of("sales")


def form(**changes: str) -> dict[str, str]:
    """The schedule form as typed, in Europe/Berlin time: start 1 December 2026, 11:00."""
    given = {
        "name": "Asta Winter Drop",
        "price": "19990.00",
        "waiting_room_opens_at": "2026-12-01T10:00",
        "starts_at": "2026-12-01T11:00",
        "ends_at": "2026-12-01T13:00",
        "per_buyer_limit": "1",
        "payment_window_minutes": "10",
        "admissions_per_second": "1000",
        "countries": "",
        "vins": "",
        "configuration_code": "",
        "build_slots": "",
    }
    given.update(changes)
    return given


def post_form(client: Client, **changes: str):
    with clock.frozen(TODAY):
        return client.post(SCHEDULE, form(**changes))


def held_by(vins: list[str]) -> list[int | None]:
    return list(
        Vehicle.objects.filter(vin__in=vins).order_by("vin").values_list("held_by_id", flat=True)
    )


# Scheduling


def test_sales_staff_schedule_a_drop_of_cars_in_stock_from_the_back_office(sales, places):  # noqa: F811
    vins = stock_cars(3)

    answer = post_form(
        sales,
        vins=f"{vins[0]}\n{vins[1].lower()}, {vins[2]}",
        countries="de, at",
        prequalification_required="on",
        per_buyer_limit="2",
        payment_window_minutes="15",
        admissions_per_second="250",
    )

    drop = Drop.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"{DROPS}{drop.pk}/live/"
    assert (drop.name, drop.price, drop.cars_total) == ("Asta Winter Drop", Decimal("19990.00"), 3)
    assert (drop.waiting_room_opens_at, drop.starts_at, drop.ends_at) == (
        datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        datetime(2026, 12, 1, 10, 0, tzinfo=UTC),
        datetime(2026, 12, 1, 12, 0, tzinfo=UTC),
    )
    assert (drop.per_buyer_limit, drop.payment_window_minutes) == (2, 15)
    assert drop.admissions_per_second == 250
    assert (drop.prequalification_required, drop.countries) == (True, ["DE", "AT"])
    assert drop.created_by == sales.user
    assert sorted(DropCar.objects.values_list("vin", flat=True)) == vins
    assert held_by(vins) == [sales.user.pk] * 3


def test_a_drop_of_build_slots_is_scheduled_from_a_saved_configuration(sales, places):  # noqa: F811
    from autokauf.configurator import save_configuration

    saved = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"])

    answer = post_form(sales, configuration_code=saved.code.lower(), build_slots="4")

    drop = Drop.objects.get()
    assert answer.status_code == 302
    assert (drop.configuration_code, drop.cars_total) == (saved.code, 4)
    assert list(DropCar.objects.order_by("slot").values_list("slot", "vin")) == [
        (1, None),
        (2, None),
        (3, None),
        (4, None),
    ]


def test_a_car_that_is_not_free_refuses_the_drop_on_the_form_and_nothing_is_created(
    sales,
    places,  # noqa: F811
):
    vins = stock_cars(2)
    buyer = make_buyer()
    with clock.frozen(TODAY):
        reserve_vehicle(buyer=buyer, vin=vins[1])

    answer = post_form(sales, vins=" ".join(vins))

    assert answer.status_code == 200
    assert f"1 car(s) are not free: {vins[1]}." in answer.content.decode()
    assert Drop.objects.count() == 0
    assert DropCar.objects.count() == 0
    assert held_by(vins) == [None, buyer.pk]


def test_a_drop_price_above_a_cars_own_price_is_refused_naming_the_car(sales, places):  # noqa: F811
    from autokauf.inventory import import_stock_csv

    import_stock_csv(HEADER + row(1) + row(2, discount="2000.00"))

    answer = post_form(sales, price="30000.00", vins=f"{vin(1)}\n{vin(2)}")

    assert answer.status_code == 200
    assert (
        f"The drop price is above the price of 1 car(s): {vin(2)} (28.679,10\xa0€)."
        in answer.content.decode()
    )
    assert Drop.objects.count() == 0
    assert held_by([vin(1), vin(2)]) == [None, None]


def test_a_drop_price_above_the_configurations_own_price_is_refused(sales, places):  # noqa: F811
    from autokauf.configurator import save_configuration

    saved = save_configuration(trim="ASTA-15TSI", options=["INT-BLACK", "P-WHITE", "W16"])

    answer = post_form(sales, price="40000.00", configuration_code=saved.code, build_slots="2")

    assert answer.status_code == 200
    assert (
        f"The drop price is above the price of the configuration {saved.code} (31.059,10\xa0€)."
        in answer.content.decode()
    )
    assert Drop.objects.count() == 0


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        pytest.param(
            {"starts_at": "2026-12-01T14:00"},
            "The waiting room opens before the start, and the start is before the end.",
            id="start after the end",
        ),
        pytest.param(
            {"configuration_code": "FY6GS8QV"},
            "Give either VINs or a saved configuration with a number of build slots.",
            id="VINs and a configuration",
        ),
        pytest.param(
            {"vins": "", "build_slots": "3"},
            "Build slots need a saved configuration and their number.",
            id="slots without a configuration",
        ),
        pytest.param(
            {"countries": "DE, Austria"}, "Not an ISO country code: AUSTRIA.", id="country"
        ),
        pytest.param(
            {"vins": "WNWASTA"}, "Not a VIN (17 characters, no I, O or Q): WNWASTA.", id="vin"
        ),
        pytest.param(
            {"per_buyer_limit": "0"}, "Dieser Wert muss größer oder gleich 1 sein.", id="limit"
        ),
    ],
)
def test_a_bad_form_is_shown_again_with_its_problem_and_nothing_is_created(
    sales,
    places,  # noqa: F811
    changes,
    problem,
):
    vins = stock_cars(1)

    answer = post_form(sales, **{"vins": vins[0], **changes})

    assert answer.status_code == 200
    assert problem in answer.content.decode()
    assert Drop.objects.count() == 0
    assert held_by(vins) == [None]


# Watching it live and its report


def line_of(drop, people) -> list:
    """The buyers in their fixed places (the draw is random)."""
    join_all(drop, people)
    with clock.frozen(START):
        fix_order(drop)
    places_taken = DropEntry.objects.filter(drop=drop).order_by("position")
    return [entry.buyer for entry in places_taken.select_related("buyer")]


def first_wave(drop, line) -> list:
    """The first two in line claim in the same second, the third one second later."""
    with clock.frozen(START):
        claims = [claim_car(drop=drop, buyer=line[0]), claim_car(drop=drop, buyer=line[1])]
    with clock.frozen(START + timedelta(seconds=1)):
        claims.append(claim_car(drop=drop, buyer=line[2]))
    return claims


def pay(buyer, claim, at) -> Any:
    with clock.frozen(at):
        return pay_claim(buyer=buyer, claim_id=claim.pk, data=checkout_data(), language="de")[1]


@pytest.fixture
def sold_drop(drop_of_three):
    """Four buyers for three cars. The first pays; the second lets go and the fourth takes that
    car and pays; the third lets the payment window pass."""
    line = line_of(drop_of_three, buyers(4))
    claims = first_wave(drop_of_three, line)
    with clock.frozen(START + timedelta(minutes=2)):
        cancel_claim(buyer=line[1], claim_id=claims[1].pk)
    with clock.frozen(START + timedelta(minutes=3)):
        claims.append(claim_car(drop=drop_of_three, buyer=line[3]))
    orders = [
        pay(line[0], claims[0], START + timedelta(minutes=5)),
        pay(line[3], claims[3], START + timedelta(minutes=6)),
    ]
    return drop_of_three, claims, orders


def figures_of(page) -> list[tuple[str, str]]:
    html = page.content.decode()
    found = re.findall(r'<dt class="text-sm">([^<]+)</dt><dd[^>]*>([^<]+)</dd>', html)
    return [(label, value) for label, value in found]


def test_the_live_page_shows_joined_admitted_claimed_holding_paid_expired_left_and_rate(
    sales, drop_of_three
):
    line = line_of(drop_of_three, buyers(4))
    first_wave(drop_of_three, line)

    with clock.frozen(START + timedelta(seconds=1)):
        page = sales.get(f"{DROPS}{drop_of_three.pk}/live/")

    assert page.status_code == 200
    assert figures_of(page) == [
        ("Joined", "4"),
        ("Admitted", "4"),  # a second after the start the line has passed everyone
        ("Claimed", "3"),
        ("Holding", "3"),
        ("Paid", "0"),
        ("Expired or cancelled", "0"),
        ("Remaining", "0"),
        ("Claims per second (last 10 s)", "0,3"),
    ]
    polling = f'hx-get="{DROPS}{drop_of_three.pk}/live/figures/" hx-trigger="every 2s"'
    assert polling in page.content.decode()


def test_the_live_figures_refresh_on_their_own_and_stop_once_the_last_window_is_over(
    sales, sold_drop
):
    drop, _, _ = sold_drop
    figures = f"{DROPS}{drop.pk}/live/figures/"

    with clock.frozen(START + timedelta(minutes=7)):
        running = sales.get(figures)
    with clock.frozen(END + timedelta(minutes=10)):
        over = sales.get(figures)

    assert figures_of(running)[4:7] == [
        ("Paid", "2"),
        ("Expired or cancelled", "1"),
        ("Remaining", "0"),
    ]
    assert "hx-get" in running.content.decode()
    assert "hx-get" not in over.content.decode()
    assert "the drop is over" in over.content.decode()


def test_the_live_figures_cost_as_many_queries_with_many_claims_as_with_one(
    sales,
    places,  # noqa: F811
    django_assert_num_queries,
):
    drop = schedule(stock_cars(6))
    line = line_of(drop, buyers(6))
    with clock.frozen(START):
        claim_car(drop=drop, buyer=line[0])
        with CaptureQueriesContext(connection) as with_one:
            sales.get(f"{DROPS}{drop.pk}/live/figures/")
        for buyer in line[1:]:
            claim_car(drop=drop, buyer=buyer)

        with django_assert_num_queries(len(with_one)):
            sales.get(f"{DROPS}{drop.pk}/live/figures/")


def test_the_report_counts_sales_claims_conversion_first_wave_and_peak(sold_drop):
    drop, claims, orders = sold_drop

    with clock.frozen(START + timedelta(minutes=20)):
        report = drop_report(drop)

    assert (report.cars, report.cars_sold, report.buyers_joined) == (3, 2, 4)
    assert report.revenue == Money.of("39980.00")
    assert report.claims == Claims(total=4, paid=2, expired=1, cancelled=1, holding=0)
    assert (report.conversion, report.conversion_percent) == (Decimal("0.5000"), "50.0 %")
    assert report.first_wave_seconds == Decimal("1.000")
    assert report.peak == Peak(2, START)
    assert [(c.order_number, c.car) for c in report.paid_claims] == [
        (orders[0].number, claims[0].vin),
        (orders[1].number, claims[3].vin),
    ]


def test_the_first_wave_is_not_over_while_a_car_was_never_claimed(drop_of_three):
    line = line_of(drop_of_three, buyers(2))
    with clock.frozen(START):
        claim_car(drop=drop_of_three, buyer=line[0])
        claim_car(drop=drop_of_three, buyer=line[1])

    with clock.frozen(START + timedelta(minutes=20)):
        report = drop_report(drop_of_three)

    assert report.first_wave_seconds is None
    assert report.claims == Claims(total=2, paid=0, expired=2, cancelled=0, holding=0)
    assert (report.conversion, report.revenue) == (Decimal("0.0000"), Money.of("0.00"))


def test_a_drop_without_claims_reports_no_conversion_and_no_peak(drop_of_three):
    report = drop_report(drop_of_three)

    assert (report.conversion_percent, report.peak, report.paid_claims) == ("-", Peak(0, None), [])


def test_the_report_page_shows_the_figures_in_euros_and_the_paid_claims(sales, sold_drop):
    drop, claims, orders = sold_drop

    with clock.frozen(START + timedelta(minutes=20)):
        page = sales.get(f"{DROPS}{drop.pk}/report/").content.decode()

    for shown in (
        '<th class="text-left pr-6">Revenue at the drop price</th><td>39.980,00\xa0€</td>',
        '<th class="text-left pr-6">Conversion (paid / claims)</th><td>50.0 %</td>',
        "<td>1,000 s</td>",
        "<td>2 at 11:00:00</td>",
        f'<td class="pr-6">{orders[0].number}</td><td class="pr-6">{claims[0].vin}</td>',
        f'<td class="pr-6">{orders[1].number}</td><td class="pr-6">{claims[3].vin}</td>',
    ):
        assert shown in page


def test_the_report_downloads_as_csv(sales, sold_drop):
    drop, claims, orders = sold_drop

    with clock.frozen(START + timedelta(minutes=20)):
        answer = sales.get(f"{DROPS}{drop.pk}/report.csv")

    assert answer["Content-Type"] == "text/csv; charset=utf-8"
    assert answer["Content-Disposition"] == f'attachment; filename="drop-{drop.pk}-report.csv"'
    assert answer.content.decode().splitlines() == [
        "figure,value",
        "drop,Asta Winter Drop",
        "starts_at,2026-12-01T10:00:00+00:00",
        "price,19990.00",
        "currency,EUR",
        "cars,3",
        "cars_sold,2",
        "revenue,39980.00",
        "buyers_joined,4",
        "claims,4",
        "claims_paid,2",
        "claims_expired,1",
        "claims_cancelled,1",
        "claims_holding,0",
        "conversion,0.5000",
        "first_wave_seconds,1.000",
        "peak_claims_per_second,2",
        "peak_second,2026-12-01T10:00:00+00:00",
        "",
        "order,car,paid_at",
        f"{orders[0].number},{claims[0].vin},2026-12-01T10:05:00+00:00",
        f"{orders[1].number},{claims[3].vin},2026-12-01T10:06:00+00:00",
    ]


# Who may open these pages


def pages_of(drop) -> list[str]:
    return [
        f"{DROPS}",
        SCHEDULE,
        f"{DROPS}{drop.pk}/live/",
        f"{DROPS}{drop.pk}/live/figures/",
        f"{DROPS}{drop.pk}/report/",
        f"{DROPS}{drop.pk}/report.csv",
    ]


@pytest.mark.parametrize("role", ["sales", "admin"])
def test_sales_staff_and_admins_open_every_page_of_the_drops(role, drop_of_three):
    client = client_of(role)

    answers = [client.get(page).status_code for page in pages_of(drop_of_three)]

    assert answers == [200] * 6


@pytest.mark.parametrize("role", ["anonymous", "buyer", "dealer_staff"])
def test_buyers_dealer_staff_and_strangers_are_sent_to_the_login(role, drop_of_three):
    client = Client() if role == "anonymous" else client_of(role)

    answers = [client.get(page) for page in pages_of(drop_of_three)]

    assert [a.status_code for a in answers] == [302] * 6
    assert all(a["Location"].startswith("/backoffice/login/?next=") for a in answers)


def test_a_dealer_staff_member_cannot_schedule_a_drop_and_nothing_is_created(places):  # noqa: F811
    vins = stock_cars(1)
    client = client_of("dealer_staff")

    answer = post_form(client, vins=vins[0])

    assert answer.status_code == 302
    assert Drop.objects.count() == 0
    assert held_by(vins) == [None]


def test_the_list_of_drops_links_to_scheduling_and_to_each_drops_live_page_and_report(
    sales, drop_of_three
):
    page = sales.get(DROPS).content.decode()

    assert f'href="{DROPS}schedule-action/"' in page
    assert f'<a href="{DROPS}{drop_of_three.pk}/live/">live</a>' in page
    assert f'<a href="{DROPS}{drop_of_three.pk}/report/">report</a>' in page


def test_sales_staff_see_a_drop_with_its_cars_but_cannot_change_it(sales, drop_of_three):
    page = sales.get(f"{DROPS}{drop_of_three.pk}/change/")

    assert page.status_code == 200
    html = page.content.decode()
    assert all(vin in html for vin in drop_of_three.cars.values_list("vin", flat=True))
    assert sales.post(f"{DROPS}{drop_of_three.pk}/change/", {"name": "Cheap"}).status_code == 403
    assert Drop.objects.get().name == "Asta Winter Drop"
