"""A table's numbers printed in column chunks (pdfminer.six's default text of a PDF ruled cell by cell).

pdfminer prints every cell as its own line and orders the cells by its layout analysis, which groups the
boxes of a page hierarchically: a table's labels come as a block, then its numbers in chunks — the rows fall
into bands (a page's rows, or the rows its grouping kept together), and each band prints each column's cells
top to bottom as one chunk. Within a band the chunks come left to right, a column's chunks come band after
band, and otherwise the chunks of different bands may interleave (natural_person's cells of rows 3–21, then
commerce's, then natural_person's of rows 22–24 …).

The numbers are placed in every way of the fewest bands that lets every equation of the table hold (the
bands' sizes and the chunks' order), in every way of one band more where the search affords it, and read row
by row when that holds too; a cell is read only when every placement gives it the same number (an all-zero
column read any way is zeros), uncertain: the order of the text is all that places it. The search is bounded:
past its budget it gives up and the table stays unread.
"""
from __future__ import annotations

from collections.abc import Sequence

from .column_headings import column_named
from .fitting import split_runs
from .placed import _MISSING
from .template import Row, Table
from .tokens import EMPTY, VALUE, Token
from .values import count_of

BUDGET = 16_000  # states explored at most before giving up (the table stays unread)
ONE_MORE = 6_000  # states explored at most for the placements of one band more (past it, those of the fewest)
OTHER_BUDGET = 4_000  # states explored at most for placements breaking the results' column totals alone
MOST_BANDS = 4  # bands tried at most (one more only where the budget allows)
MAX_EXTRA = 8  # numbers of another table printed among these (a negative, a decimal) left out at most

# the equations a report's own error breaks whichever result row its numbers are placed in: a column's results
# add up to its total the same way in every such placement
RESULTS = {"requests.results_total"}

Places = dict[tuple[int, int], set[int]]  # (row, column) → the indexes of the numbers placements put there


def read_column_chunks(table: Table, eqs: tuple, tokens: Sequence[Token]) -> dict[str, list[Token]] | None:
    """Row key → its cells (missing where the placements differ), uncertain: placed by the order of the text
    and the equations; None when the numbers cannot be read so (not rows × columns of whole numbers, no
    placement lets every equation hold, or too many ways to try)."""
    if len(table.blocks) != 1 or not eqs or any(t.kind == EMPTY for t in tokens):
        return None
    block = table.blocks[0]
    nrows, ncols = len(block.rows), len(block.columns)
    if nrows < 2 or ncols < 2 or block.columns[-1].key != "total":
        return None
    values = [t for t in tokens if t.kind == VALUE]
    numbers = [count_of(t.text) for t in values]
    keys = [[f"{table.key}/{row.key}/{col.key}" for col in block.columns] for row in block.rows]
    try:
        places = _placements(numbers, _kept(numbers, nrows * ncols), keys, eqs)
    except _GiveUp:
        return None  # too many ways: nothing known
    if not places:
        return None
    out: dict[str, list[Token]] = {}
    for r, row in enumerate(block.rows):
        cells = [sorted(places.get((r, c), ())) for c in range(ncols)]
        out[row.key] = [values[cell[0]] if len({numbers[i] for i in cell}) == 1 else _MISSING for cell in cells]
    return out


def read_headed_blocks(table: Table, tokens: list[Token], read: set[str]) -> list[tuple[Row, list[Token]]]:
    """The blocks of a table without equations (table two) none of whose rows is read, printed as their column
    headings then their numbers in column chunks (本年制发件数 / 本年废止件数 / 现行有效件数 / 0 / 18 / 0 / 6 / 0 / 52):
    a run of as many numbers as the block has cells right after labels that end with its headings in order.
    Nothing checks a placement: every one of the module's doc is left (a band of all the rows, each column's
    cells in turn; a band a row; their interleavings), and a cell is read where they all give it the same
    printed number, from every such run alike — a column of one cell a row, a block's first and last cells, a
    block of zeros. Blocks under the same headings take any of their runs, when there are as many. Row → its
    cells (missing where in doubt), uncertain."""
    items = split_runs(tokens)
    out: list[tuple[Row, list[Token]]] = []
    for block in table.blocks:
        nrows, ncols = len(block.rows), len(block.columns)
        if any(row.key in read for row in block.rows) or nrows * ncols < 2:
            continue
        runs = [run for labels, run in items if len(run) == nrows * ncols and all(t.kind == VALUE for t in run)
                and len(labels) >= ncols and all(column_named(x, block) == j for j, x in enumerate(labels[-ncols:]))]
        # blocks under the same headings, as many cells: which run is whose is not known (each may be either's),
        # and unless there are as many runs, one of them has its numbers elsewhere
        alike = [b for b in table.blocks if b.columns == block.columns and len(b.rows) == nrows]
        if len(runs) != len(alike):
            continue
        texts: dict[tuple[int, int], set[str]] = {}
        first: dict[tuple[int, int], Token] = {}
        keys = [[f"{r}/{c}" for c in range(ncols)] for r in range(nrows)]
        try:
            for run in runs:
                for a, b, col, pos in _Search([0] * len(run), keys, (), nrows, [BUDGET]).run():
                    for r in range(a, b):
                        texts.setdefault((r, col), set()).add(run[pos + r - a].text)
                        first.setdefault((r, col), run[pos + r - a])
        except _GiveUp:
            continue
        if not texts:
            continue
        for r, row in enumerate(block.rows):
            cells = [first[r, c] if len(texts.get((r, c), ())) == 1 else _MISSING for c in range(ncols)]
            if any(c is not _MISSING for c in cells):
                out.append((row, cells))
    return out


