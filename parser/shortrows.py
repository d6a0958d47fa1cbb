"""Rows of table three printed with fewer numbers than columns, in a text that keeps no positions.

A report that leaves zero cells blank loses them in a PDF's text (pdftotext's default order, pdfplumber,
pypdfium2: 二、上年结转… 22 7 1 1 1 32, six numbers for seven columns): which column is blank the text does
not say. The numbers keep their order, so a short row can stand in its columns only so many ways (its last
number its total when the others add up to it, or every number an applicant's and the total blank). A way is
possible when the table's equations can all hold with it: each applicant column of results adds up to （七）总计
and each column balances (一 + 二 = 七 + 四), a blank cell counting 0. A short row is read only when exactly
one of its ways is possible; otherwise it stays missing, as it is now.

Rows whose label carried no number at all count 0 in the columns' sums. That is safe: the short rows' numbers
in the applicants' columns are never more than their numbers, so were such a row's cells not blank, the
applicant columns could not all add up. The total column is not summed (rows of results often leave it blank).
"""
from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

from .equations import TOTAL, Equation, equations
from .placed import Placed, is_missing
from .template import Block, Table, Version
from .tokens import Token
from .values import read_value

Way = tuple[int | None, ...]  # per column: the index of the row's number standing in it, None: blank
NODES = 5_000  # the search for a way the equations all hold gives up after this many steps (nothing read)
SPREAD = 1 << 20  # ... and at once when a row's ways differ by more than this in what they add to an equation
# (a huge number misread: its sums kept as bits would take that many bits)


def ways(numbers: Sequence[int], n: int, total: int) -> list[Way]:
    """The ways a row's numbers in printed order can stand in its n columns (column `total` the row's total)."""
    applicants = [j for j in range(n) if j != total]
    out: list[Way] = []
    k = len(numbers)
    if k <= len(applicants):
        for cols in combinations(applicants, k):
            out.append(tuple(cols.index(j) if j in cols else None for j in range(n)))
    if k >= 1 and numbers[-1] == sum(numbers[:-1]) and k - 1 <= len(applicants):
        for cols in combinations(applicants, k - 1):
            out.append(tuple(k - 1 if j == total else cols.index(j) if j in cols else None for j in range(n)))
    return out


def place_short_rows(version: Version, table: Table, placed: list[Placed], short: dict[str, list[Token]],
                     block_of: dict[str, Block]) -> list[Placed]:
    """The short rows (row key → its numbers) the equations leave one way to read, placed so (uncertain)."""
    rows = {r.key: r for b in table.blocks for r in b.rows}
    columns = {key: [c.key for c in block_of[key].columns] for key in rows}
    known: dict[str, int | float | None] = {}  # cell → value (blank 0); None: not known
    for p in placed:
        for col, tok in zip(columns[p.row.key], p.cells, strict=False):
            if tok is None:
                known[f"{table.key}/{p.row.key}/{col}"] = 0
            elif is_missing(tok):
                known[f"{table.key}/{p.row.key}/{col}"] = None
            else:
                cv = read_value(tok.text, "count")
                known[f"{table.key}/{p.row.key}/{col}"] = cv.value if cv is not None else None
    numbers: dict[str, list[int]] = {}
    for key, toks in short.items():
        cvs = [read_value(t.text, "count") for t in toks]
        if key in rows and all(cv is not None and isinstance(cv.value, int) and cv.value >= 0 for cv in cvs):
            numbers[key] = [cv.value for cv in cvs]  # type: ignore[union-attr,misc]
    if not numbers:
        return []
    read = {p.row.key for p in placed}
    domains: dict[str, list[Way]] = {}
    for key, nums in numbers.items():
        cols = columns[key]
        if TOTAL not in cols:
            continue
        domains[key] = ways(nums, len(cols), cols.index(TOTAL))
    usable: list[tuple[Equation, dict[str, list[tuple[int, int]]], int]] = []  # eq, row → (coef, column), const
    for e in equations(version, table.key):
        if e.id.endswith(":" + TOTAL) or e.id.startswith(f"{table.key}.row_total"):
            continue  # row totals are in the ways; the total column is not summed
        const, terms, ok = 0, dict[str, list[tuple[int, int]]](), True
        for cell in e.cells:
            _, row_key, col = cell.split("/")
            coef = e.coef(cell)
            if row_key in domains:
                terms.setdefault(row_key, []).append((coef, columns[row_key].index(col)))
            elif isinstance(value := known.get(cell), int):
                const += coef * value
            elif row_key not in read and row_key not in numbers and e.id.startswith(f"{table.key}.results_total"):
                continue  # a row of results whose label carried no number: 0 (see the module docstring)
            else:
                ok = False
                break
        if ok and terms:
            usable.append((e, terms, const))
    if not usable:
        return []
    found: dict[str, Way] = {}
    for part in _components(usable):  # rows no equation links are read apart (a search each)
        found |= _Search(domains, numbers, [u for u in usable if set(u[1]) <= part]).decided()
    out: list[Placed] = []
    for key, way in found.items():
        toks = short[key]
        cells: list[Token | None] = [None if i is None else toks[i] for i in way]
        out.append(Placed(rows[key], cells, uncertain={j for j, i in enumerate(way) if i is not None}))
    return out


