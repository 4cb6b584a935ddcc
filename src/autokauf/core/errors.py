"""The base of every domain error. The API turns each into RFC 9457 problem details."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """A refusal the caller can act on.

    `code` is stable and machine-readable (it ends the problem `type` URI), `title` is the short
    human summary of the code, `detail` says what happened in this case.
    """

    code = "error"
    title = "Request refused"
    status = 400

    def __init__(self, detail: str, *, extra: dict[str, Any] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra or {}


class NotFound(DomainError):
    code = "not-found"
    title = "Not found"
    status = 404


class InvalidInput(DomainError):
    code = "invalid-input"
    title = "Invalid input"
    status = 422
