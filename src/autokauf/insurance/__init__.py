"""Insurance: quotes by the built-in insurer's tables, policies and eVB numbers."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import QuoteInputInvalid, UnknownCover
from .rules import Component, Factor, InsuranceQuote, Profile

_LAZY = {
    "quote_insurance": "services",
    "take_policy": "services",
    "Policy": "models",
    "current_tariff": "tables",
}

__all__ = [
    "Component",
    "Factor",
    "InsuranceQuote",
    "Profile",
    "QuoteInputInvalid",
    "UnknownCover",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
