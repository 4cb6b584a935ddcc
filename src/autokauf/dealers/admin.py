from django.contrib import admin
from unfold.admin import ModelAdmin, TabularInline

from .models import Dealer, DealerStaff


class DealerStaffInline(TabularInline):
    model = DealerStaff
    extra = 0
    autocomplete_fields = ("user",)


@admin.register(Dealer)
class DealerAdmin(ModelAdmin):
    list_display = ("code", "name", "email", "phone", "location")
    search_fields = ("code", "name", "email")
    list_select_related = ("location",)
    inlines = (DealerStaffInline,)


@admin.register(DealerStaff)
class DealerStaffAdmin(ModelAdmin):
    list_display = ("user", "dealer")
    list_select_related = ("user", "dealer")
    search_fields = ("user__email", "dealer__code", "dealer__name")
    autocomplete_fields = ("user", "dealer")
