"""The moves of an order after it was placed, each a named service (docs/domains/checkout.md)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from autokauf import accounts, credit, inventory, payments
from autokauf.core import clock
from autokauf.core.money import Money

from . import rules
from .data import consent_problems
from .errors import (
    CheckoutInvalid,
    DownPaymentNotDue,
    IllegalOrderMove,
    PaymentDeadlinePassed,
    PaymentStillOpen,
    VinNotAllocatable,
    WithdrawalPeriodOver,
)
from .models import Hold, Order
from .selectors import PAY_AGAIN_AFTER
from .transitions import move, move_locked

PAYMENT_ACTOR = "payment provider"
# What confirming a payment reads of the order: not its Quote, customer or options, whose JSON
# would be decoded for nothing.
CONFIRMATION_FIELDS = (
    "number",
    "status",
    "paid_at",
    "payment_id",
    "payment_method",
    "financing",
    "total",
    "buyer_id",
    "vin",
    "hold_id",
)


def confirm_payment(payload: dict[str, Any]) -> Order | None:
    """Outbox handler of payment.authorized: the down payment arrived. The money is captured and
    the order confirmed, unless it is financed and no approved credit application covers it yet
    (then it stays placed until confirm_order). Applying the same event again changes nothing.

    Money is captured only for an order waiting for it: an authorisation for an order that ended
    unpaid (cancelled meanwhile) is cancelled, so no money stays with it."""
    with transaction.atomic(savepoint=False):  # nested in the outbox consumer's transaction
        # Row lock (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction serialises writers):
        # the status and payment read here stay as read until the order is confirmed.
        order = (
            Order.objects.select_for_update()
            .only(*CONFIRMATION_FIELDS)
            .filter(number=payload.get("reference", ""))
            .first()
        )
        if order is None or str(order.payment_id) != str(payload.get("payment_id")):
            return None
        if order.paid_at is None and order.status != rules.PLACED:
            payments.release_payment(order.payment_id, f"order {order.status}")
            return order
        payments.capture_payment(order.payment_id)
        paid: dict[str, Any] = {"paid_at": clock.now()} if order.paid_at is None else {}
        if order.status == rules.PLACED and _credit_in_place(order):
            # Paid and confirmed in one UPDATE, moved from the status read under the lock.
            confirmed = move_locked(order, rules.CONFIRMED, PAYMENT_ACTOR, **paid)
            _reserve_car(confirmed, PAYMENT_ACTOR)
            return confirmed
        if paid:
            Order.objects.filter(pk=order.pk).update(**paid)
            order.paid_at = paid["paid_at"]
            # Paid, waiting for the credit decision: the car is the order's from now on, also
            # once the payment deadline has passed.
            _reserve_car(order, PAYMENT_ACTOR)
        return order


def follow_payment(order: Order) -> Order:
    """While the order waits for its down payment, ask the provider how the payment stands: a
    payment the buyer authorised confirms the order at once, as its webhook would have (the
    confirmation runs right after commit). Answers the order as it now is."""
    if not order.waits_for_payment or order.payment_id is None:
        return order
    if payments.reconcile_payment(order.payment_id).status == payments.PaymentStatus.CREATED:
        return order
    order.refresh_from_db(fields=["status", "paid_at"])  # what the confirmation changes
    return order


def pay_down_payment_again(order: Order, *, accepted: dict[str, bool] | None = None) -> str:
    """Open a new down payment for a placed order whose payment was declined, cancelled or ran
    out, and answer its page. The old payment is cancelled at the provider first, so only the new
    page can take the money. Refused while the order does not wait for its down payment
    (DownPaymentNotDue), its payment deadline has passed (PaymentDeadlinePassed), its payment
    is still open (PaymentStillOpen, naming its page) or the buyer's address is not confirmed
    (403); a refusal changes nothing. The new payment's page may outlive the deadline: the
    deadline, and the car's hold, move to its end. An order staff placed for the buyer is
    accepted here: `accepted` must hold `accept_terms` and `accept_withdrawal_notice`, else
    CheckoutInvalid names them."""
    from .services import down_payment_terms, keep_car_until

    accounts.check_email_confirmed(order.buyer)
    if order.payment_id is not None:
        # Asked before the transaction: an authorisation found here stays applied when the call
        # is then refused (the order goes on to its confirmation).
        payments.reconcile_payment(order.payment_id)
    with transaction.atomic():
        # Row lock (FOR UPDATE on PostgreSQL; SQLite's IMMEDIATE transaction serialises writers):
        # two calls at once open one payment, the second finds it open.
        order.refresh_from_db(from_queryset=Order.objects.select_for_update())
        if not order.waits_for_payment:
            raise DownPaymentNotDue(f"Order {order.number} does not wait for its down payment.")
        if order.is_payment_overdue(clock.now()):
            raise PaymentDeadlinePassed(
                f"Order {order.number}: the time to pay the down payment is over; it lapses."
            )
        if order.terms_accepted_at is None:
            _accept_terms(order, accepted or {})
        if order.payment_id is not None:
            _close_unpaid(order)
        payment = payments.start_payment(**down_payment_terms(order))
        # The order waits at least as long as the new payment's page lives, and keeps its car.
        pay_by = max(order.pay_by or clock.now(), clock.now() + payments.payment_lifetime())
        if order.hold_id is not None and pay_by != order.pay_by:
            keep_car_until(order.buyer, Hold.objects.get(pk=order.hold_id), pay_by)
        Order.objects.filter(pk=order.pk).update(
            payment_id=payment.id, terms_accepted_at=order.terms_accepted_at, pay_by=pay_by
        )
        order.payment_id, order.pay_by = payment.id, pay_by
    return str(payment.redirect_url)


def _accept_terms(order: Order, accepted: dict[str, bool]) -> None:
    problems = consent_problems(
        bool(accepted.get("accept_terms")), bool(accepted.get("accept_withdrawal_notice"))
    )
    if problems:
        raise CheckoutInvalid(
            f"Order {order.number}: accept the terms and the withdrawal notice to pay.",
            extra={"fields": problems},
        )
    order.terms_accepted_at = clock.now()


def _close_unpaid(order: Order) -> None:
    """Cancel the order's payment that took nothing; refuse one that is open or holds money (the
    provider was asked before: the buyer may have authorised it just before it ran out)."""
    current = payments.get_payment(order.payment_id)
    if current.status == payments.PaymentStatus.CREATED:
        raise PaymentStillOpen(
            f"The down payment of order {order.number} is still open.",
            extra={"payment_url": current.redirect_url},
        )
    if current.status not in PAY_AGAIN_AFTER:
        raise DownPaymentNotDue(f"The down payment of order {order.number} has arrived.")
    payments.cancel_payment(current.id)


def confirm_order(order: Order, actor: Any) -> Order:
    """Confirm a paid order whose financing has since been approved (or that is paid in cash)."""
    if order.paid_at is None or not _credit_in_place(order):
        raise IllegalOrderMove(f"Order {order.number} waits for its payment or credit approval.")
    with transaction.atomic():
        return _confirm(order, actor)


def _credit_in_place(order: Order) -> bool:
    if order.payment_method not in rules.FINANCED:
        return True
    offer = order.financing or {}
    ref = credit.OfferRef(
        lender_code=_lender_code(offer),
        product=str(offer.get("product", order.payment_method)),
        amount=Money.of(str(offer.get("net_loan_amount", order.total))).amount,
        term_months=int(offer.get("term_months") or offer.get("number_of_payments") or 0),
    )
    return credit.approved_application_for(order.buyer, ref) is not None


def _lender_code(offer: dict[str, Any]) -> str:
    """The offer's lender code: financing.Offer.to_dict carries the lender as {code, name, ...}."""
    lender = offer.get("lender")
    if isinstance(lender, dict):
        return str(lender.get("code", ""))
    return str(offer.get("lender_code") or lender or "")


