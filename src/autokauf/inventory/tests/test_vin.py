"""VINs: ISO 3779 alphabet and length, WMI decoded, check digit only for North America."""

import pytest

from autokauf.inventory import InvalidVin, check_vin


def test_a_north_american_vin_with_its_check_digit_is_accepted_and_decoded():
    info = check_vin("1M8GDM9AXKP042788")

    assert (info.wmi, info.manufacturer, info.country) == ("1M8", "Mercury", "United States")


def test_a_north_american_vin_failing_its_check_digit_is_refused():
    with pytest.raises(InvalidVin, match=r"check digit \(position 9, 'Y'\) does not match"):
        check_vin("1M8GDM9AYKP042788")


def test_a_european_vin_failing_the_check_digit_is_accepted_because_europe_does_not_use_it():
    info = check_vin("WVWZZZ1JZXW000001")

    assert (info.manufacturer, info.country) == ("Volkswagen", "Germany")


def test_a_vin_is_read_in_capitals_without_surrounding_spaces():
    assert check_vin("  wvwzzz1jzxw000001 ").vin == "WVWZZZ1JZXW000001"


def test_a_maker_that_vininfo_does_not_name_still_has_its_country():
    info = check_vin("WNWASTAZZ1P000001")

    assert (info.manufacturer, info.country) == (None, "Germany")


@pytest.mark.parametrize(
    ("vin", "message"),
    [
        pytest.param(
            "WVWZZZ1JZXW00001",
            "A VIN has 17 characters; 'WVWZZZ1JZXW00001' has 16.",
            id="too-short",
        ),
        pytest.param("WVWZZZ1JZXW0000011", "has 18", id="too-long"),
        pytest.param("WVWZZZ1JZXW00000I", "never contains: I", id="letter-I"),
        pytest.param("WVWZZZ1JZOQ000001", "never contains: O Q", id="letters-O-and-Q"),
        pytest.param("WVWZZZ1JZ-W000001", "never contains: -", id="dash"),
    ],
)
def test_a_vin_outside_the_iso_3779_alphabet_or_length_is_refused_saying_why(vin, message):
    with pytest.raises(InvalidVin) as refused:
        check_vin(vin)

    assert message in refused.value.detail
    assert refused.value.status == 422
