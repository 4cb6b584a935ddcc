"""Specs of `is_prequalified`: a positive soft check within the last 30 days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from autokauf.core import clock
from autokauf.credit import is_prequalified, prequalify
from autokauf.credit.models import PrequalificationResult

from .conftest import PREQUALIFICATION

CHECKED = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def soft_check(user) -> None:
    with clock.frozen(CHECKED):
        prequalify(user=user, data=PREQUALIFICATION, consent_version="credit-check-2026-01")


def test_a_buyer_with_an_approved_soft_check_is_prequalified_for_30_days(people):
    soft_check(people["buyer"])

    assert PrequalificationResult.objects.get().outcome == "approved"
    with clock.frozen(CHECKED + timedelta(days=30)):
        assert is_prequalified(people["buyer"])
    with clock.frozen(CHECKED + timedelta(days=30, seconds=1)):
        assert not is_prequalified(people["buyer"])


def test_a_declined_soft_check_does_not_prequalify(people):
    with clock.frozen(CHECKED):
        PrequalificationResult.objects.create(user=people["buyer"], outcome="declined")

        assert not is_prequalified(people["buyer"])


def test_a_buyer_without_a_soft_check_is_not_prequalified(people):
    assert not is_prequalified(people["buyer"])
