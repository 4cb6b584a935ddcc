"""Catalogue: brands, models, trims, options, rules. Other domains use only what is listed here."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import CatalogueFileInvalid, FileProblem, UnknownModel, UnknownTrim
from .snapshot import GroupInfo, ModelSnapshot, OptionInfo, RuleInfo, TrimInfo

# Functions that touch the ORM are imported on first use, so that importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "model_snapshot": "selectors",
    "snapshot_for_trim": "selectors",
    "model_range": "selectors",
    "get_model": "selectors",
    "import_catalogue": "services",
    "export_catalogue": "services",
    "load_demo_catalogue_if_empty": "services",
    "ImportReport": "services",
    "DEMO_CATALOGUE_PATH": "services",
}

__all__ = [
    "CatalogueFileInvalid",
    "FileProblem",
    "UnknownModel",
    "UnknownTrim",
    "GroupInfo",
    "ModelSnapshot",
    "OptionInfo",
    "RuleInfo",
    "TrimInfo",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
