"""An offer of one lender: the figures, the schedule and the representative example."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from autokauf.core.money import Money


@dataclass(frozen=True)
class LenderRef:
    code: str
    name: str
    address: str


@dataclass(frozen=True)
class ScheduleEntry:
    """One month of the schedule. `payment` - `interest` - `principal` is the fee of the month;
    month 0 is what is due at signing (the arrangement fee, 0.00 without one); `balance` is what is
    still owed after the payment (for a mileage lease it ends at the residual value that the
    returned car covers)."""

    month: int
    payment: Money
    interest: Money
    principal: Money
    balance: Money

    def to_dict(self) -> dict[str, Any]:
        return {
            "month": self.month,
            "payment": self.payment.as_str(),
            "interest": self.interest.as_str(),
            "principal": self.principal.as_str(),
            "balance": self.balance.as_str(),
        }


@dataclass(frozen=True)
class Offer:
    """`total_amount_payable` is the sum of the schedule's payments (everything but the down
    payment); `total_cost_of_credit` = total - net loan amount (+ the residual value a returned
    leased car covers) = interest + fees."""

    lender: LenderRef
    product: str
    lease_kind: str | None
    price: Money
    down_payment: Money
    term_months: int
    monthly_payment: Money
    number_of_payments: int
    nominal_rate: Decimal
    apr: Decimal
    net_loan_amount: Money
    total_amount_payable: Money
    total_cost_of_credit: Money
    final_payment: Money
    fees: Money
    returned_value: Money | None
    yearly_km: int | None
    excess_km_rate: Decimal
    unused_km_rate: Decimal
    schedule: tuple[ScheduleEntry, ...]

    @property
    def arrangement_fee(self) -> Money:
        return self.schedule[0].payment

    @property
    def monthly_fee(self) -> Money:
        first = self.schedule[1]
        return first.payment - first.interest - first.principal

    def representative_example(self, language: str = "de") -> str:
        """The PAngV § 17 representative example in German or English."""
        from .example import representative_example

        return representative_example(self, language)

    @property
    def representative_example_de(self) -> str:
        return self.representative_example("de")

    @property
    def representative_example_en(self) -> str:
        return self.representative_example("en")

    def to_dict(self, language: str = "de") -> dict[str, Any]:
        return {
            "lender": {
                "code": self.lender.code,
                "name": self.lender.name,
                "address": self.lender.address,
            },
            "product": self.product,
            "lease_kind": self.lease_kind,
            "price": self.price.as_str(),
            "down_payment": self.down_payment.as_str(),
            "term_months": self.term_months,
            "monthly_payment": self.monthly_payment.as_str(),
            "number_of_payments": self.number_of_payments,
            "nominal_rate": f"{self.nominal_rate:.2f}",
            "apr": f"{self.apr:.2f}",
            "net_loan_amount": self.net_loan_amount.as_str(),
            "total_amount_payable": self.total_amount_payable.as_str(),
            "total_cost_of_credit": self.total_cost_of_credit.as_str(),
            "final_payment": self.final_payment.as_str(),
            "fees": self.fees.as_str(),
            "yearly_km": self.yearly_km,
            "excess_km_rate": f"{self.excess_km_rate:.4f}" if self.product == "lease" else None,
            "unused_km_rate": f"{self.unused_km_rate:.4f}" if self.product == "lease" else None,
            "representative_example": self.representative_example(language),
            "schedule": [entry.to_dict() for entry in self.schedule],
        }
