"""Back office for the catalogue (/backoffice/): edit, import/export, and who changed what."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportModelAdmin
from unfold.admin import ModelAdmin, TabularInline
from unfold.contrib.import_export.forms import ExportForm, ImportForm
from unfold.decorators import action

from . import models, services

for _model in (
    models.Brand,
    models.CarModel,
    models.Trim,
    models.OptionGroup,
    models.Option,
    models.Rule,
):
    auditlog.register(_model)


class CatalogueFileMixin:
    """A changelist button that downloads the whole catalogue as a catalogue file."""

    actions_list = ["export_catalogue_file"]

    @action(
        description=_("Download catalogue file (YAML)"),
        url_path="export-catalogue-file",
        permissions=["view"],
        icon="download",
    )
    def export_catalogue_file(self, request: HttpRequest) -> HttpResponse:
        stamp = timezone.localtime().strftime("%Y-%m-%d-%H%M")
        response = HttpResponse(services.export_catalogue(), content_type="application/yaml")
        response["Content-Disposition"] = f'attachment; filename="catalogue-{stamp}.yaml"'
        return response


class OptionResource(resources.ModelResource):
    model = fields.Field(
        attribute="model",
        column_name="model",
        widget=widgets.ForeignKeyWidget(models.CarModel, field="slug"),
    )
    group = fields.Field(
        attribute="group",
        column_name="group",
        widget=widgets.ForeignKeyWidget(models.OptionGroup, field="code"),
    )

    class Meta:
        model = models.Option
        import_id_fields = ("model", "code")
        fields = (
            "model",
            "code",
            "kind",
            "name_de",
            "name_en",
            "net_price",
            "group",
            "color_hex",
            "lead_weeks",
            "position",
        )
        skip_unchanged = True
        report_skipped = False

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("model", "group")


class TrimResource(resources.ModelResource):
    model = fields.Field(
        attribute="model",
        column_name="model",
        widget=widgets.ForeignKeyWidget(models.CarModel, field="slug"),
    )

    class Meta:
        model = models.Trim
        import_id_fields = ("code",)
        fields = (
            "code",
            "model",
            "name",
            "fuel",
            "transmission",
            "displacement_ccm",
            "power_kw",
            "consumption_l_100km",
            "consumption_discharged_l_100km",
            "energy_kwh_100km",
            "electric_range_km",
            "co2_g_km",
            "co2_discharged_g_km",
            "net_price",
            "delivery_weeks",
            "position",
        )
        skip_unchanged = True
        report_skipped = False

    def get_queryset(self) -> Any:
        return super().get_queryset().select_related("model")


class CarModelFilter(admin.SimpleListFilter):
    """Filter by model, named with its brand in one query (the stock filter asks per model)."""

    title = _("model")
    parameter_name = "model"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(str(m.pk), str(m)) for m in models.CarModel.objects.select_related("brand")]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        return queryset.filter(model_id=self.value()) if self.value() else queryset


class TrimInline(TabularInline):
    model = models.Trim
    fields = (
        "code",
        "name",
        "fuel",
        "power_kw",
        "co2_g_km",
        "net_price",
        "delivery_weeks",
        "position",
    )
    extra = 0
    show_change_link = True


class GroupInline(TabularInline):
    model = models.OptionGroup
    fields = ("code", "name_de", "name_en", "choice")
    extra = 0


class RuleInline(TabularInline):
    model = models.Rule
    fk_name = "option"
    fields = ("kind", "target")
    autocomplete_fields = ("target",)
    extra = 0


@admin.register(models.Brand)
class BrandAdmin(CatalogueFileMixin, ModelAdmin):
    list_display = ("name", "slug")
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(models.CarModel)
class CarModelAdmin(CatalogueFileMixin, ModelAdmin):
    list_display = ("name", "brand", "body", "transfer_cost_net", "position")
    list_filter = ("brand", "body")
    list_select_related = ("brand",)
    search_fields = ("name", "slug", "brand__name")
    prepopulated_fields = {"slug": ("name",)}
    inlines = (TrimInline, GroupInline)


@admin.register(models.Trim)
class TrimAdmin(CatalogueFileMixin, ImportExportModelAdmin, ModelAdmin):
    resource_classes = (TrimResource,)
    import_form_class = ImportForm
    export_form_class = ExportForm
    list_display = (
        "code",
        "name",
        "model",
        "fuel",
        "power_kw",
        "co2_g_km",
        "net_price",
        "delivery_weeks",
    )
    list_filter = ("model__brand", CarModelFilter, "fuel")
    list_select_related = ("model__brand",)
    search_fields = ("code", "name", "model__name")
    filter_horizontal = ("default_options",)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "default_options":
            kwargs["queryset"] = models.Option.objects.select_related("model")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(models.Option)
class OptionAdmin(CatalogueFileMixin, ImportExportModelAdmin, ModelAdmin):
    resource_classes = (OptionResource,)
    import_form_class = ImportForm
    export_form_class = ExportForm
    list_display = ("code", "name_de", "model", "kind", "net_price", "group", "lead_weeks")
    list_filter = ("model__brand", CarModelFilter, "kind")
    list_select_related = ("model__brand", "group__model")
    search_fields = ("code", "name_de", "name_en")
    autocomplete_fields = ("group",)
    filter_horizontal = ("trims",)
    inlines = (RuleInline,)

    def formfield_for_manytomany(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        if db_field.name == "trims":
            kwargs["queryset"] = models.Trim.objects.select_related("model__brand")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(models.OptionGroup)
class OptionGroupAdmin(ModelAdmin):
    list_display = ("code", "name_de", "model", "choice")
    list_filter = (CarModelFilter, "choice")
    list_select_related = ("model",)
    search_fields = ("code", "name_de", "name_en", "model__slug")


@admin.register(models.Rule)
class RuleAdmin(CatalogueFileMixin, ModelAdmin):
    list_display = ("option", "kind", "target", "model")
    list_filter = ("kind", CarModelFilter)
    list_select_related = ("option", "target", "model__brand")
    search_fields = ("option__code", "target__code")
    autocomplete_fields = ("option", "target")
