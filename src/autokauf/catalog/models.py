"""The catalogue: brands, models, trims, options and the rules between options."""

from __future__ import annotations

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

CODE = RegexValidator(r"^[A-Z0-9][A-Z0-9_-]{0,39}$", _("Upper-case letters, digits, - and _."))
SLUG_HELP = _("Lower-case, used in addresses.")


class Body(models.TextChoices):
    HATCHBACK = "hatchback", _("Hatchback")
    SEDAN = "sedan", _("Saloon")
    ESTATE = "estate", _("Estate")
    SUV = "suv", _("SUV")
    COUPE = "coupe", _("Coupé")
    VAN = "van", _("Van")


class Fuel(models.TextChoices):
    PETROL = "petrol", _("Petrol")
    DIESEL = "diesel", _("Diesel")
    PHEV = "phev", _("Plug-in hybrid")
    BEV = "bev", _("Electric")


class OptionKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Equipment")
    PAINT = "paint", _("Paint")
    WHEELS = "wheels", _("Wheels")
    INTERIOR = "interior", _("Interior")
    PACKAGE = "package", _("Package")


class GroupChoice(models.TextChoices):
    EXACTLY_ONE = "exactly_one", _("Exactly one")
    AT_MOST_ONE = "at_most_one", _("At most one")


class RuleKind(models.TextChoices):
    REQUIRES = "requires", _("requires")
    EXCLUDES = "excludes", _("excludes")
    INCLUDES = "includes", _("includes (package content)")


class Revision(models.Model):
    """One row whose number grows with every catalogue change.

    Caches key on `token`, which every change sets afresh: a number can repeat after a rolled-back
    change, a random token does not.
    """

    number = models.PositiveBigIntegerField(default=0)
    token = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return f"catalogue revision {self.number}"


class Brand(models.Model):
    slug = models.SlugField(unique=True, help_text=SLUG_HELP)
    name = models.CharField(max_length=80)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class CarModel(models.Model):
    brand = models.ForeignKey(Brand, on_delete=models.PROTECT, related_name="models")
    slug = models.SlugField(unique=True, help_text=SLUG_HELP)
    name = models.CharField(max_length=80)
    body = models.CharField(max_length=16, choices=Body.choices)
    description_de = models.TextField(blank=True)
    description_en = models.TextField(blank=True)
    transfer_cost_net = models.DecimalField(
        _("transfer costs (net)"),
        max_digits=10,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("Überführung: part of the total price by PAngV."),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["brand__name", "position", "name"]
        verbose_name = _("model")

    def __str__(self) -> str:
        return f"{self.brand.name} {self.name}"


class Trim(models.Model):
    model = models.ForeignKey(CarModel, on_delete=models.CASCADE, related_name="trims")
    code = models.CharField(max_length=40, unique=True, validators=[CODE])
    name = models.CharField(max_length=80)
    fuel = models.CharField(max_length=8, choices=Fuel.choices)
    transmission = models.CharField(max_length=40, blank=True)
    displacement_ccm = models.PositiveIntegerField(null=True, blank=True)
    power_kw = models.PositiveIntegerField()
    consumption_l_100km = models.DecimalField(
        _("WLTP fuel, combined (l/100 km)"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    consumption_discharged_l_100km = models.DecimalField(
        _("WLTP fuel, battery discharged (l/100 km)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    energy_kwh_100km = models.DecimalField(
        _("WLTP electricity, combined (kWh/100 km)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
    )
    electric_range_km = models.PositiveIntegerField(null=True, blank=True)
    co2_g_km = models.PositiveIntegerField(_("WLTP CO2, combined (g/km)"))
    co2_discharged_g_km = models.PositiveIntegerField(
        _("WLTP CO2, battery discharged (g/km)"), null=True, blank=True
    )
    net_price = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    delivery_weeks = models.PositiveIntegerField(default=12)
    default_options: models.ManyToManyField[Option, models.Model] = models.ManyToManyField(
        "Option",
        blank=True,
        related_name="default_on",
        help_text=_("Selected when a buyer starts."),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["model", "position", "net_price"]

    def __str__(self) -> str:
        return f"{self.model} {self.name}"


class OptionGroup(models.Model):
    model = models.ForeignKey(CarModel, on_delete=models.CASCADE, related_name="groups")
    code = models.CharField(max_length=40, validators=[CODE])
    name_de = models.CharField(max_length=80)
    name_en = models.CharField(max_length=80)
    choice = models.CharField(max_length=12, choices=GroupChoice.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["model", "code"], name="group_code_per_model")
        ]

    def __str__(self) -> str:
        return f"{self.model.slug}/{self.code}"


class Option(models.Model):
    model = models.ForeignKey(CarModel, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(max_length=40, validators=[CODE])
    kind = models.CharField(max_length=12, choices=OptionKind.choices)
    name_de = models.CharField(max_length=120)
    name_en = models.CharField(max_length=120)
    net_price = models.DecimalField(
        max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )
    group = models.ForeignKey(
        OptionGroup, on_delete=models.SET_NULL, null=True, blank=True, related_name="options"
    )
    color_hex = models.CharField(
        max_length=7, blank=True, validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$")]
    )
    lead_weeks = models.PositiveIntegerField(
        default=0, help_text=_("Weeks this option adds to the trim's delivery time.")
    )
    trims = models.ManyToManyField(
        Trim,
        blank=True,
        related_name="offered_options",
        help_text=_("Offered on these trims only; empty means on every trim of the model."),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["model", "kind", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["model", "code"], name="option_code_per_model")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name_en}"


class Rule(models.Model):
    """`option` requires / excludes / includes `target` (both options of the same model)."""

    model = models.ForeignKey(CarModel, on_delete=models.CASCADE, related_name="rules")
    kind = models.CharField(max_length=10, choices=RuleKind.choices)
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="rules")
    target = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="targeted_by")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "option", "target"], name="rule_once"),
        ]

    def __str__(self) -> str:
        return f"{self.option.code} {self.kind} {self.target.code}"
