"""Refusals of the flash-sale domain (problem+json codes)."""

from __future__ import annotations

from decimal import Decimal

from autokauf.core.errors import DomainError, NotFound


class UnknownDrop(NotFound):
    code = "unknown-drop"
    title = "Unknown drop"


class UnknownClaim(NotFound):
    code = "unknown-claim"
    title = "Unknown claim"


class SoldOut(DomainError):
    code = "sold-out"
    title = "Sold out"
    status = 409


class NotAdmitted(DomainError):
    code = "not-admitted"
    title = "Not admitted yet"
    status = 409

    @classmethod
    def behind_the_line(cls, position: int | None, wait: Decimal) -> NotAdmitted:
        """A buyer behind the line: their place, and the wait in seconds with one decimal (a
        JSON number, e.g. 0.4)."""
        return cls(
            "It is not your turn yet; keep this page open.",
            extra={"position": position, "estimated_wait_seconds": float(wait)},
        )


class LimitReached(DomainError):
    code = "limit-reached"
    title = "Limit reached"
    status = 409


class DropEnded(DomainError):
    code = "ended"
    title = "Drop ended"
    status = 409


class DropNotOpen(DomainError):
    code = "not-open"
    title = "Drop not open"
    status = 409


class NotEligible(DomainError):
    code = "not-eligible"
    title = "Not eligible"
    status = 403


class ClaimExpired(DomainError):
    code = "claim-expired"
    title = "Claim expired"
    status = 409


class DropInvalid(DomainError):
    code = "drop-invalid"
    title = "Drop invalid"
    status = 422


class RateLimited(DomainError):
    code = "too-many-requests"
    title = "Too many requests"
    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many requests. Try again in {retry_after} seconds.",
            extra={"retry_after": retry_after},
        )
        self.retry_after = retry_after
