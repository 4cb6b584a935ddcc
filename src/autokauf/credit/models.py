"""Credit: consents, applications with their assessment, the bureau register and review cases."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from autokauf.core import clock


def money(**options: Any) -> models.DecimalField:
    """An amount in EUR with cents."""
    return models.DecimalField(max_digits=12, decimal_places=2, **options)


class Outcome(models.TextChoices):
    APPROVED = "approved", _("Approved")
    APPROVED_WITH_CONDITIONS = "approved_with_conditions", _("Approved with conditions")
    REFERRED = "referred", _("Referred to a person")
    DECLINED = "declined", _("Declined")


class CreditConsent(models.Model):
    """The applicant's consent to a credit check, recorded before the check runs."""

    class Purpose(models.TextChoices):
        PREQUALIFICATION = "prequalification", _("Pre-qualification (soft check)")
        CREDIT_CHECK = "credit_check", _("Credit check (full application)")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="credit_consents"
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    text_version = models.CharField(max_length=40)
    given_at = models.DateTimeField(default=clock.now)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.purpose} {self.text_version} ({self.user_id})"


class PrequalificationResult(models.Model):
    """The outcome of a soft check, kept so that a drop can require a recent pre-qualification;
    none of the figures given for it are stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="prequalifications"
    )
    outcome = models.CharField(max_length=24, choices=Outcome.choices)
    checked_at = models.DateTimeField(default=clock.now)

    class Meta:
        indexes = [models.Index(fields=["user", "checked_at"], name="prequalification_recent")]

    def __str__(self) -> str:
        return f"{self.outcome} ({self.user_id})"


class CreditApplication(models.Model):
    """A full application for one financing offer, with the figures and the decision taken."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="credit_applications"
    )
    consent = models.ForeignKey(CreditConsent, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=clock.now)
    # the offer applied for, stored as data
    lender_code = models.CharField(max_length=40)
    product = models.CharField(max_length=10)
    amount = money()
    term_months = models.PositiveSmallIntegerField()
    monthly_payment = money()
    nominal_rate = models.DecimalField(max_digits=6, decimal_places=3)
    final_payment = money(default=0)
    # identity
    first_name = models.CharField(max_length=80)
    last_name = models.CharField(max_length=80)
    date_of_birth = models.DateField()
    nationality = models.CharField(max_length=2)
    addresses = models.JSONField(help_text=_("Current address first, then earlier ones."))
    # employment and household
    employment_status = models.CharField(max_length=20)
    employer = models.CharField(max_length=120, blank=True)
    employed_since = models.DateField(null=True, blank=True)
    net_monthly_income = money()
    housing_costs = money()
    existing_instalments = money()
    dependants = models.PositiveSmallIntegerField()
    household_adults = models.PositiveSmallIntegerField(default=1)
    iban = models.CharField(max_length=34)
    # assessment
    affordability = models.JSONField()
    bureau = models.CharField(max_length=40)
    bureau_inquiry_ref = models.CharField(max_length=64, blank=True)
    score = models.IntegerField()
    score_band = models.CharField(max_length=1)
    score_factors = models.JSONField()
    automated_outcome = models.CharField(max_length=24, choices=Outcome.choices)
    automated_reasons = models.JSONField()
    conditions = models.JSONField(null=True, blank=True)
    # the decision in force (the automated one until a person decides)
    outcome = models.CharField(max_length=24, choices=Outcome.choices)
    reasons = models.JSONField()
    approved_amount = money(null=True, blank=True)
    approved_term_months = models.PositiveSmallIntegerField(null=True, blank=True)
    decided_by_person = models.BooleanField(default=False)
    decided_at = models.DateTimeField(default=clock.now)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.last_name}, {self.first_name}: {self.lender_code} {self.amount}"


class BureauInquiry(models.Model):
    """The built-in bureau's register of inquiries other lenders can see (hard inquiries)."""

    subject_key = models.CharField(max_length=64, db_index=True)
    kind = models.CharField(max_length=4)
    lender_code = models.CharField(max_length=40)
    created_at = models.DateTimeField(default=clock.now)

    def __str__(self) -> str:
        return f"{self.kind} inquiry by {self.lender_code}"


class ReviewCase(models.Model):
    """Review of an automated decision by a person (GDPR Art. 22(3))."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        DECIDED = "decided", _("Decided")

    application = models.ForeignKey(
        CreditApplication, on_delete=models.PROTECT, related_name="review_cases"
    )
    buyer_statement = models.TextField(blank=True)
    opened_at = models.DateTimeField(default=clock.now)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.OPEN)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=24, choices=Outcome.choices, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(status="open"),
                name="credit_one_open_review_per_application",
            )
        ]

    def __str__(self) -> str:
        return f"review of {self.application_id} ({self.status})"
