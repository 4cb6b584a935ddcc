"""Template helpers of the buyer's pages: money in the page's language, option queries."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from autokauf.storefront.carsvg import car_svg
from autokauf.storefront.query import options_query

register = template.Library()


@register.filter
def money(value: Any) -> str:
    """A Money amount as the buyer reads it: 45.990,00 € (de) or €45,990.00 (en)."""
    from autokauf.pricing import format_money

    if value is None:
        return ""
    return str(format_money(value, get_language() or "de"))


@register.filter
def signed_money(value: Any) -> str:
    """A price difference with its sign: + 940,10 € or, with a minus sign, 350,00 € less."""
    if value is None:
        return ""
    if value.amount < 0:
        return "\u2212 " + money(-value)  # the typographic minus sign
    return "+ " + money(value)


@register.simple_tag
def options_qs(options: Iterable[str]) -> str:
    """The query string that carries a configuration: o=CODE&o=CODE."""
    return options_query(options)


@register.filter
def localized_name(item: Any) -> str:
    """An item's name in the page's language (items with name(language))."""
    return str(item.name(get_language() or "de"))


@register.filter
def localized_message(item: Any) -> str:
    """A conflict's or change's message in the page's language."""
    language = get_language() or "de"
    if hasattr(item, "message"):
        return str(item.message(language))
    return str(getattr(item, f"message_{language[:2]}", ""))


@register.simple_tag
def car_picture(snapshot: Any, color_hex: str, title: str = "") -> str:
    """The car drawn inline, in the given paint colour."""
    # car_svg escapes the title and accepts only #rrggbb colours.
    return mark_safe(car_svg(snapshot.body, color_hex, title=title or snapshot.full_name))


@register.filter
def option_name(code: str, snapshot: Any) -> str:
    """The name of option `code` of the snapshot's model in the page's language."""
    option = snapshot.options.get(code)
    return str(option.name(get_language() or "de")) if option is not None else code
