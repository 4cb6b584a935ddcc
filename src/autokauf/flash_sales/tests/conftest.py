"""Drop fixtures: Nordwerk Asta cars in stock in Berlin, a sales person, buyers, a drop."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from autokauf.checkout.tests.conftest import make_buyer, stock_cars
from autokauf.core import clock
from autokauf.inventory.tests.conftest import places  # noqa: F401

OPENS = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
START = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
END = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
BEFORE = START - timedelta(minutes=30)


def schedule(vins: list[str], **changes):
    from autokauf.accounts.models import User
    from autokauf.flash_sales import DropPlan, schedule_drop

    staff = User.objects.filter(email="sales@autokauf.example").first() or make_buyer(
        "sales@autokauf.example"
    )
    plan = {
        "name": "Asta Winter Drop",
        "price": Decimal("19990.00"),
        "waiting_room_opens_at": OPENS,
        "starts_at": START,
        "ends_at": END,
        "vins": tuple(vins),
        **changes,
    }
    with clock.frozen(OPENS - timedelta(days=1)):
        return schedule_drop(plan=DropPlan(**plan), created_by=staff)


def buyers(count: int, prefix: str = "buyer") -> list:
    """Buyers with confirmed addresses, as joining a drop needs."""
    from autokauf.accounts.models import User

    confirmed = OPENS - timedelta(days=2)
    return [
        User.objects.create(
            email=f"{prefix}{n}@example.org", password="!", email_confirmed_at=confirmed
        )
        for n in range(count)
    ]


def join_all(drop, people, at=BEFORE):
    from autokauf.flash_sales import join_drop

    with clock.frozen(at):
        return [join_drop(drop=drop, buyer=person) for person in people]


@pytest.fixture
def drop_of_three(places):  # noqa: F811
    """A drop of three cars, starting 1 December 2026 at 10:00 UTC."""
    return schedule(stock_cars(3))


@pytest.fixture(autouse=True)
def _own_gate_keys(settings):
    """Each spec keeps its gate keys to itself (specs run in parallel on one Redis)."""
    import uuid

    from autokauf.flash_sales import gate

    settings.FLASH_SALE_GATE_PREFIX = f"test:{uuid.uuid4().hex}"
    gate.reset()
    yield
    gate.reset()
