"""The Redis gate in front of the claim: sheds the crowd, never decides a sale.

Two doors, one Redis:

- `front_refusal` answers, before Django authenticates or touches the database, the refusals that
  make up nearly all of a drop's traffic: "sold out", "not admitted yet" and "too many requests".
  It knows callers by the digest of their API token (remembered when they joined or claimed on the
  full path), the drop's times and admission rate, each buyer's place, and the buyers who took a
  token (their double clicks and retries go on to the full path, which answers with their claim).
  Whatever it does not know, it lets through.
- `take_token` takes one token from the drop's counter ("cars left") on the full path; once it is
  empty, callers are told "sold out" without a database claim.

The counter and the line's base are rebuilt from the database (the truth) whenever missing: the
base lives a second, the counter until the first running claim can lapse (at most 10 s; a
cancelled claim drops it at once), so cars that come back are offered again and a flushed or
restarted Redis costs nothing. A stale value can only send too many attempts to the database
(which refuses them) or refuse a buyer for at most that long. When Redis fails, the gate stands
aside for a few seconds and the drop goes on on the database alone (ARCHITECTURE.md: Redis never
holds the only copy of anything that matters).
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from . import rules
from .errors import NotAdmitted, RateLimited, SoldOut

log = logging.getLogger(__name__)

# The line's base lives a second (FLASH_SALE_GATE_BASE_MS). The counter lives until the first
# running claim can lapse (a car may come back then), at most FLASH_SALE_GATE_COUNTER_MS:
# rebuilding it sooner would count the cars of claims still on their way to the database as free
# and send a second wave there.
COUNTER_LIFETIME_MS = 1000
MAX_COUNTER_LIFETIME_MS = 10_000
PAUSE_AFTER_FAILURE_SECONDS = 5.0
CALLER_LIFETIME_SECONDS = 3600
PLACES_BATCH = 2000

# KEYS: counter, holders. ARGV: buyer. Returns -1 when the counter is missing, 0 when empty,
# 1 when a token was taken (the buyer is then a holder).
GIVE_BACK = """
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('INCR', KEYS[1]) end
return 1
"""

TAKE_TOKEN = """
local left = redis.call('GET', KEYS[1])
if not left then return -1 end
if tonumber(left) <= 0 then return 0 end
redis.call('DECR', KEYS[1])
redis.call('SADD', KEYS[2], ARGV[1])
return 1
"""

# The wait of a buyer `distance` places behind the line at `rate` a second, in tenths of a second
# rounded up: rules.tenths_behind in the script's arithmetic (Lua numbers are doubles, exact far
# beyond any drop's places and rate).
TENTHS_BEHIND = """
local function tenths_behind(distance, rate)
  rate = math.max(rate, 1)
  return math.floor((distance * 10 + rate - 1) / rate)
end
"""

# KEYS: caller, drop, base, counter, places, holders, address rate.
# ARGV: now (epoch seconds), rate window index, window seconds, account limit, address limit,
# the account rate keys' prefix (same drop, so same hash slot).
# Returns {'pass'} (unknown caller, nothing counted), {'counted'} (counted, let through),
# {'token'} (counted, admitted, a token taken: let through to claim), {'limited'}, {'sold-out'}
# or {'not-admitted', position, tenths of a second to wait (TENTHS_BEHIND)}.
FRONT = (
    TENTHS_BEHIND
    + """
local buyer = redis.call('GET', KEYS[1])
if not buyer then return {'pass'} end
local ttl = tonumber(ARGV[3]) + 1
local account_key = ARGV[6] .. buyer .. ':' .. ARGV[2]
local by_account = redis.call('INCR', account_key)
if by_account == 1 then redis.call('EXPIRE', account_key, ttl) end
local by_address = redis.call('INCR', KEYS[7])
if by_address == 1 then redis.call('EXPIRE', KEYS[7], ttl) end
if by_account > tonumber(ARGV[4]) or by_address > tonumber(ARGV[5]) then return {'limited'} end
if redis.call('SISMEMBER', KEYS[6], buyer) == 1 then return {'counted'} end
local drop = redis.call('HMGET', KEYS[2], 'starts', 'ends', 'rate', 'cars')
local now = tonumber(ARGV[1])
if not drop[1] or now < tonumber(drop[1]) or now >= tonumber(drop[2]) then
  return {'counted'}
