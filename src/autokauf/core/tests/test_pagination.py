"""A page that reads its keys first holds exactly the rows of Django's page, in one statement."""

from __future__ import annotations

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from autokauf.core import clock
from autokauf.core.models import OutboxEvent
from autokauf.core.pagination import KeysFirstPaginator

pytestmark = pytest.mark.django_db


@pytest.fixture
def events() -> None:
    """25 events, every third one on another topic."""
    now = clock.now()
    OutboxEvent.objects.bulk_create(
        OutboxEvent(
            topic="odd" if n % 3 == 0 else "even",
            payload={"n": n},
            created_at=now,
            next_attempt_at=now,
        )
        for n in range(25)
    )


def pages(paginator: Paginator) -> list[list[int]]:
    return [[row.pk for row in paginator.page(n).object_list] for n in paginator.page_range]


@pytest.mark.parametrize("topic", [None, "even"], ids=["the whole list", "a filtered list"])
def test_every_page_holds_the_rows_of_djangos_page_in_the_same_order(events, topic):
    listed = OutboxEvent.objects.order_by("-created_at", "-pk")
    if topic:
        listed = listed.filter(topic=topic)

    keys_first = pages(KeysFirstPaginator(listed, per_page=10, orphans=3))

    assert keys_first == pages(Paginator(listed, per_page=10, orphans=3))
    assert sum(len(page) for page in keys_first) == listed.count()


def test_a_deep_page_is_read_in_one_statement(events):
    paginator = KeysFirstPaginator(OutboxEvent.objects.order_by("-pk"), per_page=5)
    assert paginator.count == 25

    with CaptureQueriesContext(connection) as statements:
        rows = list(paginator.page(4).object_list)

    assert [row.payload["n"] for row in rows] == [9, 8, 7, 6, 5]
    assert len(statements) == 1
