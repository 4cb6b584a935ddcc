"""Back office for insurance: policies (read only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from unfold.admin import ModelAdmin

from .models import Policy


@admin.register(Policy)
class PolicyAdmin(ModelAdmin):
    list_display = (
        "evb_number",
        "holder",
        "cover",
        "model_slug",
        "postcode",
        "yearly_premium",
        "starts_on",
    )
    list_filter = ("cover",)
    search_fields = ("evb_number", "holder__email")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
