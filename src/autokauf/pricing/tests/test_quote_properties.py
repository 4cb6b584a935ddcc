"""Properties of every quote, over random prices and random sets of offered options."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from autokauf.catalog import ModelSnapshot
from autokauf.pricing import price_configuration
from tests.asta_snapshot import asta_snapshot

BASE = asta_snapshot()
TODAY = date(2025, 3, 3)

cents = st.integers(min_value=0, max_value=10_000_000).map(lambda c: Decimal(c).scaleb(-2))
positive_cents = st.integers(min_value=1, max_value=10_000_000).map(lambda c: Decimal(c).scaleb(-2))


@st.composite
def priced_asta(draw: st.DrawFn) -> ModelSnapshot:
    """The Asta with every trim, option and the transfer costs at a random price."""
    options = {code: replace(o, net_price=draw(cents)) for code, o in BASE.options.items()}
    trims = {code: replace(t, net_price=draw(cents)) for code, t in BASE.trims.items()}
    return replace(BASE, options=options, trims=trims, transfer_cost_net=draw(cents))


@st.composite
def configurations(draw: st.DrawFn) -> tuple[ModelSnapshot, str, list[str], str]:
    snapshot = draw(priced_asta())
    trim = draw(st.sampled_from(sorted(snapshot.trims)))
    offered = sorted(o.code for o in snapshot.offered(trim))
    chosen = draw(st.lists(st.sampled_from(offered), unique=True))
    country = draw(st.sampled_from(["DE", "AT", "FI", "HU", "LU"]))
    return snapshot, trim, chosen, country


@given(configurations())
def test_the_total_is_exactly_net_plus_vat_to_the_cent(configuration):
    snapshot, trim, chosen, country = configuration

    q = price_configuration(snapshot, trim, chosen, country=country, today=TODAY)

    assert q.total == q.net + q.vat
    for amount in (q.net, q.vat, q.total):
        assert amount.amount.as_tuple().exponent == -2


@given(configurations())
def test_the_net_is_the_sum_of_the_lines_and_the_transfer_costs(configuration):
    snapshot, trim, chosen, country = configuration

    q = price_configuration(snapshot, trim, chosen, country=country, today=TODAY)

    assert q.net.amount == sum(line.net.amount for line in q.lines) + snapshot.transfer_cost_net
    assert all(line.net.amount == 0 for line in q.lines if line.kind == "included")


@given(configurations(), st.data())
def test_adding_an_option_with_a_positive_price_raises_the_total_by_at_least_its_price(
    configuration, data
):
    """Holds for every option that is not a package: a package may cost less than an option it
    includes, which is the catalogue's discount to give."""
    snapshot, trim, chosen, country = configuration
    addable = sorted(
        o.code
        for o in snapshot.offered(trim)
        if o.code not in chosen and not snapshot.package_contents(o.code)
    )
    if not addable:
        return
    code = data.draw(st.sampled_from(addable))
    price = data.draw(positive_cents)
    snapshot = replace(
        snapshot,
        options={**snapshot.options, code: replace(snapshot.options[code], net_price=price)},
    )
    if any(code in snapshot.package_contents(p) for p in chosen):
        price = Decimal("0")  # already included by a chosen package: it adds nothing

    before = price_configuration(snapshot, trim, chosen, country=country, today=TODAY)
    after = price_configuration(snapshot, trim, [*chosen, code], country=country, today=TODAY)

    assert after.total.amount - before.total.amount >= price
