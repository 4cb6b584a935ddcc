"""Money: a Decimal amount with an explicit currency.

Amounts are never floats. Rounding is half-up to cents, and happens only where a caller asks for
it (`rounded()`), at the points the pricing rules define.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency

CENT = Decimal("0.01")


class CurrencyMismatch(ValueError):
    pass


def to_decimal(value: Decimal | int | str) -> Decimal:
    """A Decimal from an int, a str or a Decimal; floats are refused on purpose."""
    if isinstance(value, float):
        raise TypeError("money is never a float")
    try:
        return Decimal(value)
    except InvalidOperation as exc:
        raise ValueError(f"not a decimal amount: {value!r}") from exc


def round_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Money:
    amount: Decimal
    currency: str = "EUR"

    @classmethod
    def of(cls, amount: Decimal | int | str, currency: str = "EUR") -> Money:
        return cls(to_decimal(amount), currency)

    @classmethod
    def zero(cls, currency: str = "EUR") -> Money:
        return cls(Decimal("0"), currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise CurrencyMismatch(f"{self.currency} and {other.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __mul__(self, factor: Decimal | int) -> Money:
        if isinstance(factor, float):
            raise TypeError("money is never multiplied by a float")
        return Money(self.amount * factor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def __lt__(self, other: Money) -> bool:
        self._same(other)
        return self.amount < other.amount

    def __le__(self, other: Money) -> bool:
        self._same(other)
        return self.amount <= other.amount

    def rounded(self) -> Money:
        """Half-up to cents."""
        return Money(round_cents(self.amount), self.currency)

    def format(self, locale: str = "de_DE") -> str:
        """45.990,00 € in German, €45,990.00 in English."""
        return format_currency(self.amount, self.currency, locale=_babel_locale(locale))

    def as_str(self) -> str:
        """The decimal string the API carries: always two decimals."""
        return f"{round_cents(self.amount):.2f}"

    def __str__(self) -> str:
        return f"{self.as_str()} {self.currency}"


def sum_money(items: list[Money] | tuple[Money, ...], currency: str = "EUR") -> Money:
    total = Money.zero(currency)
    for item in items:
        total = total + item
    return total


def _babel_locale(language: str) -> str:
    return {"de": "de_DE", "en": "en_GB"}.get(language, language.replace("-", "_"))
