"""The credit-bureau port: what the credit domain asks a bureau and what it gets back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal, Protocol

InquiryKind = Literal["soft", "hard"]


@dataclass(frozen=True)
class Subject:
    """The person the bureau is asked about."""

    first_name: str
    last_name: str
    date_of_birth: date
    postcode: str


@dataclass(frozen=True)
class ScoringFacts:
    """The application's own figures a bureau may score from."""

    age_years: int
    employment_status: str
    employment_years: int
    address_years: int
    net_monthly_income: Decimal
    existing_instalments: Decimal
    new_instalment: Decimal


@dataclass(frozen=True)
class ScoreFactor:
    """One row of the scorecard that applied, with its points and its meaning in words."""

    factor: str
    value: str
    points: int
    de: str
    en: str

    def to_dict(self) -> dict[str, str | int]:
        return {
            "factor": self.factor,
            "value": self.value,
            "points": self.points,
            "de": self.de,
            "en": self.en,
        }


@dataclass(frozen=True)
class BureauReport:
    bureau: str
    score: int
    factors: tuple[ScoreFactor, ...]
    inquiry_ref: str = ""  # the bureau's id of a recorded hard inquiry; empty for a soft check


class CreditBureau(Protocol):
    """A credit bureau. A "soft" inquiry leaves no trace other lenders can see; a "hard" inquiry
    (a full application) is recorded by the bureau."""

    code: str

    def check(
        self, subject: Subject, facts: ScoringFacts, *, kind: InquiryKind, lender_code: str
    ) -> BureauReport: ...
