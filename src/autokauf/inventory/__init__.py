"""Stock: vehicles by VIN, their locations and statuses, the stock locator.

Other domains use only what is listed here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import (
    IllegalStatusMove,
    InvalidVin,
    RowProblem,
    StatusChanged,
    StockFileInvalid,
    UnknownVehicle,
)
from .rules import (
    BLOCK_REASONS,
    LISTED_FOR_BUYERS,
    RATE_BANDS,
    STATUS_WORDS,
    TRANSITIONS,
    VinInfo,
    check_vin,
)

# Functions that touch the ORM are imported on first use, so that importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "move_vehicle": "services",
    "create_vehicles": "services",
    "reprice_vehicles": "services",
    "recompute_monthly_rates": "services",
    "closest_vehicles": "likeness",
    "CloseVehicle": "likeness",
    "VehicleDraft": "services",
    "import_stock_csv": "stock_file",
    "export_stock_csv": "stock_file",
    "search_vehicles": "selectors",
    "vehicle_for_buyer": "selectors",
    "StockFilters": "selectors",
    "SearchResult": "selectors",
    "generate_demo_stock": "demo",
    "load_demo_stock_if_empty": "demo",
    "postcode_point": "geo",
    "claim_vehicle": "holds",
    "extend_vehicle_hold": "holds",
    "release_vehicle": "holds",
    "pass_vehicle_hold": "holds",
    "pass_hold_sql": "holds",
    "vehicle_table": "holds",
    "is_held": "holds",
    "not_held": "holds",
    "Vehicle": "models",
}

__all__ = [
    "BLOCK_REASONS",
    "LISTED_FOR_BUYERS",
    "RATE_BANDS",
    "STATUS_WORDS",
    "TRANSITIONS",
    "IllegalStatusMove",
    "InvalidVin",
    "RowProblem",
    "StatusChanged",
    "StockFileInvalid",
    "UnknownVehicle",
    "VinInfo",
    "check_vin",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
