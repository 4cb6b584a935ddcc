"""Stock import and export by command."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from autokauf.inventory.models import Vehicle

from .conftest import HEADER, row


def test_the_import_command_imports_a_good_file_and_the_export_command_writes_it_back(
    places, tmp_path
):
    source = tmp_path / "stock.csv"
    source.write_text(HEADER + row(1) + row(2, status="in_transit", available="2026-12-01"))
    out = StringIO()

    call_command("import_stock", str(source), stdout=out)
    exported = StringIO()
    call_command("export_stock", "--status", "in_transit", stdout=exported)

    assert out.getvalue() == "2 vehicles imported.\n"
    assert exported.getvalue() == HEADER + row(2, status="in_transit", available="2026-12-01")


def test_the_import_command_lists_every_bad_row_and_imports_nothing(places, tmp_path):
    source = tmp_path / "stock.csv"
    source.write_text(HEADER + row(1) + row(2, trim="NOPE") + row(3, location="NOWHERE"))
    err = StringIO()

    with pytest.raises(
        CommandError, match=r"2 problems in 2 lines of the stock file; nothing was imported\."
    ):
        call_command("import_stock", str(source), stderr=err)

    assert err.getvalue() == (
        "line 3, trim: there is no trim 'NOPE'\nline 4, location: there is no location 'NOWHERE'\n"
    )
    assert Vehicle.objects.count() == 0
