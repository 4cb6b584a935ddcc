"""Pure financing rules: loan, balloon loan (3-Wege-Finanzierung) and leasing offers.

Every amount is a Decimal rounded half-up to the cent at the instalment and at each month's
interest. The schedule's payments are everything the borrower pays besides the down payment, and
they sum exactly to the total amount payable: the last instalment absorbs the rounding of the
earlier ones (for a balloon loan the last monthly instalment does, so that the final instalment is
exactly the agreed balloon).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from autokauf.core.money import CENT, Money, round_cents

from . import limits
from .apr import solve_apr
from .offer import LenderRef, Offer, ScheduleEntry

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Request:
    """What the buyer asks for; `price` is the PAngV total price of the car."""

    price: Money
    down_payment: Money
    term_months: int
    product: str
    balloon: Money | None = None
    yearly_km: int | None = None
    lease_kind: str = limits.MILEAGE_LEASE


@dataclass(frozen=True)
class Conditions:
    """One lender's terms for one request: a row of its rate sheet, resolved."""

    nominal_rate: Decimal  # per cent a year, fixed for the whole term
    arrangement_fee: Decimal = ZERO  # due at signing (month 0)
    monthly_fee: Decimal = ZERO  # added to every monthly instalment
    residual_percent: Decimal | None = None  # leasing: calculated residual value, % of price
    excess_km_rate: Decimal = ZERO
    unused_km_rate: Decimal = ZERO


def monthly_rate(nominal_rate: Decimal) -> Decimal:
    """The nominal yearly rate in per cent as a monthly fraction (4.99 -> 0.0041583…)."""
    return nominal_rate / Decimal(1200)


def level_payment(
    principal: Decimal, rate: Decimal, count: int, owed: Decimal = ZERO, owed_at: int = 0
) -> Decimal:
    """The instalment that repays `principal` in `count` monthly instalments so that `owed` is
    left to pay at month `owed_at`: P = A·a_n + F·v^m, a_n = (1 - v^n)/i, v = 1/(1 + i).
    A loan has F = 0: A = P·i / (1 - v^n). Rounded half-up to the cent."""
    if rate == 0:
        return round_cents((principal - owed) / count)
    v = 1 / (1 + rate)
    annuity_factor = (1 - v**count) / rate
    return round_cents((principal - owed * v**owed_at) / annuity_factor)


def loan_offer(request: Request, lender: LenderRef, conditions: Conditions) -> Offer:
    """An annuity loan: `term_months` equal instalments, the last one absorbing the rounding."""
    net = request.price.amount - request.down_payment.amount
    rate = monthly_rate(conditions.nominal_rate)
    instalment = level_payment(net, rate, request.term_months)
    rows = _amortise(net, rate, instalment, request.term_months, ZERO, conditions.monthly_fee)
    return _offer(request, lender, conditions, net, rows, final=rows[-1].payment)


def balloon_offer(request: Request, lender: LenderRef, conditions: Conditions) -> Offer:
    """3-Wege-Finanzierung: term - 1 monthly instalments, then the final instalment (Schlussrate)
    in the last month, exactly the agreed balloon. The buyer settles it in one of the ways of
    `FINAL_INSTALMENT_CHOICES`."""
    assert request.balloon is not None
    net = request.price.amount - request.down_payment.amount
    balloon = request.balloon.amount
    rate = monthly_rate(conditions.nominal_rate)
    count = request.term_months - 1
    before_final = round_cents(balloon / (1 + rate))  # owed after the last monthly instalment
    instalment = level_payment(net, rate, count, balloon, request.term_months)
    rows = _amortise(net, rate, instalment, count, before_final, conditions.monthly_fee)
    last = ScheduleEntry(
        month=request.term_months,
        payment=Money(balloon),
        interest=Money(balloon - before_final),
        principal=Money(before_final),
        balance=Money(ZERO),
    )
    return _offer(request, lender, conditions, net, (*rows, last), final=Money(balloon))


