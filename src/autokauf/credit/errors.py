"""Refusals of the credit domain."""

from __future__ import annotations

from autokauf.core.errors import DomainError, NotFound


class ApplicationInvalid(DomainError):
    """One or more fields are wrong; `extra["errors"]` lists each with its message."""

    code = "invalid-credit-application"
    title = "Invalid credit application"
    status = 422


class ConsentRequired(DomainError):
    """A credit check runs only after the buyer consented to the current consent text."""

    code = "consent-required"
    title = "Consent to the credit check required"
    status = 422


class UnknownApplication(NotFound):
    code = "unknown-credit-application"
    title = "Unknown credit application"


class ReviewNotAvailable(DomainError):
    """Only a declined or referred decision can be put to a person, once at a time."""

    code = "review-not-available"
    title = "Review not available"
    status = 409


class ReviewAlreadyDecided(DomainError):
    code = "review-already-decided"
    title = "Review already decided"
    status = 409


class InvalidReviewDecision(DomainError):
    code = "invalid-review-decision"
    title = "Invalid review decision"
    status = 422
