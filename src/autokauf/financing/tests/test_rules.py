"""Loan, balloon and leasing offers, exact to the cent."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autokauf.core.money import Money
from autokauf.financing import errors
from autokauf.financing.limits import (
    check_request,
    mileage_settlement,
    residual_percent,
    residual_value_settlement,
    settle_final_instalment,
)
from autokauf.financing.offer import LenderRef
from autokauf.financing.rules import Conditions, Request, level_payment, offer_for

LENDER = LenderRef("hanse-autobank", "Hanse Autobank AG", "Am Sandtorkai 12, 20457 Hamburg")


def eur(amount: str) -> Money:
    return Money(Decimal(amount))


def loan(price="11000.00", down="1000.00", term=12, rate="6.00", fee="0", monthly="0"):
    request = Request(eur(price), eur(down), term, "loan")
    return offer_for(request, LENDER, Conditions(Decimal(rate), Decimal(fee), Decimal(monthly)))


def test_an_annuity_schedule_follows_the_formula_month_by_month():
    """10,000 € at 6 % over 12 months: A = 10000 · 0.005 / (1 - 1.005^-12) = 860.66; each month's
    interest is the balance · 0.005 rounded half-up; the last instalment absorbs the rounding."""
    offer = loan()

    rows = [e.to_dict() for e in offer.schedule]
    assert rows[0] == {
        "month": 0,
        "payment": "0.00",
        "interest": "0.00",
        "principal": "0.00",
        "balance": "10000.00",
    }
    assert rows[1] == {
        "month": 1,
        "payment": "860.66",
        "interest": "50.00",
        "principal": "810.66",
        "balance": "9189.34",
    }
    assert rows[2] == {
        "month": 2,
        "payment": "860.66",
        "interest": "45.95",
        "principal": "814.71",
        "balance": "8374.63",
    }
    assert rows[12] == {
        "month": 12,
        "payment": "860.70",
        "interest": "4.28",
        "principal": "856.42",
        "balance": "0.00",
    }
    assert offer.monthly_payment == eur("860.66")
    assert offer.number_of_payments == 12
    assert offer.final_payment == eur("860.70")
    assert offer.total_amount_payable == eur("10327.96")
    assert offer.total_cost_of_credit == eur("327.96")
    assert offer.apr == Decimal("6.17")


def test_an_arrangement_fee_is_due_at_signing_and_raises_the_apr():
    offer = loan(fee="100.00")

    assert offer.schedule[0].payment == eur("100.00")
    assert offer.total_amount_payable == eur("10427.96")
    assert offer.fees == eur("100.00")
    assert offer.apr == Decimal("8.18")


def test_a_monthly_fee_is_part_of_each_instalment_and_of_the_fees():
    offer = loan(monthly="2.50")

    assert offer.monthly_payment == eur("863.16")
    assert offer.fees == eur("30.00")
    assert offer.total_cost_of_credit == eur("357.96")


def test_a_zero_rate_loan_costs_nothing_and_has_an_apr_of_zero():
    offer = loan(price="10000.00", down="0.00", term=12, rate="0")

    assert offer.monthly_payment == eur("833.33")
    assert offer.final_payment == eur("833.37")
    assert offer.total_cost_of_credit == eur("0.00")
    assert offer.apr == Decimal("0.00")


def test_the_balloon_loan_ends_with_exactly_the_agreed_final_instalment():
    request = Request(eur("35700.00"), eur("3570.00"), 36, "balloon", balloon=eur("15000.00"))
    offer = offer_for(request, LENDER, Conditions(Decimal("4.99"), Decimal("199.00")))

    assert offer.number_of_payments == 36
    assert offer.monthly_payment == eur("590.95")
    assert offer.schedule[-1].month == 36
    assert offer.final_payment == eur("15000.00")
    assert offer.schedule[-1].payment == eur("15000.00")
    assert offer.schedule[-1].balance == eur("0.00")
    assert offer.total_amount_payable == sum((e.payment for e in offer.schedule), Money.zero())


def lease(kind="mileage"):
    request = Request(
        eur("35700.00"), eur("3000.00"), 36, "lease", yearly_km=15000, lease_kind=kind
    )
    conditions = Conditions(
        Decimal("3.99"),
        residual_percent=Decimal("55"),
        excess_km_rate=Decimal("0.08"),
        unused_km_rate=Decimal("0.05"),
    )
    return offer_for(request, LENDER, conditions)


def test_a_mileage_lease_ends_with_the_car_returned_at_its_residual_value():
    offer = lease()

    assert offer.monthly_payment == eur("450.96")
    assert offer.number_of_payments == 36
    assert offer.final_payment == eur("0.00")
    assert offer.schedule[-1].balance == eur("19635.00")
    assert offer.total_amount_payable == eur("16234.54")
    assert offer.total_cost_of_credit == eur("3169.54")
    assert "Mehrkilometer 8,00 ct/km" in offer.representative_example("de")


def test_a_residual_value_lease_makes_the_residual_value_the_final_payment():
    offer = lease("residual_value")

    assert offer.final_payment == eur("19635.00")
    assert offer.schedule[-1].balance == eur("0.00")
    assert offer.total_amount_payable == eur("35869.54")
    assert offer.total_cost_of_credit == eur("3169.54")


prices = st.decimals(min_value=Decimal("5000"), max_value=Decimal("150000"), places=2)


@given(
    price=prices,
    down_percent=st.integers(min_value=0, max_value=50),
    term=st.integers(min_value=12, max_value=96),
    rate=st.decimals(min_value=Decimal("0"), max_value=Decimal("15"), places=2),
    fee=st.sampled_from(["0", "99.00", "249.00"]),
    monthly=st.sampled_from(["0", "2.50"]),
)
def test_the_schedule_sums_exactly_to_the_total_amount_payable(
    price, down_percent, term, rate, fee, monthly
):
    down = (price * down_percent / 100).quantize(Decimal("0.01"))
    offer = loan(str(price), str(down), term, str(rate), fee, monthly)

    payments = sum((e.payment.amount for e in offer.schedule), Decimal(0))
    interest = sum((e.interest.amount for e in offer.schedule), Decimal(0))
    principal = sum((e.principal.amount for e in offer.schedule), Decimal(0))
    assert payments == offer.total_amount_payable.amount
    assert principal == offer.net_loan_amount.amount
    assert offer.total_cost_of_credit.amount == interest + offer.fees.amount
    assert offer.schedule[-1].balance.amount == 0
    assert abs(offer.final_payment.amount - offer.monthly_payment.amount) <= Decimal("0.01") * term


@given(
    term=st.integers(min_value=12, max_value=72),
    balloon_percent=st.integers(min_value=5, max_value=60),
    rate=st.decimals(min_value=Decimal("0"), max_value=Decimal("12"), places=2),
)
def test_balloon_schedules_sum_to_the_total_and_end_on_the_balloon(term, balloon_percent, rate):
    balloon = eur(str(Decimal("40000.00") * balloon_percent / 100))
    request = Request(eur("40000.00"), eur("4000.00"), term, "balloon", balloon=balloon)
    offer = offer_for(request, LENDER, Conditions(rate))

    payments = sum((e.payment for e in offer.schedule), Money.zero())
    assert payments == offer.total_amount_payable
    assert offer.final_payment == balloon.rounded()
    assert offer.schedule[-1].balance == eur("0.00")


def test_level_payment_of_a_balloon_leaves_the_balloon_owed():
    """(10000 - 5000 · 1.005^-12) / ((1 - 1.005^-11) / 0.005) = 5290.47 / 10.6772 = 495.50"""
    assert level_payment(Decimal("10000"), Decimal("0.005"), 11, Decimal("5000"), 12) == Decimal(
        "495.50"
    )


@pytest.mark.parametrize(
    ("request_", "error"),
    [
        pytest.param(
            Request(eur("30000"), eur("0"), 11, "loan"), errors.TermOutOfRange, id="short"
        ),
        pytest.param(Request(eur("30000"), eur("0"), 97, "loan"), errors.TermOutOfRange, id="long"),
        pytest.param(
            Request(eur("30000"), eur("0"), 61, "lease", yearly_km=10000),
            errors.TermOutOfRange,
            id="lease-long",
        ),
        pytest.param(
            Request(eur("30000"), eur("30000"), 48, "loan"),
            errors.DownPaymentInvalid,
            id="down-at-price",
        ),
        pytest.param(
            Request(eur("30000"), eur("-1"), 48, "loan"),
            errors.DownPaymentInvalid,
            id="down-negative",
        ),
        pytest.param(
            Request(eur("30000"), eur("3000"), 48, "balloon"),
            errors.BalloonInvalid,
            id="balloon-missing",
        ),
        pytest.param(
            Request(eur("30000"), eur("3000"), 48, "balloon", balloon=eur("27000")),
            errors.BalloonInvalid,
            id="balloon-above-financed",
        ),
        pytest.param(
            Request(eur("30000"), eur("3000"), 48, "loan", balloon=eur("9000")),
            errors.BalloonInvalid,
            id="balloon-on-loan",
        ),
        pytest.param(
            Request(eur("30000"), eur("3000"), 36, "lease"),
            errors.MileageInvalid,
            id="lease-without-km",
        ),
        pytest.param(
            Request(eur("30000"), eur("3000"), 36, "lease", yearly_km=100000),
            errors.MileageInvalid,
            id="lease-km-too-high",
        ),
        pytest.param(Request(eur("0"), eur("0"), 36, "loan"), errors.PriceInvalid, id="no-price"),
        pytest.param(
            Request(eur("30000"), eur("0"), 36, "rent"), errors.UnknownProduct, id="product"
        ),
    ],
)
def test_a_request_no_lender_could_offer_is_refused_with_a_reason(request_, error):
    with pytest.raises(error) as refused:
        check_request(request_)

    assert refused.value.status == 422
    assert refused.value.detail


def test_the_residual_value_follows_term_and_mileage():
    table = {24: Decimal("62"), 36: Decimal("54"), 48: Decimal("47")}

    assert residual_percent(table, 36, 15000) == Decimal("54.00")
    assert residual_percent(table, 30, 15000) == Decimal("58.00")
    assert residual_percent(table, 36, 25000) == Decimal("50.00")
    assert residual_percent(table, 36, 10000) == Decimal("56.00")
    assert residual_percent(table, 60, 15000) is None


def test_the_final_instalment_is_paid_refinanced_or_settled_by_returning_the_car():
    final = eur("15000.00")

    assert settle_final_instalment("pay", final, eur("14000.00")) == final
    assert settle_final_instalment("refinance", final, eur("14000.00")) == final
    assert settle_final_instalment("return", final, eur("14000.00")) == eur("1000.00")
    assert settle_final_instalment("return", final, eur("15000.00")) == eur("0")
    with pytest.raises(errors.BalloonInvalid):
        settle_final_instalment("keep", final, final)


def test_excess_kilometres_are_charged_and_unused_ones_refunded():
    rates = {"excess_km_rate": Decimal("0.08"), "unused_km_rate": Decimal("0.05")}

    assert mileage_settlement(agreed_km=45000, driven_km=48500, **rates) == eur("280.00")
    assert mileage_settlement(agreed_km=45000, driven_km=41000, **rates) == eur("-200.00")


def test_a_residual_value_lease_settles_a_shortfall_and_shares_a_surplus():
    residual = eur("19635.00")

    assert residual_value_settlement(residual_value=residual, sale_proceeds=eur("18635.00")) == (
        eur("1000.00")
    )
    assert residual_value_settlement(residual_value=residual, sale_proceeds=eur("20635.00")) == (
        eur("-750.00")
    )


def test_the_representative_example_names_every_figure_the_law_requires():
    offer = loan(price="35700.00", down="3570.00", term=48, rate="4.99", fee="99.00")

    german = offer.representative_example("de")
    english = offer.representative_example("en")
    assert german == (
        "Repräsentatives Beispiel (§ 17 PAngV): Fahrzeugpreis 35.700,00\xa0€; Anzahlung "
        "3.570,00\xa0€; Nettodarlehensbetrag 32.130,00\xa0€; gebundener Sollzinssatz 4,99 % p. a. "
        "(fest für die gesamte Laufzeit); effektiver Jahreszins 5,27 %; Laufzeit 48 Monate; "
        "48 monatliche Raten à 739,79\xa0€; Bearbeitungsgebühr 99,00\xa0€; Gesamtbetrag "
        "35.608,70\xa0€. Darlehensgeber: Hanse Autobank AG, Am Sandtorkai 12, 20457 Hamburg."
    )
    for figure in (
        "€32,130.00",
        "4.99%",
        f"APR {offer.apr}%",
        "48 months",
        "€739.79",
        "€35,608.70",
        "Hanse Autobank AG, Am Sandtorkai 12",
        "Representative example",
    ):
        assert figure in english
