"""The rate sheets are kept in memory per revision: a warm offers_for reads only the revision,
and every write to a lender or a rate-sheet row is seen by the next request."""

from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext

from autokauf.core.money import Money
from autokauf.financing import offers_for
from autokauf.financing.models import Lender, RateSheetRow
from autokauf.financing.revision import current_key

PRICE, DOWN = Money.of(Decimal("35700.00")), Money.of(Decimal("3570.00"))


def loan_offers():
    return offers_for(price=PRICE, down_payment=DOWN, term_months=48, product="loan")


def test_a_warm_request_reads_only_the_revision(demo_lenders):
    loan_offers()

    with CaptureQueriesContext(connection) as queries:
        offers = loan_offers()

    assert len(queries) == 1 and "financing_ratesheetrevision" in queries[0]["sql"]
    assert len(offers) == 3


def test_a_changed_row_is_seen_by_the_next_request(demo_lenders):
    before = {o.lender.code: o.nominal_rate for o in loan_offers()}
    rows = RateSheetRow.objects.filter(
        lender__code="isar-kreditbank", product="loan", term_min__lte=48, term_max__gte=48
    )
    for row in rows:
        row.nominal_rate = Decimal("0.99")
        row.save()

    after = {o.lender.code: o.nominal_rate for o in loan_offers()}

    assert after["isar-kreditbank"] == Decimal("0.99") != before["isar-kreditbank"]


def test_a_deleted_lender_makes_no_more_offers(demo_lenders):
    loan_offers()
    Lender.objects.filter(code="hanse-autobank").delete()

    assert "hanse-autobank" not in {o.lender.code for o in loan_offers()}


def test_every_write_gives_a_new_revision_key(demo_lenders):
    first = current_key()
    Lender.objects.filter(code="hanse-autobank").update(name="Hanse Autobank AG")
    second = current_key()

    assert second[0] == first[0] + 1 and second[1] != first[1]
