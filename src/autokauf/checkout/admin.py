"""Back office of orders: a list that stays fast (select_related, indexed filters), VIN
allocation, advancing, cancelling with refund. Actions call the services, never .save()."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from unfold.admin import ModelAdmin, TabularInline

from autokauf.core.errors import DomainError

from . import moves
from .models import Hold, Order, OrderEvent


class OrderEventInline(TabularInline):
    model = OrderEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor", "actor_text", "at", "note")


@admin.register(Order)
class OrderAdmin(ModelAdmin):
    list_display = ("number", "status", "buyer", "dealer", "payment_method", "total", "created_at")
    list_filter = ("status", "dealer", "payment_method")
    list_select_related = ("buyer", "dealer")
    search_fields = ("number", "vin", "buyer__email")
    show_full_result_count = False
    ordering = ("-created_at", "id")
    inlines = [OrderEventInline]
    readonly_fields = [f.name for f in Order._meta.fields]
    actions = ["advance_in_transit", "advance_ready", "advance_handed_over", "cancel_with_refund"]

    def _each(self, request: HttpRequest, queryset: QuerySet[Order], work: Any) -> None:
        for order in queryset:
            try:
                work(order)
            except DomainError as refused:
                self.message_user(request, f"{order.number}: {refused.detail}", messages.ERROR)

    @admin.action(description="Advance: in transit")
    def advance_in_transit(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(request, queryset, lambda o: moves.advance_order(o, "in_transit", request.user))

    @admin.action(description="Advance: ready for handover")
    def advance_ready(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(
            request, queryset, lambda o: moves.advance_order(o, "ready_for_handover", request.user)
        )

    @admin.action(description="Advance: handed over")
    def advance_handed_over(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(request, queryset, lambda o: moves.advance_order(o, "handed_over", request.user))

    @admin.action(description="Cancel (refund the down payment if paid)")
    def cancel_with_refund(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(request, queryset, lambda o: moves.cancel_order(o, request.user, "back office"))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False


@admin.register(Hold)
class HoldAdmin(ModelAdmin):
    list_display = ("vin", "buyer", "created_at", "expires_at", "released_at", "extended_count")
    list_select_related = ("buyer",)
    search_fields = ("vin", "buyer__email")
    readonly_fields = [f.name for f in Hold._meta.fields]