def _confirm(order: Order, actor: Any) -> Order:
    confirmed = move(order, rules.CONFIRMED, actor)
    _reserve_car(confirmed, actor)
    return confirmed


def _reserve_car(order: Order, actor: Any) -> None:
    """The car of a paid order leaves the hold and is reserved for it in stock: at confirmation,
    or for a financed order as soon as its down payment arrives (then its confirmation finds the
    car reserved already)."""
    if not order.vin:
        return
    try:
        inventory.move_vehicle(
            vin=order.vin, to_status="reserved", actor=actor, reason=order.number
        )
    except inventory.IllegalStatusMove as refused:
        if refused.extra.get("from_status") != "reserved":
            raise
    if order.hold_id:
        Hold.objects.filter(pk=order.hold_id, released_at__isnull=True).update(
            released_at=clock.now()
        )


def allocate_vin(order: Order, vin: str, actor: Any) -> Order:
    """Give a build-to-order order its car: an unheld car in stock or production of the same
    trim and options. The car is reserved for the order in the same transaction."""
    vin = vin.strip().upper()
    candidate = (
        inventory.Vehicle.objects.filter(vin=vin, trim_id=order.trim_code)
        .filter(inventory.not_held(clock.now()))
        .values_list("options", "status")
        .first()
    )
    if candidate is None or sorted(candidate[0]) != sorted(order.options):
        raise VinNotAllocatable(f"{vin} is not a free car of the order's configuration.")
    if order.vin:
        raise VinNotAllocatable(f"Order {order.number} already has the car {order.vin}.")
    with transaction.atomic():
        allocated = move(order, rules.ALLOCATED, actor, note=vin, vin=vin)
        if candidate[1] == "in_stock":
            inventory.move_vehicle(vin=vin, to_status="reserved", actor=actor, reason=order.number)
    return allocated


