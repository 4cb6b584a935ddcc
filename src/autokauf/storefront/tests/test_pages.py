"""The buyer's pages, on the Nordwerk Asta of tests/world.py.

Prices (net → total incl. 19 % VAT and 890.00 € transfer costs):
    ASTA-15TSI with its defaults   26,100.08 → 31,059.10
    ASTA-20TDI with its defaults   29,461.43 → 35,059.10
    ASTA-EV with its defaults      34,419.41 → 40,959.10
    ASTA-15TSI in cherry red       26,890.08 → 31,999.20
    ASTA-15TSI fir green + cognac  28,580.08 → 34,010.30
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from autokauf.catalog import models as catalog_models
from autokauf.configurator.models import SavedConfiguration

NBSP = "\xa0"
DEFAULTS = "o=INT-BLACK&o=P-WHITE&o=W16"
RED = "o=INT-BLACK&o=P-RED&o=W16"
GREEN = "o=INT-COGNAC&o=P-GREEN&o=W16"
HTMX = {"HTTP_HX_REQUEST": "true"}

pytestmark = pytest.mark.django_db


def euros(amount: str, language: str) -> str:
    """45990.00 → "45.990,00 €" (de) or "€45,990.00" (en), as Babel writes them."""
    whole, cents = amount.split(".")
    grouped = f"{int(whole):,}"
    if language == "de":
        return f"{grouped.replace(',', '.')},{cents}{NBSP}€"
    return f"€{grouped}.{cents}"


def page(client: Client, url: str, language: str = "de", **extra: str) -> str:
    response = client.get(url, headers={"accept-language": language}, **extra)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def saved_code(client: Client, options: str = DEFAULTS) -> str:
    response = client.post(f"/configure/ASTA-15TSI/summary?{options}", data=_form(options))
    assert response.status_code == 303
    return response["Location"].split("/")[2]


def _form(options: str) -> dict[str, list[str]]:
    return {"o": [pair.split("=")[1] for pair in options.split("&")]}


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_model_range_shows_each_model_from_the_total_price_of_its_cheapest_trim(
    small_catalogue, client, language
):
    html = page(client, "/", language)

    assert "Nordwerk" in html and "Asta" in html
    assert euros("31059.10", language) in html
    assert ("ab" if language == "de" else "from") in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_model_page_lists_every_trim_with_fuel_power_co2_class_and_price(
    small_catalogue, client, language
):
    html = page(client, "/models/asta/", language)

    for total in ("31059.10", "35059.10", "40959.10"):
        assert euros(total, language) in html
    assert ("Benzin" if language == "de" else "Petrol") in html
    assert ("Elektro" if language == "de" else "Electric") in html
    assert "150 kW" in html
    assert 'co2-badge co2-E">E<' in html and 'co2-badge co2-D">D<' in html
    assert 'href="/configure/ASTA-EV/"' in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_configurator_starts_with_the_trims_defaults_and_their_total(
    small_catalogue, client, language
):
    html = page(client, "/configure/ASTA-15TSI/", language)

    assert f'data-testid="total">{euros("31059.10", language)}<' in html
    assert f'data-testid="vat">{euros("4959.02", language)}<' in html
    assert (
        'value="P-WHITE" data-code="P-WHITE"\n                    class="option is-selected"'
        in html
    )
    assert "#f4f5f0" in html  # the car is drawn in glacier white
    assert ("ohne Aufpreis" if language == "de" else "no extra charge") in html
    assert euros("940.10", language) in html  # cherry red incl. VAT


def test_an_htmx_click_returns_the_option_list_and_price_panel_with_the_new_total(
    small_catalogue, client
):
    response = client.post(
        "/configure/ASTA-15TSI/toggle", data={**_form(DEFAULTS), "code": "P-RED"}, **HTMX
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert f'data-testid="total">{euros("31999.20", "de")}<' in html
    assert "#9b1b30" in html  # the car is now cherry red
    assert response["HX-Push-Url"] == f"/configure/ASTA-15TSI/?{RED}"


def test_a_click_without_javascript_lands_on_the_address_of_the_new_configuration(
    small_catalogue, client
):
    response = client.post(
        "/configure/ASTA-15TSI/toggle", data={**_form(DEFAULTS), "code": "P-RED"}, follow=True
    )

    assert response.redirect_chain[-1] == (f"/configure/ASTA-15TSI/?{RED}", 303)
    assert euros("31999.20", "de") in response.content.decode()


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_conflicting_click_shows_the_proposal_with_its_price_and_changes_nothing(
    small_catalogue, client, language
):
    response = client.post(
        "/configure/ASTA-15TSI/toggle",
        data={**_form(DEFAULTS), "code": "P-GREEN"},
        headers={"accept-language": language},
        **HTMX,
    )

    html = response.content.decode()
    if language == "de":
        assert "Leder Cognac hinzufügen" in html and "Stoff Schwarz entfernen" in html
    else:
        assert "Add Cognac leather" in html and "Remove Black cloth" in html
    assert f'data-testid="proposal-total">{euros("34010.30", language)}<' in html
    assert f'data-testid="proposal-difference">+ {euros("2951.20", language)}<' in html
    assert f'data-testid="total">{euros("31059.10", language)}<' in html
    assert 'name="o" value="INT-BLACK"' in html  # the configuration is still the old one
    assert "HX-Push-Url" not in response


def test_applying_the_proposal_shows_the_repaired_configuration(small_catalogue, client):
    response = client.post("/configure/ASTA-15TSI/show", data=_form(GREEN), **HTMX)

    html = response.content.decode()
    assert f'data-testid="total">{euros("34010.30", "de")}<' in html
    assert response["HX-Push-Url"] == f"/configure/ASTA-15TSI/?{GREEN}"


def test_a_conflict_without_javascript_shows_the_proposal_on_the_page(small_catalogue, client):
    html = page(client, f"/configure/ASTA-15TSI/?{DEFAULTS}&toggle=P-GREEN")

    assert "Leder Cognac hinzufügen" in html
    assert 'data-action="apply"' in html and 'data-action="cancel"' in html


def test_junk_option_codes_in_the_address_are_left_out_with_a_message(small_catalogue, client):
    html = page(client, f"/configure/ASTA-15TSI/?{DEFAULTS}&o=%3Cscript%3E")

    assert "wurden weggelassen" in html
    assert "<script>" not in html
    assert euros("31059.10", "de") in html


def test_an_unknown_option_code_in_the_address_is_explained_not_an_error(small_catalogue, client):
    html = page(client, f"/configure/ASTA-15TSI/?{DEFAULTS}&o=NOSUCH")

    assert "Diese Konfiguration ist so nicht baubar" in html
    assert 'data-action="apply"' in html


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_summary_shows_every_line_the_total_and_the_co2_label(
    small_catalogue, client, language
):
    html = page(client, f"/configure/ASTA-15TSI/summary?{RED}", language)

    assert f'data-testid="total">{euros("31999.20", language)}<' in html
    assert euros("25210.08", language) in html and euros("790.00", language) in html
    assert euros("890.00", language) in html and euros("26890.08", language) in html
    assert '<li class="is-current">\n        <span class="co2-bar co2-E"' in html
    assert 'data-testid="co2">145 g/km<' in html
    assert ("6,4 l/100 km" if language == "de" else "6.4 l/100 km") in html
    assert f'data-testid="energy-cost">{euros("1794.24", language)}<' in html
    assert f'data-testid="vehicle-tax">{euros("139.00", language)}<' in html
    for cost in ("1087.50", "2501.25", "4132.50"):
        assert euros(cost, language) in html


def test_an_invalid_summary_goes_back_to_the_configurator(small_catalogue, client):
    response = client.get("/configure/ASTA-15TSI/summary?o=P-GREEN&o=W16&o=INT-BLACK")

    assert response.status_code == 303
    assert response["Location"] == "/configure/ASTA-15TSI/?o=INT-BLACK&o=P-GREEN&o=W16"


def test_saving_redirects_to_the_page_of_the_new_code(small_catalogue, client):
    response = client.post("/configure/ASTA-15TSI/summary", data=_form(RED))

    saved = SavedConfiguration.objects.get()
    assert response.status_code == 303
    assert response["Location"] == f"/c/{saved.code}/"
    assert saved.options == ["INT-BLACK", "P-RED", "W16"]


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_saved_configuration_reopens_with_its_total_qr_code_and_share_address(
    small_catalogue, client, language
):
    code = saved_code(client, RED)

    html = page(client, f"/c/{code}/", language)

    assert f'data-testid="total">{euros("31999.20", language)}<' in html
    assert f'src="/c/{code}/qr.svg"' in html
    assert f"http://testserver/c/{code}/" in html
    assert f'href="/configure/ASTA-15TSI/?{RED.replace("&", "&amp;")}"' in html


def test_the_qr_code_is_an_svg_image(small_catalogue, client):
    code = saved_code(client)

    response = client.get(f"/c/{code}/qr.svg")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b'<svg xmlns="http://www.w3.org/2000/svg"')


def test_a_reopened_configuration_says_what_changed_since_it_was_saved(small_catalogue, client):
    code = saved_code(client, RED)
    catalog_models.Option.objects.filter(code="P-RED").update(net_price=Decimal("890.00"))
    catalog_models.Revision.objects.update(number=99)

    html = page(client, f"/c/{code}/", "en")

    assert 'data-kind="price"' in html
    assert f'data-testid="total">{euros("32118.20", "en")}<' in html


def test_three_saved_configurations_are_compared_side_by_side(small_catalogue, client):
    codes = [saved_code(client, options) for options in (DEFAULTS, RED, GREEN)]

    html = page(client, "/compare/?" + "&".join(f"c={c}" for c in codes))

    assert html.count('data-testid="compare-total"') == 3
    for total in ("31059.10", "31999.20", "34010.30"):
        assert euros(total, "de") in html


def test_a_fourth_configuration_is_refused_with_a_message(small_catalogue, client):
    codes = [saved_code(client, options) for options in (DEFAULTS, RED, GREEN, DEFAULTS)]

    html = page(client, "/compare/?" + "&".join(f"c={c}" for c in codes), "en")

    assert html.count('data-testid="compare-total"') == 3
    assert "You can compare at most 3 configurations." in html
    assert f"Not compared: {codes[3]}" in html


def test_an_unknown_code_to_compare_is_a_form_error(small_catalogue, client):
    html = page(client, "/compare/?c=ZZZZZZZZ&c=not-a-code!", "en")

    assert "There is no saved configuration with the code ZZZZZZZZ." in html
    assert "Not a configuration code: not-a-code!" in html
    assert 'data-testid="compare-total"' not in html


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("/models/nosuch/", id="unknown model"),
        pytest.param("/configure/NOSUCH/", id="unknown trim"),
        pytest.param("/configure/NOSUCH/car.svg", id="unknown trim image"),
        pytest.param("/configure/NOSUCH/summary?o=W16", id="unknown trim summary"),
        pytest.param("/c/ZZZZZZZZ/", id="unknown code"),
        pytest.param("/c/%3Cx%3E/", id="malformed code"),
        pytest.param("/c/ZZZZZZZZ/qr.svg", id="malformed qr code"),
    ],
)
def test_unknown_things_are_a_404_page(small_catalogue, client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_the_car_image_is_drawn_in_the_chosen_paint(small_catalogue, client):
    response = client.get("/configure/ASTA-15TSI/car.svg?paint=P-GREEN")

    assert response["Content-Type"] == "image/svg+xml"
    assert 'fill="#2f4f3a"' in response.content.decode()


def test_an_unknown_paint_draws_the_car_in_its_default_paint(small_catalogue, client):
    response = client.get("/configure/ASTA-15TSI/car.svg?paint=W16")

    assert 'fill="#f4f5f0"' in response.content.decode()


def test_the_language_switch_changes_the_page_language(small_catalogue, client):
    client.post("/i18n/setlang/", data={"language": "en", "next": "/"})

    html = page(client, "/", "de")

    assert '<html lang="en">' in html
    assert euros("31059.10", "en") in html


@pytest.mark.parametrize(
    ("language", "words"),
    [("de", ("ab", "mtl.", "Repräsentatives Beispiel")), ("en", ("from", "a month", "Lender:"))],
)
def test_the_price_panel_shows_the_lowest_monthly_rate_with_its_representative_example(
    small_catalogue, client, language, words
):
    """31,059.10 € at 10 % down (3,105.91 €) over 48 months: 27,953.19 € at 4.49 % from Rhein
    Mobilbank = 637.30 € a month."""
    from autokauf.financing import load_demo_lenders_if_empty

    load_demo_lenders_if_empty()

    html = page(client, "/configure/ASTA-15TSI/", language)

    assert f'data-testid="monthly-rate">{euros("637.30", language)}<' in html
    assert all(word in html for word in words)
    assert "Rhein Mobilbank GmbH, Rheinuferstraße 40, 40221 Düsseldorf" in html
