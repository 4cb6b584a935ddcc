"""The back office's form to schedule a drop: what staff type, turned into a services.DropPlan."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms
from unfold import widgets

from autokauf.core.errors import DomainError

from .rules import DEFAULT_ADMISSIONS_PER_SECOND
from .services import DropPlan

MAX_BUILD_SLOTS = 10_000
SEPARATORS = re.compile(r"[\s,;]+")
VIN_SHAPE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
COUNTRY_SHAPE = re.compile(r"^[A-Z]{2}$")
MOMENT = forms.DateTimeInput(
    attrs={"type": "datetime-local", "class": " ".join(widgets.DATETIME_CLASSES)},
    format="%Y-%m-%dT%H:%M",
)
TEXT = widgets.UnfoldAdminTextInputWidget
NUMBER = widgets.UnfoldAdminIntegerFieldWidget


def _words(text: str) -> list[str]:
    """The upper-cased words of a list typed one a line or separated by commas, each once."""
    return list(dict.fromkeys(w for w in SEPARATORS.split(text.strip().upper()) if w))


class ScheduleDropForm(forms.Form):
    name = forms.CharField(max_length=120, widget=TEXT)
    price = forms.DecimalField(
        label="Drop price (incl. VAT, EUR)",
        max_digits=12,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=widgets.UnfoldAdminDecimalFieldWidget,
    )
    waiting_room_opens_at = forms.DateTimeField(label="Waiting room opens at", widget=MOMENT)
    starts_at = forms.DateTimeField(label="Starts at", widget=MOMENT)
    ends_at = forms.DateTimeField(label="Ends at", widget=MOMENT)
    per_buyer_limit = forms.IntegerField(
        label="Cars per buyer", initial=1, min_value=1, max_value=32767, widget=NUMBER
    )
    payment_window_minutes = forms.IntegerField(
        label="Payment window for winners (minutes)",
        initial=10,
        min_value=1,
        max_value=32767,
        widget=NUMBER,
    )
    admissions_per_second = forms.IntegerField(
        label="Admissions per second after the start",
        initial=DEFAULT_ADMISSIONS_PER_SECOND,
        min_value=1,
        max_value=1_000_000,
        help_text="Further places of the waiting room let in each second (ADR 0008).",
        widget=NUMBER,
    )
    prequalification_required = forms.BooleanField(
        label="Only buyers with a pre-qualified credit check",
        required=False,
        widget=widgets.UnfoldBooleanSwitchWidget,
    )
    countries = forms.CharField(
        label="Only buyers in these countries",
        required=False,
        help_text="ISO codes such as DE, AT; empty: every country.",
        widget=TEXT,
    )
    vins = forms.CharField(
        label="VINs in stock",
        required=False,
        widget=widgets.UnfoldAdminTextareaWidget(attrs={"rows": 6}),
        help_text="One a line or separated by commas.",
    )
    configuration_code = forms.CharField(
        label="or a saved configuration (code)", required=False, max_length=8, widget=TEXT
    )
    build_slots = forms.IntegerField(
        label="and its number of build slots",
        required=False,
        min_value=1,
        max_value=MAX_BUILD_SLOTS,
        widget=NUMBER,
    )

    def clean_countries(self) -> tuple[str, ...]:
        codes = _words(self.cleaned_data["countries"])
        wrong = [code for code in codes if not COUNTRY_SHAPE.match(code)]
        if wrong:
            raise forms.ValidationError(f"Not an ISO country code: {', '.join(wrong)}.")
        return tuple(codes)

    def clean_vins(self) -> tuple[str, ...]:
        vins = _words(self.cleaned_data["vins"])
        wrong = [vin for vin in vins if not VIN_SHAPE.match(vin)]
        if wrong:
            raise forms.ValidationError(f"Not a VIN (17 characters, no I, O or Q): {wrong[0]}.")
        return tuple(vins)

    def clean_configuration_code(self) -> str:
        return str(self.cleaned_data["configuration_code"]).strip().upper()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        by_vin = bool(cleaned.get("vins"))
        by_slot = bool(cleaned.get("configuration_code") or cleaned.get("build_slots"))
        if by_vin == by_slot:
            raise forms.ValidationError(
                "Give either VINs or a saved configuration with a number of build slots."
            )
        if by_slot and not (cleaned.get("configuration_code") and cleaned.get("build_slots")):
            raise forms.ValidationError("Build slots need a saved configuration and their number.")
        return cleaned

    def plan(self) -> DropPlan:
        data = self.cleaned_data
        return DropPlan(
            name=data["name"],
            price=data["price"],
            waiting_room_opens_at=data["waiting_room_opens_at"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            vins=data["vins"],
            configuration_code=data["configuration_code"] if not data["vins"] else "",
            build_slots=data["build_slots"] or 0,
            per_buyer_limit=data["per_buyer_limit"],
            prequalification_required=data["prequalification_required"],
            countries=data["countries"],
            payment_window_minutes=data["payment_window_minutes"],
            admissions_per_second=data["admissions_per_second"],
        )

    def refuse(self, refusal: DomainError) -> None:
        """Show the service's refusal at the field it names, else above the form."""
        field = next((f for f in ("vins", "configuration_code") if f in refusal.extra), None)
        self.add_error(field, refusal.detail)