def advance_order(order: Order, to: str, actor: Any) -> Order:
    """Staff move an order along: in production, in transit, ready for handover, handed over."""
    if to not in rules.ADVANCES:
        raise IllegalOrderMove(f"'{to}' is not a step staff can move an order to.")
    if to == rules.HANDED_OVER:
        return move(order, to, actor, handed_over_at=clock.now())
    return move(order, to, actor)


def cancel_order(order: Order, actor: Any, reason: str) -> Order:
    """Cancel before production starts. In the same transaction the down payment is given back:
    paid money is refunded, a payment still open on the provider's page is cancelled, so the
    buyer can no longer pay it."""
    with transaction.atomic():
        cancelled = move(order, rules.CANCELLED, actor, note=reason)
        _give_back_payment(cancelled, reason or "cancelled")
        _free_car(cancelled, actor)
    return cancelled


def withdraw_order(order: Order, actor: Any) -> Order:
    """The buyer withdraws within 14 days of handover (BGB § 355; Directive 2011/83/EU Art. 9);
    the down payment is refunded. After the 14 days the withdrawal is refused, nothing changes."""
    if order.status != rules.HANDED_OVER or order.handed_over_at is None:
        raise IllegalOrderMove(
            f"Order {order.number} has not been handed over; an order is cancelled before that."
        )
    if not rules.may_withdraw(order.handed_over_at, clock.now()):
        raise WithdrawalPeriodOver(f"Order {order.number}: the withdrawal period is over.")
    with transaction.atomic():
        withdrawn = move(order, rules.WITHDRAWN, actor, note="withdrawal")
        _give_back_payment(withdrawn, "withdrawal")
    return withdrawn


def _give_back_payment(order: Order, reason: str) -> None:
    if order.payment_id is not None:
        payments.release_payment(order.payment_id, reason)


def _free_car(order: Order, actor: Any) -> None:
    if not order.vin:
        return
    if order.hold_id:
        inventory.release_vehicle(vin=order.vin, buyer_id=order.buyer_id)
        Hold.objects.filter(pk=order.hold_id, released_at__isnull=True).update(
            released_at=clock.now()
        )
    status = inventory.Vehicle.objects.filter(vin=order.vin).values_list("status", flat=True)
    if status.first() == "reserved":
        inventory.move_vehicle(
            vin=order.vin, to_status="in_stock", actor=actor, reason=order.number
        )
