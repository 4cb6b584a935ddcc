"""Refusals of accounts. Each becomes a problem+json answer in the API."""

from __future__ import annotations

from autokauf.core.errors import DomainError, NotFound

__all__ = [
    "BadLink",
    "ConfirmationMailThrottled",
    "EmailConfirmedAlready",
    "EmailNotConfirmed",
    "EmailTaken",
    "Forbidden",
    "InvalidCode",
    "InvalidCredentials",
    "LoginThrottled",
    "NotFound",
    "PasswordRejected",
    "ReauthenticationFailed",
    "SecondFactorEnrolmentRequired",
    "SecondFactorRequired",
    "UnknownConsentPurpose",
    "UnknownToken",
]


class Forbidden(DomainError):
    code = "forbidden"
    title = "Not allowed"
    status = 403


class InvalidCredentials(DomainError):
    """The same answer whether the address is unknown or the password wrong."""

    code = "invalid-credentials"
    title = "E-mail address or password is wrong"
    status = 401


class LoginThrottled(DomainError):
    code = "too-many-attempts"
    title = "Too many login attempts"
    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"Too many failed attempts. Try again in {retry_after} seconds.",
            extra={"retry_after": retry_after},
        )
        self.retry_after = retry_after


class SecondFactorRequired(DomainError):
    code = "second-factor-required"
    title = "A one-time code is required"
    status = 401


class SecondFactorEnrolmentRequired(DomainError):
    code = "second-factor-enrolment-required"
    title = "Set up a second factor first"
    status = 403


class InvalidCode(DomainError):
    code = "invalid-code"
    title = "The one-time code is wrong or used"
    status = 422


class BadLink(DomainError):
    code = "bad-link"
    title = "The link is invalid or expired"
    status = 400


class EmailTaken(DomainError):
    code = "email-taken"
    title = "The e-mail address is taken"
    status = 409


class PasswordRejected(DomainError):
    code = "password-rejected"
    title = "The password is too weak"
    status = 422


class ReauthenticationFailed(DomainError):
    code = "reauthentication-failed"
    title = "The current password is wrong"
    status = 403


class UnknownConsentPurpose(NotFound):
    code = "unknown-consent-purpose"
    title = "Unknown consent purpose"


class UnknownToken(NotFound):
    code = "unknown-token"
    title = "Unknown API token"


class EmailNotConfirmed(DomainError):
    """Buying needs a confirmed address; `extra["email"]` is the address the link went to."""

    code = "email-not-confirmed"
    title = "Confirm your e-mail address first"
    status = 403


class EmailConfirmedAlready(DomainError):
    code = "email-confirmed-already"
    title = "The e-mail address is confirmed already"
    status = 409


class ConfirmationMailThrottled(DomainError):
    code = "confirmation-mail-throttled"
    title = "A confirmation link was sent a moment ago"
    status = 429

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"A new link can be sent in {retry_after} seconds.", extra={"retry_after": retry_after}
        )
        self.retry_after = retry_after
