"""The APR by the EU method (2008/48/EC Annex I, PAngV § 16)."""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autokauf.core.money import Money
from autokauf.financing import Flow, InvalidFlows, apr_of, flows_on_dates, years_between
from autokauf.financing.offer import LenderRef
from autokauf.financing.rules import Conditions, Request, offer_for

LENDER = LenderRef("x", "Lender", "Street 1, 10115 Berlin")


def test_one_repayment_after_546_days_gives_12_96_percent():
    flows = [Flow(Decimal("1000"), Fraction(0)), Flow(Decimal("-1200"), Fraction(546, 365))]

    assert apr_of(flows) == Decimal("12.96")


def test_two_repayments_after_one_and_two_years_give_13_07_percent():
    flows = [
        Flow(Decimal("1000"), Fraction(0)),
        Flow(Decimal("-600"), Fraction(1)),
        Flow(Decimal("-600"), Fraction(2)),
    ]

    assert apr_of(flows) == Decimal("13.07")


def test_dated_flows_count_whole_months_and_the_odd_days():
    assert years_between(date(2025, 1, 15), date(2026, 7, 15)) == Fraction(18, 12)
    assert years_between(date(2025, 1, 15), date(2025, 3, 20)) == Fraction(2, 12) + Fraction(5, 365)
    assert years_between(date(2023, 12, 1), date(2024, 1, 11)) == Fraction(1, 12) + Fraction(
        10, 366
    )
    assert years_between(date(2025, 1, 31), date(2025, 2, 28)) == Fraction(1, 12)


def test_dated_flows_give_the_same_apr_as_the_public_example():
    flows = flows_on_dates(
        [
            (Decimal("1000"), date(2025, 3, 1)),
            (Decimal("-600"), date(2026, 3, 1)),
            (Decimal("-600"), date(2027, 3, 1)),
        ]
    )

    assert apr_of(flows) == Decimal("13.07")


def test_odd_days_after_whole_months_count_over_365():
    """546 days from 1 March 2025 are 17 months and 28 days: 17/12 + 28/365 years, a shorter time
    than 546/365, hence a higher APR than the days-only example."""
    flows = flows_on_dates(
        [(Decimal("1000"), date(2025, 3, 1)), (Decimal("-1200"), date(2026, 8, 29))]
    )

    assert flows[1].years == Fraction(17, 12) + Fraction(28, 365)
    assert apr_of(flows) == Decimal("12.99")


def test_a_fee_at_the_start_reduces_the_drawdown():
    without = [Flow(Decimal("1000"), Fraction(0)), Flow(Decimal("-1100"), Fraction(1))]
    with_fee = [*without, Flow(Decimal("-50"), Fraction(0))]

    assert apr_of(without) == Decimal("10.00")
    assert apr_of(with_fee) == Decimal("15.79")


@pytest.mark.parametrize(
    "flows",
    [
        pytest.param([Flow(Decimal("1000"), Fraction(0))], id="one-flow"),
        pytest.param(
            [Flow(Decimal("1000"), Fraction(0)), Flow(Decimal("1000"), Fraction(1))],
            id="no-repayment",
        ),
        pytest.param(
            [Flow(Decimal("1000"), Fraction(0)), Flow(Decimal("-1000"), Fraction(-1))],
            id="negative-time",
        ),
    ],
)
def test_flows_without_an_apr_are_refused(flows):
    with pytest.raises(InvalidFlows):
        apr_of(flows)


rates = st.decimals(min_value=Decimal("0.10"), max_value=Decimal("19.90"), places=2)


@given(rate=rates, months=st.integers(min_value=12, max_value=96))
def test_without_fees_the_apr_is_the_monthly_rate_compounded(rate, months):
    """Exact annuity flows (unrounded) at r a year: APR = (1 + r/12)^12 - 1, never 12 · r/12."""
    i = rate / 1200
    instalment = i / (1 - (1 + i) ** -months) * 10000
    flows = [Flow(Decimal(10000), Fraction(0))] + [
        Flow(-instalment, Fraction(k, 12)) for k in range(1, months + 1)
    ]
    expected = (((1 + i) ** 12 - 1) * 100).quantize(Decimal("0.01"))

    assert apr_of(flows) == expected


@given(rate=rates, months=st.integers(min_value=12, max_value=96))
def test_the_apr_of_a_cent_rounded_loan_offer_is_the_compounded_rate(rate, months):
    request = Request(Money(Decimal("30000.00")), Money(Decimal("3000.00")), months, "loan")
    offer = offer_for(request, LENDER, Conditions(rate))
    expected = ((1 + rate / 1200) ** 12 - 1) * 100

    assert abs(offer.apr - expected) <= Decimal("0.01")


@given(
    rate=rates,
    months=st.integers(min_value=12, max_value=96),
    fee=st.decimals(min_value=Decimal("0"), max_value=Decimal("1000"), places=2),
    more=st.decimals(min_value=Decimal("0"), max_value=Decimal("1000"), places=2),
    monthly=st.decimals(min_value=Decimal("0"), max_value=Decimal("10"), places=2),
)
def test_more_fees_never_lower_the_apr(rate, months, fee, more, monthly):
    request = Request(Money(Decimal("30000.00")), Money(Decimal("3000.00")), months, "loan")

    lower = offer_for(request, LENDER, Conditions(rate, fee, monthly))
    higher = offer_for(request, LENDER, Conditions(rate, fee + more, monthly))
    highest = offer_for(request, LENDER, Conditions(rate, fee + more, monthly + Decimal("1")))

    assert lower.apr <= higher.apr <= highest.apr
