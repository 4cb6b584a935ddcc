"""Quoting, saving and reopening a configuration, on the Nordwerk Asta in the database."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest

from autokauf.catalog import models as catalogue
from autokauf.configurator import (
    InvalidConfiguration,
    SavedConfiguration,
    UnknownConfiguration,
    configuration_qr_svg,
    quote_configuration,
    reopen_configuration,
    save_configuration,
    services,
)
from autokauf.configurator.models import CODE_ALPHABET
from autokauf.core import clock

pytestmark = pytest.mark.django_db
DEFAULTS = ["P-WHITE", "W16", "INT-BLACK"]
NOON = datetime(2026, 3, 2, 11, 0, tzinfo=UTC)


def test_an_invalid_configuration_gets_no_quote_but_its_conflicts(small_catalogue):
    with pytest.raises(InvalidConfiguration) as refused:
        quote_configuration(trim="ASTA-15TSI", options=[*DEFAULTS, "HUD"])

    assert refused.value.status == 422
    assert refused.value.extra["conflicts"][0]["kind"] == "requires"
    assert refused.value.extra["resolution"]["remove"] == ["HUD"]
    assert refused.value.extra["resolution"]["net_change"] == "-650.00"


def test_the_sport_package_is_quoted_with_its_wheels_not_charged_twice(small_catalogue):
    quote = quote_configuration(trim="ASTA-15TSI", options=["P-WHITE", "INT-BLACK", "SPORT", "W18"])

    assert quote.options == ("INT-BLACK", "P-WHITE", "SPORT")
    assert {line.code: line.net.as_str() for line in quote.lines}["W18"] == "0.00"


def test_saving_gives_a_code_and_reopening_gives_the_same_total(small_catalogue):
    with clock.frozen(NOON):
        saved = save_configuration(trim="ASTA-15TSI", options=[*DEFAULTS, "NAVI"])
        reopened = reopen_configuration(saved.code.lower())

    assert len(saved.code) == 8 and set(saved.code) <= set(CODE_ALPHABET)
    assert saved.created_at == NOON
    assert saved.options == ["INT-BLACK", "NAVI", "P-WHITE", "W16"]
    assert reopened.quote is not None
    assert reopened.quote.total.as_str() == saved.quote["total"]
    assert reopened.changes == []


def test_an_invalid_configuration_is_not_saved(small_catalogue):
    with pytest.raises(InvalidConfiguration):
        save_configuration(trim="ASTA-EV", options=[*DEFAULTS, "TOW"])

    assert SavedConfiguration.objects.count() == 0


def test_a_code_already_taken_is_drawn_again(small_catalogue, monkeypatch):
    codes = iter(["ABCDEFGH", "ABCDEFGH", "XYZ23456"])
    monkeypatch.setattr(services, "new_code", lambda: next(codes))

    first = save_configuration(trim="ASTA-15TSI", options=DEFAULTS)
    second = save_configuration(trim="ASTA-15TSI", options=DEFAULTS)

    assert (first.code, second.code) == ("ABCDEFGH", "XYZ23456")


def test_after_a_price_change_reopening_names_the_price_and_the_new_total(small_catalogue):
    saved = save_configuration(trim="ASTA-15TSI", options=[*DEFAULTS, "NAVI"])
    navi = catalogue.Option.objects.get(code="NAVI")
    navi.net_price = Decimal("1300.00")
    navi.save()

    reopened = reopen_configuration(saved.code)

    price, total = reopened.changes
    assert (price.kind, price.subject, price.before, price.after) == (
        "price",
        "NAVI",
        "1200.00",
        "1300.00",
    )
    assert price.message_de == (
        "Navigationssystem: jetzt 1.300,00\u00a0€ statt 1.200,00\u00a0€ (netto)."
    )
    assert price.message_en == "Navigation system: now €1,300.00 instead of €1,200.00 (net)."
    assert (total.kind, total.before) == ("total", saved.quote["total"])
    assert Decimal(total.after) - Decimal(total.before) == Decimal("119.00")
    assert reopened.quote is not None and reopened.quote.total.as_str() == total.after


def test_an_option_withdrawn_since_saving_is_named(small_catalogue):
    saved = save_configuration(trim="ASTA-15TSI", options=[*DEFAULTS, "TOW"])
    catalogue.Option.objects.get(code="TOW").trims.set(
        catalogue.Trim.objects.filter(code="ASTA-20TDI")
    )

    reopened = reopen_configuration(saved.code)

    assert reopened.quote is None
    (change,) = reopened.changes
    assert (change.kind, change.subject) == ("option-withdrawn", "TOW")
    assert change.message_de == (
        "Die Anhängerkupplung wird für diese Ausstattungslinie nicht mehr angeboten."
    )
    assert change.message_en == "The towbar is no longer offered for this trim."


def test_a_trim_withdrawn_since_saving_is_named(small_catalogue):
    saved = save_configuration(trim="ASTA-EV", options=DEFAULTS)
    catalogue.Trim.objects.get(code="ASTA-EV").delete()

    reopened = reopen_configuration(saved.code)

    assert reopened.quote is None
    assert [(c.kind, c.subject) for c in reopened.changes] == [("trim-withdrawn", "ASTA-EV")]


def test_an_unknown_code_is_refused(small_catalogue):
    with pytest.raises(UnknownConfiguration):
        reopen_configuration("ZZZZZZZZ")


def test_the_qr_code_is_an_svg_carrying_the_address():
    svg = configuration_qr_svg("ABCDEFGH", "https://autokauf.example/c/ABCDEFGH")

    assert svg.startswith("<svg") and "Configuration ABCDEFGH" in svg