def _kept(numbers: list[int | None], cells: int) -> list[list[int]]:
    """The indexes of the numbers the table may hold: all when they are as many as its cells; when a few are
    too many and some are no count (a negative, a decimal: another table's column printed among these), all
    but a run of as many as are too many that holds those."""
    extra = len(numbers) - cells
    bad = [i for i, n in enumerate(numbers) if n is None]
    if extra < 0 or extra > MAX_EXTRA or (extra == 0 and bad) or (extra and not bad):
        return []
    if not extra:
        return [list(range(len(numbers)))]
    return [[i for i in range(len(numbers)) if not s <= i < s + extra]
            for s in range(len(numbers) - extra + 1) if s <= bad[0] and bad[-1] < s + extra]


def _placements(numbers: list[int | None], kepts: list[list[int]], keys: list[list[str]], eqs: tuple) -> Places:
    """Where the placements put the numbers: those of the fewest bands that let every equation hold — or, with
    as few bands, every one but the results' column totals (a result counted under a total of zeros: the
    report's own error, for the rules to find) —, of one band more where the budget allows, and the numbers
    read row by row. Raises _GiveUp."""
    budget = [BUDGET]
    but_results = tuple(e for e in eqs if e.id.split(":")[0] not in RESULTS)

    def of_bands(most: int, budget: list[int], eqs: tuple) -> Places:
        places: Places = {}
        for kept in kepts:
            counts = [n for i in kept if (n := numbers[i]) is not None]  # a window holds every number that is none
            for a, b, col, pos in _Search(counts, keys, eqs, most, budget).run():
                for r in range(a, b):
                    places.setdefault((r, col), set()).add(kept[pos + r - a])
        return places

    most, places, other_budget = 0, {}, [OTHER_BUDGET]
    for most in range(1, MOST_BANDS + 1):
        places = of_bands(most, budget, eqs)
        if not places and len(but_results) < len(eqs) and other_budget[0] > 0:
            try:
                if places := of_bands(most, other_budget, but_results):
                    eqs = but_results
            except _GiveUp:  # the report's own error not found so far: looked for no more
                other_budget[0] = 0
        if places:
            break
    if places:
        try:
            for cell, more in of_bands(most + 1, [ONE_MORE], eqs).items():
                places.setdefault(cell, set()).update(more)
        except _GiveUp:
            pass
    ncols = len(keys[0])
    for kept in kepts:
        known = {k: numbers[i] for k, i in zip((k for row in keys for k in row), kept, strict=True)}
        if all(e.residual(known) == 0 for e in eqs):
            for n, i in enumerate(kept):
                places.setdefault(divmod(n, ncols), set()).add(i)
    return places