end
local left = redis.call('GET', KEYS[4])
if left and tonumber(left) <= 0 then return {'sold-out'} end
local position = redis.call('HGET', KEYS[5], buyer)
if not position then return {'counted'} end
position = tonumber(position)
local opened = math.floor(tonumber(drop[3]) * (now - tonumber(drop[1])))
if position > tonumber(drop[4]) + opened then
  local base = redis.call('GET', KEYS[3])
  if not base then return {'counted'} end
  local line = tonumber(base) + opened
  if position > line then
    return {'not-admitted', position, tenths_behind(position - line, tonumber(drop[3]))}
  end
end
if not left then return {'counted'} end
redis.call('DECR', KEYS[4])
redis.call('SADD', KEYS[6], buyer)
return {'token'}
"""
)

_client: Any = None
_scripts: dict[str, Any] = {}
_paused_until = 0.0


def _redis() -> Any:
    global _client
    if _client is None:
        import redis

        _client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=0.25, socket_connect_timeout=0.25
        )
        _scripts["take"] = _client.register_script(TAKE_TOKEN)
        _scripts["front"] = _client.register_script(FRONT)
        _scripts["give_back"] = _client.register_script(GIVE_BACK)
    return _client


def enabled() -> bool:
    return bool(getattr(settings, "REDIS_URL", None)) and time.monotonic() >= _paused_until


def _prefix() -> str:
    return str(getattr(settings, "FLASH_SALE_GATE_PREFIX", "autokauf:flash"))


def _counter_ms() -> int:
    return int(getattr(settings, "FLASH_SALE_GATE_COUNTER_MS", MAX_COUNTER_LIFETIME_MS))


def _base_ms() -> int:
    return int(getattr(settings, "FLASH_SALE_GATE_BASE_MS", COUNTER_LIFETIME_MS))


def _key(drop_id: int, part: str) -> str:
    # The braces are a Redis Cluster hash tag: every key of one drop lives on one node, so the
    # front door's script may touch them all.
    return f"{_prefix()}:{{{drop_id}}}:{part}"


def counter_key(drop_id: int) -> str:
    return _key(drop_id, "tokens")


def caller_key(drop_id: int, token_digest: str) -> str:
    return _key(drop_id, f"caller:{token_digest}")


def _guarded(action: Callable[[], Any], fallback: Any) -> Any:
    """Run a Redis action; on any Redis failure stand aside for a while and answer `fallback`."""
    global _paused_until
    if not enabled():
        return fallback
    try:
        return action()
    except Exception as error:
        if not _is_redis_error(error):
            raise
        log.warning("flash-sale gate unavailable, claims go to the database: %s", error)
        _paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
        return fallback


@dataclass(frozen=True)
class CarsLeft:
    """The database's count of free cars, and when the first running claim can lapse."""

    count: int
    seconds_to_next_lapse: float | None


def take_token(drop_id: int, buyer_id: int, cars_left: Callable[[], CarsLeft]) -> bool:
    """False only when Redis says for certain that no car is left; True otherwise, including
    when there is no Redis or it fails (the database claim then decides alone)."""

    def take() -> bool:
        _redis()
        keys = [counter_key(drop_id), _key(drop_id, "holders")]
        taken = int(_scripts["take"](keys=keys, args=[buyer_id]))
        if taken == -1:
            left = cars_left()
            _client.set(keys[0], left.count, px=_lifetime_ms(left), nx=True)
            taken = int(_scripts["take"](keys=keys, args=[buyer_id]))
        return taken != 0

    return bool(_guarded(take, True))


def _lifetime_ms(left: CarsLeft) -> int:
    if left.seconds_to_next_lapse is None:
        return _counter_ms()
    return max(1, min(_counter_ms(), math.ceil(left.seconds_to_next_lapse * 1000)))


def give_back(drop_id: int) -> None:
    """Return a token taken for an attempt the database then refused for another reason than
    "no car left" (the buyer's limit, a lapsed turn, a failure)."""

    def give() -> None:
        _redis()
        _scripts["give_back"](keys=[counter_key(drop_id)])

    _guarded(give, None)


def forget(drop_id: int) -> None:
    """Drop the counter so the next attempt rebuilds it from the database."""
    _guarded(lambda: _redis().delete(counter_key(drop_id)), None)


@dataclass(frozen=True)
class DropFacts:
    drop_id: int
    starts_at: float
    ends_at: float
    admissions_per_second: int
    cars_total: int


def publish_drop(facts: DropFacts) -> None:
    """What the front door needs of a drop: its times, its rate and its number of cars."""

    def publish() -> None:
        key = _key(facts.drop_id, "drop")
        with _redis().pipeline(transaction=False) as pipe:
            pipe.hset(
                key,
                mapping={
                    "starts": facts.starts_at,
                    "ends": facts.ends_at,
                    "rate": facts.admissions_per_second,
                    "cars": facts.cars_total,
                },
            )
            pipe.expireat(key, math.ceil(facts.ends_at) + CALLER_LIFETIME_SECONDS)
            pipe.execute()

    _guarded(publish, None)


