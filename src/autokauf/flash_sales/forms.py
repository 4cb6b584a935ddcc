"""The claim's checkout form: the fields of checkout.CheckoutData a cash purchase needs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from autokauf import checkout

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
DELIVERIES = (("dealer", _("Collect at the dealer")), ("home", _("Home delivery")))


class ClaimPayForm(forms.Form):
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
    delivery = forms.ChoiceField(
        label=_("How do you get the car?"), choices=DELIVERIES, widget=forms.RadioSelect
    )
    accept_terms = forms.BooleanField(label=_("I accept the terms and conditions of sale."))
    accept_withdrawal_notice = forms.BooleanField(
        label=_("I have read the notice on my right of withdrawal.")
    )

    def checkout_data(self) -> Any:
        """The cleaned fields as checkout.CheckoutData (paid in cash)."""
        return checkout.CheckoutData(**self.cleaned_data, payment_method="cash")


def initial_from_profile(user: Any) -> dict[str, Any]:
    """What the buyer's profile already knows, so they type nothing twice."""
    initial = {name: getattr(user, name, "") for name in PROFILE_FIELDS}
    initial["delivery"] = "dealer"
    return {name: value for name, value in initial.items() if value not in ("", None)}
