"""Agency: dealers as the manufacturer's agents and their staff.

Other domains use only what is listed here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

# Everything here touches the ORM, so it is imported on first use: importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "Dealer": "models",
    "DealerStaff": "models",
    "dealer_of": "selectors",
    "dealers": "selectors",
    "dealer_for_location": "selectors",
    "add_dealer_staff": "services",
    "load_demo_dealers_if_empty": "services",
}

__all__ = [*_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
