from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autokauf.core.money import CurrencyMismatch, Money, round_cents


def test_rounding_is_half_up_to_cents():
    assert round_cents(Decimal("0.005")) == Decimal("0.01")
    assert round_cents(Decimal("2.345")) == Decimal("2.35")
    assert round_cents(Decimal("-2.345")) == Decimal("-2.35")
    assert round_cents(Decimal("2.3449")) == Decimal("2.34")


def test_a_float_is_never_money():
    with pytest.raises(TypeError):
        Money.of(19.99)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        Money.of("10") * 1.19  # type: ignore[operator]


def test_amounts_of_different_currencies_do_not_add():
    with pytest.raises(CurrencyMismatch):
        Money.of("1", "EUR") + Money.of("1", "CHF")


def test_amounts_are_formatted_per_locale():
    price = Money.of("45990")

    assert price.format("de") == "45.990,00\xa0€"
    assert price.format("en") == "€45,990.00"


def test_the_api_string_always_has_two_decimals():
    assert Money.of("45990").as_str() == "45990.00"
    assert Money.of("0.005").as_str() == "0.01"


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=4))
def test_rounding_moves_an_amount_by_at_most_half_a_cent(amount):
    assert abs(round_cents(amount) - amount) <= Decimal("0.005")
