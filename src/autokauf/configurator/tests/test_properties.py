"""Properties of the rules and the solver over whole catalogues: the Nordwerk Asta and, when it
exists, every trim of the demo catalogue (imported once, then used as pure snapshots)."""

from __future__ import annotations

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st
from pysat.solvers import Solver

from autokauf import catalog
from autokauf.catalog import ModelSnapshot
from autokauf.configurator import check, resolve
from autokauf.configurator.rules import as_chosen, effective
from autokauf.configurator.solver import compiled
from tests.asta_snapshot import asta_snapshot

Trims = list[tuple[ModelSnapshot, str]]


@pytest.fixture(scope="module")
def trims(django_db_setup, django_db_blocker) -> Trims:
    snapshots = [asta_snapshot()]
    if catalog.DEMO_CATALOGUE_PATH.exists():
        with django_db_blocker.unblock(), transaction.atomic():
            catalog.import_catalogue(catalog.DEMO_CATALOGUE_PATH)
            snapshots += [catalog.model_snapshot(m.slug) for m in catalog.model_range()]
            transaction.set_rollback(True)
    return [(snapshot, trim) for snapshot in snapshots for trim in snapshot.trims]


def clicked(snapshot: ModelSnapshot, chosen: list[str], code: str) -> list[str]:
    """The configuration after selecting `code`: its group's other members make way."""
    group = snapshot.options[code].group
    members = set(snapshot.groups[group].options) if group else set()
    return [c for c in chosen if c not in members] + [code]


def some_configuration_has(snapshot: ModelSnapshot, trim: str, code: str) -> bool:
    """Asked of a separate solver (MiniSat) on the trim's clauses, apart from the resolver."""
    encoding = compiled(snapshot, trim)
    with Solver(name="m22", bootstrap_with=encoding.hard) as solver:
        return bool(solver.solve(assumptions=[encoding.var[code]]))


def assert_click_is_answered(snapshot: ModelSnapshot, trim: str, chosen: list[str], code: str):
    after = clicked(snapshot, chosen, code)
    if not check(snapshot, trim, after):
        return
    resolution = resolve(snapshot, trim, after, keep=code)
    if resolution is None:
        assert not some_configuration_has(snapshot, trim, code), (trim, code)
    else:
        assert check(snapshot, trim, resolution.options) == [], (trim, code, resolution)
        assert code in effective(snapshot, resolution.options)


def test_every_trims_defaults_are_valid(trims: Trims):
    for snapshot, trim in trims:
        assert check(snapshot, trim, snapshot.trims[trim].defaults) == [], trim


def test_every_offered_option_clicked_from_the_defaults_is_answered(trims: Trims):
    for snapshot, trim in trims:
        for option in snapshot.offered(trim):
            assert_click_is_answered(
                snapshot, trim, list(snapshot.trims[trim].defaults), option.code
            )


@st.composite
def configurations(draw: st.DrawFn, trims: Trims) -> tuple[ModelSnapshot, str, list[str]]:
    """A trim and a configuration near its defaults: a few options flipped in or out."""
    snapshot, trim = draw(st.sampled_from(trims))
    offered = sorted(o.code for o in snapshot.offered(trim))
    chosen = set(snapshot.trims[trim].defaults)
    for code in draw(st.lists(st.sampled_from(offered), max_size=5)):
        chosen ^= {code}
    return snapshot, trim, sorted(chosen)


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_any_click_on_any_configuration_is_answered(trims: Trims, data: st.DataObject):
    snapshot, trim, chosen = data.draw(configurations(trims))
    code = data.draw(st.sampled_from(sorted(o.code for o in snapshot.offered(trim))))

    assert_click_is_answered(snapshot, trim, chosen, code)


@settings(max_examples=500, deadline=None)
@given(data=st.data())
def test_check_refuses_exactly_what_the_sat_encoding_refuses(trims: Trims, data: st.DataObject):
    snapshot, trim, chosen = data.draw(configurations(trims))

    refused = check(snapshot, trim, chosen) != []

    assert refused == (not compiled(snapshot, trim).satisfied_by(effective(snapshot, chosen)))


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_no_configuration_the_sat_solver_finds_is_refused(trims: Trims, data: st.DataObject):
    snapshot, trim = data.draw(st.sampled_from(trims))
    encoding = compiled(snapshot, trim)
    wishes = data.draw(st.lists(st.sampled_from(sorted(encoding.var)), max_size=6, unique=True))
    signs = data.draw(st.lists(st.booleans(), min_size=len(wishes), max_size=len(wishes)))
    assumptions = [
        encoding.var[c] if wanted else -encoding.var[c]
        for c, wanted in zip(wishes, signs, strict=True)
    ]

    with Solver(name="m22", bootstrap_with=encoding.hard) as solver:
        if not solver.solve(assumptions=assumptions):
            return
        model = solver.get_model()
    selected = {encoding.code_of[lit] for lit in model if 0 < lit <= len(encoding.var)}

    assert check(snapshot, trim, as_chosen(snapshot, selected)) == []
