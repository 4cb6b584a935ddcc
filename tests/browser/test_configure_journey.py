"""A buyer on a phone configures an Asta, saves it and reopens it with the same price."""

from __future__ import annotations

import re

import pytest

from tests.world import build_small_catalogue

pytestmark = pytest.mark.browser

NBSP = "\xa0"
DEFAULT_TOTAL = f"31.059,10{NBSP}€"
RED_TOTAL = f"31.999,20{NBSP}€"


def test_a_buyer_configures_saves_and_reopens_a_car_at_the_same_price(
    transactional_db, live_server, phone
):
    from playwright.sync_api import expect

    build_small_catalogue()

    phone.goto(f"{live_server.url}/configure/ASTA-15TSI/")
    expect(phone.get_by_test_id("total")).to_have_text(DEFAULT_TOTAL)

    phone.locator('button[data-code="P-RED"]').click()

    expect(phone.get_by_test_id("total")).to_have_text(RED_TOTAL)
    expect(phone.locator('button[data-code="P-RED"]')).to_have_attribute("aria-pressed", "true")
    expect(phone).to_have_url(re.compile(r"o=P-RED"))

    phone.get_by_role("link", name="Übersicht").click()
    expect(phone.get_by_test_id("total")).to_have_text(RED_TOTAL)
    phone.get_by_role("button", name="Speichern und teilen").click()

    expect(phone).to_have_url(re.compile(r"/c/[2-9A-Z]{8}/$"))
    code = phone.get_by_test_id("code").inner_text()
    phone.goto(f"{live_server.url}/c/{code}/")
    expect(phone.get_by_test_id("total")).to_have_text(RED_TOTAL)


def test_a_buyer_accepts_the_proposal_for_a_paint_that_needs_leather(
    transactional_db, live_server, phone
):
    from playwright.sync_api import expect

    build_small_catalogue()
    phone.goto(f"{live_server.url}/configure/ASTA-15TSI/")

    phone.locator('button[data-code="P-GREEN"]').click()

    proposal = phone.get_by_role("alert")
    expect(proposal).to_contain_text("Leder Cognac hinzufügen")
    expect(proposal).to_contain_text("Stoff Schwarz entfernen")
    expect(phone.get_by_test_id("proposal-total")).to_have_text(f"34.010,30{NBSP}€")
    expect(phone.get_by_test_id("total")).to_have_text(DEFAULT_TOTAL)

    phone.get_by_role("button", name="Übernehmen").click()

    expect(phone.get_by_test_id("total")).to_have_text(f"34.010,30{NBSP}€")
    expect(phone.locator('button[data-code="INT-COGNAC"]')).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(phone).to_have_url(re.compile(r"o=INT-COGNAC&o=P-GREEN&o=W16"))
