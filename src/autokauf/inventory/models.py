"""Stock: one row per car (by VIN), the places cars stand, and the history of every status move."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class LocationKind(models.TextChoices):
    SHOWROOM = "showroom", _("Dealer showroom")
    EXPERIENCE_STORE = "experience_store", _("Experience store")
    COMPOUND = "compound", _("Compound")
    PICKUP_TOWER = "pickup_tower", _("Pickup tower")


class Status(models.TextChoices):
    PLANNED = "planned", _("planned")
    IN_PRODUCTION = "in_production", _("in production")
    IN_TRANSIT = "in_transit", _("in transit")
    IN_STOCK = "in_stock", _("in stock")
    RESERVED = "reserved", _("reserved")
    SOLD = "sold", _("sold")
    HANDED_OVER = "handed_over", _("handed over")
    BLOCKED = "blocked", _("blocked")


class Condition(models.TextChoices):
    NEW = "new", _("new")
    DEMONSTRATOR = "demonstrator", _("demonstrator")
    USED = "used", _("used")


class Location(models.Model):
    code = models.CharField(max_length=20, unique=True)
    name = models.CharField(max_length=120)
    kind = models.CharField(max_length=20, choices=LocationKind.choices)
    street = models.CharField(max_length=120)
    postcode = models.CharField(max_length=5)
    city = models.CharField(max_length=80)
    country = models.CharField(max_length=2, default="DE")
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    bays = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Pickup towers only: bays are numbered 1..bays.")
    )

    class Meta:
        ordering = ["city", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="pickup_tower", bays__gte=1)
                | (~Q(kind="pickup_tower") & Q(bays__isnull=True)),
                name="bays_only_and_always_for_towers",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    @property
    def is_tower(self) -> bool:
        return self.kind == LocationKind.PICKUP_TOWER


LISTED = Q(listed=True)


class StockConfiguration(models.Model):
    """A (trim, every option) pair that some car has. Stock repeats configurations, so the
    locator's facets group cars by this small integer instead of by long text."""

    trim_code = models.CharField(max_length=40)
    options_key = models.CharField(max_length=1000)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["trim_code", "options_key"], name="configuration_once")
        ]

    def __str__(self) -> str:
        return f"{self.trim_code} {self.options_key}"


class Vehicle(models.Model):
    """One car. The brand/model/trim/fuel/paint/price columns copy what the catalogue and the
    Quote say at creation or repricing, so the stock locator filters and sorts without joins."""

    vin = models.CharField("VIN", max_length=17, unique=True)
    trim = models.ForeignKey(
        "catalog.Trim",
        on_delete=models.PROTECT,
        to_field="code",
        db_column="trim_code",
        related_name="vehicles",
    )
    options = models.JSONField(default=list, help_text=_("Option codes as chosen, sorted."))
    options_key = models.CharField(
        max_length=1000,
        default="|",
        help_text=_("Every option the car has, incl. package contents: |A|B|."),
    )
    paint_code = models.CharField(max_length=40, blank=True)
    configuration = models.ForeignKey(
        StockConfiguration, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    model_year = models.PositiveSmallIntegerField()
    production_date = models.DateField(null=True, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PLANNED)
    location = models.ForeignKey(
        Location, on_delete=models.PROTECT, null=True, blank=True, related_name="vehicles"
    )
    bay = models.PositiveSmallIntegerField(null=True, blank=True, validators=[MinValueValidator(1)])
    discount_net = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    condition = models.CharField(max_length=12, choices=Condition.choices, default=Condition.NEW)
    first_registration = models.DateField(null=True, blank=True)
    mileage_km = models.PositiveIntegerField(null=True, blank=True)
    available_from = models.DateField()
    block_reason = models.CharField(max_length=12, blank=True)

    brand_slug = models.SlugField(db_index=False)
    model_slug = models.SlugField(db_index=False)
    fuel = models.CharField(max_length=8)
    price_total = models.DecimalField(
        max_digits=12, decimal_places=2, help_text=_("Quote total incl. VAT minus the discount.")
    )
    price_band = models.PositiveSmallIntegerField(help_text=_("Index into rules.PRICE_BANDS."))
    monthly_rate = models.DecimalField(
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "The lowest monthly payment of a loan at 10 % down over the standard term for "
            "price_total, as the lenders' rate sheets say (empty: no lender would finance it)."
        ),
    )
    rate_band = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text=_("Index into rules.RATE_BANDS.")
    )
    listed = models.BooleanField(
        default=False, help_text=_("Shown to buyers: in stock or in transit.")
    )
    created_at = models.DateTimeField()

    # A hold (checkout reservation): the row is the truth; past held_until it counts as released.
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    held_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "bay"], condition=Q(bay__isnull=False), name="one_car_per_bay"
            ),
            models.CheckConstraint(
                condition=Q(bay__isnull=True) | Q(bay__gte=1), name="bay_from_one"
            ),
            models.CheckConstraint(condition=Q(discount_net__gte=0), name="discount_not_negative"),
        ]
        # The locator's indexes are partial (only listed cars): `WHERE listed` then keeps the
        # index order for the sort, which `status IN (...)` would not on SQLite.
        indexes = [
            models.Index(fields=["price_total", "id"], name="veh_price", condition=LISTED),
            models.Index(fields=["available_from", "id"], name="veh_available", condition=LISTED),
            models.Index(fields=["location", "id"], name="veh_location", condition=LISTED),
            models.Index(
                fields=["brand_slug", "price_total", "id"], name="veh_brand", condition=LISTED
            ),
            models.Index(
                fields=["brand_slug", "fuel", "price_total", "id"],
                name="veh_brand_fuel",
                condition=LISTED,
            ),
            models.Index(
                fields=["model_slug", "price_total", "id"], name="veh_model", condition=LISTED
            ),
            models.Index(fields=["fuel", "price_total", "id"], name="veh_fuel", condition=LISTED),
            models.Index(
                fields=["paint_code", "price_total", "id"], name="veh_paint", condition=LISTED
            ),
            models.Index(fields=["monthly_rate", "id"], name="veh_rate", condition=LISTED),
            models.Index(
                fields=[
                    "configuration",
                    "price_band",
                    "rate_band",
                    "price_total",
                    "location",
                    "available_from",
                    "monthly_rate",
                    "held_until",
                    "listed",  # SQLite reads an index as covering only with every column named
                ],
                name="veh_facets_rate",
                condition=LISTED,
            ),
            models.Index(fields=["status", "id"], name="veh_status"),
        ]

    def __str__(self) -> str:
        return self.vin


class VehicleOption(models.Model):
    """Every option a car has (chosen and brought by packages), one row each, so that
    "has a towbar" is an indexed lookup on any database."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="option_rows")
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["code", "vehicle"], name="option_once_per_vehicle")
        ]

    def __str__(self) -> str:
        return self.code


class VehicleEvent(models.Model):
    """A status move: who, when, from where to where, and why."""

    vehicle = models.ForeignKey(Vehicle, on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(max_length=16, blank=True)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_text = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["vehicle", "at"], name="event_vehicle_at")]

    def __str__(self) -> str:
        return f"{self.from_status or '-'} -> {self.to_status}"
