"""Financing: loans, balloon loans, leasing, the APR, lenders and their offers.

Other domains use only what is listed here.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .apr import Flow, apr_of, flows_on_dates, years_between
from .errors import (
    BalloonInvalid,
    DownPaymentInvalid,
    FinancingError,
    InvalidFlows,
    MileageInvalid,
    PriceInvalid,
    TermOutOfRange,
    UnknownProduct,
)
from .limits import (
    BALLOON,
    FINAL_INSTALMENT_CHOICES,
    LEASE,
    LEASE_KINDS,
    LOAN,
    PRODUCTS,
    RISK_BANDS,
    STANDARD_TERM_MONTHS,
    TERMS,
    FinalInstalmentChoice,
    default_down_payment,
    mileage_settlement,
    residual_value_settlement,
    settle_final_instalment,
)
from .offer import LenderRef, Offer, ScheduleEntry

# Functions that touch the ORM are imported on first use, so that importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "offers_for": "selectors",
    "cheapest_monthly_rate": "selectors",
    "load_demo_lenders_if_empty": "services",
    "announce_rates_changed": "services",
    "RATES_CHANGED": "services",
}

__all__ = [
    "BALLOON",
    "FINAL_INSTALMENT_CHOICES",
    "LEASE",
    "LEASE_KINDS",
    "LOAN",
    "PRODUCTS",
    "RISK_BANDS",
    "STANDARD_TERM_MONTHS",
    "TERMS",
    "BalloonInvalid",
    "DownPaymentInvalid",
    "FinalInstalmentChoice",
    "FinancingError",
    "Flow",
    "InvalidFlows",
    "LenderRef",
    "MileageInvalid",
    "Offer",
    "PriceInvalid",
    "ScheduleEntry",
    "TermOutOfRange",
    "UnknownProduct",
    "apr_of",
    "default_down_payment",
    "flows_on_dates",
    "mileage_settlement",
    "residual_value_settlement",
    "settle_final_instalment",
    "years_between",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
