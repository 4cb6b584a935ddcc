"""The annual percentage rate of charge (effektiver Jahreszins).

EU Consumer Credit Directive 2008/48/EC, Annex I (kept by 2023/2225), in Germany PAngV § 16: the
APR is the X for which the drawdowns, discounted at (1 + X)^-t, equal the repayments and charges
discounted the same way, t in years from the first drawdown. Months count as 1/12 year; the days
left over count over 365 (366 when they fall in a leap year). Fees paid at the start are flows at
t = 0 and so reduce the drawdown. The result is rounded half-up (to two decimals of a per cent).

Sign convention: a positive amount goes to the borrower, a negative one from the borrower.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
from scipy.optimize import brentq  # type: ignore[import-untyped]

from .errors import InvalidFlows

APR_PLACES = Decimal("0.01")
_LOWEST = -0.9999  # a rate of -100 % or less has no meaning
_HIGHEST = 1.0e6


@dataclass(frozen=True)
class Flow:
    """One payment: `amount` (positive = to the borrower) at `years` from the first drawdown."""

    amount: Decimal
    years: Fraction


def years_between(start: date, day: date) -> Fraction:
    """Whole months as twelfths of a year, the odd days over 365 (366 in a leap year).

    Annex I, point (d) of the remarks: a year has 365 days (366 in leap years) or 12 equal months.
    """
    if day < start:
        raise InvalidFlows(f"{day.isoformat()} lies before the first drawdown {start.isoformat()}.")
    months = (day.year - start.year) * 12 + day.month - start.month
    if _add_months(start, months) > day:
        months -= 1
    odd_days = (day - _add_months(start, months)).days
    year_days = 366 if calendar.isleap(day.year) else 365
    return Fraction(months, 12) + Fraction(odd_days, year_days)


def _add_months(start: date, months: int) -> date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def flows_on_dates(dated: Sequence[tuple[Decimal, date]]) -> list[Flow]:
    """Flows dated by calendar; t counts from the earliest date."""
    if not dated:
        raise InvalidFlows("Give at least two cash flows.")
    start = min(day for _, day in dated)
    return [Flow(amount, years_between(start, day)) for amount, day in dated]


def apr_of(flows: Sequence[Flow]) -> Decimal:
    """The APR in per cent, rounded half-up to two decimals (e.g. Decimal("12.96"))."""
    if len(flows) < 2:
        raise InvalidFlows("Give at least two cash flows.")
    if not any(f.amount > 0 for f in flows) or not any(f.amount < 0 for f in flows):
        raise InvalidFlows("The flows need at least one drawdown (positive) and one repayment.")
    if any(f.years < 0 for f in flows):
        raise InvalidFlows("Years are counted from the first drawdown and cannot be negative.")
    return solve_apr([float(f.amount) for f in flows], [float(f.years) for f in flows])


def solve_apr(amounts: Sequence[float], years: Sequence[float]) -> Decimal:
    """The APR of flows already checked (at least one of each sign, no negative time).

    Solved with SciPy's bracketed Brent root finder on sum(amount * (1 + X)^-t) = 0.
    """
    values, times = np.asarray(amounts, dtype=float), -np.asarray(years, dtype=float)

    def present_value(rate: float) -> float:
        return float(values @ np.power(1.0 + rate, times))

    if present_value(0.0) == 0:
        return Decimal("0.00")
    low, high = _bracket(present_value)
    root = brentq(present_value, low, high, xtol=1e-13, rtol=4 * np.finfo(float).eps, maxiter=200)
    return (Decimal(repr(root)) * 100).quantize(APR_PLACES, rounding=ROUND_HALF_UP)


def _bracket(present_value: Callable[[float], float]) -> tuple[float, float]:
    """Two rates between which the present value changes sign; widened upwards as needed."""
    low, high = 0.0, 1.0
    low_value = present_value(low)
    if present_value(_LOWEST) * low_value < 0:
        return _LOWEST, low
    while high <= _HIGHEST:
        if present_value(high) * low_value < 0:
            return low, high
        low, high = high, high * 4
    raise InvalidFlows("No rate makes the drawdowns equal the repayments.")
