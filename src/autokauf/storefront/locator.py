"""What the stock pages show: the stock locator, one car's page and "cars like your
configuration", composed from inventory's search, the Quote and financing.

The storefront decides nothing about stock: which cars match, their order and their facet counts
come from `inventory.search_vehicles`; a car's price from its Quote (`inventory.vehicle_for_buyer`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.http import QueryDict
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from autokauf import catalog, financing, inventory
from autokauf.core.errors import DomainError, NotFound
from autokauf.core.money import Money

if TYPE_CHECKING:
    from autokauf.catalog import ModelSnapshot

DIMENSIONS = ("brand", "model", "trim", "fuel", "paint", "options")
SORTS = ("price", "distance", "availability")
RADII = (25, 50, 100, 200, 500)
PAGE_SIZE = 20
LIKE_LIMIT = 5
VALUE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")
MAX_VALUES = 20


@dataclass(frozen=True)
class LocatorForm:
    """The buyer's filters as read from the address, and what was wrong with them."""

    chosen: dict[str, tuple[str, ...]]
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    rate_min: Decimal | None = None
    rate_max: Decimal | None = None
    near: str = ""
    radius_km: int | None = None
    available_by: date | None = None
    sort: str = "price"
    cursor: str | None = None
    errors: tuple[str, ...] = ()

    def filters(self) -> Any:
        return inventory.StockFilters(
            **{d: self.chosen.get(d, ()) for d in DIMENSIONS},
            price_min=self.price_min,
            price_max=self.price_max,
            rate_min=self.rate_min,
            rate_max=self.rate_max,
            near=self.near or None,
            radius_km=float(self.radius_km) if self.radius_km and self.near else None,
            available_by=self.available_by,
        )


def _values(data: QueryDict, key: str, errors: list[str]) -> tuple[str, ...]:
    values: list[str] = []
    for raw in data.getlist(key)[:MAX_VALUES]:
        value = raw.strip()
        if not value:
            continue
        if VALUE.match(value):
            values.append(value)
        else:
            errors.append(_("“%(value)s” is not a value of this filter.") % {"value": value[:40]})
    return tuple(dict.fromkeys(values))


def _amount(text: str, errors: list[str], message: str) -> Decimal | None:
    if not text.strip():
        return None
    try:
        amount = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        errors.append(message)
        return None
    if not amount.is_finite() or amount < 0 or amount > Decimal("10000000"):
        errors.append(message)
        return None
    return amount


def _radius(text: str, errors: list[str]) -> int | None:
    if not text.strip():
        return None
    if text.strip().isdigit() and int(text) in RADII:
        return int(text)
    errors.append(_("Choose one of the offered distances."))
    return None


def _date(text: str, errors: list[str]) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        errors.append(_("The availability date is not a date (YYYY-MM-DD)."))
        return None


def read_locator_form(data: QueryDict) -> LocatorForm:
    """The filters of the address; a bad value is left out with a message for the form."""
    errors: list[str] = []
    chosen = {d: _values(data, d, errors) for d in DIMENSIONS}
    price_min = _amount(data.get("price_min", ""), errors, _("The lowest price is not an amount."))
    price_max = _amount(data.get("price_max", ""), errors, _("The highest price is not an amount."))
    if price_min is not None and price_max is not None and price_min > price_max:
        errors.append(_("The lowest price is above the highest price."))
        price_min = price_max = None
    rate_min = _amount(
        data.get("rate_min", ""), errors, _("The lowest monthly rate is not an amount.")
    )
    rate_max = _amount(
        data.get("rate_max", ""), errors, _("The highest monthly rate is not an amount.")
    )
    if rate_min is not None and rate_max is not None and rate_min > rate_max:
        errors.append(_("The lowest monthly rate is above the highest monthly rate."))
        rate_min = rate_max = None
    near = data.get("near", "").strip()[:60]
    radius = _radius(data.get("radius_km", ""), errors)
    if radius is not None and not near:
        errors.append(_("Enter a postcode or use your location to search within a distance."))
    sort = data.get("sort", "price")
    if sort not in SORTS:
        errors.append(_("Choose one of the offered sort orders."))
        sort = "price"
    if sort == "distance" and not near:
        errors.append(_("Enter a postcode or use your location to sort by distance."))
        sort = "price"
    cursor = data.get("cursor", "").strip()[:300] or None
    return LocatorForm(
        chosen=chosen,
        price_min=price_min,
        price_max=price_max,
        rate_min=rate_min,
        rate_max=rate_max,
        near=near,
        radius_km=radius,
        available_by=_date(data.get("available_by", ""), errors),
        sort=sort,
        cursor=cursor,
        errors=tuple(errors),
    )


