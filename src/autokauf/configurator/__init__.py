"""Configurator: option rules, validation and resolution, saved configuration codes.

Other domains use only what is listed here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .changes import Change
from .errors import InvalidConfiguration, UnknownConfiguration
from .rules import Conflict, Resolution, check
from .solver import resolve

# Functions that touch the ORM are imported on first use, so that importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "Validation": "selectors",
    "Reopened": "selectors",
    "validate_configuration": "selectors",
    "toggle_option": "selectors",
    "quote_configuration": "selectors",
    "reopen_configuration": "selectors",
    "configuration_qr_svg": "selectors",
    "save_configuration": "services",
    "SavedConfiguration": "models",
}

__all__ = [
    "Change",
    "Conflict",
    "InvalidConfiguration",
    "Resolution",
    "UnknownConfiguration",
    "check",
    "resolve",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
