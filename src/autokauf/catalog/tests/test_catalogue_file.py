"""Specs of the catalogue file: import, validation, export (docs/domains/catalog-format.md)."""

from decimal import Decimal

import pytest

from autokauf.catalog import (
    DEMO_CATALOGUE_PATH,
    CatalogueFileInvalid,
    FileProblem,
    export_catalogue,
    import_catalogue,
    load_demo_catalogue_if_empty,
    model_snapshot,
    revision,
)
from autokauf.catalog import models as m

TABLES = (m.Brand, m.CarModel, m.Trim, m.OptionGroup, m.Option, m.Rule)


def table_counts() -> dict[str, int]:
    return {table.__name__: table.objects.count() for table in TABLES}


def wipe_catalogue() -> None:
    for table in reversed(TABLES):
        table.objects.all().delete()


BROKEN_FILE = """\
brands:
- slug: nordwerk
  name: Nordwerk
  models:
  - slug: asta
    name: Asta
    body: limousine
    transfer_cost_net: '890.00'
    groups:
    - {code: PAINT, name: {de: Lackierung, en: Paint}, choice: exactly_one}
    trims:
    - code: ASTA-EV
      name: e-Drive Pro
      fuel: bev
      power_kw: 150
      electric_range_km: 420
      co2_g_km: 0
      net_price: '33529.41'
      defaults: [P-WHITE, P-RED]
    - code: ASTA-15TSI
      name: 1.5 TSI Life
      fuel: petrol
      power_kw: 110
      consumption_l_100km: 6.4
      co2_g_km: 145
      net_price: '25210.08'
      defaults: [P-WHITE]
    options:
    - {code: P-WHITE, kind: paint, name: {de: Weiß, en: White}, price: '0.00', group: PAINT,
       color: '#f4f5f0'}
    - {code: P-RED, kind: paint, name: {de: Rot, en: Red}, price: '12,50', group: PAINT,
       color: red}
    - {code: NAVI, kind: equipment, name: {de: Navi, en: Navigation}, price: '-5.00',
       requires: [MISSING]}
    - {code: NAVI, kind: gadget, name: {de: Navi, en: Navigation}, price: '1200.00'}
    - {code: TOW, kind: equipment, name: {de: Anhängerkupplung, en: Towbar}, price: 890.50,
       only_on: [ASTA-XX]}
"""


def test_the_demo_catalogue_imports_with_every_fuel_and_hundreds_of_options(db):
    report = import_catalogue(DEMO_CATALOGUE_PATH)

    assert (report.brands, report.models, report.trims, report.options) == (3, 9, 25, 511)
    assert table_counts() == {
        "Brand": 3,
        "CarModel": 9,
        "Trim": 25,
        "OptionGroup": 36,
        "Option": 511,
        "Rule": 218,
    }
    fuels = set(m.Trim.objects.values_list("fuel", flat=True))
    assert fuels == {"petrol", "diesel", "phev", "bev"}


def test_the_demo_catalogue_has_the_shapes_buyers_meet(db):
    import_catalogue(DEMO_CATALOGUE_PATH)
    mero = model_snapshot("brennik-mero")

    assert not mero.options["TOW"].offered_on("MERO-15T")
    assert mero.options["TOW"].offered_on("MERO-10T")
    assert mero.package_contents("PKG-SPORT") == ("SPORTSEATS", "SPORTSUSP", "W18S")
    fjell = model_snapshot("halvarsen-fjell")
    assert fjell.options["HEATPUMP"].only_on == frozenset({"FJELL-E"})
    assert ("requires", "P-COPPER", "INT-COGNAC") in {
        (r.kind, r.option, r.target) for r in fjell.rules
    }
    assert ("excludes", "PANO", "ROOFRAILS") in {(r.kind, r.option, r.target) for r in fjell.rules}
    assert fjell.trims["FJELL-PHEV"].co2_discharged_g_km == 150


def test_the_demo_catalogue_is_loaded_only_into_an_empty_catalogue(small_catalogue):
    assert load_demo_catalogue_if_empty() is False
    assert m.CarModel.objects.count() == 1


def test_an_empty_catalogue_gets_the_demo_catalogue(db):
    assert load_demo_catalogue_if_empty() is True
    assert m.CarModel.objects.count() == 9


