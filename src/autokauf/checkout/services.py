"""Placing an order: check the data, freeze the Quote, write the order, start the down payment.

The moves after that are in moves.py."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import IntegrityError, transaction

from autokauf import accounts, configurator, dealers, inventory, payments
from autokauf.core import clock
from autokauf.core.money import Money

from . import data as checkout_data
from . import offers, rules
from .errors import CheckoutInvalid, HoldExpired, VehicleNotAvailable
from .freeze import frozen_quote
from .holds import access_hold, hold_cap_minutes, is_active
from .models import Order, OrderNumber
from .transitions import record

CheckoutData = checkout_data.CheckoutData


def order_url(order: Order) -> str:
    template = getattr(settings, "CHECKOUT_ORDER_URL", "/checkout/orders/{id}/")
    return str(template).format(id=order.id, number=order.number)


def place_order(
    *,
    buyer: Any,
    data: CheckoutData,
    language: str,
    hold_id: UUID | str | None = None,
    configuration_code: str | None = None,
    created_by: Any = None,
    price_reduction: Money | None = None,
    reduction_label: str = "",
) -> Order:
    """Check the data, freeze the Quote, write the order (placed) and start the down payment.

    From a hold (a car in stock) or a saved configuration (build-to-order). A financed order is
    placed at once but confirmed only once an approved credit application exists. A
    `price_reduction` (gross, e.g. down to a drop price) is frozen as its own Quote line, so the
    pages, documents, mails and the down payment all use the reduced total (invariant 1).

    The buyer's own order needs their confirmed e-mail address (EmailNotConfirmed, 403); one
    staff place for them needs it when the buyer accepts it."""
    # An order staff place for a buyer is accepted, and its down payment opened, by the buyer
    # (moves.pay_down_payment_again); the buyer's own order at checkout.
    by_buyer = created_by is None or created_by == buyer
    if by_buyer:
        accounts.check_email_confirmed(buyer)  # 403 before anything is read or written
    checkout_data.check(data, today=clock.today_berlin(), consents=by_buyer)
    _check_reduction(price_reduction)
    language = language if language in ("de", "en") else "de"
    source = _from_hold(buyer, hold_id) if hold_id else _from_configuration(configuration_code)
    quote = frozen_quote(
        source["quote"],
        discount_net=source["discount_net"],
        home_delivery=data.delivery == "home",
        language=language,
        price_reduction=price_reduction.amount if price_reduction else None,
        reduction_label=reduction_label,
    )
    total = Decimal(quote["total"])
    terms = _financing_terms(data, source, price_reduction, language)
    offered = Decimal(terms["down_payment"]) if terms else None
    fields = {
        **source["fields"],
        "buyer": buyer,
        "created_by": created_by if created_by is not None else buyer,
        "dealer": _dealer(data.dealer_code, source.get("location_id")),
        "quote": quote,
        "total": total,
        "down_payment": rules.down_payment(total, offered),
        "payment_method": data.payment_method,
        "financing": terms,
        "delivery": data.delivery,
        "customer": data.customer(),
        "language": language,
        "terms_accepted_at": clock.now() if by_buyer else None,
    }
    hold = source["fields"].get("hold")
    fields["pay_by"] = _payment_deadline(hold, by_buyer)
    # One transaction for every write: a refusal on the way leaves the hold as it was.
    with transaction.atomic():
        if hold is not None:
            keep_car_until(buyer, hold, fields["pay_by"])
        order = _numbered_order(fields)
        if by_buyer:
            # The down payment is opened first, so the order is written once, with its payment.
            _start_down_payment(order)
        return _write_order(order)


def _financing_terms(
    data: CheckoutData, source: dict[str, Any], reduction: Money | None, language: str
) -> dict[str, Any] | None:
    """The store's offer the buyer chose, for the car's price (its discount and any reduction
    included, delivery not); None for a cash purchase."""
    if data.payment_method not in rules.FINANCED:
        return None
    car = frozen_quote(
        source["quote"],
        discount_net=source["discount_net"],
        home_delivery=False,
        language=language,
        price_reduction=reduction.amount if reduction else None,
    )
    return offers.chosen_offer(
        data.payment_method,
        data.financing_offer or {},
        price=Money.of(car["total"]),
        language=language,
    )


def _check_reduction(reduction: Money | None) -> None:
    if reduction is not None and (reduction.amount < 0 or reduction.currency != "EUR"):
        raise CheckoutInvalid(
            "A price reduction is a positive amount in euros.",
            extra={"fields": {"price_reduction": "A positive amount in euros."}},
        )


def quoted_total(*, vin: str | None = None, configuration_code: str | None = None) -> Money:
    """The total the checkout would freeze for this car in stock (its discount included) or this
    saved configuration, before delivery and any price reduction."""
    if vin:
        view = inventory.vehicle_for_buyer(vin)
        quote, discount = view.quote.to_dict(), Decimal(view.discount_net)
    else:
        quote, discount = _from_configuration(configuration_code)["quote"], Decimal("0")
    frozen = frozen_quote(quote, discount_net=discount, home_delivery=False, language="de")
    return Money.of(frozen["total"])


def _from_hold(buyer: Any, hold_id: UUID | str) -> dict[str, Any]:
    hold = access_hold(buyer, hold_id)
    if not is_active(hold):
        raise HoldExpired("The reservation has run out; reserve the car again.")
    view = inventory.vehicle_for_buyer(hold.vin)
    vehicle = view.vehicle
    return {
        "quote": view.quote.to_dict(),
        "discount_net": Decimal(view.discount_net),
        "location_id": vehicle.location_id,
        "fields": {
            "hold": hold,
            "vin": vehicle.vin,
            "trim_code": vehicle.trim_id,
            "options": list(vehicle.options),
        },
    }


def _payment_deadline(hold: Any, by_buyer: bool) -> datetime:
    """Until when the order waits for its down payment (then it lapses, checkout.lapses). An
    order staff placed waits CHECKOUT_STAFF_ORDER_PAY_HOURS for its buyer to accept and pay."""
    now = clock.now()
    if not by_buyer:
        return now + timedelta(hours=int(getattr(settings, "CHECKOUT_STAFF_ORDER_PAY_HOURS", 72)))
    return rules.payment_deadline(
        now=now,
        hold_created_at=hold.created_at if hold is not None else None,
        cap=timedelta(minutes=hold_cap_minutes()),
        payment_lifetime=payments.payment_lifetime(),
    )


def keep_car_until(buyer: Any, hold: Any, until: datetime) -> None:
    """The order keeps its car while it waits for the down payment: the hold runs to the
    payment deadline, so the stock search does not offer the car before the order lapses."""
    # The hold's row first, as a conditional UPDATE: its row lock (FOR UPDATE strength on
    # PostgreSQL) makes a release_hold at the same moment wait for this order and refuse, or, if
    # the release came first, this UPDATE finds the hold released and the order is refused.
    if not type(hold).objects.filter(pk=hold.pk, released_at__isnull=True).update(expires_at=until):
        raise HoldExpired("The reservation has run out; reserve the car again.")
    if not inventory.extend_vehicle_hold(
        vin=hold.vin, buyer_id=buyer.pk, until=until, now=clock.now()
    ):
        raise HoldExpired("The reservation has run out; reserve the car again.")


def _from_configuration(code: str | None) -> dict[str, Any]:
    if not code:
        raise CheckoutInvalid(
            "Give a reservation or a configuration.",
            extra={"fields": {"reservation": "Give a reservation or a configuration."}},
        )
    reopened = configurator.reopen_configuration(code)
    if reopened.quote is None:
        raise CheckoutInvalid(
            f"The configuration {code} can no longer be built.",
            extra={"fields": {"configuration": "This configuration can no longer be built."}},
        )
    quote = reopened.quote
    return {
        "quote": quote.to_dict(),
        "discount_net": Decimal("0"),
        "location_id": None,
        "fields": {
            "configuration_code": reopened.saved.code,
            "trim_code": quote.trim_code,
            "options": list(quote.options),
        },
    }


def _dealer(code: str, location_id: int | None) -> Any:
    if code:
        found = dealers.Dealer.objects.filter(code=code).first()
        if found is None:
            raise CheckoutInvalid(
                f"There is no dealer {code}.", extra={"fields": {"dealer_code": "Unknown dealer."}}
            )
        return found
    return dealers.dealer_for_location(location_id) if location_id else None


def _numbered_order(fields: dict[str, Any]) -> Order:
    """The order, not written yet, with its id and the next order number."""
    now = clock.now()
    sequence = OrderNumber.objects.create(created_at=now).pk
    return Order(number=rules.order_number(now.year, sequence), created_at=now, **fields)


def _write_order(order: Order) -> Order:
    try:
        # In place_order's transaction: a clash fails all of it (no savepoint needed).
        with transaction.atomic(savepoint=False):
            order.save(force_insert=True)
            record(order, "", rules.PLACED, order.created_by, "")
    except IntegrityError:
        # The hold (one-to-one) or the VIN (unique) already has an order.
        raise VehicleNotAvailable("This car has already been ordered.") from None
    return order


def down_payment_terms(order: Order) -> dict[str, Any]:
    """What the provider's page asks the buyer to pay: the down payment under the order number."""
    return {
        "reference": order.number,
        "amount": Money(order.down_payment, order.currency),
        "description": f"Anzahlung {order.number}",
        "return_url": order_url(order),
        "customer_email": order.customer["email"],
    }


def _start_down_payment(order: Order) -> None:
    # The order number was drawn in this transaction: nothing can have paid under it yet.
    payment = payments.open_payment(**down_payment_terms(order))
    order.payment_id = payment.id
    order.payment_url = payment.redirect_url  # type: ignore[attr-defined]
