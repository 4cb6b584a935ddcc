"""The back office of drops (/backoffice/flash_sales/drop/): schedule, watch live, report."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.test import Client

from autokauf.checkout import reserve_vehicle
from autokauf.checkout.tests.conftest import make_buyer, stock_cars
from autokauf.core import clock
from autokauf.flash_sales.models import Drop, DropCar
from autokauf.inventory.models import Vehicle
from autokauf.inventory.tests.conftest import HEADER, places, row, vin  # noqa: F401

pytestmark = pytest.mark.django_db
DROPS = "/backoffice/flash_sales/drop/"
SCHEDULE = f"{DROPS}schedule/"
TODAY = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def client_of(role: str) -> Client:
    from autokauf.accounts.models import User

    user = User.objects.create_user(f"{role}@autokauf.example", None, role=role)
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
