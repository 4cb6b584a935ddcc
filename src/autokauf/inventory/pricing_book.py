"""What the catalogue, the configurator and the Quote say about one (trim, options) configuration.

Stock repeats configurations, so a book remembers each verdict and price for the length of one
import or one repricing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from autokauf import catalog, configurator, financing, pricing
from autokauf.catalog import ModelSnapshot
from autokauf.core.errors import NotFound
from autokauf.core.money import Money

from .rules import options_key, total_after_discount


@dataclass(frozen=True, slots=True)
class Priced:
    """A valid configuration with its Quote figures and the columns the locator searches."""

    trim_code: str
    brand_slug: str
    model_slug: str
    fuel: str
    options: tuple[str, ...]  # as chosen, sorted
    options_key: str  # everything the car has, package contents included
    every_option: frozenset[str]
    paint_code: str
    quote_net: Decimal
    vat_rate: Decimal

    def total_after(self, discount_net: Decimal) -> Decimal:
        return total_after_discount(self.quote_net, discount_net, self.vat_rate)


class ConfigurationBook:
    def __init__(self, *, today: date, country: str = "DE") -> None:
        self.today = today
        self.country = country
        self._snapshots: dict[str, ModelSnapshot | None] = {}
        self._verdicts: dict[tuple[str, tuple[str, ...]], Priced | str] = {}

    def snapshot(self, trim_code: str) -> ModelSnapshot | None:
        if trim_code not in self._snapshots:
            try:
                self._snapshots[trim_code] = catalog.snapshot_for_trim(trim_code)[0]
            except NotFound:
                self._snapshots[trim_code] = None
        return self._snapshots[trim_code]

    def price(self, trim_code: str, options: Iterable[str]) -> Priced | str:
        """The priced configuration, or why it is not a valid configuration (in English)."""
        chosen = tuple(sorted(set(options)))
        key = (trim_code, chosen)
        if key not in self._verdicts:
            self._verdicts[key] = self._judge(trim_code, chosen)
        return self._verdicts[key]

    def _judge(self, trim_code: str, chosen: tuple[str, ...]) -> Priced | str:
        snapshot = self.snapshot(trim_code)
        if snapshot is None:
            return f"there is no trim '{trim_code}'"
        validation = configurator.validate_configuration(trim=trim_code, options=chosen)
        if not validation.valid:
            return "; ".join(c.message_en for c in validation.conflicts)
        quote = pricing.price_configuration(
            snapshot, trim_code, chosen, country=self.country, today=self.today
        )
        every = _with_contents(snapshot, chosen)
        return Priced(
            trim_code=trim_code,
            brand_slug=snapshot.brand_slug,
            model_slug=snapshot.slug,
            fuel=snapshot.trims[trim_code].fuel,
            options=chosen,
            options_key=options_key(every),
            every_option=every,
            paint_code=paint_of(snapshot, every),
            quote_net=quote.net.amount,
            vat_rate=quote.vat_rate,
        )


def paint_of(snapshot: ModelSnapshot, codes: Iterable[str]) -> str:
    """The car's paint: its option of kind "paint" (the first by code, should there be two)."""
    paints = sorted(
        c for c in codes if c in snapshot.options and snapshot.options[c].kind == "paint"
    )
    return paints[0] if paints else ""


def _with_contents(snapshot: ModelSnapshot, chosen: Iterable[str]) -> frozenset[str]:
    """The chosen options plus, transitively, what chosen packages bring."""
    return snapshot.with_package_contents(chosen)


class MonthlyRates:
    """The "from x € a month" rate of each total (financing.cheapest_monthly_rate: 10 % down,
    the standard term), asked once per distinct total for the length of one write."""

    def __init__(self) -> None:
        self._known: dict[Decimal, Decimal | None] = {}

    def of(self, total: Decimal) -> Decimal | None:
        if total not in self._known:
            offer = financing.cheapest_monthly_rate(Money.of(total))
            self._known[total] = offer.monthly_payment.amount if offer is not None else None
        return self._known[total]
