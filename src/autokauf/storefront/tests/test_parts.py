"""The pure parts of the pages: the car drawing and the configuration in the address."""

from __future__ import annotations

import pytest
from django.http import QueryDict

from autokauf.storefront.carsvg import FALLBACK_PAINT, SILHOUETTES, car_svg
from autokauf.storefront.query import options_query, read_code, read_options


@pytest.mark.parametrize("body", sorted(SILHOUETTES))
def test_every_body_type_is_drawn_in_the_paint_colour(body):
    svg = car_svg(body, "#9b1b30", title="Nordwerk Asta")

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert f'<polygon points="{SILHOUETTES[body].body}" fill="#9b1b30"' in svg
    assert svg.count("<circle") == 8  # two wheels: arch, tyre, rim, hub


def test_a_colour_that_is_not_a_hex_value_draws_the_car_in_neutral_grey():
    svg = car_svg("sedan", 'red" onload="alert(1)', title="x")

    assert f'fill="{FALLBACK_PAINT}"' in svg
    assert "onload" not in svg


def test_an_unknown_body_type_is_drawn_as_a_hatchback():
    assert SILHOUETTES["hatchback"].body in car_svg("limousine", "#000000", title="x")


def test_the_title_is_escaped():
    assert '<title id="car-title">A &lt;b&gt; &amp; C</title>' in car_svg(
        "van", "", title="A <b> & C"
    )


def test_option_codes_are_read_distinct_and_malformed_ones_set_aside():
    requested = read_options(QueryDict("o=W16&o=P-RED&o=W16&o=%3Cx%3E&o=&o=lower"))

    assert requested.codes == ("W16", "P-RED")
    assert requested.given is True
    assert requested.malformed == ("<x>", "lower")


def test_an_address_without_options_asks_for_the_defaults():
    assert read_options(QueryDict("toggle=W16")) == read_options(QueryDict(""))
    assert read_options(QueryDict("")).given is False


def test_an_empty_selection_is_written_and_read_as_given_but_empty():
    assert options_query([]) == "o="
    assert read_options(QueryDict(options_query([]))).codes == ()
    assert read_options(QueryDict(options_query([]))).given is True


def test_a_selection_is_written_sorted():
    assert options_query(["W16", "P-RED", "INT-BLACK"]) == "o=INT-BLACK&o=P-RED&o=W16"


def test_a_clicked_code_must_be_well_formed():
    assert read_code(QueryDict("code=P-RED"), "code") == "P-RED"
    assert read_code(QueryDict("code=%22%3E"), "code") is None
    assert read_code(QueryDict(""), "code") is None
