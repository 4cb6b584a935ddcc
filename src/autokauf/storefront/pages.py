"""What each buyer's page shows, composed from catalog, pricing and configurator.

The storefront has no rules of its own: prices come from the pricing quote, validity and
proposals from the configurator, names and structure from the catalogue snapshot.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from autokauf import catalog, configurator, financing, pricing
from autokauf.core.errors import DomainError
from autokauf.core.money import Money

if TYPE_CHECKING:
    from autokauf.catalog import ModelSnapshot, TrimInfo

SECTION_ORDER = ("paint", "wheels", "interior", "package", "equipment")
COMPARE_LIMIT = 3


@dataclass(frozen=True)
class PricedTrim:
    trim: TrimInfo
    quote: Any  # pricing.Quote of the trim with its default options, or None

    @property
    def from_total(self) -> Money | None:
        return self.quote.total if self.quote is not None else None


@dataclass(frozen=True)
class ModelCard:
    snapshot: ModelSnapshot
    description_de: str
    description_en: str
    trims: tuple[PricedTrim, ...]

    @property
    def cheapest(self) -> PricedTrim | None:
        priced = [t for t in self.trims if t.quote is not None]
        return min(priced, key=lambda t: t.quote.total.amount) if priced else None

    @property
    def paint_hex(self) -> str:
        return default_paint(self.snapshot, self.trims[0].trim) if self.trims else ""

    def description(self, language: str) -> str:
        return self.description_de if language.startswith("de") else self.description_en


def default_paint(snapshot: ModelSnapshot, trim: TrimInfo) -> str:
    for code in trim.defaults:
        option = snapshot.options.get(code)
        if option is not None and option.kind == "paint":
            return option.color_hex
    return ""


def _quote_defaults(trim: TrimInfo) -> Any:
    try:
        return configurator.quote_configuration(trim=trim.code, options=trim.defaults)
    except DomainError:
        return None


def model_card(slug: str) -> ModelCard:
    """A model with each of its trims priced as a buyer starts it (raises UnknownModel)."""
    car_model = catalog.get_model(slug)
    snapshot = catalog.model_snapshot(slug)
    return ModelCard(
        snapshot=snapshot,
        description_de=car_model.description_de,
        description_en=car_model.description_en,
        trims=tuple(PricedTrim(trim, _quote_defaults(trim)) for trim in snapshot.trims.values()),
    )


def model_range() -> list[ModelCard]:
    """Every model on sale, each with its trims priced with their default options."""
    return [model_card(car_model.slug) for car_model in catalog.model_range()]


@dataclass(frozen=True)
class OptionChoice:
    code: str
    kind: str
    name_de: str
    name_en: str
    price: Money
    selected: bool
    included_in: str | None
    color_hex: str

    def name(self, language: str) -> str:
        return self.name_de if language.startswith("de") else self.name_en


@dataclass(frozen=True)
class OptionSection:
    kind: str
    choices: tuple[OptionChoice, ...]


def option_sections(
    snapshot: ModelSnapshot, trim_code: str, selected: tuple[str, ...], vat_rate: Decimal
) -> tuple[OptionSection, ...]:
    """The options offered on the trim, grouped by kind in the order a buyer decides them."""
    chosen = set(selected)
    included = {
        target: package for package in selected for target in snapshot.package_contents(package)
    }
    by_kind: dict[str, list[OptionChoice]] = {kind: [] for kind in SECTION_ORDER}
    for option in snapshot.offered(trim_code):
        by_kind.setdefault(option.kind, []).append(
            OptionChoice(
                code=option.code,
                kind=option.kind,
                name_de=option.name_de,
                name_en=option.name_en,
                price=pricing.gross_price(Money(option.net_price), vat_rate),
                selected=option.code in chosen or option.code in included,
                included_in=included.get(option.code),
                color_hex=option.color_hex,
            )
        )
    return tuple(OptionSection(kind, tuple(items)) for kind, items in by_kind.items() if items)


@dataclass(frozen=True)
class Proposal:
    """A click that would break the configuration, and the smallest change that repairs it."""

    clicked: str | None
    conflicts: tuple[Any, ...]
    resolution: Any  # configurator.Resolution or None
    quote: Any = None  # the quote of the repaired configuration
    difference: Money | None = None  # its total minus the current total


@dataclass(frozen=True)
class ConfiguratorPage:
    snapshot: ModelSnapshot
    trim: TrimInfo
    options: tuple[str, ...]
    sections: tuple[OptionSection, ...]
    quote: Any  # pricing.Quote of `options`, None when they do not form a valid configuration
    proposal: Proposal | None = None
    moved: bool = False  # the click was applied: `options` differ from the ones asked for
    notes: tuple[str, ...] = field(default=())

    @property
    def paint_hex(self) -> str:
        return paint_of(self.snapshot, self.options)

    @property
    def monthly_rate(self) -> Any:
        """The lowest monthly loan rate for the total price (financing.Offer with its
        representative example), None without a price or a lender."""
        return financing.cheapest_monthly_rate(self.quote.total) if self.quote else None


def paint_of(snapshot: ModelSnapshot, options: tuple[str, ...]) -> str:
    """The colour of the paint among `options` ("" when none is chosen)."""
    for code in options:
        option = snapshot.options.get(code)
        if option is not None and option.kind == "paint":
            return option.color_hex
    return ""


def _proposal(clicked: str, validation: Any, current: Any) -> Proposal:
    resolution = validation.resolution
    if resolution is None:
        return Proposal(clicked, tuple(validation.conflicts), None)
    quote = configurator.quote_configuration(trim=current.trim_code, options=resolution.options)
    return Proposal(
        clicked, tuple(validation.conflicts), resolution, quote, quote.total - current.total
    )


def configurator_page(
    trim_code: str, options: tuple[str, ...] | None, *, clicked: str | None = None
) -> ConfiguratorPage:
    """The configurator for a trim: `options` as asked (None: the trim's defaults), and when the
    buyer clicked an option, that click applied, or the proposal that would make it possible."""
    snapshot, _ = catalog.snapshot_for_trim(trim_code)
    trim = snapshot.trims[trim_code]
    requested = tuple(sorted(trim.defaults if options is None else options))
    validation = configurator.validate_configuration(trim=trim_code, options=requested)
    if not validation.valid:
        return _page(snapshot, trim, requested, None, _unbuildable(trim_code, validation))
    current = configurator.quote_configuration(trim=trim_code, options=requested)
    if clicked is None:
        return _page(snapshot, trim, requested, current, None)
    toggled = configurator.toggle_option(trim=trim_code, options=requested, code=clicked)
    if toggled.valid:
        new = tuple(sorted(toggled.options))
        quote = configurator.quote_configuration(trim=trim_code, options=new)
        return _page(snapshot, trim, new, quote, None, moved=new != requested)
    return _page(snapshot, trim, requested, current, _proposal(clicked, toggled, current))


def _unbuildable(trim_code: str, validation: Any) -> Proposal:
    resolution = validation.resolution
    quote = None
    if resolution is not None:
        quote = configurator.quote_configuration(trim=trim_code, options=resolution.options)
    return Proposal(None, tuple(validation.conflicts), resolution, quote, None)


def _page(
    snapshot: ModelSnapshot,
    trim: TrimInfo,
    options: tuple[str, ...],
    quote: Any,
    proposal: Proposal | None,
    *,
    moved: bool = False,
) -> ConfiguratorPage:
    vat_rate = quote.vat_rate if quote is not None else pricing.vat_rate_for("DE")
    return ConfiguratorPage(
        snapshot=snapshot,
        trim=trim,
        options=options,
        sections=option_sections(snapshot, trim.code, options, vat_rate),
        quote=quote,
        proposal=proposal,
        moved=moved,
    )


@dataclass(frozen=True)
class PricedConfiguration:
    """A quote with the catalogue picture it was made from, for the summary and saved pages."""

    quote: Any  # pricing.Quote
    snapshot: ModelSnapshot

    @property
    def paint_hex(self) -> str:
        return paint_of(self.snapshot, self.quote.options)


def summary(trim_code: str, options: tuple[str, ...]) -> PricedConfiguration:
    """The full quote of a configuration (raises InvalidConfiguration, UnknownTrim)."""
    quote = configurator.quote_configuration(trim=trim_code, options=options)
    snapshot, _ = catalog.snapshot_for_trim(trim_code)
    return PricedConfiguration(quote, snapshot)


@dataclass(frozen=True)
class SavedPage:
    reopened: Any  # configurator.Reopened
    priced: PricedConfiguration | None


def saved(code: str) -> SavedPage:
    """A saved configuration with its current quote (raises UnknownConfiguration)."""
    reopened = configurator.reopen_configuration(code)
    if reopened.quote is None:
        return SavedPage(reopened, None)
    snapshot, _ = catalog.snapshot_for_trim(reopened.quote.trim_code)
    return SavedPage(reopened, PricedConfiguration(reopened.quote, snapshot))


def share_qr(code: str, url: str) -> str:
    """The QR code of a saved configuration's address (raises UnknownConfiguration)."""
    saved_configuration = configurator.reopen_configuration(code).saved
    return configurator.configuration_qr_svg(saved_configuration.code, url)


@dataclass(frozen=True)
class ComparedConfiguration:
    code: str
    reopened: Any  # configurator.Reopened


@dataclass(frozen=True)
class Comparison:
    columns: tuple[ComparedConfiguration, ...]
    unknown: tuple[str, ...]
    refused: tuple[str, ...]


def compare(codes: tuple[str, ...]) -> Comparison:
    """Up to three saved configurations side by side; codes beyond the third are refused."""
    columns: list[ComparedConfiguration] = []
    unknown: list[str] = []
    for code in codes[:COMPARE_LIMIT]:
        try:
            columns.append(ComparedConfiguration(code, configurator.reopen_configuration(code)))
        except DomainError as error:
            if error.status != 404:
                raise
            unknown.append(code)
    return Comparison(tuple(columns), tuple(unknown), tuple(codes[COMPARE_LIMIT:]))
