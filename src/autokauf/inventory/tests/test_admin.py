"""The back office: a stock list without a query per row, bulk status moves, CSV export."""

import pytest
from django.test import Client

from autokauf.inventory.models import Vehicle, VehicleEvent
from autokauf.inventory.stock_file import import_stock_csv

from .conftest import HEADER, row, vin

CHANGELIST = "/backoffice/inventory/vehicle/"


@pytest.fixture
def staff(django_user_model):
    user = django_user_model.objects.create_superuser(
        email="lager@autokauf.example", password="pw-123-xyz"
    )
    client = Client()
    client.force_login(user)
    return client


def test_the_stock_list_costs_the_same_queries_for_3_cars_as_for_30(
    places, staff, django_assert_max_num_queries
):
    import_stock_csv(HEADER + "".join(row(n) for n in range(1, 4)))
    staff.get(CHANGELIST)
    with django_assert_max_num_queries(12) as few:
        assert staff.get(CHANGELIST).status_code == 200
    import_stock_csv(HEADER + "".join(row(n) for n in range(4, 31)))

    with django_assert_max_num_queries(len(few.captured_queries)):
        assert staff.get(CHANGELIST).status_code == 200


def test_a_bulk_move_moves_the_legal_ones_and_reports_the_refused(places, staff):
    import_stock_csv(HEADER + row(1) + row(2) + row(3, status="in_transit", available="2026-12-01"))
    ids = list(Vehicle.objects.order_by("vin").values_list("pk", flat=True))

    response = staff.post(
        CHANGELIST, {"action": "move_to_reserved", "_selected_action": ids}, follow=True
    )

    assert dict(Vehicle.objects.values_list("vin", "status")) == {
        vin(1): "reserved",
        vin(2): "reserved",
        vin(3): "in_transit",
    }
    text = response.content.decode()
    assert "2 vehicle(s) now reserved." in text
    assert f"{vin(3)}: A vehicle that is in transit cannot become reserved" in text
    assert (
        VehicleEvent.objects.filter(
            to_status="reserved", actor__email="lager@autokauf.example"
        ).count()
        == 2
    )


def test_the_filtered_list_exports_as_a_stock_csv(places, staff):
    import_stock_csv(HEADER + row(1) + row(2, status="in_transit", available="2026-12-01"))

    response = staff.get(CHANGELIST + "export-csv/?status__exact=in_transit")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode() == HEADER + row(2, status="in_transit", available="2026-12-01")


def test_an_uploaded_bad_file_shows_every_problem_and_imports_nothing(places, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("stock.csv", (HEADER + row(1) + row(2, trim="NOPE")).encode())

    response = staff.post(CHANGELIST + "import-csv/", {"file": upload})

    assert response.status_code == 200
    assert "line 3, trim: there is no trim &#x27;NOPE&#x27;" in response.content.decode()
    assert Vehicle.objects.count() == 0


def test_an_uploaded_good_file_is_imported(places, staff):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("stock.csv", (HEADER + row(1) + row(2)).encode())

    response = staff.post(CHANGELIST + "import-csv/", {"file": upload}, follow=True)

    assert "2 vehicles imported." in response.content.decode()
    assert Vehicle.objects.count() == 2
