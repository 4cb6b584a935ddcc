"""Credit: applications, affordability, the bureau port, decisions, review by a person."""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .errors import (
    ApplicationInvalid,
    ConsentRequired,
    InvalidReviewDecision,
    ReviewAlreadyDecided,
    ReviewNotAvailable,
    UnknownApplication,
)
from .rules import Affordability, Conditions, Decision, OfferTerms, Reason, decide

# Functions that touch the ORM are imported on first use, so that importing this package stays
# safe while Django is still loading its apps.
_LAZY = {
    "prequalify": "services",
    "submit_application": "services",
    "request_review": "services",
    "decide_review": "services",
    "record_consent": "services",
    "Prequalification": "services",
    "approved_application_for": "selectors",
    "is_prequalified": "selectors",
    "access_application": "selectors",
    "application_for_viewer": "selectors",
    "OfferRef": "selectors",
    "CreditApplication": "models",
    "ReviewCase": "models",
    "CURRENT_CONSENT_VERSION": "consent",
}

__all__ = [
    "Affordability",
    "ApplicationInvalid",
    "Conditions",
    "ConsentRequired",
    "Decision",
    "InvalidReviewDecision",
    "OfferTerms",
    "Reason",
    "ReviewAlreadyDecided",
    "ReviewNotAvailable",
    "UnknownApplication",
    "decide",
    *_LAZY,
]


def __getattr__(name: str) -> Any:
    if name == "CURRENT_CONSENT_VERSION":
        return import_module(f"{__name__}.consent").CURRENT_VERSION
    if name in _LAZY:
        return getattr(import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(name)
