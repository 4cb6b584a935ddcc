"""The order state machine: each legal move works; each illegal one is refused, nothing changes."""

from __future__ import annotations

import pytest

from autokauf.checkout import IllegalOrderMove, rules
from autokauf.checkout.models import Order, OrderEvent
from autokauf.checkout.transitions import move

from .conftest import make_buyer

pytestmark = pytest.mark.django_db

LEGAL = [(a, b) for a in rules.STATUSES for b in sorted(rules.TRANSITIONS[a])]
ILLEGAL = [(a, b) for a in rules.STATUSES for b in rules.STATUSES if b not in rules.TRANSITIONS[a]]


def order_in(status: str) -> Order:
    from django.utils import timezone

    return Order.objects.create(
        number="AK-2026-000001",
        buyer=make_buyer(),
        trim_code="ASTA-15TSI",
        quote={},
        total="31059.10",
        down_payment="3105.91",
        payment_method="cash",
        delivery="dealer",
        customer={},
        status=status,
        created_at=timezone.now(),
    )


@pytest.mark.parametrize(("start", "to"), LEGAL, ids=[f"{a}->{b}" for a, b in LEGAL])
def test_each_legal_move_is_made_and_recorded(start, to):
    order = order_in(start)

    moved = move(order, to, "back office")

    assert moved.status == to
    assert list(OrderEvent.objects.values_list("from_status", "to_status", "actor_text")) == [
        (start, to, "back office")
    ]


@pytest.mark.parametrize(("start", "to"), ILLEGAL, ids=[f"{a}->{b}" for a, b in ILLEGAL])
def test_each_illegal_move_is_refused_and_nothing_changes(start, to):
    order = order_in(start)

    with pytest.raises(IllegalOrderMove):
        move(order, to, "back office")

    assert Order.objects.get().status == start
    assert OrderEvent.objects.count() == 0


def test_the_state_machine_reaches_handover_from_placed():
    reachable, frontier = {rules.PLACED}, [rules.PLACED]
    while frontier:
        for nxt in rules.TRANSITIONS[frontier.pop()]:
            if nxt not in reachable:
                reachable.add(nxt)
                frontier.append(nxt)

    assert reachable == set(rules.STATUSES)
