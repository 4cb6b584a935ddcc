from datetime import UTC, datetime, timedelta, timezone

import pytest

from autokauf.core import clock


def test_a_frozen_clock_answers_the_set_moment_in_utc():
    moment = datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=1)))

    with clock.frozen(moment):
        assert clock.now() == datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
        assert clock.today_berlin().isoformat() == "2026-03-29"


def test_the_clock_runs_again_after_the_frozen_block():
    with clock.frozen(datetime(2020, 1, 1, tzinfo=UTC)):
        pass

    assert clock.now().year >= 2026


def test_a_naive_moment_is_refused():
    with pytest.raises(ValueError), clock.frozen(datetime(2026, 1, 1)):
        pass
