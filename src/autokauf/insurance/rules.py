"""Rating by the built-in insurer's tables: pure, no ORM, no I/O, no clock reads.

A cover's yearly net premium is the base premium times every factor that applies to it, rounded
half-up to cents; the quote adds the insurance tax of 19 % (Versicherungsteuergesetz § 6(1)),
rounded half-up to cents; the monthly premium is the yearly premium divided by 12, rounded half-up
(docs/domains/insurance.md).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from autokauf.core.errors import FieldError
from autokauf.core.money import round_cents

from .tables import Tariff

# Which parts of cover each quote contains; comprehensive cover includes the partial risks.
QUOTE_PARTS = {
    "liability": ("liability",),
    "partial": ("liability", "partial"),
    "comprehensive": ("liability", "comprehensive"),
}


@dataclass(frozen=True)
class Profile:
    """What the premium depends on."""

    model_slug: str
    postcode: str
    no_claims_class: int
    driver_age: int
    yearly_km: int
    deductible_partial: int = 150
    deductible_comprehensive: int = 500
    garage: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass(frozen=True)
class Factor:
    name: str
    value: str
    factor: Decimal


@dataclass(frozen=True)
class Component:
    part: str
    base: Decimal
    factors: tuple[Factor, ...]
    net_yearly: Decimal


@dataclass(frozen=True)
class InsuranceQuote:
    cover: str
    components: tuple[Component, ...]
    net_yearly: Decimal
    tax_rate: Decimal
    tax_yearly: Decimal
    yearly: Decimal
    monthly: Decimal

    def to_dict(self) -> dict[str, Any]:
        return {
            "cover": self.cover,
            "components": [
                {
                    "part": c.part,
                    "base": f"{c.base:.2f}",
                    "net_yearly": f"{c.net_yearly:.2f}",
                    "factors": [
                        {"name": f.name, "value": f.value, "factor": str(f.factor)}
                        for f in c.factors
                    ],
                }
                for c in self.components
            ],
            "net_yearly": f"{self.net_yearly:.2f}",
            "insurance_tax_rate": str(self.tax_rate),
            "insurance_tax_yearly": f"{self.tax_yearly:.2f}",
            "yearly": f"{self.yearly:.2f}",
            "monthly": f"{self.monthly:.2f}",
            "currency": "EUR",
        }


def regional_classes(tariff: Tariff, postcode: str) -> Any:
    region = int(postcode[:2])
    for low, high, classes in tariff.regions:
        if low <= region <= high:
            return classes
    raise KeyError(postcode)


def _age_factor(tariff: Tariff, age: int) -> Decimal:
    return [factor for lowest, factor in tariff.driver_age if lowest <= age][-1]


def _km_factor(tariff: Tariff, km: int) -> Decimal:
    return next(factor for up_to, factor in tariff.yearly_km if km <= up_to)


def _factors(tariff: Tariff, profile: Profile, part: str) -> tuple[Factor, ...]:
    type_class = tariff.type_classes[profile.model_slug].of(part)
    region_class = regional_classes(tariff, profile.postcode).of(part)
    factors = [
        Factor("type_class", str(type_class), tariff.type_class_factor[part][type_class]),
        Factor(
            "regional_class", str(region_class), tariff.regional_class_factor[part][region_class]
        ),
    ]
    if part != "partial":
        sf = profile.no_claims_class
        factors.append(Factor("no_claims_class", f"SF {sf}", tariff.no_claims_percent[sf] / 100))
    factors += [
        Factor("driver_age", str(profile.driver_age), _age_factor(tariff, profile.driver_age)),
        Factor("yearly_km", str(profile.yearly_km), _km_factor(tariff, profile.yearly_km)),
    ]
    if part != "liability":
        deductible = getattr(profile, f"deductible_{part}")
        factors.append(
            Factor("deductible", f"{deductible} EUR", tariff.deductible[part][deductible])
        )
    factors.append(
        Factor(
            "garage",
            "yes" if profile.garage else "no",
            tariff.garage[part] if profile.garage else Decimal("1.00"),
        )
    )
    return tuple(factors)


def rate_component(tariff: Tariff, profile: Profile, part: str) -> Component:
    factors = _factors(tariff, profile, part)
    premium = tariff.base_premium[part]
    for factor in factors:
        premium *= factor.factor
    return Component(part, tariff.base_premium[part], factors, round_cents(premium))


def quote(tariff: Tariff, profile: Profile, cover: str) -> InsuranceQuote:
    components = tuple(rate_component(tariff, profile, part) for part in QUOTE_PARTS[cover])
    net = sum((c.net_yearly for c in components), Decimal("0.00"))
    tax = round_cents(net * tariff.insurance_tax_rate / 100)
    yearly = net + tax
    return InsuranceQuote(
        cover, components, net, tariff.insurance_tax_rate, tax, yearly, round_cents(yearly / 12)
    )


def quotes(tariff: Tariff, profile: Profile) -> list[InsuranceQuote]:
    """Liability, partial (Teilkasko) and comprehensive (Vollkasko) cover for one profile."""
    return [quote(tariff, profile, cover) for cover in QUOTE_PARTS]


class _Fields:
    def __init__(self, raw: Mapping[str, Any]) -> None:
        self.raw = raw
        self.errors: list[FieldError] = []

    def whole(self, name: str, allowed: Any, de: str, en: str, default: int | None = None) -> int:
        value = self.raw.get(name)
        if value is None and default is not None:
            return default
        if isinstance(value, bool) or not isinstance(value, int) or value not in allowed:
            self.errors.append(FieldError(name, "out-of-range", de, en))
            return default or 0
        return value


def parse_profile(
    raw: Mapping[str, Any], tariff: Tariff
) -> tuple[Profile | None, list[FieldError]]:
    """The rating profile, or None and every field error (German and English)."""
    f = _Fields(raw)
    slug = str(raw.get("model") or "")
    if slug not in tariff.type_classes:
        f.errors.append(
            FieldError(
                "model",
                "no-type-class",
                "Für dieses Modell gibt es keine Typklasse.",
                "There is no type class for this model.",
            )
        )
    postcode = str(raw.get("postcode") or "")
    if not (len(postcode) == 5 and postcode.isdigit() and postcode[:2] != "00"):
        f.errors.append(
            FieldError(
                "postcode",
                "invalid-postcode",
                "Bitte eine deutsche Postleitzahl mit 5 Ziffern angeben.",
                "Please give a German postcode of 5 digits.",
            )
        )
    sf = f.whole(
        "no_claims_class",
        tariff.no_claims_percent,
        "SF-Klasse von 0 bis 35.",
        "No-claims class from 0 to 35.",
    )
    age = f.whole(
        "driver_age",
        range(18, 100),
        "Alter des jüngsten Fahrers von 18 bis 99.",
        "Age of the youngest driver from 18 to 99.",
    )
    top = tariff.yearly_km[-1][0]
    km = f.whole(
        "yearly_km",
        range(1, top + 1),
        f"Jahresfahrleistung von 1 bis {top} km.",
        f"Yearly mileage from 1 to {top} km.",
    )
    partial = f.whole(
        "deductible_partial",
        tariff.deductible["partial"],
        "Selbstbeteiligung Teilkasko: 0, 150 oder 300 €.",
        "Partial cover deductible: 0, 150 or 300 EUR.",
        default=150,
    )
    full = f.whole(
        "deductible_comprehensive",
        tariff.deductible["comprehensive"],
        "Selbstbeteiligung Vollkasko: 0, 300, 500 oder 1000 €.",
        "Comprehensive deductible: 0, 300, 500 or 1000 EUR.",
        default=500,
    )
    if f.errors:
        return None, f.errors
    return Profile(slug, postcode, sf, age, km, partial, full, bool(raw.get("garage"))), []