class Names:
    """Names of catalogue codes in the page's language, for facet values and cards."""

    def __init__(self) -> None:
        self.snapshots: dict[str, ModelSnapshot] = {}
        for car_model in catalog.model_range():
            self.snapshots[car_model.slug] = catalog.model_snapshot(car_model.slug)

    def snapshot(self, model_slug: str) -> ModelSnapshot | None:
        if model_slug not in self.snapshots:
            try:
                self.snapshots[model_slug] = catalog.model_snapshot(model_slug)
            except NotFound:
                return None
        return self.snapshots[model_slug]

    def label(self, dimension: str, value: str) -> str:
        language = get_language() or "de"
        for snapshot in self.snapshots.values():
            if dimension == "brand" and snapshot.brand_slug == value:
                return snapshot.brand
            if dimension == "model" and snapshot.slug == value:
                return snapshot.full_name
            if dimension == "trim" and value in snapshot.trims:
                return f"{snapshot.name} {snapshot.trims[value].name}"
            if dimension in ("paint", "options") and value in snapshot.options:
                return snapshot.options[value].name(language)
        return value


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class FacetGroup:
    dimension: str
    values: tuple[FacetValue, ...]


@dataclass(frozen=True)
class StockCard:
    """One car in a list of cars."""

    vin: str
    model_name: str
    trim_code: str
    trim_name: str
    paint_code: str
    paint_name: str
    price: Money
    location: Any  # inventory Location or None
    distance_km: float | None
    available_from: date
    in_transit: bool
    condition: str
    monthly_rate: Money | None = None  # "from x a month": 10 % down, the standard term


def _option_name(snapshot: ModelSnapshot | None, code: str) -> str:
    option = snapshot.options.get(code) if snapshot is not None else None
    return option.name(get_language() or "de") if option is not None else code


def _card(found: Any, names: Names) -> StockCard:
    v = found.vehicle
    snapshot = names.snapshot(v.model_slug)
    trim = snapshot.trims.get(v.trim_id) if snapshot is not None else None
    return StockCard(
        vin=v.vin,
        model_name=snapshot.full_name if snapshot is not None else v.model_slug,
        trim_code=v.trim_id,
        trim_name=trim.name if trim is not None else v.trim_id,
        paint_code=v.paint_code,
        paint_name=_option_name(snapshot, v.paint_code),
        price=Money.of(v.price_total),
        location=v.location,
        distance_km=found.distance_km,
        available_from=v.available_from,
        in_transit=v.status == "in_transit",
        condition=v.condition,
        monthly_rate=Money.of(v.monthly_rate) if v.monthly_rate is not None else None,
    )


@dataclass(frozen=True)
class RateBand:
    """A facet value of the monthly rate: a band of "from x € a month" rates and its cars;
    `query` is the address that filters to the band (or back out of it when selected)."""

    label: str  # e.g. "600-800"
    low: Decimal | None
    high: Decimal | None
    count: int
    selected: bool
    query: str


