"""Browser fixtures: Debian's Chromium driven by Playwright's sync API, at a phone's width."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The system Chromium; skipped without it, unless AUTOKAUF_REQUIRE_BROWSER demands it."""
    if CHROMIUM.exists():
        return str(CHROMIUM)
    if os.environ.get("AUTOKAUF_REQUIRE_BROWSER"):
        pytest.fail(f"AUTOKAUF_REQUIRE_BROWSER is set but {CHROMIUM} is missing.")
    pytest.skip(f"{CHROMIUM} is not installed (set AUTOKAUF_REQUIRE_BROWSER to make this fail).")


@pytest.fixture(scope="module")
def browser(chromium_path: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test's thread; the ORM calls that the tests
    # make there are still synchronous. Allowed only while the browser runs.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def phone(browser: Any) -> Iterator[Any]:
    """A fresh page at 360 by 740 px with a German buyer's browser."""
    context = browser.new_context(viewport=PHONE, locale="de-DE")
    page = context.new_page()
    yield page
    context.close()
