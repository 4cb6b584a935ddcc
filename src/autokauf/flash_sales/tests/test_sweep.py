"""Specs of the flash-sale sweeper and its place among the periodic tasks."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from autokauf.core import clock
from autokauf.flash_sales import claim_car
from autokauf.flash_sales.models import DropClaim
from autokauf.flash_sales.tasks import sweep

from .conftest import START, buyers, join_all

pytestmark = pytest.mark.django_db


def test_the_sweep_writes_down_a_claim_past_its_window(drop_of_three):
    person = buyers(1)[0]
    join_all(drop_of_three, [person])
    with clock.frozen(START):
        claim = claim_car(drop=drop_of_three, buyer=person)

    with clock.frozen(START + timedelta(minutes=10)):
        assert sweep.call() == {"claims_expired": 1}

    assert DropClaim.objects.get(pk=claim.pk).status == "expired"


def test_the_scheduler_enqueues_the_flash_sale_sweep_with_the_other_sweeps():
    call_command("run_scheduler", "--once", stdout=StringIO())

    assert set(DBTaskResult.objects.values_list("task_path", flat=True)) == {
        "autokauf.core.tasks.sweep",
        "autokauf.flash_sales.tasks.sweep",
        "autokauf.checkout.tasks.sweep",
    }
