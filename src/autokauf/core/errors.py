"""The base of every domain error. The API turns each into RFC 9457 problem details."""

from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class FieldError:
    """One field's problem, worded in German and English, for a problem+json `errors` list."""

    field: str
    code: str
    de: str
    en: str

    def to_dict(self, language: str) -> dict[str, str]:
        message = self.de if language.startswith("de") else self.en
        return {
            "field": self.field,
            "code": self.code,
            "message": message,
            "message_de": self.de,
            "message_en": self.en,
        }
