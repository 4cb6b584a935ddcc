"""A trim's option rules as CNF, checked with a SAT solver and repaired with MaxSAT (RC2).

One Boolean variable per option the trim offers; options it does not offer have no variable and
are therefore never part of a solution. Clauses:
    requires  a -> b          [-a, b]   ([-a] when the trim does not offer b)
    excludes  not (a and b)   [-a, -b]
    includes  package -> content, as requires
    groups    exactly_one / at_most_one over the offered members (pysat.card.CardEnc)

Repair (docs/domains/configurator.md): hard = the rules, plus the option the buyer clicked;
soft = "stay as chosen" for every offered option. Each soft clause weighs BIG ± its price in cents,
with BIG above twice the sum of all prices, so the solver first changes as few options as possible
and then, among those, picks the lowest net price.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pysat.card import CardEnc, EncType
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF
from pysat.solvers import Solver

from autokauf.catalog import ModelSnapshot

from .rules import Resolution, as_chosen, charged_net, effective

SOLVER = "g3"
_CACHE_SIZE = 256


@dataclass
class CompiledTrim:
    """The CNF of one trim of one catalogue revision, with a warm SAT solver for checks."""

    snapshot: ModelSnapshot
    trim_code: str
    var: dict[str, int]
    code_of: dict[int, str]
    hard: list[list[int]]
    top: int
    price_cents: dict[str, int]
    _sat: Solver | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def satisfiable(self, assumptions: list[int]) -> bool:
        with self._lock:
            if self._sat is None:
                self._sat = Solver(name=SOLVER, bootstrap_with=self.hard)
            return bool(self._sat.solve(assumptions=assumptions))

    def satisfied_by(self, selected: Iterable[str]) -> bool:
        """Whether the rules hold when exactly `selected` (offered codes) are chosen."""
        chosen = set(selected)
        if not chosen <= self.var.keys():
            return False
        return self.satisfiable([v if c in chosen else -v for c, v in self.var.items()])


_cache: OrderedDict[tuple[str, int, str], CompiledTrim] = OrderedDict()
_cache_lock = threading.Lock()


def compiled(snapshot: ModelSnapshot, trim_code: str) -> CompiledTrim:
    """The trim's CNF, compiled once per (model, catalogue revision, trim) in this process."""
    key = (snapshot.slug, snapshot.revision, trim_code)
    with _cache_lock:
        found = _cache.get(key)
        if found is not None and (found.snapshot is snapshot or found.snapshot == snapshot):
            _cache.move_to_end(key)
            return found
    built = compile_trim(snapshot, trim_code)
    with _cache_lock:
        _cache[key] = built
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return built


def compile_trim(snapshot: ModelSnapshot, trim_code: str) -> CompiledTrim:
    offered = [o.code for o in snapshot.offered(trim_code)] if trim_code in snapshot.trims else []
    var = {code: index for index, code in enumerate(offered, start=1)}
    hard: list[list[int]] = []
    for rule in snapshot.rules:
        if rule.option not in var:
            continue
        if rule.kind in ("requires", "includes"):
            target = var.get(rule.target)
            hard.append([-var[rule.option], target] if target else [-var[rule.option]])
        elif rule.kind == "excludes" and rule.target in var:
            hard.append([-var[rule.option], -var[rule.target]])
    top = len(var)
    for group in snapshot.groups.values():
        lits = [var[c] for c in group.options if c in var]
        if not lits:
            continue
        encode = CardEnc.equals if group.choice == "exactly_one" else CardEnc.atmost
        encoding = EncType.pairwise if len(lits) <= 6 else EncType.seqcounter
        cnf = encode(lits=lits, bound=1, top_id=top, encoding=encoding)
        hard.extend(cnf.clauses)
        top = max(top, cnf.nv)
    prices = {c: int(snapshot.options[c].net_price * 100) for c in var}
    return CompiledTrim(snapshot, trim_code, var, {v: c for c, v in var.items()}, hard, top, prices)


def resolve(
    snapshot: ModelSnapshot,
    trim_code: str,
    options: Iterable[str],
    *,
    keep: str | None = None,
    drop: str | None = None,
) -> Resolution | None:
    """The smallest change that makes `options` valid while keeping `keep` (the option the buyer
    just clicked) and leaving out `drop` (the option the buyer just deselected).

    None when no valid configuration of the trim has `keep` (or lacks `drop`).
    """
    trim = compiled(snapshot, trim_code)
    chosen = list(dict.fromkeys(options))
    fixed = _fixed_literals(trim, keep, drop)
    if fixed is None or not trim.satisfiable(fixed):
        return None
    before = effective(snapshot, [c for c in chosen if c in snapshot.options])
    after = _repair(trim, before, fixed)
    known_before = before | {c for c in chosen if c in snapshot.options}
    return Resolution(
        add=tuple(sorted(after - known_before)),
        remove=tuple(sorted((known_before - after) | {c for c in chosen if c not in after})),
        options=as_chosen(snapshot, after),
        net_change=(charged_net(snapshot, after) - charged_net(snapshot, before)).rounded(),
    )


def _fixed_literals(trim: CompiledTrim, keep: str | None, drop: str | None) -> list[int] | None:
    fixed = []
    if keep is not None:
        if keep not in trim.var:
            return None
        fixed.append(trim.var[keep])
    if drop is not None and drop in trim.var:
        fixed.append(-trim.var[drop])
    return fixed


def _repair(trim: CompiledTrim, before: frozenset[str], fixed: list[int]) -> frozenset[str]:
    big = 2 * sum(trim.price_cents.values()) + 1
    formula = WCNF()
    formula.hard = [*trim.hard, *([lit] for lit in fixed)]
    for code, variable in trim.var.items():
        price = trim.price_cents[code]
        if code in before:
            formula.soft.append([variable])
            formula.wght.append(big - price)
        else:
            formula.soft.append([-variable])
            formula.wght.append(big + price)
    formula.nv = trim.top
    formula.topw = big * (len(trim.var) + 1) * 2
    with RC2(formula, solver=SOLVER) as rc2:
        model = rc2.compute()
    assert model is not None, "the hard clauses were shown satisfiable just before"
    return frozenset(trim.code_of[lit] for lit in model if 0 < lit <= len(trim.var))
