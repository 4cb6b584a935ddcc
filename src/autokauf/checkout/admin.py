"""Back office of orders: a list that stays fast with 100,000 orders (select_related, indexed
filters and search, filter choices known without reading the orders, pages that read only their
own rows), VIN allocation, advancing, cancelling with refund, and orders placed by staff for a
buyer to confirm. Actions call the services, never .save()."""

from __future__ import annotations

from typing import Any

from auditlog.registry import auditlog
from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template import engines
from django.urls import URLPattern, path, reverse
from unfold.admin import ModelAdmin, TabularInline

from autokauf.core.errors import DomainError
from autokauf.core.pagination import KeysFirstPaginator

from . import holds, moves, rules, services
from .data import CheckoutData
from .models import Hold, Order, OrderEvent

auditlog.register(Order)

FORM_PAGE = engines["django"].from_string(
    """{% extends "admin/base_site.html" %}
{% block content %}
<div class="max-w-3xl">
  <h1 class="font-semibold text-lg mb-4">{{ title }}</h1>
  {% if intro %}<p class="mb-4">{{ intro }}</p>{% endif %}
  {% if problems %}
  <div role="alert" class="mb-4"><p class="font-semibold">{{ detail }}</p>
    <ul>{% for field, text in problems.items %}<li>{{ field }}: {{ text }}</li>{% endfor %}</ul>
  </div>
  {% endif %}
  <form method="post">{% csrf_token %}{{ form.as_p }}
    <button type="submit" class="bg-primary-600 text-white px-3 py-2 rounded">{{ submit }}</button>
  </form>
</div>
{% endblock %}"""
)
STAFF_PAYMENT_METHODS = tuple(m for m in rules.PAYMENT_METHODS if m not in rules.FINANCED)


class AllocateVinForm(forms.Form):
    vin = forms.CharField(label="VIN", min_length=17, max_length=17)


class OrderForBuyerForm(forms.Form):
    """An order a member of staff places for a buyer; the buyer confirms it by paying."""

    buyer_email = forms.EmailField(label="Buyer's e-mail address")
    configuration_code = forms.CharField(label="Saved configuration", required=False, max_length=8)
    vin = forms.CharField(label="or a car in stock (VIN)", required=False, max_length=17)
    payment_method = forms.ChoiceField(choices=[(m, m) for m in STAFF_PAYMENT_METHODS])
    delivery = forms.ChoiceField(choices=[(d, d) for d in rules.DELIVERIES])
    dealer_code = forms.CharField(label="Dealer (code)", required=False, max_length=20)

    def clean_buyer_email(self) -> Any:
        email = self.cleaned_data["buyer_email"]
        buyer = get_user_model().objects.filter(email__iexact=email, role="buyer").first()
        if buyer is None:
            raise forms.ValidationError("There is no buyer with this address.")
        return buyer

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        given = [f for f in ("configuration_code", "vin") if cleaned.get(f, "").strip()]
        if len(given) != 1:
            raise forms.ValidationError("Give either a saved configuration or a VIN.")
        return cleaned


def checkout_data_of(buyer: Any, form: dict[str, Any]) -> CheckoutData:
    """The buyer's profile as checkout data. The buyer accepts the terms and the withdrawal
    notice on their order page, when they open the down payment."""
    return CheckoutData(
        first_name=buyer.first_name,
        last_name=buyer.last_name,
        email=buyer.email,
        phone=buyer.phone,
        street=buyer.street,
        postcode=buyer.postcode,
        city=buyer.city,
        date_of_birth=buyer.date_of_birth,
        payment_method=form["payment_method"],
        delivery=form["delivery"],
        dealer_code=form.get("dealer_code", "").strip(),
    )


