"""Back office for credit: applications (read only) and review cases a person decides."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _
from unfold.admin import ModelAdmin

from . import services
from .errors import InvalidReviewDecision, ReviewAlreadyDecided
from .models import CreditApplication, Outcome, ReviewCase


def _rows(items: list[dict[str, Any]], *keys: str) -> SafeString:
    cells = "".join(f"<td>{{{i}}}</td>" for i in range(len(keys)))
    return format_html_join(
        "", "<tr>" + cells + "</tr>", ([item.get(key, "") for key in keys] for item in items)
    )


def _table(rows: SafeString) -> SafeString:
    return format_html("<table>{}</table>", rows)


class ApplicationFacts:
    """Read-only renderings of an application shared by both admin pages."""

    @admin.display(description=_("Score factors"))
    def factors_table(self, application: CreditApplication) -> SafeString:
        return _table(_rows(application.score_factors, "factor", "value", "points", "en"))

    @admin.display(description=_("Affordability (EUR a month)"))
    def affordability_table(self, application: CreditApplication) -> SafeString:
        items = [{"k": key, "v": value} for key, value in application.affordability.items()]
        return _table(_rows(items, "k", "v"))

    @admin.display(description=_("Automated reasons"))
    def automated_reasons_list(self, application: CreditApplication) -> SafeString:
        return _table(_rows(application.automated_reasons, "code", "de", "en"))


@admin.register(CreditApplication)
class CreditApplicationAdmin(ApplicationFacts, ModelAdmin):
    list_display = (
        "created_at",
        "last_name",
        "first_name",
        "lender_code",
        "amount",
        "term_months",
        "outcome",
        "decided_by_person",
    )
    list_filter = ("outcome", "automated_outcome", "lender_code")
    search_fields = ("last_name", "first_name", "applicant__email")
    readonly_fields = ("factors_table", "affordability_table", "automated_reasons_list")
    exclude = ("score_factors", "affordability", "automated_reasons")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReviewDecisionForm(forms.ModelForm):
    outcome = forms.ChoiceField(
        choices=[
            (Outcome.APPROVED, Outcome.APPROVED.label),
            (Outcome.DECLINED, Outcome.DECLINED.label),
        ]
    )
    reason = forms.CharField(widget=forms.Textarea, label=_("Reason (shown to the buyer)"))

    class Meta:
        model = ReviewCase
        fields = ("outcome", "reason")


@admin.register(ReviewCase)
class ReviewCaseAdmin(ModelAdmin):
    """Everything the reviewer needs on one page; saving records the decision via the service."""

    form = ReviewDecisionForm
    list_display = ("opened_at", "application", "status", "outcome", "reviewer", "decided_at")
    list_filter = ("status", "outcome")
    readonly_fields = (
        "applicant_figures",
        "factors",
        "affordability",
        "automated_reasons",
        "buyer_statement",
        "opened_at",
        "status",
        "reviewer",
        "decided_at",
    )
    fieldsets = (
        (
            _("Application"),
            {"fields": ("applicant_figures", "affordability", "factors", "automated_reasons")},
        ),
        (_("Buyer's view"), {"fields": ("buyer_statement", "opened_at")}),
        (_("Decision"), {"fields": ("outcome", "reason", "status", "reviewer", "decided_at")}),
    )

    @admin.display(description=_("Applicant and offer"))
    def applicant_figures(self, case: ReviewCase) -> SafeString:
        a = case.application
        items = [
            {"k": "name", "v": f"{a.first_name} {a.last_name}, {a.date_of_birth}, {a.nationality}"},
            {
                "k": "offer",
                "v": f"{a.lender_code} {a.product} {a.amount} EUR, {a.term_months} "
                f"months, {a.monthly_payment} EUR/month at {a.nominal_rate} %",
            },
            {
                "k": "employment",
                "v": f"{a.employment_status} {a.employer} since {a.employed_since}",
            },
            {"k": "household", "v": f"{a.household_adults} adult(s), {a.dependants} dependant(s)"},
            {
                "k": "addresses",
                "v": "; ".join(
                    f"{x['postcode']} {x['city']} since {x['since']}" for x in a.addresses
                ),
            },
            {
                "k": "score",
                "v": f"{a.score} (band {a.score_band}), automated: {a.automated_outcome}",
            },
        ]
        return _table(_rows(items, "k", "v"))

    @admin.display(description=_("Affordability (EUR a month)"))
    def affordability(self, case: ReviewCase) -> SafeString:
        return ApplicationFacts().affordability_table(case.application)

    @admin.display(description=_("Score factors"))
    def factors(self, case: ReviewCase) -> SafeString:
        return ApplicationFacts().factors_table(case.application)

    @admin.display(description=_("Automated reasons"))
    def automated_reasons(self, case: ReviewCase) -> SafeString:
        return ApplicationFacts().automated_reasons_list(case.application)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status != ReviewCase.Status.OPEN:
            fields += ["outcome", "reason"]
        return fields

    def save_model(self, request: HttpRequest, obj: ReviewCase, form: Any, change: bool) -> None:
        if obj.status != ReviewCase.Status.OPEN:
            return
        try:
            services.decide_review(
                case=obj,
                reviewer=request.user,
                outcome=form.cleaned_data["outcome"],
                reason=form.cleaned_data["reason"],
            )
        except (InvalidReviewDecision, ReviewAlreadyDecided) as exc:
            self.message_user(request, exc.detail, messages.ERROR)