def _rate_bands(
    raw: list[dict[str, Any]], form: LocatorForm, data: QueryDict
) -> tuple[RateBand, ...]:
    counts = {item["value"]: item["count"] for item in raw}
    bands = []
    for label, low, high in inventory.RATE_BANDS:
        if not counts.get(label):
            continue
        top = high - Decimal("0.01") if high is not None else None
        selected = (form.rate_min, form.rate_max) == (low, top)
        bounds = ("", "") if selected else (str(low or ""), str(top or ""))
        query = _query_with(data, rate_min=bounds[0], rate_max=bounds[1], cursor="")
        bands.append(RateBand(label, low, high, counts[label], selected, query))
    return tuple(bands)


@dataclass(frozen=True)
class LocatorPage:
    form: LocatorForm
    cards: tuple[StockCard, ...]
    total: int
    facets: tuple[FacetGroup, ...]
    more_query: str | None  # the address query of the next page, None on the last one
    first_query: str = ""  # the address query of the first page
    rate_bands: tuple[RateBand, ...] = ()
    errors: tuple[str, ...] = field(default=())
    representative: Any = None  # financing.Offer of the first card that shows a rate


def representative_offer(cards: tuple[StockCard, ...]) -> Any:
    """PAngV § 17: where rates are advertised, one representative example goes with them; it is
    the offer behind the first rate on the page."""
    for card in cards:
        if card.monthly_rate is not None:
            return financing.cheapest_monthly_rate(card.price)
    return None


def _facets(
    raw: dict[str, list[dict[str, Any]]], form: LocatorForm, names: Names
) -> tuple[FacetGroup, ...]:
    groups = []
    for dimension in DIMENSIONS:
        chosen = form.chosen.get(dimension, ())
        counts = {item["value"]: item["count"] for item in raw.get(dimension, [])}
        for value in chosen:
            counts.setdefault(value, 0)  # a chosen value stays on the form to be unticked
        values = tuple(
            FacetValue(value, names.label(dimension, value), count, value in chosen)
            for value, count in counts.items()
        )
        if dimension != "options":
            values = tuple(sorted(values, key=lambda f: f.label.casefold()))
        groups.append(FacetGroup(dimension, values))
    return tuple(groups)


def _search_error(error: DomainError, form: LocatorForm) -> str:
    if error.code == "unknown-postcode":
        return _("We do not know the postcode “%(near)s”.") % {"near": form.near}
    if error.code == "invalid-cursor" or "cursor" in str(error.detail):
        return _("This list has changed; here it is again from the start.")
    if "near" in str(error.detail):
        return _("Enter a German postcode (5 digits) or a point “latitude,longitude”.")
    return _("These filters cannot be combined.")


def _query_with(data: QueryDict, **changes: str) -> str:
    pairs = [(k, v) for k, values in data.lists() if k not in changes for v in values if v]
    pairs += [(k, v) for k, v in changes.items() if v]
    return urlencode([(k, v) for k, v in pairs if k != "part"])


def _run_search(form: LocatorForm) -> tuple[Any, str | None]:
    try:
        return inventory.search_vehicles(
            form.filters(), sort=form.sort, cursor=form.cursor, limit=PAGE_SIZE
        ), None
    except DomainError as error:
        if error.status >= 500:
            raise
        return None, _search_error(error, form)


def locator_page(data: QueryDict) -> LocatorPage:
    """The cars matching the address's filters, a page from its cursor on, with facet counts."""
    form = read_locator_form(data)
    errors = list(form.errors)
    result, problem = _run_search(form)
    if problem is not None and form.cursor is not None:
        form = LocatorForm(**{**form.__dict__, "cursor": None})
        result, again = _run_search(form)
        problem = again or problem
    if problem is not None:
        errors.append(problem)
    names = Names()
    if result is None:
        return LocatorPage(form, (), 0, _facets({}, form, names), None, errors=tuple(errors))
    more = _query_with(data, cursor=result.next_cursor) if result.next_cursor else None
    cards = tuple(_card(found, names) for found in result.items)
    return LocatorPage(
        form=form,
        cards=cards,
        total=result.total,
        facets=_facets(result.facets, form, names),
        more_query=more,
        first_query=_query_with(data, cursor=""),
        rate_bands=_rate_bands(result.facets.get("rate", []), form, data),
        errors=tuple(errors),
        representative=representative_offer(cards),
    )


