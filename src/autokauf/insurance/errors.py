"""Refusals of the insurance domain."""

from __future__ import annotations

from autokauf.core.errors import DomainError


class QuoteInputInvalid(DomainError):
    """One or more rating fields are wrong; `extra["errors"]` lists each with its message."""

    code = "invalid-insurance-profile"
    title = "Invalid insurance profile"
    status = 422


class UnknownCover(DomainError):
    code = "unknown-cover"
    title = "Unknown cover"
    status = 422
