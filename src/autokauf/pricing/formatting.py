"""Money as a buyer reads it, in the page's language."""

from __future__ import annotations

from autokauf.core.money import Money


def format_money(money: Money, language: str) -> str:
    """Babel's currency format for the language: "45.990,00 €" in German (with a no-break space
    before the sign, so the amount never wraps away from it), "€45,990.00" in English."""
    return money.format(language)