def lease_offer(request: Request, lender: LenderRef, conditions: Conditions) -> Offer:
    """Leasing: the Sonderzahlung is the down payment; `term_months` monthly rates bring the
    balance down to the calculated residual value. Mileage leasing: the car is returned and the
    lessor carries the residual value (only the km difference is settled). Residual-value leasing:
    the lessee guarantees the residual value; it is the final payment, settled by the car's sale."""
    assert conditions.residual_percent is not None
    net = request.price.amount - request.down_payment.amount
    residual = round_cents(request.price.amount * conditions.residual_percent / 100)
    rate = monthly_rate(conditions.nominal_rate)
    instalment = level_payment(net, rate, request.term_months, residual, request.term_months)
    rows = _amortise(net, rate, instalment, request.term_months, residual, conditions.monthly_fee)
    if request.lease_kind == limits.RESIDUAL_VALUE_LEASE:
        rows = _with_residual_paid(rows, residual)
        return _offer(request, lender, conditions, net, rows, final=Money(residual))
    return _offer(
        request, lender, conditions, net, rows, final=Money(ZERO), returned=Money(residual)
    )


def _with_residual_paid(
    rows: tuple[ScheduleEntry, ...], residual: Decimal
) -> tuple[ScheduleEntry, ...]:
    last = rows[-1]
    settled = ScheduleEntry(
        month=last.month,
        payment=last.payment + Money(residual),
        interest=last.interest,
        principal=last.principal + Money(residual),
        balance=Money(ZERO),
    )
    return (*rows[:-1], settled)


def _amortise(
    net: Decimal, rate: Decimal, instalment: Decimal, count: int, left: Decimal, fee: Decimal
) -> tuple[ScheduleEntry, ...]:
    """Months 1..count at `instalment` (+ fee); the last one brings the balance to `left`."""
    balance, rows = net, []
    for month in range(1, count + 1):
        interest = (balance * rate).quantize(CENT, ROUND_HALF_UP)
        principal = instalment - interest if month < count else balance - left
        balance -= principal
        rows.append(
            ScheduleEntry(
                month,
                Money(interest + principal + fee),
                Money(interest),
                Money(principal),
                Money(balance),
            )
        )
    return tuple(rows)


def _offer(
    request: Request,
    lender: LenderRef,
    conditions: Conditions,
    net: Decimal,
    rows: tuple[ScheduleEntry, ...],
    *,
    final: Money,
    returned: Money | None = None,
) -> Offer:
    fee = conditions.arrangement_fee
    signing = ScheduleEntry(0, Money(fee), Money(ZERO), Money(ZERO), Money(net))
    schedule = (signing, *rows)
    total = sum((entry.payment.amount for entry in schedule), ZERO)
    interest = sum((entry.interest.amount for entry in schedule), ZERO)
    returned_value = returned.amount if returned is not None else ZERO
    amounts = [float(net)] + [-float(e.payment.amount) for e in schedule]
    years = [0.0] + [e.month / 12 for e in schedule]
    if returned_value:
        amounts.append(-float(returned_value))
        years.append(request.term_months / 12)
    return Offer(
        lender=lender,
        product=request.product,
        lease_kind=request.lease_kind if request.product == limits.LEASE else None,
        price=request.price,
        down_payment=request.down_payment,
        term_months=request.term_months,
        monthly_payment=rows[0].payment,
        number_of_payments=len(rows),
        nominal_rate=conditions.nominal_rate,
        apr=solve_apr(amounts, years),
        net_loan_amount=Money(net),
        total_amount_payable=Money(total),
        total_cost_of_credit=Money(total + returned_value - net),
        final_payment=final,
        fees=Money(total + returned_value - net - interest),
        returned_value=returned,
        yearly_km=request.yearly_km,
        excess_km_rate=conditions.excess_km_rate,
        unused_km_rate=conditions.unused_km_rate,
        schedule=schedule,
    )


def offer_for(request: Request, lender: LenderRef, conditions: Conditions) -> Offer:
    """The offer of one lender under its conditions for a request already checked by `limits`."""
    build = {limits.LOAN: loan_offer, limits.BALLOON: balloon_offer, limits.LEASE: lease_offer}
    return build[request.product](request, lender, conditions)