def place_for_buyer(*, staff: Any, form: dict[str, Any]) -> Order:
    """Reserve the car for the buyer (or take the configuration) and place the order, created
    by `staff`. A refused order leaves no hold behind."""
    buyer = form["buyer_email"]
    data = checkout_data_of(buyer, form)
    language = buyer.language if buyer.language in ("de", "en") else "de"
    code = form.get("configuration_code", "").strip().upper()
    if code:
        return services.place_order(
            buyer=buyer, data=data, language=language, configuration_code=code, created_by=staff
        )
    hold = holds.reserve_vehicle(buyer=buyer, vin=form["vin"])
    try:
        return services.place_order(
            buyer=buyer, data=data, language=language, hold_id=hold.id, created_by=staff
        )
    except DomainError:
        holds.release_hold(buyer=buyer, hold_id=hold.id)
        raise


class KnownValuesFilter(admin.SimpleListFilter):
    """A filter over a field whose values checkout.rules knows: unlike Django's filter of a plain
    field, it offers them without a SELECT DISTINCT over every order."""

    values: tuple[str, ...] = ()

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [(value, value) for value in self.values]

    def queryset(self, request: HttpRequest, queryset: QuerySet[Order]) -> QuerySet[Order]:
        if self.value() is None:
            return queryset
        return queryset.filter(**{str(self.parameter_name): self.value()})


class PaymentMethodFilter(KnownValuesFilter):
    title = "payment method"
    parameter_name = "payment_method"
    values = rules.PAYMENT_METHODS


class DeliveryFilter(KnownValuesFilter):
    title = "delivery"
    parameter_name = "delivery"
    values = rules.DELIVERIES


class OrderEventInline(TabularInline):
    model = OrderEvent
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "actor", "actor_text", "at", "note")


