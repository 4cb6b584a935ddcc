from datetime import date

from autokauf.core.money import Money
from autokauf.pricing import format_money, price_configuration
from tests.asta_snapshot import DEFAULTS, PETROL, asta_snapshot


def test_german_pages_show_a_decimal_comma_and_the_sign_after_a_no_break_space():
    assert format_money(Money.of("45990"), "de") == "45.990,00\xa0€"


def test_english_pages_show_the_sign_first():
    assert format_money(Money.of("45990"), "en") == "€45,990.00"


def test_a_quote_total_is_shown_to_the_cent_in_both_languages():
    total = price_configuration(asta_snapshot(), PETROL, DEFAULTS, today=date(2025, 3, 3)).total

    assert format_money(total, "de") == "31.059,10\xa0€"
    assert format_money(total, "en") == "€31,059.10"


def test_a_regional_language_tag_is_understood():
    assert format_money(Money.of("0.5"), "de-DE") == "0,50\xa0€"
