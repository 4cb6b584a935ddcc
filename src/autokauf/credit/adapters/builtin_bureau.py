"""The built-in credit bureau: a deterministic scorecard over the application's own figures.

The scorecard (docs/domains/credit.md, "Scorecard") starts at 600 points and adds one row for each
of age, employment, address stability, debt-to-income and existing credit. Hard inquiries (full
applications) are kept in the bureau's register (`BureauInquiry`); soft inquiries leave no trace.
"""

from __future__ import annotations

import hashlib
from decimal import ROUND_HALF_UP, Decimal

from .base import BureauReport, InquiryKind, ScoreFactor, ScoringFacts, Subject

BASE_POINTS = 600

# (lowest age, points, German, English): the first row whose lowest age the applicant reached.
AGE_ROWS = (
    (65, 10, "Alter ab 65 Jahren", "Age 65 or over"),
    (35, 30, "Alter 35 bis 64 Jahre", "Age 35 to 64"),
    (25, 0, "Alter 25 bis 34 Jahre", "Age 25 to 34"),
    (18, -40, "Alter unter 25 Jahren", "Age under 25"),
)

# employment status -> ((least years, points, German, English), ...) first match wins
EMPLOYMENT_ROWS: dict[str, tuple[tuple[int, int, str, str], ...]] = {
    "civil_servant": ((0, 60, "Beamtenverhältnis", "Civil servant"),),
    "employed": (
        (3, 40, "Angestellt seit mindestens 3 Jahren", "Employed for 3 years or more"),
        (1, 10, "Angestellt seit 1 bis 3 Jahren", "Employed for 1 to 3 years"),
        (0, -40, "Angestellt seit weniger als 1 Jahr", "Employed for less than a year"),
    ),
    "self_employed": (
        (3, 10, "Selbstständig seit mindestens 3 Jahren", "Self-employed for 3 years or more"),
        (0, -60, "Selbstständig seit weniger als 3 Jahren", "Self-employed for less than 3 years"),
    ),
    "retired": ((0, 30, "Im Ruhestand (Rente, Pension)", "Retired (pension)"),),
    "student": ((0, -60, "In Ausbildung oder Studium", "In training or studying"),),
    "unemployed": ((0, -150, "Ohne Beschäftigung", "Not in work"),),
    "other": ((0, -40, "Sonstige Beschäftigung", "Other occupation"),),
}

ADDRESS_ROWS = (
    (3, 30, "Seit mindestens 3 Jahren an der Anschrift", "At the address for 3 years or more"),
    (1, 0, "Seit 1 bis 3 Jahren an der Anschrift", "At the address for 1 to 3 years"),
    (0, -30, "Seit weniger als 1 Jahr an der Anschrift", "At the address for less than a year"),
)

# (highest share of income in percent, points, German, English): all instalments incl. the new one
DEBT_TO_INCOME_ROWS = (
    (Decimal(20), 50, "Raten bis 20 % des Einkommens", "Instalments up to 20 % of income"),
    (
        Decimal(35),
        0,
        "Raten über 20 % bis 35 % des Einkommens",
        "Instalments over 20 % to 35 % of income",
    ),
    (
        Decimal(50),
        -80,
        "Raten über 35 % bis 50 % des Einkommens",
        "Instalments over 35 % to 50 % of income",
    ),
    (None, -200, "Raten über 50 % des Einkommens", "Instalments over 50 % of income"),
)

EXISTING_CREDIT_ROWS = (
    (Decimal(0), 20, "Keine laufenden Kredite", "No existing credit"),
    (
        Decimal(10),
        0,
        "Laufende Raten bis 10 % des Einkommens",
        "Existing instalments up to 10 % of income",
    ),
    (
        None,
        -30,
        "Laufende Raten über 10 % des Einkommens",
        "Existing instalments over 10 % of income",
    ),
)


def _share(part: Decimal, income: Decimal) -> Decimal:
    """Percent of income, rounded half-up to one decimal as the table compares it."""
    if income <= 0:
        return Decimal(100)
    return (part * 100 / income).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _at_least(rows, value: int, factor: str, shown: str) -> ScoreFactor:
    for least, points, de, en in rows:
        if value >= least:
            return ScoreFactor(factor, shown, points, de, en)
    raise ValueError(f"no {factor} row for {value}")


def _at_most(rows, share: Decimal, factor: str) -> ScoreFactor:
    for most, points, de, en in rows:
        if most is None or share <= most:
            return ScoreFactor(factor, f"{share} %", points, de, en)
    raise ValueError(f"no {factor} row for {share}")


def score_factors(facts: ScoringFacts) -> tuple[ScoreFactor, ...]:
    """One scorecard row per factor, in the order of the documented table."""
    employment_rows = EMPLOYMENT_ROWS.get(facts.employment_status, EMPLOYMENT_ROWS["other"])
    all_instalments = facts.existing_instalments + facts.new_instalment
    return (
        _at_least(AGE_ROWS, facts.age_years, "age", f"{facts.age_years}"),
        _at_least(
            employment_rows,
            facts.employment_years,
            "employment",
            f"{facts.employment_status}, {facts.employment_years}",
        ),
        _at_least(ADDRESS_ROWS, facts.address_years, "address", f"{facts.address_years}"),
        _at_most(
            DEBT_TO_INCOME_ROWS, _share(all_instalments, facts.net_monthly_income), "debt_to_income"
        ),
        _at_most(
            EXISTING_CREDIT_ROWS,
            _share(facts.existing_instalments, facts.net_monthly_income),
            "existing_credit",
        ),
    )


def score_of(factors: tuple[ScoreFactor, ...]) -> int:
    return BASE_POINTS + sum(factor.points for factor in factors)


def subject_key(subject: Subject) -> str:
    """The register's key for a person: name and date of birth, case and space insensitive."""
    raw = "|".join(
        (
            subject.first_name.strip().lower(),
            subject.last_name.strip().lower(),
            subject.date_of_birth.isoformat(),
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()


class BuiltinBureau:
    """Scores from the scorecard; records hard inquiries in its own register."""

    code = "builtin"

    def check(
        self, subject: Subject, facts: ScoringFacts, *, kind: InquiryKind, lender_code: str
    ) -> BureauReport:
        factors = score_factors(facts)
        reference = ""
        if kind == "hard":
            reference = self._record_hard_inquiry(subject, lender_code)
        return BureauReport(self.code, score_of(factors), factors, reference)

    def _record_hard_inquiry(self, subject: Subject, lender_code: str) -> str:
        from autokauf.credit.models import BureauInquiry  # the bureau's own register

        inquiry = BureauInquiry.objects.create(
            subject_key=subject_key(subject), kind="hard", lender_code=lender_code
        )
        return str(inquiry.pk)

    def inquiries_visible_to_lenders(self, subject: Subject) -> int:
        """How many inquiries other lenders see for this person: the hard ones only."""
        from autokauf.credit.models import BureauInquiry

        return BureauInquiry.objects.filter(subject_key=subject_key(subject), kind="hard").count()
