"""Suggested corrections: the smallest set of cell changes that makes every failing equality hold.

The tables' equalities (row totals, column totals, the 勾稽关系) are linear equations with ±1
coefficients. When some fail, a damaged cell is usually the cause: one cell printed wrong breaks each
equation it takes part in, and those equations together pin its true value. This module searches the
cell sets of size 1, 2, 3 in order of size and proposes a correction only when exactly one set of the
smallest size works and its values are determined (no free choice) and are valid counts. Otherwise
it reports the alternatives, which the message can name, but proposes nothing.

The search is bounded: a set is extended only by cells of an equation that still needs one (a failing
equation no chosen cell touches, or a passing one exactly one chosen cell touches), and a node budget
stops pathological cases.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from parser.equations import Equation

Number = int | float


@dataclass(frozen=True)
class Proposal:
    """The outcome of a search: a unique correction, or the alternatives that tie."""

    changes: dict[str, Number]  # cell → proposed value (empty when not unique)
    reasons: dict[str, tuple[str, ...]] = field(default_factory=dict)  # cell → labels of equations pinning it
    alternatives: tuple[dict[str, Number], ...] = ()  # when not unique: the tying corrections (may be partial)
    size: int = 0  # cells changed by each alternative

    @property
    def unique(self) -> bool:
        return bool(self.changes)


def _is_count(_key: str, value: Number) -> bool:
    return value >= 0 and float(value).is_integer()


class _Search:
    def __init__(self, equations: list[Equation], values: dict[str, Number | None],
                 allowed: Callable[[str, Number], bool], budget: int) -> None:
        self.eqs = equations
        self.values = values
        self.allowed = allowed
        self.budget = budget
        self.resid = [e.residual(values) for e in equations]
        self.of_cell: dict[str, list[int]] = {}
        for i, e in enumerate(equations):
            for k in e.cells:
                self.of_cell.setdefault(k, []).append(i)
        self.failing = [i for i, r in enumerate(self.resid) if r != 0]
        self.seen: set[frozenset[str]] = set()
        self.found: dict[frozenset[str], dict[str, Number] | None] = {}  # None: solvable but not determined
        self.exhausted = False

    def run(self, max_size: int) -> None:
        """Iterative deepening: all sets of size 1, then 2, …; stop at the first size that works."""
        for size in range(1, max_size + 1):
            self.limit = size
            self.seen = set()
            self._visit(())
            if self.found or self.exhausted:
                return

    def _visit(self, chosen: tuple[str, ...]) -> None:
        key = frozenset(chosen)
        if key in self.seen or self.exhausted:
            return
        self.seen.add(key)
        self.budget -= 1
        if self.budget < 0:
            self.exhausted = True
            return
        touched: dict[int, int] = {}
        for c in chosen:
            for i in self.of_cell[c]:
                touched[i] = touched.get(i, 0) + 1
        need = [i for i in self.failing if i not in touched] + [i for i, n in touched.items()
                                                                 if n == 1 and self.resid[i] == 0]
        if not need:
            outcome = self._solve(chosen, touched)
            if outcome is not False:
                if len(chosen) == self.limit:
                    self.found[key] = outcome  # type: ignore[assignment]
                return
            grow = {k for i in touched for k in self.eqs[i].cells}
        else:
            smallest = min((self.eqs[i].cells for i in need), key=len)
            grow = set(smallest)
        if len(chosen) >= self.limit:
            return
        for k in sorted(grow - set(chosen)):
            self._visit(chosen + (k,))

    def _solve(self, chosen: tuple[str, ...], touched: dict[int, int]) -> dict[str, Number] | None | bool:
        """Solve the touched equations for the changes of `chosen`. False: no valid solution;
        None: solvable but not determined; else the new values."""
        if not chosen:
            return False
        rows = [[Fraction(self.eqs[i].coef(c)) for c in chosen] + [Fraction(-self.resid[i])] for i in touched]
        n = len(chosen)
        rank, r = 0, 0
        pivots = []
        for col in range(n):
            p = next((j for j in range(r, len(rows)) if rows[j][col] != 0), None)
            if p is None:
                continue
            rows[r], rows[p] = rows[p], rows[r]
            pv = rows[r][col]
            rows[r] = [x / pv for x in rows[r]]
            for j in range(len(rows)):
                if j != r and rows[j][col] != 0:
                    f = rows[j][col]
                    rows[j] = [a - f * b for a, b in zip(rows[j], rows[r], strict=True)]
            pivots.append(col)
            r += 1
            rank += 1
        if any(all(x == 0 for x in row[:n]) and row[n] != 0 for row in rows):
            return False  # inconsistent
        if rank < n:
            return None
        out: dict[str, Number] = {}
        for j, col in enumerate(pivots):
            delta = rows[j][n]
            if delta == 0:
                return False  # a smaller set does it
            old = self.values[chosen[col]]
            new = old + (int(delta) if delta.denominator == 1 else float(delta))  # type: ignore[operator]
            if isinstance(new, float) and new.is_integer():
                new = int(new)
            if not self.allowed(chosen[col], new):
                return False
            out[chosen[col]] = new
        return out


def propose(equations: Iterable[Equation], values: dict[str, Number | None], *, max_size: int = 3,
            budget: int = 6000, allowed: Callable[[str, Number], bool] = _is_count) -> Proposal | None:
    """The smallest correction that makes every assessable equation hold, if the equations fail.

    Equations with a blank or missing cell are left out (nothing is known about them). Returns None
    when nothing fails or no correction of at most `max_size` cells exists (or the budget runs out).
    """
    eqs = [e for e in equations if all(values.get(k) is not None for k in e.cells)]
    search = _Search(eqs, values, allowed, budget)
    if not search.failing:
        return None
    search.run(max_size)
    if search.exhausted or not search.found:
        return None
    size = min(len(s) for s in search.found)
    best = [(s, v) for s, v in search.found.items() if len(s) == size]
    if len(best) == 1 and best[0][1] is not None:
        changes = best[0][1]
        reasons = {k: tuple(search.eqs[i].label for i in search.of_cell[k]) for k in changes}
        return Proposal(dict(sorted(changes.items())), reasons, (), size)
    alternatives = tuple(dict(sorted(v.items())) if v is not None else {k: None for k in sorted(s)}
                         for s, v in sorted(best, key=lambda sv: sorted(sv[0])))
    return Proposal({}, {}, alternatives, size)  # type: ignore[arg-type]


def fill_blanks(equations: Iterable[Equation], values: dict[str, Number | None],
                allowed: Callable[[str, Number], bool] = _is_count) -> dict[str, Number]:
    """Blank or missing cells that the equalities determine: an equation with a single unknown gives
    it, repeatedly. Proposed only when, once filled, every equation whose cells are all known holds
    (so a fill never papers over a printed inconsistency) and every value is a valid count."""
    eqs = list(equations)
    known = dict(values)
    filled: dict[str, Number] = {}
    progress = True
    while progress:
        progress = False
        for e in eqs:
            unknown = [k for k in e.cells if known.get(k) is None]
            if len(unknown) != 1:
                continue
            (k,) = unknown
            rest: Number = sum(e.coef(c) * (known[c] or 0) for c in e.cells if c != k)  # the others are known
            value: Number = -rest * e.coef(k)  # coef(k) * x + rest = 0
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            if not allowed(k, value):
                return {}
            known[k] = filled[k] = value
            progress = True
    if any(all(known.get(k) is not None for k in e.cells) and e.residual(known) != 0 for e in eqs):
        return {}
    return filled
