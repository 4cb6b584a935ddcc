"""The Redis gate: sheds the crowd when a counter says "none left", never decides a sale."""

from __future__ import annotations

import pytest
from django.test import override_settings

from autokauf.core import clock
from autokauf.flash_sales import SoldOut, claim_car, fix_order, gate, rules
from autokauf.flash_sales.models import DropClaim, DropEntry

from .conftest import START, buyers, join_all

pytestmark = pytest.mark.django_db
REDIS_URL = "redis://127.0.0.1:6379/5"


def _redis_or_skip():
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        client.ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379 (CI has one)")
    return client


@pytest.fixture
def fresh_gate():
    gate.reset()
    yield
    gate.reset()


def _all_at_the_head(drop, people):
    join_all(drop, people)
    with clock.frozen(START):
        fix_order(drop)
    DropEntry.objects.filter(drop=drop).update(position=1)


def test_with_redis_the_gate_answers_sold_out_once_the_counter_is_empty(drop_of_three, fresh_gate):
    client = _redis_or_skip()
    people = buyers(4)
    _all_at_the_head(drop_of_three, people)
    with override_settings(REDIS_URL=REDIS_URL), clock.frozen(START):
        client.delete(gate.counter_key(drop_of_three.pk))
        claims = [claim_car(drop=drop_of_three, buyer=p) for p in people[:3]]
        assert int(client.get(gate.counter_key(drop_of_three.pk))) == 0
        with pytest.raises(SoldOut):
            claim_car(drop=drop_of_three, buyer=people[3])
    assert len({c.vin for c in claims}) == 3
    assert DropClaim.objects.count() == 3


def test_a_counter_lost_mid_drop_is_rebuilt_from_the_database(drop_of_three, fresh_gate):
    client = _redis_or_skip()
    people = buyers(4)
    _all_at_the_head(drop_of_three, people)
    with override_settings(REDIS_URL=REDIS_URL), clock.frozen(START):
        client.delete(gate.counter_key(drop_of_three.pk))
        claim_car(drop=drop_of_three, buyer=people[0])
        client.set(gate.counter_key(drop_of_three.pk), 99)  # wrong: Redis never decides
        claim_car(drop=drop_of_three, buyer=people[1])
        client.delete(gate.counter_key(drop_of_three.pk))  # lost: rebuilt as 1 left
        claim_car(drop=drop_of_three, buyer=people[2])
        with pytest.raises(SoldOut):
            claim_car(drop=drop_of_three, buyer=people[3])
    assert DropClaim.objects.count() == 3


def test_when_redis_fails_the_drop_goes_on_on_the_database_alone(drop_of_three, fresh_gate):
    people = buyers(4)
    _all_at_the_head(drop_of_three, people)
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"), clock.frozen(START):
        claims = [claim_car(drop=drop_of_three, buyer=p) for p in people[:3]]
        with pytest.raises(SoldOut):
            claim_car(drop=drop_of_three, buyer=people[3])
    assert len({c.vin for c in claims}) == 3
    assert DropClaim.objects.count() == 3


def test_without_redis_the_gate_stands_aside(settings, fresh_gate):
    settings.REDIS_URL = None
    assert gate.take_token(1, 1, lambda: 0) is True


def test_a_token_the_door_took_for_a_buyer_who_already_holds_a_claim_is_given_back(
    drop_of_three, fresh_gate
):
    client = _redis_or_skip()
    person = buyers(1)[0]
    _all_at_the_head(drop_of_three, [person])
    key = gate.counter_key(drop_of_three.pk)
    with override_settings(REDIS_URL=REDIS_URL), clock.frozen(START):
        first = claim_car(drop=drop_of_three, buyer=person)
        assert int(client.get(key)) == 2
        client.decr(key)  # the front door took a token for the double click

        again = claim_car(drop=drop_of_three, buyer=person, token_taken=True)

        assert int(client.get(key)) == 2
    assert again.pk == first.pk
    assert DropClaim.objects.count() == 1


def test_the_counter_lives_until_the_first_running_claim_can_lapse(drop_of_three, fresh_gate):
    from datetime import timedelta

    client = _redis_or_skip()
    people = buyers(2)
    _all_at_the_head(drop_of_three, people)
    key = gate.counter_key(drop_of_three.pk)
    with override_settings(REDIS_URL=REDIS_URL, FLASH_SALE_GATE_COUNTER_MS=600_000):
        with clock.frozen(START):
            claim_car(drop=drop_of_three, buyer=people[0])
        client.delete(key)
        with clock.frozen(START + timedelta(minutes=9, seconds=57)):
            claim_car(drop=drop_of_three, buyer=people[1])

        assert 0 < client.pttl(key) <= 3000
        assert int(client.get(key)) == 1


def test_the_front_doors_script_rounds_the_wait_to_the_same_tenths_as_the_rule():
    client = _redis_or_skip()
    script = client.register_script(
        gate.TENTHS_BEHIND + "return tenths_behind(tonumber(ARGV[1]), tonumber(ARGV[2]))"
    )
    cases = [
        (distance, rate)
        for distance in (1, 2, 3, 7, 99, 100, 101, 350, 999, 1000, 1001, 2300, 2301, 123_457)
        for rate in (0, 1, 3, 4, 7, 999, 1000, 1001, 5000)
    ]

    from_the_script = [int(script(args=[distance, rate])) for distance, rate in cases]

    assert from_the_script == [rules.tenths_behind(distance, rate) for distance, rate in cases]
    assert [rules.tenths_behind(d, 1000) for d in (100, 350, 2300, 2301)] == [1, 4, 23, 24]