class _Search:
    """The placements of the numbers into the grid as at most `most` bands of column chunks (see the module's
    doc) that let every equation hold, explored depth first a chunk at a time, each equation checked as soon as
    its last cell is placed. What is left to place depends only on how far each column has come, the bands
    open, how many were opened and each equation's sum so far, so a state reached again (other bands before,
    zeros in another order) is not followed twice. Each chunk printed at a place on the way to a whole
    placement is remembered: a cell's values are the numbers those places give it."""

    def __init__(self, numbers: list[int], keys: list[list[str]], eqs: tuple, most: int, budget: list[int]) -> None:
        self.numbers = numbers
        self.most = most
        self.budget = budget  # steps left, shared by the searches of one table
        self.nrows, self.ncols = len(keys), len(keys[0])
        at = {k: (r, c) for r, row in enumerate(keys) for c, k in enumerate(row)}
        mine = [e for e in eqs if all(k in at for k in e.cells)]
        self.coef_of: list[list[list[tuple[int, int]]]] = [[[] for _ in range(self.ncols)] for _ in range(self.nrows)]
        self.needs: list[list[tuple[int, int]]] = []  # per equation: (column, rows it must have come past)
        for n, e in enumerate(mine):
            last: dict[int, int] = {}
            for k in e.cells:
                r, c = at[k]
                last[c] = max(last.get(c, -1), r + 1)
                self.coef_of[r][c].append((n, e.coef(k)))
            # the columns to the left have always come at least as far: only the needs no column to the right
            # of them covers are checked (a row's equation: its last column alone)
            self.needs.append([(c, r) for c, r in sorted(last.items())
                               if not any(c2 > c and r2 >= r for c2, r2 in last.items())])
        self.bounds = _bounds(mine, at)
        self.bounds_of: list[list[int]] = [[] for _ in mine]  # per equation: the bounds its sum is in
        for m, (parts, _) in enumerate(self.bounds):
            for n in parts:
                self.bounds_of[n].append(m)
        # the equation of each row alone (its total the sum of its cells): a total a later run must be
        self.row_total = [next((n for n, e in enumerate(mine) if {at[k][0] for k in e.cells} == {r}
                                and len(e.plus) == 1 and at[e.plus[0]][1] == self.ncols - 1), None)
                          for r in range(self.nrows)]
        self.feasible: dict[tuple, bool] = {}
        self.masks: dict[int, int] = {}
        self.runs: dict[int, dict[tuple[int, ...], list[int]]] = {}
        self.effects: dict[tuple[int, int, int], tuple[list[tuple[int, int, int]], tuple[int, ...]]] = {}
        self.bounds_touched: dict[tuple[int, int, int], list[tuple[tuple[int, ...], list[tuple[int, int]]]]] = {}
        self.chunks: set[tuple[int, int, int, int]] = set()  # (first row, end row, column, place) on a whole path

    def run(self) -> set[tuple[int, int, int, int]]:
        """The chunks of every placement (first row, end row, column, place in the numbers); raises _GiveUp."""
        if len(self.numbers) == self.nrows * self.ncols:
            self._complete((0,) * self.ncols, (), 0, (0,) * len(self.needs))
        return self.chunks

    def _complete(self, came: tuple[int, ...], bands: tuple[tuple[int, int], ...], opened: int,
                  sums: tuple[int, ...]) -> bool:
        """Whether the placement can be completed from here: `came` the rows each column has printed, `bands`
        those open (some column has not printed its chunk), `opened` how many bands so far, `sums` each
        equation's plus minus minus so far."""
        if came[-1] == self.nrows:
            return True
        state = (came, bands, opened, sums)
        known = self.feasible.get(state)
        if known is not None:
            return known
        self.budget[0] -= 1
        if self.budget[0] < 0:
            raise _GiveUp
        ok = False
        for col in range(self.ncols):
            top = came[col]
            if top == self.nrows or col and came[col - 1] <= top:
                continue  # done, or the band's column to the left comes first
            band = next((b for b in bands if b[0] == top), None)
            if band is not None:
                ok |= self._chunk(came, bands, opened, sums, col, band)
            elif col == 0 and opened < self.most:  # the first column opens the next band (the last: to the end)
                for bottom in range(top + 1 if opened + 1 < self.most else self.nrows, self.nrows + 1):
                    ok |= self._chunk(came, (*bands, (top, bottom)), opened + 1, sums, 0, (top, bottom))
        self.feasible[state] = ok
        return ok

    def _chunk(self, came: tuple[int, ...], bands: tuple[tuple[int, int], ...], opened: int, sums: tuple[int, ...],
               col: int, band: tuple[int, int]) -> bool:
        """Column col's cells of the band printed next; whether the placement can then be completed."""
        a, b = band
        pos = sum(came)
        terms, touched = self._effect(a, b, col)
        new = list(sums)
        numbers = self.numbers
        for offset, n, coef in terms:
            new[n] += coef * numbers[pos + offset]
        after = (*came[:col], b, *came[col + 1:])
        for n in touched:
            if new[n] and all(after[c] >= r for c, r in self.needs[n]):
                return False  # an equation complete that does not hold
        for parts, plus_needs in self.bounds_touched[a, b, col]:
            if sum([new[n] for n in parts]) < 0 and all(after[c] >= r for c, r in plus_needs):
                return False  # more already on the minus side than the plus side, all printed, holds
        last = self.ncols - 1
        if col == last:
            bands = tuple(x for x in bands if x != band)
        elif not self._total_ahead(new, band, pos + (b - a) * (last - col), col == last - 1):
            return False
        if self._complete(after, bands, opened, tuple(new)):
            self.chunks.add((a, b, col, pos))
            return True
        return False

    def _effect(self, a: int, b: int, col: int) -> tuple[list[tuple[int, int, int]], tuple[int, ...]]:
        """What printing column col's cells of rows [a, b) adds to the equations: (offset in the chunk, equation,
        coefficient) each, and the equations it touches."""
        found = self.effects.get((a, b, col))
        if found is None:
            terms = [(r - a, n, coef) for r in range(a, b) for n, coef in self.coef_of[r][col]]
            found = self.effects[a, b, col] = (terms, tuple(sorted({n for _, n, _ in terms})))
            self.bounds_touched[a, b, col] = [self.bounds[m] for m in sorted({m for n in found[1]
                                                                              for m in self.bounds_of[n]})]
        return found

    def _total_ahead(self, sums: list[int], band: tuple[int, int], start: int, exact: bool) -> bool:
        """Some run of numbers from `start` on can be the band's totals: none less than its rows' cells so far
        (every count is 0 or more), or, `exact`, each the sum of its row's cells (all of them printed)."""
        least = [-sums[n] if (n := self.row_total[r]) is not None else -1 for r in range(*band)]
        if exact and -1 not in least:
            return any(q >= start for q in self._runs(len(least)).get(tuple(least), ()))
        places = (1 << (len(self.numbers) - len(least) + 1)) - (1 << start)  # where the run may start
        for i, value in enumerate(least):
            if value > 0:
                places &= self._at_least(value) >> i
                if not places:
                    return False
        return places > 0

    def _runs(self, length: int) -> dict[tuple[int, ...], list[int]]:
        """Every run of `length` numbers → the places it starts at."""
        runs = self.runs.get(length)
        if runs is None:
            runs = self.runs[length] = {}
            for q in range(len(self.numbers) - length + 1):
                runs.setdefault(tuple(self.numbers[q:q + length]), []).append(q)
        return runs

    def _at_least(self, value: int) -> int:
        """The places of the numbers not less than value, as the bits of an integer."""
        mask = self.masks.get(value)
        if mask is None:
            mask = self.masks[value] = sum(1 << i for i, n in enumerate(self.numbers) if n >= value)
        return mask


