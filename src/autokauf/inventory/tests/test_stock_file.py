"""The stock CSV: a good file is imported whole, a bad one reports every row and writes nothing."""

from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from autokauf.inventory import StockFileInvalid, export_stock_csv, import_stock_csv
from autokauf.inventory.models import Vehicle, VehicleEvent, VehicleOption

from .conftest import HEADER, row, vin


def test_a_good_file_imports_every_car_with_its_quote_total_and_searchable_options(places):
    text = (
        HEADER
        + row(1)
        + row(2, options="INT-BLACK P-RED SPORT", discount="1000.00")
        + row(3, trim="ASTA-EV", options="HEATPUMP INT-BLACK P-WHITE W16", location="LEJ", bay="1")
    )

    report = import_stock_csv(text)

    assert report.created == 3
    prices = dict(Vehicle.objects.values_list("vin", "price_total"))
    # 25,210.08 + 890.00 transfer = 26,100.08 net; VAT 4,959.02; total 31,059.10
    assert prices[vin(1)] == Decimal("31059.10")
    # + P-RED 790 + SPORT 2,490 (brings W18) - 1,000 discount = 28,380.08 net; VAT 5,392.22
    assert prices[vin(2)] == Decimal("33772.30")
    # 33,529.41 + 990 + 890 = 35,409.41 net; VAT 6,727.79
    assert prices[vin(3)] == Decimal("42137.20")
    sport = Vehicle.objects.get(vin=vin(2))
    assert (sport.options, sport.paint_code) == (["INT-BLACK", "P-RED", "SPORT"], "P-RED")
    assert sorted(VehicleOption.objects.filter(vehicle=sport).values_list("code", flat=True)) == [
        "INT-BLACK",
        "P-RED",
        "SPORT",
        "W18",
    ]
    assert (sport.brand_slug, sport.model_slug, sport.fuel) == ("nordwerk", "asta", "petrol")
    assert VehicleEvent.objects.filter(to_status="in_stock", reason="import").count() == 3


def test_a_bad_file_reports_every_bad_row_with_line_and_reason_and_imports_nothing(places):
    import_stock_csv(HEADER + row(50, location="LEJ", bay="3"))
    text = (
        HEADER
        + row(1)  # line 2: good
        + row(2).replace(vin(2), "WNWASTAZZ1P00000I")  # line 3: bad VIN
        + row(3, trim="ASTA-99")  # line 4: unknown trim
        + row(4, options="INT-BLACK P-GREEN W16")  # line 5: green needs cognac
        + row(5, location="HAM")  # line 6: unknown location
        + row(1)  # line 7: VIN twice in file
        + row(50)  # line 8: VIN already in stock
        + row(6, available="2026-13-01", produced="yesterday")  # line 9: bad dates
        + row(7, location="LEJ", bay="3")  # line 10: bay taken
        + row(8, location="LEJ", bay="4")  # line 11: tower has 3 bays
        + row(9, condition="demonstrator")  # line 12: no registration
        + row(10, status="lost", discount="-5")
    )  # line 13: status, discount

    with pytest.raises(StockFileInvalid) as refused:
        import_stock_csv(text)

    assert [(p.line, p.column) for p in refused.value.problems] == [
        (3, "vin"),
        (4, "trim"),
        (5, "options"),
        (6, "location"),
        (7, "vin"),
        (8, "vin"),
        (9, "available_from"),
        (9, "production_date"),
        (10, "bay"),
        (11, "bay"),
        (12, "condition"),
        (13, "status"),
        (13, "discount_net"),
    ]
    messages = [str(p) for p in refused.value.problems]
    assert messages[0].startswith(
        "line 3, vin: 'WNWASTAZZ1P00000I' has characters a VIN never contains: I"
    )
    assert messages[1] == "line 4, trim: there is no trim 'ASTA-99'"
    assert messages[2].startswith("line 5, options: not a valid configuration of ASTA-15TSI: ")
    assert messages[4] == f"line 7, vin: {vin(1)} is already on line 2 of this file"
    assert messages[5] == f"line 8, vin: {vin(50)} is already in stock"
    assert messages[8] == "line 10, bay: bay 3 of 'LEJ' is already taken"
    assert messages[9] == "line 11, bay: '4' is not a whole number from 1 to 3"
    assert (
        refused.value.detail == "13 problems in 11 lines of the stock file; nothing was imported."
    )
    assert list(Vehicle.objects.values_list("vin", flat=True)) == [vin(50)]


def test_a_file_without_a_required_column_is_refused_at_its_header(places):
    with pytest.raises(StockFileInvalid) as refused:
        import_stock_csv("vin,trim,model_year,status\n" + f"{vin(1)},ASTA-EV,2026,in_stock\n")

    assert [str(p) for p in refused.value.problems] == [
        "line 1, available_from: required column is missing"
    ]


def test_a_car_in_a_tower_needs_a_bay_and_a_showroom_has_none(places):
    with pytest.raises(StockFileInvalid) as refused:
        import_stock_csv(HEADER + row(1, location="LEJ") + row(2, location="BER", bay="1"))

    assert [str(p) for p in refused.value.problems] == [
        "line 2, bay: a car in the pickup tower 'LEJ' needs a bay (1 to 3)",
        "line 3, bay: 'BER' is not a pickup tower and has no bays",
    ]


def test_two_cars_in_one_file_cannot_share_a_tower_bay(places):
    with pytest.raises(StockFileInvalid) as refused:
        import_stock_csv(HEADER + row(1, location="LEJ", bay="2") + row(2, location="LEJ", bay="2"))

    assert [str(p) for p in refused.value.problems] == [
        "line 3, bay: bay 2 of 'LEJ' is already taken"
    ]
    assert Vehicle.objects.count() == 0


def test_the_database_itself_refuses_a_second_car_in_an_occupied_bay(places):
    import_stock_csv(HEADER + row(1, location="LEJ", bay="2") + row(2))

    with pytest.raises(IntegrityError), transaction.atomic():
        Vehicle.objects.filter(vin=vin(2)).update(location=places["LEJ"], bay=2)

    assert Vehicle.objects.get(vin=vin(2)).bay is None


def test_the_export_reads_back_as_the_same_stock(places):
    text = (
        HEADER
        + row(1, location="LEJ", bay="1")
        + row(
            2,
            options="INT-BLACK P-RED SPORT",
            discount="1500.00",
            condition="demonstrator",
            first_reg="2026-03-02",
            mileage="4200",
        )
    )
    import_stock_csv(text)

    exported = export_stock_csv()
    Vehicle.objects.all().delete()
    import_stock_csv(exported)

    assert exported == text
    assert export_stock_csv() == text


def test_repricing_takes_a_new_catalogue_price_into_the_stored_totals(places):
    from autokauf.catalog import models as catalog_models
    from autokauf.inventory import reprice_vehicles

    import_stock_csv(HEADER + row(1) + row(2, options="INT-BLACK P-RED W16 TOW", discount="500.00"))
    catalog_models.Option.objects.filter(code="TOW").update(net_price=Decimal("990.00"))
    catalog_models.Revision.objects.update(number=999)

    assert reprice_vehicles() == 1
    # 25,210.08 + 890 transfer + 790 + 990 - 500 = 27,380.08 net; VAT 5,202.22
    assert dict(Vehicle.objects.values_list("vin", "price_total")) == {
        vin(1): Decimal("31059.10"),
        vin(2): Decimal("32582.30"),
    }
