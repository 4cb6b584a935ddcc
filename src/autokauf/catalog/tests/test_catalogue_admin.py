"""Specs of the catalogue back office (/backoffice/)."""

from decimal import Decimal

import pytest
import yaml
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autokauf.accounts.models import User
from autokauf.catalog import DEMO_CATALOGUE_PATH, import_catalogue
from autokauf.catalog import models as m


@pytest.fixture
def staff_client(client, db):
    user = User.objects.create_superuser("sales@autokauf.example", "a-long-passphrase")
    client.force_login(user)
    client.user = user
    return client


PAGES = [
    ("brand", m.Brand, {"slug": "nordwerk"}),
    ("carmodel", m.CarModel, {"slug": "asta"}),
    ("trim", m.Trim, {"code": "ASTA-EV"}),
    ("optiongroup", m.OptionGroup, {"code": "PAINT"}),
    ("option", m.Option, {"code": "SPORT"}),
    ("rule", m.Rule, {"kind": "includes"}),
]


@pytest.mark.parametrize(("name", "table", "lookup"), PAGES, ids=[p[0] for p in PAGES])
def test_the_list_and_the_form_of_each_catalogue_table_render(
    staff_client, small_catalogue, name, table, lookup
):
    row = table.objects.get(**lookup)

    listing = staff_client.get(f"/backoffice/catalog/{name}/")
    form = staff_client.get(f"/backoffice/catalog/{name}/{row.pk}/change/")

    assert (listing.status_code, form.status_code) == (200, 200)


@pytest.mark.parametrize("name", ["trim", "option", "rule", "carmodel"])
def test_a_list_costs_the_same_queries_for_the_whole_demo_catalogue(
    staff_client, small_catalogue, name
):
    with CaptureQueriesContext(connection) as small:
        staff_client.get(f"/backoffice/catalog/{name}/")
    import_catalogue(DEMO_CATALOGUE_PATH)

    with CaptureQueriesContext(connection) as big:
        staff_client.get(f"/backoffice/catalog/{name}/")

    assert len(big) == len(small)


def test_changing_a_price_in_the_back_office_is_logged_with_who_did_it(
    staff_client, small_catalogue
):
    navi = m.Option.objects.get(code="NAVI")
    form = {
        "model": navi.model_id,
        "code": "NAVI",
        "kind": "equipment",
        "name_de": navi.name_de,
        "name_en": navi.name_en,
        "net_price": "1290.00",
        "group": "",
        "color_hex": "",
        "lead_weeks": "0",
        "position": "0",
        "rules-TOTAL_FORMS": "0",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
    }

    response = staff_client.post(f"/backoffice/catalog/option/{navi.pk}/change/", form)

    assert response.status_code == 302
    assert m.Option.objects.get(pk=navi.pk).net_price == Decimal("1290.00")
    entry = LogEntry.objects.get_for_object(navi).get(action=LogEntry.Action.UPDATE)
    assert entry.actor == staff_client.user
    assert entry.changes_dict["net_price"] == ["1200.00", "1290.00"]


def test_the_back_office_downloads_the_whole_catalogue_file(staff_client, small_catalogue):
    response = staff_client.get("/backoffice/catalog/carmodel/export-catalogue-file/")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/yaml"
    document = yaml.safe_load(response.content)
    assert [model["slug"] for model in document["brands"][0]["models"]] == ["asta"]


def test_a_buyer_cannot_download_the_catalogue_file(client, small_catalogue):
    buyer = User.objects.create_user("buyer@example.org", "a-long-passphrase")
    client.force_login(buyer)

    response = client.get("/backoffice/catalog/carmodel/export-catalogue-file/")

    assert response.status_code == 302
    assert response["Location"].startswith("/backoffice/login/")


@pytest.mark.parametrize(
    "page", ["option/import/", "option/export/", "trim/import/", "trim/export/"]
)
def test_the_spreadsheet_import_and_export_pages_render(staff_client, small_catalogue, page):
    assert staff_client.get(f"/backoffice/catalog/{page}").status_code == 200
