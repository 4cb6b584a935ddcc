"""Offers of every lender that would lend, best first; the "from x € a month" rate."""

from decimal import Decimal

import pytest

from autokauf.core.money import Money
from autokauf.financing import cheapest_monthly_rate, load_demo_lenders_if_empty, offers_for
from autokauf.financing.models import Lender, RateSheetRow

pytestmark = pytest.mark.django_db


def eur(amount: str) -> Money:
    return Money(Decimal(amount))


def test_the_demo_lenders_are_loaded_once():
    assert load_demo_lenders_if_empty() is True
    rows = RateSheetRow.objects.count()

    assert load_demo_lenders_if_empty() is False
    assert Lender.objects.count() == 3
    assert RateSheetRow.objects.count() == rows


def test_every_lender_that_would_lend_answers_best_apr_first(demo_lenders):
    offers = offers_for(
        price=eur("35700.00"), down_payment=eur("3570.00"), term_months=48, product="loan"
    )

    assert [(o.lender.code, o.nominal_rate, o.apr) for o in offers] == [
        ("rhein-mobilbank", Decimal("4.49"), Decimal("4.83")),  # 149.00 € fee
        ("hanse-autobank", Decimal("4.99"), Decimal("5.11")),
        ("isar-kreditbank", Decimal("5.29"), Decimal("5.42")),
    ]
    assert offers[1].monthly_payment == eur("739.79")


def test_a_lender_whose_limits_do_not_allow_the_request_makes_no_offer(demo_lenders):
    """Isar Kreditbank wants 10 % down and lends at most 80,000 €."""
    little_down = offers_for(
        price=eur("35700.00"), down_payment=eur("1000.00"), term_months=48, product="loan"
    )
    too_much = offers_for(
        price=eur("95000.00"), down_payment=eur("9500.00"), term_months=48, product="loan"
    )

    assert "isar-kreditbank" not in {o.lender.code for o in little_down}
    assert {o.lender.code for o in too_much} == {"hanse-autobank", "rhein-mobilbank"}


def test_an_inactive_lender_makes_no_offer(demo_lenders):
    Lender.objects.filter(code="rhein-mobilbank").update(active=False)

    offers = offers_for(
        price=eur("35700.00"), down_payment=eur("3570.00"), term_months=48, product="loan"
    )

    assert [o.lender.code for o in offers] == ["hanse-autobank", "isar-kreditbank"]


def test_a_balloon_above_a_lenders_limit_leaves_only_the_lenders_that_allow_it(demo_lenders):
    offers = offers_for(
        price=eur("40000.00"),
        down_payment=eur("4000.00"),
        term_months=36,
        product="balloon",
        balloon=eur("19000.00"),  # 47.5 % of the price
    )

    assert [o.lender.code for o in offers] == ["rhein-mobilbank"]
    assert offers[0].final_payment == eur("19000.00")


def test_leasing_offers_use_the_residual_value_for_term_and_mileage(demo_lenders):
    offers = offers_for(
        price=eur("40000.00"),
        down_payment=eur("3000.00"),
        term_months=36,
        product="lease",
        yearly_km=20000,
    )

    # Isar Kreditbank wants 10 % down; 3,000 € is 7.5 %.
    assert [o.lender.code for o in offers] == ["hanse-autobank", "rhein-mobilbank"]
    assert offers[0].schedule[-1].balance == eur("20800.00")  # 52 % (54 - 2 for 20,000 km)
    assert offers[0].excess_km_rate == Decimal("0.0800")


def test_the_cheapest_monthly_rate_is_a_48_month_loan_at_ten_percent_down(demo_lenders):
    offer = cheapest_monthly_rate(eur("35700.00"))

    assert offer is not None
    assert (offer.lender.code, offer.term_months, offer.down_payment) == (
        "rhein-mobilbank",
        48,
        eur("3570.00"),
    )
    assert offer.monthly_payment == eur("732.53")
    assert "Rhein Mobilbank GmbH" in offer.representative_example("de")


def test_without_lenders_there_is_no_monthly_rate(db):
    assert cheapest_monthly_rate(eur("35700.00")) is None
