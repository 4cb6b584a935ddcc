"""Pure rules as properties: the state machine, cursors, distances, price bands."""

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from autokauf.inventory import IllegalStatusMove, rules
from autokauf.inventory.errors import InvalidCursor

STATUSES = st.sampled_from(sorted(rules.TRANSITIONS))


@given(here=STATUSES, there=STATUSES, reason=st.sampled_from(["", "damage", "recall", "other"]))
def test_a_move_is_allowed_exactly_when_the_table_has_it(here, there, reason):
    allowed = there in rules.TRANSITIONS[here] and (
        there != "blocked" or reason in rules.BLOCK_REASONS
    )
    try:
        rules.check_move(here, there, reason)
        accepted = True
    except IllegalStatusMove:
        accepted = False

    assert accepted is allowed


def test_every_status_can_be_reached_from_planned():
    seen, todo = {"planned"}, ["planned"]
    while todo:
        for there in rules.TRANSITIONS[todo.pop()] - seen:
            seen.add(there)
            todo.append(there)

    assert seen == set(rules.TRANSITIONS)


@given(
    key=st.lists(
        st.one_of(
            st.integers(), st.text(max_size=20), st.floats(allow_nan=False, allow_infinity=False)
        ),
        max_size=3,
    ),
    sort=st.sampled_from(["price", "distance", "availability"]),
)
def test_a_cursor_reads_back_as_the_key_it_was_made_from(key, sort):
    assert rules.decode_cursor(rules.encode_cursor(sort, key), sort) == key


@pytest.mark.parametrize(
    "garbage",
    ["", "!!!", "e30", "eyJzIjoicHJpY2UifQ"],
    ids=["empty", "not-base64", "empty-object", "no-key"],
)
def test_a_damaged_cursor_is_refused(garbage):
    with pytest.raises(InvalidCursor):
        rules.decode_cursor(garbage, "price")


@given(
    lat=st.floats(47.0, 55.0),
    lon=st.floats(5.5, 15.5),
    radius=st.floats(1, 500),
    bearing=st.floats(0, 2 * math.pi),
    fraction=st.floats(0, 0.999),
)
def test_the_bounding_box_holds_every_point_of_the_circle(lat, lon, radius, bearing, fraction):
    """A point at distance < radius (moved along a bearing on the sphere) lies in the box."""
    d = radius * fraction / rules.EARTH_RADIUS_KM
    p1, l1 = math.radians(lat), math.radians(lon)
    p2 = math.asin(math.sin(p1) * math.cos(d) + math.cos(p1) * math.sin(d) * math.cos(bearing))
    l2 = l1 + math.atan2(
        math.sin(bearing) * math.sin(d) * math.cos(p1), math.cos(d) - math.sin(p1) * math.sin(p2)
    )
    lat_min, lat_max, lon_min, lon_max = rules.bounding_box(lat, lon, radius)

    assert lat_min <= math.degrees(p2) <= lat_max
    assert lon_min <= math.degrees(l2) <= lon_max


def test_berlin_to_munich_is_about_504_km():
    assert round(rules.haversine_km(52.5200, 13.4050, 48.1374, 11.5755)) == 504


@given(total=st.decimals(min_value=0, max_value=500000, places=2))
def test_every_total_falls_in_exactly_one_price_band(total):
    _label, low, high = rules.PRICE_BANDS[rules.price_band(total)]

    assert (low is None or total >= low) and (high is None or total < high)


def test_vat_is_taken_on_the_discounted_net_and_rounded_half_up():
    # 26,100.08 - 1,000.00 = 25,100.08 net; 19 % = 4,769.0152 -> 4,769.02
    assert rules.total_after_discount(
        Decimal("26100.08"), Decimal("1000.00"), Decimal("19")
    ) == Decimal("29869.10")
