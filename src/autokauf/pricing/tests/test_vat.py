from decimal import Decimal

import pytest

from autokauf.core.money import Money
from autokauf.pricing import UnsupportedCountry, vat_rate_for
from autokauf.pricing.rules import VAT_RATES, vat_in_gross, vat_on


def test_german_vat_is_19_percent():
    assert vat_rate_for("DE") == Decimal("19")


def test_the_country_code_is_read_in_any_case():
    assert vat_rate_for(" de ") == Decimal("19")


@pytest.mark.parametrize(
    ("country", "rate"),
    [("AT", "20"), ("FR", "20"), ("FI", "25.5"), ("HU", "27"), ("LU", "17"), ("RO", "21")],
    ids=["austria", "france", "finland", "hungary", "luxembourg", "romania"],
)
def test_other_member_states_have_their_standard_rate(country, rate):
    assert vat_rate_for(country) == Decimal(rate)


def test_every_member_state_of_the_eu_has_a_rate():
    assert len(VAT_RATES) == 27


@pytest.mark.parametrize("country", ["CH", "GB", "", "DEU"], ids=["swiss", "uk", "empty", "alpha3"])
def test_a_country_without_a_known_rate_is_refused(country):
    with pytest.raises(UnsupportedCountry) as refused:
        vat_rate_for(country)

    assert refused.value.status == 422
    assert refused.value.code == "unsupported-country"


def test_vat_on_10000_net_is_1900_and_the_gross_is_11900():
    net = Money.of("10000.00")

    vat = vat_on(net, Decimal("19"))

    assert vat == Money.of("1900.00")
    assert net + vat == Money.of("11900.00")


def test_the_vat_in_11900_gross_is_1900():
    assert vat_in_gross(Money.of("11900.00"), Decimal("19")) == Money.of("1900.00")


def test_vat_is_rounded_half_up_to_cents():
    # 0.50 * 19 % = 0.095 -> 0.10; 0.02 * 19 % = 0.0038 -> 0.00
    assert vat_on(Money.of("0.50"), Decimal("19")) == Money.of("0.10")
    assert vat_on(Money.of("0.02"), Decimal("19")) == Money.of("0.00")
