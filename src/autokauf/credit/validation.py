"""Field-by-field validation of credit applications, with messages in German and English.

Pure: `today` is passed in. Every problem is collected, so the buyer sees all of them at once.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel import Locale
from stdnum import iban as iban_number

from autokauf.core.errors import FieldError

from .rules import Household, OfferTerms

EMPLOYMENT_STATUSES = (
    "employed",
    "civil_servant",
    "self_employed",
    "retired",
    "student",
    "unemployed",
    "other",
)
NEEDS_EMPLOYER = ("employed", "civil_servant", "self_employed")
PRODUCTS = ("loan", "balloon", "lease")
COUNTRIES = frozenset(
    str(code) for code in Locale("en").territories if len(str(code)) == 2 and str(code).isalpha()
)
ADDRESS_HISTORY_YEARS = 3
MAX_AMOUNT = Decimal("1000000")


@dataclass(frozen=True)
class Address:
    street: str
    postcode: str
    city: str
    country: str
    since: date

    def to_dict(self) -> dict[str, str]:
        return {
            "street": self.street,
            "postcode": self.postcode,
            "city": self.city,
            "country": self.country,
            "since": self.since.isoformat(),
        }


@dataclass(frozen=True)
class ApplicationData:
    offer: OfferTerms
    first_name: str
    last_name: str
    date_of_birth: date
    nationality: str
    addresses: tuple[Address, ...]
    employment_status: str
    employer: str
    employed_since: date | None
    household: Household
    iban: str


@dataclass(frozen=True)
class PrequalificationData:
    offer: OfferTerms
    date_of_birth: date
    employment_status: str
    employed_since: date | None
    address_since: date
    household: Household


class Collector:
    """Reads values out of a nested mapping and collects an error for each bad one."""

    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.errors: list[FieldError] = []

    def fail(self, field: str, code: str, de: str, en: str) -> None:
        self.errors.append(FieldError(field, code, de, en))

    def get(self, path: str) -> Any:
        value: Any = self.raw
        for part in path.split("."):
            if isinstance(value, Mapping):
                value = value.get(part)
            elif isinstance(value, list | tuple) and part.isdigit() and int(part) < len(value):
                value = value[int(part)]
            else:
                return None
        return value

    def text(self, path: str, *, max_length: int = 120, required: bool = True) -> str:
        value = self.get(path)
        value = value.strip() if isinstance(value, str) else ""
        if required and not value:
            self.fail(path, "required", "Bitte ausfüllen.", "Please fill in.")
        elif len(value) > max_length:
            self.fail(
                path,
                "too-long",
                f"Höchstens {max_length} Zeichen.",
                f"At most {max_length} characters.",
            )
        return value

    def day(self, path: str, *, required: bool = True) -> date | None:
        value = self.get(path)
        if value in (None, "") and not required:
            return None
        try:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError:
            self.fail(
                path,
                "invalid-date",
                "Bitte ein Datum im Format JJJJ-MM-TT angeben.",
                "Please give a date as YYYY-MM-DD.",
            )
            return None

    def amount(self, path: str, *, positive: bool = False, required: bool = True) -> Decimal:
        value = self.get(path)
        if value in (None, "") and not required:
            return Decimal("0.00")
        try:
            amount = Decimal(str(value))
        except (InvalidOperation, ValueError):
            amount = Decimal("NaN")
        if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
            self.fail(
                path,
                "invalid-amount",
                "Bitte einen Betrag in Euro mit höchstens zwei Nachkommastellen angeben.",
                "Please give an amount in euros with at most two decimals.",
            )
            return Decimal("0.00")
        if amount < 0 or (positive and amount == 0) or amount > MAX_AMOUNT:
            low = "größer als 0" if positive else "nicht negativ"
            self.fail(
                path,
                "out-of-range",
                f"Der Betrag muss {low} und höchstens 1.000.000 € sein.",
                f"The amount must be {'above 0' if positive else 'zero or more'} and at most "
                "€1,000,000.",
            )
        return amount

    def whole(self, path: str, low: int, high: int, *, default: int | None = None) -> int:
        value = self.get(path)
        if value is None and default is not None:
            return default
        if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
            self.fail(
                path,
                "out-of-range",
                f"Bitte eine ganze Zahl von {low} bis {high} angeben.",
                f"Please give a whole number from {low} to {high}.",
            )
            return low
        return value

    def choice(self, path: str, choices: tuple[str, ...]) -> str:
        value = self.get(path)
        if value not in choices:
            listed = ", ".join(choices)
            self.fail(
                path,
                "invalid-choice",
                f"Bitte eines von: {listed}.",
                f"Please pick one of: {listed}.",
            )
            return choices[-1]
        return str(value)


def years_between(start: date, today: date) -> int:
    """Whole years from `start` to `today` (0 if `start` is later)."""
    years = today.year - start.year - ((today.month, today.day) < (start.month, start.day))
    return max(years, 0)


def _offer(c: Collector) -> OfferTerms:
    return OfferTerms(
        lender_code=c.text("offer.lender_code", max_length=40),
        product=c.choice("offer.product", PRODUCTS),
        amount=c.amount("offer.amount", positive=True),
        term_months=c.whole("offer.term_months", 12, 96),
        monthly_payment=c.amount("offer.monthly_payment", positive=True),
        nominal_rate=_rate(c),
        final_payment=c.amount("offer.final_payment", required=False),
    )


def _rate(c: Collector) -> Decimal:
    value = c.get("offer.nominal_rate")
    try:
        rate = Decimal(str(value))
    except (InvalidOperation, ValueError):
        rate = Decimal("NaN")
    if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(30):
        c.fail(
            "offer.nominal_rate",
            "invalid-rate",
            "Bitte einen Sollzins von 0 bis 30 % angeben.",
            "Please give a nominal rate from 0 to 30 %.",
        )
        return Decimal(0)
    return rate


def _birth_date(c: Collector, path: str, today: date) -> date:
    born = c.day(path)
    if born is None:
        return today
    if born > today or years_between(born, today) < 18:
        c.fail(
            path,
            "under-age",
            "Eine Finanzierung ist ab 18 Jahren möglich.",
            "Financing is available from the age of 18.",
        )
    elif years_between(born, today) > 100:
        c.fail(
            path, "implausible", "Bitte das Geburtsdatum prüfen.", "Please check the date of birth."
        )
    return born


def _since(c: Collector, path: str, today: date, *, required: bool = True) -> date | None:
    since = c.day(path, required=required)
    if since is not None and since > today:
        c.fail(
            path,
            "in-future",
            "Das Datum darf nicht in der Zukunft liegen.",
            "The date cannot be in the future.",
        )
    return since


def _employment(c: Collector, today: date) -> tuple[str, str, date | None]:
    status = c.choice("employment.status", EMPLOYMENT_STATUSES)
    needs_employer = status in NEEDS_EMPLOYER
    employer = c.text("employment.employer", required=needs_employer)
    since = _since(c, "employment.since", today, required=needs_employer)
    return status, employer, since


def _household(c: Collector) -> Household:
    return Household(
        net_monthly_income=c.amount("net_monthly_income", positive=True),
        housing_costs=c.amount("housing_costs"),
        existing_instalments=c.amount("existing_instalments"),
        dependants=c.whole("dependants", 0, 20),
        household_adults=c.whole("household_adults", 1, 10, default=1),
    )


def _address(c: Collector, index: int, today: date) -> Address:
    at = f"addresses.{index}"
    country = c.text(f"{at}.country", max_length=2).upper()
    if country and country not in COUNTRIES:
        c.fail(
            f"{at}.country",
            "unknown-country",
            "Bitte einen Ländercode nach ISO 3166 angeben (z. B. DE).",
            "Please give an ISO 3166 country code (e.g. DE).",
        )
    postcode = c.text(f"{at}.postcode", max_length=10)
    if country == "DE" and postcode and not (postcode.isdigit() and len(postcode) == 5):
        c.fail(
            f"{at}.postcode",
            "invalid-postcode",
            "Eine deutsche Postleitzahl hat 5 Ziffern.",
            "A German postcode has 5 digits.",
        )
    return Address(
        c.text(f"{at}.street"),
        postcode,
        c.text(f"{at}.city", max_length=80),
        country,
        _since(c, f"{at}.since", today) or today,
    )


def _addresses(c: Collector, today: date) -> tuple[Address, ...]:
    raw = c.get("addresses")
    if not isinstance(raw, list | tuple) or not raw:
        c.fail(
            "addresses",
            "required",
            "Bitte die aktuelle Anschrift angeben.",
            "Please give the current address.",
        )
        return ()
    addresses = tuple(_address(c, index, today) for index in range(min(len(raw), 5)))
    covered = addresses[-1].since
    if years_between(covered, today) < ADDRESS_HISTORY_YEARS:
        c.fail(
            "addresses",
            "history-too-short",
            "Bitte die Anschriften der letzten drei Jahre angeben (auch die vorherige).",
            "Please give the addresses of the last three years (the previous one too).",
        )
    for index, (later, earlier) in enumerate(itertools.pairwise(addresses)):
        if earlier.since >= later.since:
            c.fail(
                f"addresses.{index + 1}.since",
                "out-of-order",
                "Die vorherige Anschrift muss vor der aktuellen beginnen.",
                "The previous address must start before the later one.",
            )
    return addresses


def _iban(c: Collector) -> str:
    value = c.text("iban", max_length=42)
    if value and not iban_number.is_valid(value):
        c.fail(
            "iban",
            "invalid-iban",
            "Diese IBAN ist ungültig (Prüfziffer oder Länge).",
            "This IBAN is not valid (check digits or length).",
        )
        return value
    return iban_number.compact(value) if value else value


def parse_application(
    raw: Mapping[str, Any], *, today: date
) -> tuple[ApplicationData | None, list[FieldError]]:
    """The application's data, or None and every field error found."""
    c = Collector(raw)
    offer = _offer(c)
    first, last = (
        c.text("identity.first_name", max_length=80),
        c.text("identity.last_name", max_length=80),
    )
    born = _birth_date(c, "identity.date_of_birth", today)
    nationality = c.text("identity.nationality", max_length=2).upper()
    if nationality and nationality not in COUNTRIES:
        c.fail(
            "identity.nationality",
            "unknown-country",
            "Bitte einen Ländercode nach ISO 3166 angeben (z. B. DE).",
            "Please give an ISO 3166 country code (e.g. DE).",
        )
    addresses = _addresses(c, today)
    status, employer, since = _employment(c, today)
    household, iban = _household(c), _iban(c)
    if c.errors:
        return None, c.errors
    data = ApplicationData(
        offer, first, last, born, nationality, addresses, status, employer, since, household, iban
    )
    return data, []


def parse_prequalification(
    raw: Mapping[str, Any], *, today: date
) -> tuple[PrequalificationData | None, list[FieldError]]:
    """The few figures a soft check needs, or None and every field error found."""
    c = Collector(raw)
    offer = _offer(c)
    born = _birth_date(c, "date_of_birth", today)
    status = c.choice("employment.status", EMPLOYMENT_STATUSES)
    since = _since(c, "employment.since", today, required=status in NEEDS_EMPLOYER)
    address_since = _since(c, "address_since", today) or today
    household = _household(c)
    if c.errors:
        return None, c.errors
    return PrequalificationData(offer, born, status, since, address_since, household), []