def _components(usable: list[tuple[Equation, dict[str, list[tuple[int, int]]], int]]) -> list[set[str]]:
    """The sets of short rows linked through the equations they share."""
    parts: list[set[str]] = []
    for _, terms, _ in usable:
        rows = set(terms)
        linked = [p for p in parts if p & rows]
        for p in linked:
            parts.remove(p)
            rows |= p
        parts.append(rows)
    return parts


class _Search:
    """Which ways of the short rows let every usable equation hold (sum of coef × cell + const = 0)."""

    def __init__(self, domains: dict[str, list[Way]], numbers: dict[str, list[int]],
                 usable: list[tuple[Equation, dict[str, list[tuple[int, int]]], int]]) -> None:
        self.rows = [k for k in domains if any(k in terms for _, terms, _ in usable)]
        self.numbers = numbers
        self.eqs = [(terms, const) for _, terms, const in usable]
        # each row's contribution to each equation, per way
        self.contrib = {k: [[self._value(k, way, terms.get(k, [])) for terms, _ in self.eqs] for way in domains[k]]
                        for k in self.rows}
        self.domains = {k: domains[k] for k in self.rows}
        self.nodes = 0

    def _value(self, key: str, way: Way, terms: list[tuple[int, int]]) -> int:
        nums = self.numbers[key]
        total = 0
        for coef, j in terms:
            at = way[j]
            total += coef * nums[at] if at is not None else 0
        return total

    def decided(self) -> dict[str, Way]:
        """Row → its one possible way, for the rows that have exactly one ({} when none is possible at all)."""
        allowed = {k: list(range(len(self.domains[k]))) for k in self.rows}
        first = self._solve(allowed)
        if first is None:
            return {}
        open_rows = set(self.rows)
        for k in self.rows:
            for w in allowed[k]:
                if k not in open_rows:
                    break
                if w == first[k]:
                    continue
                other = self._solve({**allowed, k: [w]})
                if self.nodes < 0:
                    return {}  # gave up: nothing is known
                if other is not None:
                    open_rows -= {r for r in self.rows if other[r] != first[r]}
        return {k: self.domains[k][first[k]] for k in self.rows if k in open_rows}

    def _solve(self, allowed: dict[str, list[int]]) -> dict[str, int] | None:
        """One way per row with every equation holding, or None (self.nodes < 0: the search gave up)."""
        if self.nodes < 0:
            return None
        order = sorted(self.rows, key=lambda k: len(allowed[k]))
        neq = len(self.eqs)
        # what the rows from depth d on can still add to each equation: a set of sums as the bits of an int,
        # bit i standing for the sum base + i
        bits = [[1] * neq for _ in range(len(order) + 1)]
        base = [[0] * neq for _ in range(len(order) + 1)]
        for d in range(len(order) - 1, -1, -1):
            k = order[d]
            for e in range(neq):
                sums = {self.contrib[k][w][e] for w in allowed[k]}
                low = min(sums)
                if max(sums) - low > SPREAD or bits[d + 1][e].bit_length() > SPREAD:
                    self.nodes = -(1 << 30)
                    return None
                acc = 0
                for c in sums:
                    acc |= bits[d + 1][e] << (c - low)
                bits[d][e], base[d][e] = acc, base[d + 1][e] + low

        def reachable(d: int, left: list[int]) -> bool:
            return all(left[e] >= base[d][e] and (bits[d][e] >> (left[e] - base[d][e])) & 1 for e in range(neq))

        need = [-const for _, const in self.eqs]
        chosen: dict[str, int] = {}

        def walk(d: int, need: list[int]) -> bool:
            self.nodes += 1
            if self.nodes > NODES:
                self.nodes = -(1 << 30)
            if self.nodes < 0:
                return False
            if d == len(order):
                return all(x == 0 for x in need)
            k = order[d]
            for w in allowed[k]:
                c = self.contrib[k][w]
                left = [need[e] - c[e] for e in range(neq)]
                if reachable(d + 1, left):
                    chosen[k] = w
                    if walk(d + 1, left):
                        return True
            return False

        if not reachable(0, need):
            return None
        return dict(chosen) if walk(0, need) else None
