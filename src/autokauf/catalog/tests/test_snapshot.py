from decimal import Decimal

from autokauf.catalog import model_snapshot, snapshot_for_trim
from autokauf.catalog import models as m


def test_the_snapshot_carries_trims_options_groups_and_rules(small_catalogue):
    snapshot = model_snapshot("asta")

    assert list(snapshot.trims) == ["ASTA-15TSI", "ASTA-20TDI", "ASTA-EV"]
    assert snapshot.trims["ASTA-15TSI"].defaults == ("INT-BLACK", "P-WHITE", "W16")
    assert snapshot.groups["PAINT"].options == ("P-GREEN", "P-RED", "P-WHITE")
    assert snapshot.options["TOW"].only_on == frozenset({"ASTA-15TSI", "ASTA-20TDI"})
    assert snapshot.package_contents("SPORT") == ("W18",)
    assert len(snapshot.rules) == 4


def test_a_trim_leads_to_its_models_snapshot(small_catalogue):
    snapshot, trim = snapshot_for_trim("ASTA-EV")

    assert (snapshot.slug, trim) == ("asta", "ASTA-EV")
    assert [o.code for o in snapshot.offered("ASTA-EV") if o.kind == "equipment"] == [
        "HEATPUMP",
        "HUD",
        "NAVI",
        "ROOFRAILS",
        "SUNROOF",
    ]


def test_a_catalogue_change_is_seen_by_the_next_read(small_catalogue):
    before = model_snapshot("asta")

    m.Option.objects.filter(code="NAVI").update(net_price=Decimal("1300"))
    m.Option.objects.get(code="NAVI").save()

    after = model_snapshot("asta")
    assert before.options["NAVI"].net_price == Decimal("1200.00")
    assert after.options["NAVI"].net_price == Decimal("1300.00")
    assert after.revision > before.revision