def places_published(drop_id: int) -> bool:
    return bool(_guarded(lambda: _redis().exists(_key(drop_id, "placed")), True))


def publish_places(
    facts: DropFacts, places: Iterable[tuple[int, int | None]], holders: Iterable[int]
) -> None:
    """Every buyer's place and every buyer who holds or held a claim, once per drop (rebuilt
    when Redis lost them). Holders first: the front door must never refuse a holder."""

    def publish() -> None:
        client = _redis()
        if not client.set(_key(facts.drop_id, "placing"), 1, ex=30, nx=True):
            return
        until = math.ceil(facts.ends_at) + CALLER_LIFETIME_SECONDS
        holders_key, places_key = _key(facts.drop_id, "holders"), _key(facts.drop_id, "places")
        with client.pipeline(transaction=False) as pipe:
            for batch in _batches(list(holders)):
                pipe.sadd(holders_key, *batch)
            for batch in _batches(list(places)):
                pipe.hset(places_key, mapping=dict(batch))
            for key in (holders_key, places_key):
                pipe.expireat(key, until)
            pipe.set(_key(facts.drop_id, "placed"), 1, exat=until)
            pipe.execute()

    _guarded(publish, None)


def add_place(drop_id: int, buyer_id: int, position: int) -> None:
    """A buyer who joined after the start has their place at once."""
    _guarded(lambda: _redis().hset(_key(drop_id, "places"), buyer_id, position), None)


def publish_line_base(drop_id: int, base: int) -> None:
    """Cars plus lapsed claims, as just counted in the database; lives one second."""
    _guarded(lambda: _redis().set(_key(drop_id, "base"), base, px=_base_ms()), None)


def remember_caller(drop_id: int, token_digest: str, buyer_id: int) -> None:
    """The front door may know this API token's buyer (it only ever refuses with it)."""
    key = caller_key(drop_id, token_digest)
    _guarded(lambda: _redis().set(key, buyer_id, ex=CALLER_LIFETIME_SECONDS), None)


@dataclass(frozen=True)
class FrontAnswer:
    counted: bool
    refusal: SoldOut | NotAdmitted | RateLimited | None = None
    token_taken: bool = False


def front_door(
    *,
    drop_id: int,
    token_digest: str,
    address: str,
    now: float,
    window_seconds: int,
    account_limit: int,
    address_limit: int,
) -> FrontAnswer:
    """The refusal Redis can give at once, or none (the full path then decides)."""
    index = int(now // window_seconds)
    keys = [
        caller_key(drop_id, token_digest),
        _key(drop_id, "drop"),
        _key(drop_id, "base"),
        counter_key(drop_id),
        _key(drop_id, "places"),
        _key(drop_id, "holders"),
        _key(drop_id, f"rate:ip:{address or '-'}:{index}"),
    ]
    account_prefix = _key(drop_id, "rate:acct:")
    args = [repr(now), index, window_seconds, account_limit, address_limit, account_prefix]

    def ask() -> list[Any]:
        _redis()
        return list(_scripts["front"](keys=keys, args=args))

    answer = _guarded(ask, [b"pass"])
    verdict = answer[0].decode() if isinstance(answer[0], bytes) else str(answer[0])
    if verdict == "pass":
        return FrontAnswer(counted=False)
    if verdict == "limited":
        retry_after = max(1, math.ceil((index + 1) * window_seconds - now))
        return FrontAnswer(True, RateLimited(retry_after))
    if verdict == "sold-out":
        return FrontAnswer(True, SoldOut("Every car of this drop is taken."))
    if verdict == "not-admitted":
        position, tenths = (int(part) for part in answer[1:3])
        wait = rules.seconds_of_tenths(tenths)
        return FrontAnswer(True, NotAdmitted.behind_the_line(position, wait))
    return FrontAnswer(counted=True, token_taken=verdict == "token")


def _batches(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), PLACES_BATCH):
        yield items[start : start + PLACES_BATCH]


def _is_redis_error(error: Exception) -> bool:
    import redis

    return isinstance(error, (redis.RedisError, OSError))


def reset() -> None:
    """Forget the connection and any pause (tests, and after settings change)."""
    global _client, _paused_until
    _client = None
    _scripts.clear()
    _paused_until = 0.0
