"""The sandbox provider's logic: charges, the bank's answer by test rule, capture, refund, and a
double-entry ledger. It stands for a remote provider, so Autokauf reaches it only via the adapter
and the hosted page."""

from __future__ import annotations

import json
import secrets
import uuid
from datetime import timedelta
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction

from autokauf.core import clock, outbox
from autokauf.core.money import Money

from ..base import ProviderRefused
from . import rules
from .models import ChargeStatus, LedgerAccount, SandboxCharge, SandboxLedgerEntry, SandboxWebhook

REFUNDABLE = (ChargeStatus.CAPTURED, ChargeStatus.PARTIALLY_REFUNDED)


def charge_lifetime() -> timedelta:
    return timedelta(minutes=int(getattr(settings, "SANDBOX_PSP_CHARGE_MINUTES", 30)))


def late_webhook_delay() -> timedelta:
    return timedelta(seconds=int(getattr(settings, "SANDBOX_PSP_LATE_WEBHOOK_SECONDS", 30)))


def create_charge(
    *,
    merchant_payment_id: str,
    reference: str,
    amount: Money,
    description: str,
    return_url: str,
    customer_email: str,
) -> SandboxCharge:
    now = clock.now()
    return SandboxCharge.objects.create(
        id="ch_" + secrets.token_hex(12),
        merchant_payment_id=merchant_payment_id,
        merchant_reference=reference,
        amount=amount.amount,
        currency=amount.currency,
        description=description,
        return_url=return_url,
        customer_email=customer_email,
        created_at=now,
        expires_at=now + charge_lifetime(),
    )


def is_expired(charge: SandboxCharge) -> bool:
    """A pending charge past its expiry is expired when read, whether or not anything swept it."""
    return charge.status == ChargeStatus.PENDING and clock.now() >= charge.expires_at


def answer_of(charge_id: str) -> tuple[SandboxCharge, str]:
    """The charge and how it stands for the merchant: "authorized" once the bank said yes (also
    when captured or refunded since), "declined", "cancelled", or "open"."""
    charge = SandboxCharge.objects.get(pk=charge_id)
    if charge.status in (ChargeStatus.DECLINED, ChargeStatus.CANCELLED):
        return charge, str(charge.status)
    if charge.status == ChargeStatus.PENDING:
        return charge, "open"
    return charge, "authorized"


def authorise_charge(charge_id: str, instrument: str) -> tuple[SandboxCharge, rules.Decision]:
    """The buyer chose `instrument` on the hosted page; apply the bank's answer once."""
    with transaction.atomic():
        charge = SandboxCharge.objects.select_for_update().get(pk=charge_id)  # row lock: one answer
        if charge.status != ChargeStatus.PENDING or charge.instrument or is_expired(charge):
            raise ProviderRefused("charge-closed", "this charge was already answered or expired")
        decision = rules.decide(instrument, charge.amount)
        charge.instrument = instrument
        if decision.outcome == rules.AUTHORISE:
            charge.status = ChargeStatus.AUTHORISED
            _post(
                charge, "authorisation", LedgerAccount.CUSTOMER, LedgerAccount.HOLD, charge.amount
            )
            _queue_webhook(charge, "payment.authorized", decision)
        elif decision.outcome == rules.DECLINE:
            charge.status, charge.decline_reason = ChargeStatus.DECLINED, decision.reason
            _queue_webhook(charge, "payment.declined", decision)
        charge.save(update_fields=["instrument", "status", "decline_reason"])
    return charge, decision


def capture_charge(charge_id: str, amount: Money) -> SandboxCharge:
    """Capture up to the authorised amount; the rest of the hold goes back to the buyer. A
    refusal is raised before anything is written and fails the caller's transaction with it (no
    savepoint)."""
    with transaction.atomic(savepoint=False):
        # Row lock (FOR UPDATE on PostgreSQL): one capture at a time.
        charge = SandboxCharge.objects.select_for_update().get(pk=charge_id)
        if (
            charge.status in (ChargeStatus.CAPTURED, *REFUNDABLE)
            and charge.captured_amount == amount.amount
        ):
            return charge
        if charge.status != ChargeStatus.AUTHORISED:
            raise ProviderRefused("not-authorised", f"charge is {charge.status}, not authorised")
        if not Decimal(0) < amount.amount <= charge.amount or amount.currency != charge.currency:
            raise ProviderRefused("invalid-amount", "capture must be within the authorised amount")
        _post(charge, "capture", LedgerAccount.HOLD, LedgerAccount.MERCHANT, amount.amount)
        if amount.amount < charge.amount:
            _post(
                charge,
                "release",
                LedgerAccount.HOLD,
                LedgerAccount.CUSTOMER,
                charge.amount - amount.amount,
            )
        charge.status, charge.captured_amount = ChargeStatus.CAPTURED, amount.amount
        charge.save(update_fields=["status", "captured_amount"])
    return charge