def test_a_file_with_several_errors_reports_every_one_with_its_place_and_changes_nothing(
    small_catalogue,
):
    before, revision_before = table_counts(), revision.current()

    with pytest.raises(CatalogueFileInvalid) as refused:
        import_catalogue(BROKEN_FILE)

    models_ = "brands[0].models[0]"
    assert refused.value.problems == [
        FileProblem(
            f"{models_}.body", "'limousine' is not one of hatchback, sedan, estate, suv, coupe, van"
        ),
        FileProblem(
            f"{models_}.trims[0].energy_kwh_100km", "is missing: a battery-electric trim needs it"
        ),
        FileProblem(f"{models_}.trims[1].displacement_ccm", "is missing: a petrol trim needs it"),
        FileProblem(f"{models_}.options[1].color", "'red' is not a colour like #1a2b3c"),
        FileProblem(f"{models_}.options[1].price", "'12,50' is not a decimal amount"),
        FileProblem(f"{models_}.options[2].price", "'-5.00' is negative; prices are zero or more"),
        FileProblem(
            f"{models_}.options[3].kind",
            "'gadget' is not one of equipment, paint, wheels, interior, package",
        ),
        FileProblem(
            f"{models_}.options[4].price",
            "890.50 is a YAML number; write prices as quoted decimal strings, e.g. '890.50'",
        ),
        FileProblem(
            f"{models_}.options[3].code",
            f"duplicate option code 'NAVI' (first at {models_}.options[2].code)",
        ),
        FileProblem(f"{models_}.options[2].requires[0]", "unknown option 'MISSING'"),
        FileProblem(f"{models_}.options[4].only_on[0]", "unknown trim 'ASTA-XX'"),
        FileProblem(
            f"{models_}.trims[0].defaults", "group PAINT needs exactly one default option, has 2"
        ),
    ]
    assert refused.value.status == 422
    assert refused.value.extra["problems"][0] == {
        "place": f"{models_}.body",
        "message": "'limousine' is not one of hatchback, sedan, estate, suv, coupe, van",
    }
    assert table_counts() == before
    assert revision.current() == revision_before


def test_a_price_written_as_a_yaml_number_is_refused(small_catalogue):
    text = export_catalogue().replace("price: '1200.00'", "price: 1200.0")

    with pytest.raises(CatalogueFileInvalid) as refused:
        import_catalogue(text)

    [problem] = refused.value.problems
    assert problem.place == "brands[0].models[0].options[4].price"
    assert "write prices as quoted decimal strings" in problem.message
    assert m.Option.objects.get(code="NAVI").net_price == Decimal("1200.00")


def test_text_that_is_not_yaml_is_refused_with_its_line(db):
    with pytest.raises(CatalogueFileInvalid) as refused:
        import_catalogue("brands: [unclosed\n")

    assert refused.value.problems[0].place.startswith("line ")


def test_an_exported_catalogue_imports_to_the_same_catalogue(db):
    import_catalogue(DEMO_CATALOGUE_PATH)
    exported = export_catalogue()
    counts = table_counts()

    wipe_catalogue()
    import_catalogue(exported)

    assert table_counts() == counts
    assert export_catalogue() == exported


def test_importing_the_same_file_again_changes_nothing(db):
    import_catalogue(DEMO_CATALOGUE_PATH)
    revision_before = revision.current()

    report = import_catalogue(DEMO_CATALOGUE_PATH)

    assert not report.changed
    assert revision.current() == revision_before


def test_a_changed_price_is_updated_in_place_and_bumps_the_revision(small_catalogue):
    text = export_catalogue()
    import_catalogue(text)
    navi = m.Option.objects.get(code="NAVI")
    before = model_snapshot("asta")

    report = import_catalogue(text.replace("price: '1200.00'", "price: '1290.00'"))

    assert (report.created, report.updated, report.removed) == (0, 1, 0)
    assert m.Option.objects.get(code="NAVI").pk == navi.pk
    after = model_snapshot("asta")
    assert after.options["NAVI"].net_price == Decimal("1290.00")
    assert after.revision > before.revision


def test_an_option_missing_from_the_file_leaves_the_models_catalogue(small_catalogue):
    text = export_catalogue()
    without_sunroof = text.replace(
        "    - code: SUNROOF\n      kind: equipment\n      name:\n        de: Schiebedach\n"
        "        en: Sunroof\n      price: '1050.00'\n      excludes:\n      - ROOFRAILS\n",
        "",
    )
    assert without_sunroof != text

    import_catalogue(without_sunroof)

    assert not m.Option.objects.filter(code="SUNROOF").exists()
    assert not m.Rule.objects.filter(kind="excludes").exists()
    assert m.Option.objects.count() == 14


def test_a_text_longer_than_its_column_is_reported_not_cut(small_catalogue):
    long_name = "7-Gang-Doppelkupplungsgetriebe, Allradantrieb"
    text = export_catalogue().replace(
        "name: 2.0 TDI Style", f"name: 2.0 TDI Style\n      transmission: {long_name}"
    )

    with pytest.raises(CatalogueFileInvalid) as refused:
        import_catalogue(text)

    assert refused.value.problems == [
        FileProblem(
            "brands[0].models[0].trims[1].transmission", "is 45 characters long, at most 40 fit"
        ),
    ]