def _bounds(eqs: list, at: dict[str, tuple[int, int]]) -> list[tuple[tuple[int, ...], list[tuple[int, int]]]]:
    """Every count is 0 or more: once an equation's plus side is all printed, its minus side so far can be no
    more. The same of each two equations added where a cell on the plus side of one is on the minus side of the
    other (一、本年新收 + 二、上年结转 = 四、结转 + each result …: a column's first two rows bound its results as they
    come). (the equations added, the (column, rows) its plus side needs printed) each."""
    out: list[tuple[tuple[int, ...], list[tuple[int, int]]]] = []

    def needs(cells: set[str]) -> list[tuple[int, int]]:
        last: dict[int, int] = {}
        for k in cells:
            r, c = at[k]
            last[c] = max(last.get(c, -1), r + 1)
        return [(c, r) for c, r in sorted(last.items()) if not any(c2 > c and r2 >= r for c2, r2 in last.items())]

    def bounds(parts: tuple[int, ...], plus: set[str], minus: set[str]) -> None:
        # of use only when some cell of the minus side can be still to come with the whole plus side printed (a
        # cell printed has every cell above it and to its left printed before it)
        if any(not any(at[k][0] <= at[p][0] and at[k][1] <= at[p][1] for p in plus) for k in minus):
            out.append((parts, needs(plus)))

    for n, e in enumerate(eqs):
        bounds((n,), set(e.plus), set(e.minus))
        for m, other in enumerate(eqs):
            shared = set(e.plus) & set(other.minus)
            if m != n and shared and not set(e.minus) & set(other.plus):
                bounds((n, m), (set(e.plus) - shared) | set(other.plus), (set(e.minus) | set(other.minus)) - shared)
    return out


class _GiveUp(Exception):
    """The search's budget is spent."""