def cancel_charge(charge_id: str) -> SandboxCharge:
    """The merchant calls the charge off. An unanswered one (also one whose bank never answers)
    refuses every answer from then on; an authorised one gives its whole hold back to the buyer.
    A declined or cancelled charge stays as it is. A captured one is refused before anything is
    written, so the caller's transaction needs no savepoint."""
    with transaction.atomic(savepoint=False):
        # Row lock (FOR UPDATE on PostgreSQL): the buyer's answer on the page waits for it.
        charge = SandboxCharge.objects.select_for_update().get(pk=charge_id)
        if charge.status in (ChargeStatus.DECLINED, ChargeStatus.CANCELLED):
            return charge
        if charge.status not in (ChargeStatus.PENDING, ChargeStatus.AUTHORISED):
            raise ProviderRefused("already-captured", f"charge is {charge.status}")
        if charge.status == ChargeStatus.AUTHORISED:
            _post(charge, "release", LedgerAccount.HOLD, LedgerAccount.CUSTOMER, charge.amount)
        charge.status = ChargeStatus.CANCELLED
        charge.save(update_fields=["status"])
    return charge


def refund_charge(charge_id: str, amount: Money) -> str:
    """Refund part or all of what was captured, never more; answers the refund id."""
    if amount.amount <= 0:
        raise ProviderRefused("invalid-amount", "a refund is a positive amount")
    with transaction.atomic():
        charge = SandboxCharge.objects.select_for_update().get(
            pk=charge_id
        )  # row lock: refunds queue
        refunded = charge.refunded_amount + amount.amount
        if (
            charge.status not in REFUNDABLE
            or charge.currency != amount.currency
            or refunded > charge.captured_amount
        ):
            raise ProviderRefused("refund-exceeds-captured", "refund exceeds what was captured")
        fully = refunded == charge.captured_amount
        charge.refunded_amount = refunded
        charge.status = ChargeStatus.REFUNDED if fully else ChargeStatus.PARTIALLY_REFUNDED
        charge.save(update_fields=["status", "refunded_amount"])
        _post(charge, "refund", LedgerAccount.MERCHANT, LedgerAccount.CUSTOMER, amount.amount)
    return "re_" + secrets.token_hex(12)


def _post(charge: SandboxCharge, kind: str, debit: str, credit: str, amount: Decimal) -> None:
    """One journal: `amount` leaves the debit account and reaches the credit account."""
    journal, now = uuid.uuid4(), clock.now()
    SandboxLedgerEntry.objects.bulk_create(
        [
            SandboxLedgerEntry(
                charge=charge,
                journal=journal,
                kind=kind,
                account=debit,
                amount=-amount,
                created_at=now,
            ),
            SandboxLedgerEntry(
                charge=charge,
                journal=journal,
                kind=kind,
                account=credit,
                amount=amount,
                created_at=now,
            ),
        ]
    )


def balances(charge: SandboxCharge | None = None) -> dict[str, Decimal]:
    """Balance per ledger account, of one charge or of the whole sandbox.

    Summed in Python: SQLite's SUM of decimals goes through floats and loses cents.
    """
    entries = SandboxLedgerEntry.objects.all()
    if charge is not None:
        entries = entries.filter(charge=charge)
    totals = {account: Decimal("0.00") for account in LedgerAccount.values}
    for account, amount in entries.values_list("account", "amount").iterator():
        totals[account] += amount
    return totals


def unbalanced_journals() -> list[str]:
    """Journals whose legs do not sum to zero; empty when the books reconcile."""
    sums: dict[str, Decimal] = {}
    for journal, amount in SandboxLedgerEntry.objects.values_list("journal", "amount").iterator():
        sums[str(journal)] = sums.get(str(journal), Decimal(0)) + amount
    return [journal for journal, total in sums.items() if total != 0]


def _queue_webhook(charge: SandboxCharge, event_type: str, decision: rules.Decision) -> None:
    now = clock.now()
    message = SandboxWebhook.objects.create(
        id="msg_" + secrets.token_hex(12),
        charge=charge,
        event_type=event_type,
        body=json.dumps(_event_body(charge, event_type, now.isoformat())),
        deliver_after=now + late_webhook_delay() if decision.webhook_late else now,
        copies=decision.webhook_copies,
        created_at=now,
    )
    transaction.on_commit(lambda: _enqueue_deliveries(message))


def _event_body(charge: SandboxCharge, event_type: str, timestamp: str) -> dict[str, Any]:
    status = "authorized" if event_type == "payment.authorized" else "declined"
    return {
        "type": event_type,
        "timestamp": timestamp,
        "data": {
            "charge_id": charge.id,
            "merchant_payment_id": charge.merchant_payment_id,
            "reference": charge.merchant_reference,
            "amount": f"{charge.amount:.2f}",
            "currency": charge.currency,
            "status": status,
            "decline_reason": charge.decline_reason,
        },
    }


def _enqueue_deliveries(message: SandboxWebhook) -> None:
    from autokauf.payments.tasks import deliver_sandbox_webhook

    # The sandbox stands for a remote provider, whose webhooks do not queue behind the store's own
    # background work (its mails, for one).
    task = deliver_sandbox_webhook.using(priority=outbox.URGENT_PRIORITY)
    if message.deliver_after > clock.now():
        task = task.using(run_after=message.deliver_after)
    for _ in range(message.copies):
        task.enqueue(message.id)
