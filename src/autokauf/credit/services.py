"""Every write of the credit domain: consent, pre-qualification, application, review."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.module_loading import import_string

from autokauf.core import clock, outbox

from . import rules
from .access import sees_score
from .adapters.base import BureauReport, CreditBureau, ScoringFacts, Subject
from .consent import CURRENT_VERSION
from .errors import (
    ApplicationInvalid,
    ConsentRequired,
    InvalidReviewDecision,
    ReviewAlreadyDecided,
    ReviewNotAvailable,
)
from .models import (
    CreditApplication,
    CreditConsent,
    Outcome,
    PrequalificationResult,
    ReviewCase,
)
from .validation import (
    ApplicationData,
    FieldError,
    parse_application,
    parse_prequalification,
    years_between,
)

DEFAULT_BUREAU = "autokauf.credit.adapters.builtin_bureau.BuiltinBureau"
REVIEWABLE = (Outcome.DECLINED, Outcome.REFERRED)
REVIEW_OUTCOMES = (Outcome.APPROVED, Outcome.DECLINED)


def get_bureau() -> CreditBureau:
    """The bureau named by settings.CREDIT_BUREAU (a dotted class path), the built-in by default."""
    bureau: CreditBureau = import_string(getattr(settings, "CREDIT_BUREAU", DEFAULT_BUREAU))()
    return bureau


@dataclass(frozen=True)
class Prequalification:
    """The answer of a soft check: the likely decision; only the consent and the outcome are
    stored."""

    decision: rules.Decision
    affordability: rules.Affordability


def _refuse_invalid(errors: list[FieldError], language: str) -> None:
    if errors:
        fields = ", ".join(error.field for error in errors)
        raise ApplicationInvalid(
            f"{len(errors)} field(s) need correcting: {fields}.",
            extra={"errors": [error.to_dict(language) for error in errors]},
        )


def _check_consent(consent_version: str | None) -> None:
    if consent_version != CURRENT_VERSION:
        raise ConsentRequired(
            f"Consent to the credit check text {CURRENT_VERSION} is needed before the check runs.",
            extra={"consent_version": CURRENT_VERSION},
        )


def record_consent(*, user: Any, purpose: str, text_version: str) -> CreditConsent:
    """Records that `user` agreed to the consent text `text_version`, now."""
    _check_consent(text_version)
    return CreditConsent.objects.create(
        user=user, purpose=purpose, text_version=text_version, given_at=clock.now()
    )


def _weak_factors(report: BureauReport) -> tuple[rules.Reason, ...]:
    return tuple(
        rules.Reason(f"factor-{factor.factor}", factor.de, factor.en)
        for factor in report.factors
        if factor.points < 0
    )


def _decide(
    offer: rules.OfferTerms, household: rules.Household, report: BureauReport
) -> tuple[rules.Decision, rules.Affordability]:
    affordability = rules.assess_affordability(household, offer.monthly_payment)
    decision = rules.decide(
        offer=offer,
        affordability=affordability,
        score=report.score,
        weak_factors=_weak_factors(report),
    )
    return decision, affordability


def _facts(
    *,
    born: date,
    status: str,
    employed_since: date | None,
    address_since: date,
    household: rules.Household,
    offer: rules.OfferTerms,
    today: date,
) -> ScoringFacts:
    return ScoringFacts(
        age_years=years_between(born, today),
        employment_status=status,
        employment_years=years_between(employed_since, today) if employed_since else 0,
        address_years=years_between(address_since, today),
        net_monthly_income=household.net_monthly_income,
        existing_instalments=household.existing_instalments,
        new_instalment=offer.monthly_payment,
    )


def prequalify(
    *, user: Any, data: Mapping[str, Any], consent_version: str | None, language: str = "de"
) -> Prequalification:
    """A soft check: the likely decision from a few figures, in milliseconds.

    The bureau is asked with a soft inquiry, which it does not record: other lenders never see it.
    Only the consent and the outcome (PrequalificationResult) are stored.
    """
    today = clock.today_berlin()
    parsed, errors = parse_prequalification(data, today=today)
    _refuse_invalid(errors, language)
    assert parsed is not None
    record_consent(
        user=user, purpose=CreditConsent.Purpose.PREQUALIFICATION, text_version=str(consent_version)
    )
    facts = _facts(
        born=parsed.date_of_birth,
        status=parsed.employment_status,
        employed_since=parsed.employed_since,
        address_since=parsed.address_since,
        household=parsed.household,
        offer=parsed.offer,
        today=today,
    )
    subject = Subject("", "", parsed.date_of_birth, "")
    report = get_bureau().check(subject, facts, kind="soft", lender_code=parsed.offer.lender_code)
    decision, affordability = _decide(parsed.offer, parsed.household, report)
    PrequalificationResult.objects.create(user=user, outcome=decision.outcome)
    return Prequalification(decision, affordability)


def submit_application(
    *, applicant: Any, data: Mapping[str, Any], consent_version: str | None, language: str = "de"
) -> CreditApplication:
    """The full application for one offer: consent first, then the hard bureau inquiry, the
    affordability assessment and the decision, stored together. A referred application opens a
    review case at once. Invalid data or missing consent store nothing."""
    today = clock.today_berlin()
    _check_consent(consent_version)
    parsed, errors = parse_application(data, today=today)
    _refuse_invalid(errors, language)
    assert parsed is not None
    with transaction.atomic():
        consent = record_consent(
            user=applicant,
            purpose=CreditConsent.Purpose.CREDIT_CHECK,
            text_version=str(consent_version),
        )
        report = _hard_check(parsed, today)
        decision, affordability = _decide(parsed.offer, parsed.household, report)
        application = _store(applicant, consent, parsed, report, decision, affordability)
        if decision.outcome == Outcome.REFERRED:
            ReviewCase.objects.create(application=application, opened_at=clock.now())
        announce_decision(application)
    return application


def announce_decision(application: CreditApplication) -> None:
    """The outbox event "credit.decided", in the transaction of the decision it reports (a
    financed order waiting for its approval is confirmed by checkout's consumer)."""
    outbox.emit(
        "credit.decided",
        {
            "application_id": str(application.pk),
            "applicant_id": application.applicant_id,
            "outcome": application.outcome,
        },
        key=str(application.pk),
    )


def _hard_check(parsed: ApplicationData, today: date) -> BureauReport:
    current = parsed.addresses[0]
    facts = _facts(
        born=parsed.date_of_birth,
        status=parsed.employment_status,
        employed_since=parsed.employed_since,
        address_since=current.since,
        household=parsed.household,
        offer=parsed.offer,
        today=today,
    )
    subject = Subject(parsed.first_name, parsed.last_name, parsed.date_of_birth, current.postcode)
    return get_bureau().check(subject, facts, kind="hard", lender_code=parsed.offer.lender_code)


def _store(
    applicant: Any,
    consent: CreditConsent,
    parsed: ApplicationData,
    report: BureauReport,
    decision: rules.Decision,
    affordability: rules.Affordability,
) -> CreditApplication:
    offer, household = parsed.offer, parsed.household
    reasons = [reason.to_dict() for reason in decision.reasons]
    conditions = decision.conditions.to_dict() if decision.conditions else None
    return CreditApplication.objects.create(
        applicant=applicant,
        consent=consent,
        created_at=clock.now(),
        lender_code=offer.lender_code,
        product=offer.product,
        amount=offer.amount,
        term_months=offer.term_months,
        monthly_payment=offer.monthly_payment,
        nominal_rate=offer.nominal_rate,
        final_payment=offer.final_payment,
        first_name=parsed.first_name,
        last_name=parsed.last_name,
        date_of_birth=parsed.date_of_birth,
        nationality=parsed.nationality,
        addresses=[address.to_dict() for address in parsed.addresses],
        employment_status=parsed.employment_status,
        employer=parsed.employer,
        employed_since=parsed.employed_since,
        net_monthly_income=household.net_monthly_income,
        housing_costs=household.housing_costs,
        existing_instalments=household.existing_instalments,
        dependants=household.dependants,
        household_adults=household.household_adults,
        iban=parsed.iban,
        affordability=affordability.to_dict(),
        bureau=report.bureau,
        bureau_inquiry_ref=report.inquiry_ref,
        score=report.score,
        score_band=rules.score_band(report.score),
        score_factors=[factor.to_dict() for factor in report.factors],
        automated_outcome=decision.outcome,
        automated_reasons=reasons,
        conditions=conditions,
        outcome=decision.outcome,
        reasons=reasons,
        approved_amount=decision.approved_amount,
        approved_term_months=decision.approved_term,
        decided_at=clock.now(),
    )


def request_review(*, application: CreditApplication, statement: str) -> ReviewCase:
    """The buyer asks a person to review a declined or referred decision (GDPR Art. 22(3)),
    stating their view. A referred application has its case already; the statement joins it."""
    with transaction.atomic():
        # FOR UPDATE on the application row: two requests at once must not open two cases.
        locked = CreditApplication.objects.select_for_update().get(pk=application.pk)
        if locked.outcome not in REVIEWABLE or locked.decided_by_person:
            raise ReviewNotAvailable(
                "Only a declined or referred decision not yet reviewed by a person can be reviewed."
            )
        case = locked.review_cases.filter(status=ReviewCase.Status.OPEN).first()
        if case is None:
            return ReviewCase.objects.create(
                application=locked, buyer_statement=statement.strip(), opened_at=clock.now()
            )
        case.buyer_statement = "\n\n".join(
            p for p in (case.buyer_statement, statement.strip()) if p
        )
        case.save(update_fields=["buyer_statement"])
        return case


def decide_review(*, case: ReviewCase, reviewer: Any, outcome: str, reason: str) -> ReviewCase:
    """Records a person's decision on a review case (who, when, outcome, reason); the
    application's decision becomes theirs."""
    if not sees_score(reviewer):
        raise InvalidReviewDecision("Only the manufacturer's sales staff or admins decide reviews.")
    if outcome not in REVIEW_OUTCOMES or not reason.strip():
        raise InvalidReviewDecision("A review decides approved or declined and gives a reason.")
    with transaction.atomic():
        # FOR UPDATE on the case: a second reviewer saving at the same time finds it decided.
        locked = ReviewCase.objects.select_for_update().get(pk=case.pk)
        if locked.status != ReviewCase.Status.OPEN:
            raise ReviewAlreadyDecided("This review case is decided already.")
        now = clock.now()
        locked.status, locked.reviewer, locked.decided_at = ReviewCase.Status.DECIDED, reviewer, now
        locked.outcome, locked.reason = outcome, reason.strip()
        locked.save()
        _apply_review(locked.application, outcome, locked.reason, now)
        announce_decision(locked.application)
    return locked


def _apply_review(application: CreditApplication, outcome: str, reason: str, now: Any) -> None:
    approved = outcome == Outcome.APPROVED
    application.outcome = outcome
    application.reasons = [
        {
            "code": "reviewed-by-person",
            "de": f"Eine Person hat den Antrag geprüft: {reason}",
            "en": f"A person reviewed the application: {reason}",
        }
    ]
    application.approved_amount = application.amount if approved else None
    application.approved_term_months = application.term_months if approved else None
    application.decided_by_person, application.decided_at = True, now
    application.save()