@admin.register(Order)
class OrderAdmin(ModelAdmin):
    list_display = (
        "number", "status", "buyer", "dealer", "payment_method", "delivery", "total", "created_at",
    )  # fmt: skip
    list_filter = ("status", "dealer", PaymentMethodFilter, DeliveryFilter)
    list_select_related = ("buyer", "dealer")
    list_per_page = 50
    paginator = KeysFirstPaginator
    search_fields = ("number",)  # shows the search box; get_search_results decides
    search_help_text = "An order number, a VIN or the buyer's e-mail address, whole."
    show_full_result_count = False
    ordering = ("-created_at", "id")
    inlines = [OrderEventInline]
    readonly_fields = [f.name for f in Order._meta.fields]
    actions = [
        "allocate_vin",
        "advance_in_production",
        "advance_in_transit",
        "advance_ready",
        "advance_handed_over",
        "cancel_with_refund",
        "withdraw_with_refund",
    ]

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Order], search_term: str
    ) -> tuple[QuerySet[Order], bool]:
        """Whole values only, each found through an index: a search for a part of a number or
        an address would read every order."""
        term = search_term.strip()
        if not term:
            return queryset, False
        # The buyer's id first: an OR of three indexed equalities is one bitmap scan on
        # PostgreSQL, where a subquery in the OR made it read every order.
        buyers = list(
            get_user_model().objects.filter(email=term.lower()).values_list("pk", flat=True)
        )
        found = Q(number=term.upper()) | Q(vin=term.upper()) | Q(buyer_id__in=buyers)
        return queryset.filter(found), False

    def _each(self, request: HttpRequest, queryset: QuerySet[Order], work: Any) -> None:
        for order in queryset:
            try:
                work(order)
            except DomainError as refused:
                self.message_user(request, f"{order.number}: {refused.detail}", messages.ERROR)

    def _advance(self, request: HttpRequest, queryset: QuerySet[Order], to: str) -> None:
        self._each(request, queryset, lambda o: moves.advance_order(o, to, request.user))

    @admin.action(description="Allocate a VIN (build-to-order)")
    def allocate_vin(self, request: HttpRequest, queryset: QuerySet[Order]) -> Any:
        if queryset.count() != 1:
            self.message_user(request, "Choose exactly one order to allocate.", messages.ERROR)
            return None
        return HttpResponseRedirect(f"{queryset.get().pk}/allocate-vin/")

    @admin.action(description="Advance: in production")
    def advance_in_production(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._advance(request, queryset, rules.IN_PRODUCTION)

    @admin.action(description="Advance: in transit")
    def advance_in_transit(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._advance(request, queryset, rules.IN_TRANSIT)

    @admin.action(description="Advance: ready for handover")
    def advance_ready(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._advance(request, queryset, rules.READY_FOR_HANDOVER)

    @admin.action(description="Advance: handed over")
    def advance_handed_over(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._advance(request, queryset, rules.HANDED_OVER)

    @admin.action(description="Cancel (refund the down payment if paid)")
    def cancel_with_refund(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(request, queryset, lambda o: moves.cancel_order(o, request.user, "back office"))

    @admin.action(description="Withdraw (the buyer's declaration, 14 days from handover; refunds)")
    def withdraw_with_refund(self, request: HttpRequest, queryset: QuerySet[Order]) -> None:
        self._each(request, queryset, lambda o: moves.withdraw_order(o, request.user))

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # staff place orders through "order for a buyer", which runs checkout

    def get_urls(self) -> list[URLPattern]:
        view = self.admin_site.admin_view
        return [
            path("for-buyer/", view(self.order_for_buyer), name="checkout_order_for_buyer"),
            path(
                "<uuid:order_id>/allocate-vin/",
                view(self.allocate_vin_page),
                name="checkout_order_allocate_vin",
            ),
            *super().get_urls(),
        ]

    def _page(self, request: HttpRequest, **context: Any) -> HttpResponse:
        context = {**self.admin_site.each_context(request), **context}
        return HttpResponse(FORM_PAGE.render(context, request))

    def _change_url(self, order: Order) -> str:
        return reverse("admin:checkout_order_change", args=[order.pk])

    def allocate_vin_page(self, request: HttpRequest, order_id: Any) -> HttpResponse:
        """Give a build-to-order order its car: a free car of the same trim and options."""
        order = Order.objects.filter(pk=order_id).first()
        if order is None or not self.has_change_permission(request, order):
            return HttpResponse(status=404)
        form = AllocateVinForm(request.POST or None)
        refused = None
        if request.method == "POST" and form.is_valid():
            try:
                moves.allocate_vin(order, form.cleaned_data["vin"], request.user)
            except DomainError as error:
                refused = error
            else:
                self.message_user(request, f"{order.number}: {form.cleaned_data['vin']} allocated.")
                return HttpResponseRedirect(self._change_url(order))
        title = f"Allocate a VIN to {order.number}"
        intro = f"{order.trim_code}, options {', '.join(order.options)}"
        problems = {"vin": refused.detail} if refused else None
        return self._page(
            request, form=form, title=title, intro=intro, problems=problems, submit="Allocate"
        )

    def order_for_buyer(self, request: HttpRequest) -> HttpResponse:
        """Staff place an order for a buyer (from the buyer's profile); it stays placed until
        the buyer pays the down payment from their order page."""
        if not self.has_change_permission(request):
            return HttpResponse(status=403)
        form = OrderForBuyerForm(request.POST or None)
        refused: DomainError | None = None
        if request.method == "POST" and form.is_valid():
            try:
                order = place_for_buyer(staff=request.user, form=form.cleaned_data)
            except DomainError as error:
                refused = error
            else:
                self.message_user(request, f"{order.number} placed; the buyer confirms by paying.")
                return HttpResponseRedirect(self._change_url(order))
        problems = (refused.extra.get("fields") or {"order": refused.detail}) if refused else None
        return self._page(
            request,
            form=form,
            title="Order for a buyer",
            intro="The buyer's profile gives name, address and birth date.",
            problems=problems,
            detail=refused.detail if refused else "",
            submit="Place the order",
        )


@admin.register(Hold)
class HoldAdmin(ModelAdmin):
    list_display = ("vin", "buyer", "created_at", "expires_at", "released_at", "extended_count")
    list_select_related = ("buyer",)
    search_fields = ("vin", "buyer__email")
    readonly_fields = [f.name for f in Hold._meta.fields]
