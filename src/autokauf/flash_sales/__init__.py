"""Flash sales: drops with a waiting room, fair admission and atomic claims.

Other domains use only what is listed here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import (
    ClaimExpired,
    DropEnded,
    DropInvalid,
    DropNotOpen,
    LimitReached,
    NotAdmitted,
    NotEligible,
    RateLimited,
    SoldOut,
    UnknownClaim,
    UnknownDrop,
)
from .rules import drop_status, fair_order

# Functions that touch the ORM are imported on first use, so that importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "DropPlan": "services",
    "schedule_drop": "services",
    "join_drop": "services",
    "fix_order": "services",
    "claim_car": "claims",
    "claim_admitted_car": "claims",
    "pay_claim": "claims",
    "cancel_claim": "claims",
    "expire_lapsed_claims": "claims",
    "get_drop": "selectors",
    "drop_view": "selectors",
    "place_of": "selectors",
    "remaining": "selectors",
    "live_figures": "selectors",
    "access_claim": "selectors",
    "Drop": "models",
    "DropCar": "models",
    "DropEntry": "models",
    "DropClaim": "models",
}

__all__ = [
    "ClaimExpired",
    "DropEnded",
    "DropInvalid",
    "DropNotOpen",
    "LimitReached",
    "NotAdmitted",
    "NotEligible",
    "RateLimited",
    "SoldOut",
    "UnknownClaim",
    "UnknownDrop",
    "drop_status",
    "fair_order",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
