"""Back office for payments: read-only, with a refund of the remaining captured amount."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from unfold.admin import ModelAdmin
from unfold.decorators import action

from autokauf.core.errors import DomainError

from . import services
from .models import Payment, Refund


class RefundInline(admin.TabularInline):
    model = Refund
    extra = 0
    can_delete = False
    readonly_fields = ("amount", "currency", "reason", "provider_refund_id", "created_at")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Payment)
class PaymentAdmin(ModelAdmin):
    list_display = (
        "reference",
        "amount",
        "currency",
        "status",
        "captured_amount",
        "refunded_amount",
        "provider",
        "created_at",
    )
    list_filter = ("status", "provider")
    search_fields = ("reference", "=id", "provider_payment_id", "customer_email")
    ordering = ("-created_at",)
    inlines = (RefundInline,)
    actions = ("refund_remaining",)

    def get_readonly_fields(self, request: HttpRequest, obj: Payment | None = None) -> list[str]:
        return [field.name for field in Payment._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Payment | None = None) -> bool:
        return False

    @action(description="Refund the remaining captured amount")
    def refund_remaining(self, request: HttpRequest, queryset: QuerySet[Payment]) -> None:
        for payment in queryset:
            try:
                services.refund_payment(
                    payment.id, payment.refundable, f"Back-office refund by {request.user}"
                )
            except DomainError as exc:
                self.message_user(request, f"{payment.reference}: {exc.detail}", messages.ERROR)
            else:
                self.message_user(request, f"{payment.reference}: refunded {payment.refundable}")