def reserve_url(vin: str) -> str:
    """Where the Reserve button posts: checkout's reserve address for the car."""
    try:
        return reverse("checkout:reserve", args=[vin])
    except NoReverseMatch:
        return f"/checkout/reserve/{vin}/"


@dataclass(frozen=True)
class VehiclePage:
    """One car with its Quote, its price after any discount and where it stands."""

    view: Any  # inventory VehicleView
    snapshot: ModelSnapshot
    discount: Money  # net
    net: Money  # after the discount
    vat: Money
    total: Money  # PAngV total incl. VAT and transfer costs, after the discount
    monthly_rate: Any  # financing.Offer or None
    near: str
    reserve_url: str

    @property
    def vehicle(self) -> Any:
        return self.view.vehicle

    @property
    def quote(self) -> Any:
        return self.view.quote

    @property
    def minus_discount(self) -> Money:
        return -self.discount

    @property
    def paint_hex(self) -> str:
        paint = self.snapshot.options.get(self.vehicle.paint_code)
        return paint.color_hex if paint is not None else ""


def vehicle_page(vin: str, near: str = "") -> tuple[VehiclePage, str | None]:
    """A listed car (raises UnknownVehicle, a 404), and a message when `near` was not usable."""
    problem = None
    try:
        view = inventory.vehicle_for_buyer(vin, near=near or None)
    except DomainError as error:
        if error.status == 404 or not near:
            raise
        view = inventory.vehicle_for_buyer(vin)
        problem = _("Enter a German postcode (5 digits) or a point “latitude,longitude”.")
    snapshot, _trim = catalog.snapshot_for_trim(view.vehicle.trim_id)
    quote = view.quote
    discount = Money.of(view.discount_net)
    total = Money.of(view.price_total)
    net = quote.net - discount
    page = VehiclePage(
        view=view,
        snapshot=snapshot,
        discount=discount,
        net=net,
        vat=total - net,
        total=total,
        monthly_rate=financing.cheapest_monthly_rate(total),
        near=near,
        reserve_url=reserve_url(view.vehicle.vin),
    )
    return page, problem


@dataclass(frozen=True)
class LikeCar:
    """A car in stock next to the buyer's configuration, and what differs."""

    card: StockCard
    same_trim: bool
    extra: tuple[str, ...]  # option codes the car has and the configuration has not
    lacking: tuple[str, ...]  # option codes of the configuration the car lacks

    @property
    def differences(self) -> int:
        return len(self.extra) + len(self.lacking)


@dataclass(frozen=True)
class LikeSection:
    cars: tuple[LikeCar, ...]
    near: str
    error: str | None = None


def cars_like(quote: Any, *, near: str = "", limit: int = LIKE_LIMIT) -> LikeSection:
    """The cars in stock closest to a configuration, as `inventory.closest_vehicles` ranks them
    (same trim first, fewest differing options, nearest, cheapest)."""
    try:
        close = inventory.closest_vehicles(
            trim=quote.trim_code, options=quote.options, near=near.strip() or None, limit=limit
        )
    except DomainError as error:
        if error.status >= 500:
            raise
        problem = _("Enter a German postcode (5 digits) or a point “latitude,longitude”.")
        return LikeSection(cars_like(quote, limit=limit).cars, near, problem)
    names = Names()
    cars = tuple(
        LikeCar(
            card=_card(item, names),
            same_trim=item.same_trim,
            extra=item.extra,
            lacking=item.lacking,
        )
        for item in close
    )
    return LikeSection(cars, near)
