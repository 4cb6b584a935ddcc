"""The checkout form: the buyer's details, how they pay, where they collect, two consents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from autokauf.core import clock

POSTCODE = re.compile(r"^\d{5}$")
ADULT_AGE = 18  # full legal capacity (BGB § 2, § 107)
PHONE = re.compile(r"^\+?[0-9 ()/-]{6,24}$")

PAYMENT_METHODS = (
    ("cash", _("Cash (bank transfer of the balance before handover)")),
    ("loan", _("Loan")),
    ("balloon", _("Loan with a final instalment (balloon)")),
    ("lease", _("Lease")),
)
DELIVERIES = (
    ("dealer", _("Collect at the dealer")),
    ("home", _("Home delivery")),
    ("tower", _("Collect from the pickup tower")),
)
# The details a returning buyer's profile fills in.
PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "date_of_birth",
)


class CheckoutForm(forms.Form):
    """Every field a purchase needs on one page. `offers` are the financing offers the buyer may
    choose ("product:lender" keys); `deliveries` the handover choices this car allows; `dealers`
    (code, name) the dealers to choose from when no showroom holds the car."""

    first_name = forms.CharField(label=_("First name"), max_length=80)
    last_name = forms.CharField(label=_("Last name"), max_length=80)
    email = forms.EmailField(label=_("E-mail address"))
    phone = forms.CharField(label=_("Phone"), max_length=32)
    street = forms.CharField(label=_("Street and number"), max_length=120)
    postcode = forms.CharField(label=_("Postcode"), max_length=5)
    city = forms.CharField(label=_("City"), max_length=80)
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    payment_method = forms.ChoiceField(
        label=_("How do you pay?"), choices=PAYMENT_METHODS, widget=forms.RadioSelect
    )
    financing_offer = forms.ChoiceField(
        label=_("Financing offer"), required=False, widget=forms.RadioSelect
    )
    delivery = forms.ChoiceField(
        label=_("How do you get the car?"), choices=DELIVERIES, widget=forms.RadioSelect
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the terms and conditions of sale."),
        error_messages={"required": _("Please accept the terms and conditions of sale.")},
    )
    accept_withdrawal_notice = forms.BooleanField(
        label=_("I have read the notice on my right of withdrawal."),
        error_messages={"required": _("Please confirm that you have read the withdrawal notice.")},
    )

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        offers: Iterable[str] = (),
        deliveries: Iterable[str] = ("dealer", "home"),
        dealers: Iterable[tuple[str, str]] = (),
        initial: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(data, initial=initial)
        if dealers:
            # A car built to order has no showroom yet: the buyer names the dealer who hands it
            # over (or is their contact when it is delivered home).
            self.fields["dealer"] = forms.ChoiceField(
                label=_("Your dealer"), choices=[("", "—"), *dealers]
            )
        offer_field = self.fields["financing_offer"]
        delivery_field = self.fields["delivery"]
        assert isinstance(offer_field, forms.ChoiceField)
        assert isinstance(delivery_field, forms.ChoiceField)
        offer_field.choices = [(key, key) for key in offers]
        allowed = set(deliveries)
        delivery_field.choices = [c for c in DELIVERIES if c[0] in allowed]
        autocomplete = {
            "first_name": "given-name",
            "last_name": "family-name",
            "email": "email",
            "phone": "tel",
            "street": "street-address",
            "postcode": "postal-code",
            "city": "address-level2",
            "date_of_birth": "bday",
        }
        for name, token in autocomplete.items():
            self.fields[name].widget.attrs["autocomplete"] = token
        self.fields["postcode"].widget.attrs["inputmode"] = "numeric"
        self.fields["phone"].widget.attrs["type"] = "tel"

    def clean_postcode(self) -> str:
        postcode = str(self.cleaned_data["postcode"]).strip()
        if not POSTCODE.match(postcode):
            raise forms.ValidationError(_("A German postcode has five digits."))
        return postcode

    def clean_phone(self) -> str:
        phone = str(self.cleaned_data["phone"]).strip()
        if not PHONE.match(phone):
            raise forms.ValidationError(_("Please give a phone number we can call."))
        return phone

    def clean_date_of_birth(self) -> date:
        born: date = self.cleaned_data["date_of_birth"]
        today = clock.today_berlin()
        age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
        if age < ADULT_AGE:
            raise forms.ValidationError(_("You must be 18 or older to buy a car."))
        return born

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        method = cleaned.get("payment_method")
        offer = cleaned.get("financing_offer") or ""
        if method and method != "cash":
            if not offer.startswith(f"{method}:"):
                self.add_error("financing_offer", _("Please choose one of the offers."))
        else:
            cleaned["financing_offer"] = ""
        return cleaned


def initial_from_profile(user: Any) -> dict[str, Any]:
    """What a returning buyer's profile already knows, so they type nothing twice."""
    initial = {name: getattr(user, name, "") for name in PROFILE_FIELDS}
    initial["payment_method"] = "cash"
    initial["delivery"] = "dealer"
    return {name: value for name, value in initial.items() if value not in ("", None)}
