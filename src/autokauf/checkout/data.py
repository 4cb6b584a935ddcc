"""What the buyer gives at checkout, and its checks (each problem named by its field)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from . import rules
from .errors import CheckoutInvalid

POSTCODE = re.compile(r"^\d{5}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class CheckoutData:
    first_name: str
    last_name: str
    email: str
    phone: str
    street: str
    postcode: str
    city: str
    date_of_birth: date | None
    payment_method: str = "cash"
    financing_offer: dict[str, Any] | None = None
    delivery: str = "dealer"
    dealer_code: str = ""
    accept_terms: bool = False
    accept_withdrawal_notice: bool = False

    def customer(self) -> dict[str, Any]:
        keep = ("first_name", "last_name", "email", "phone", "street", "postcode", "city")
        shown = {name: getattr(self, name) for name in keep}
        shown["date_of_birth"] = self.date_of_birth.isoformat() if self.date_of_birth else None
        return shown


REQUIRED = ("first_name", "last_name", "email", "phone", "street", "postcode", "city")


def problems_of(data: CheckoutData, *, today: date, consents: bool = True) -> dict[str, str]:
    """Every problem of the checkout data, by field; empty when it is good. Without `consents`
    (staff place the order; the buyer accepts when paying) the two acceptances are not asked."""
    problems = {f: "This field is required." for f in REQUIRED if not str(getattr(data, f)).strip()}
    if data.email and not EMAIL.match(data.email):
        problems["email"] = "Enter a valid e-mail address."
    if data.postcode and not POSTCODE.match(data.postcode):
        problems["postcode"] = "A German postcode has five digits."
    if data.date_of_birth is None:
        problems["date_of_birth"] = "This field is required."
    elif _age(data.date_of_birth, today) < 18:
        problems["date_of_birth"] = "Buyers must be 18 or older (BGB § 2, § 107)."
    if data.payment_method not in rules.PAYMENT_METHODS:
        problems["payment_method"] = f"Choose one of {', '.join(rules.PAYMENT_METHODS)}."
    elif data.payment_method in rules.FINANCED and not data.financing_offer:
        problems["financing_offer"] = "Choose a financing offer."
    elif data.payment_method not in rules.FINANCED and data.financing_offer:
        problems["financing_offer"] = (
            "A cash purchase takes no financing offer: its down payment is 10 % of the total."
        )
    if data.delivery not in rules.DELIVERIES:
        problems["delivery"] = f"Choose one of {', '.join(rules.DELIVERIES)}."
    if consents:
        problems |= consent_problems(data.accept_terms, data.accept_withdrawal_notice)
    return problems


def consent_problems(accept_terms: bool, accept_withdrawal_notice: bool) -> dict[str, str]:
    problems = {}
    if not accept_terms:
        problems["accept_terms"] = "Accept the terms to order."
    if not accept_withdrawal_notice:
        problems["accept_withdrawal_notice"] = "Confirm you have read the withdrawal notice."
    return problems


def check(data: CheckoutData, *, today: date, consents: bool = True) -> None:
    problems = problems_of(data, today=today, consents=consents)
    if problems:
        raise CheckoutInvalid(
            f"{len(problems)} field(s) need attention: {', '.join(sorted(problems))}.",
            extra={"fields": problems},
        )


def _age(born: date, today: date) -> int:
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


FIELD_NAMES = tuple(f.name for f in fields(CheckoutData))
