"""A table region's runs of values, and a run fitted to a row's columns.

A run is the values (and empty cells) printed after the labels that name their row; fitting places its values
in the row's columns: one a column, a number split by a space _joined, a stray number dropped, the empty cells'
positions kept where the row is laid out as a grid, or None when that cannot be done with confidence.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import combinations

from .placed import _MISSING
from .tokens import BREAK, EMPTY, EOL, LABEL, VALUE, Token
from .values import count_of

_THOUSANDS = re.compile(r"\d{3}(?:\.\d+)?(?:万元|元)?")  # the group after a space in "1 256.8万元"


def split_runs(tokens: list[Token]) -> list[tuple[list[str], list[Token]]]:
    """Split a region into (labels since the last run with values, run of value/empty tokens).

    A run of empty cells alone is returned too (a row printed with every cell empty) but does not
    consume the labels: the label may go on below it (a label split over two table lines).
    """
    out: list[tuple[list[str], list[Token]]] = []
    labels: list[str] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if t.kind == LABEL:
            labels.append(t.text)
            i += 1
            continue
        if t.kind in (VALUE, EMPTY):
            line_bound = t.same_line
            run: list[Token] = []
            while i < n:
                t = tokens[i]
                if t.kind in (VALUE, EMPTY):
                    run.append(t)
                elif t.kind in (EOL, BREAK):
                    if line_bound:  # a row per line: its values end with the line
                        break
                elif t.kind == LABEL:
                    break
                i += 1
            if any(r.kind == VALUE for r in run):
                out.append((labels, run))
                labels = []
            elif labels and line_bound:
                out.append((list(labels), run))
            continue
        i += 1
    return out


def empties_before(run: list[Token]) -> int:
    """How many empty cells the run starts with (where a row's label spans columns, or its first cells are blank)."""
    n = 0
    for t in run:
        if t.kind != EMPTY:
            break
        n += 1
    return n


def fit_run(run: list[Token], ncols: int, lead: int | None, table: str = "", by_label: bool = True,
         totals_left_blank: bool = False) -> tuple[list[Token | None], set[int]] | None:
    """Place a run of tokens in ncols cells, or None when it cannot be done with confidence."""
    values = [t for t in run if t.kind == VALUE]
    if len(values) == ncols:
        return list(values), set()
    if len(values) > ncols:
        if len({v.text for v in values}) == 1 and ncols == 1:
            return [values[0]], set()  # a merged cell copied into every column it spans
        return (_join_split_numbers(values, ncols) or (_drop_stray(values) if ncols == 7 else None)
                or (_merged_copies(values, ncols) if all(t.closed for t in run) else None))
    # fewer values than columns: use the empty cells' positions when the row is laid out as a grid
    k = empties_before(run)
    cut = min(k, lead) if lead is not None else k
    rest = run[cut:]
    if len(rest) >= ncols and all(t.kind == EMPTY for t in rest[ncols:]):
        return [t if t.kind == VALUE else None for t in rest[:ncols]], set()
    if run[0].same_line and all(t.closed and t.line == run[0].line for t in run):
        # a pipe row closed by its pipe keeps every cell: the label's empty spans end where exactly one cut
        # leaves the row's cells with nothing but empty cells after them
        fits = [c for c in range(k + 1) if len(run) - c >= ncols and all(t.kind == EMPTY for t in run[c + ncols:])]
        if len(fits) == 1:
            return [t if t.kind == VALUE else None for t in run[fits[0]:fits[0] + ncols]], set()
    if any(t.kind == EMPTY for t in run):
        return None
    if table == "active" and by_label and not run[0].same_line:
        # one cell per line, the empty ones dropped by the copy: what is printed comes first
        return [*values, *[_MISSING] * (ncols - len(values))], set()
    if totals_left_blank and len(values) == ncols - 1 and not run[0].same_line:
        return [*values, None], set()  # one cell per line, 总计 left blank on the sub-rows (most rows show it)
    return None


class Grid:
    """A table rendered as an exact grid (HTML, Word): nearly every line holding values has the same
    number of cells, the values in the last columns, whatever the span of each row's label."""

    def __init__(self, tokens: list[Token]) -> None:
        cells: dict[int, int] = {}
        valued: set[int] = set()
        for t in tokens:
            if t.kind in (LABEL, VALUE, EMPTY):
                cells[t.line] = cells.get(t.line, 0) + 1 + t.lead_gap
                if t.kind == VALUE:
                    valued.add(t.line)
        widths = [cells[line] for line in valued]
        self.cells = cells
        self.width = max(set(widths), key=widths.count) if len(widths) >= 5 else None
        if self.width is not None and widths.count(self.width) < 0.8 * len(widths):
            self.width = None

    def fit(self, run: list[Token], ncols: int) -> tuple[list[Token | None], set[int]] | None:
        """The row's cells by position, when its line has the grid's width (None: no opinion)."""
        if (self.width is None or not run or not run[0].same_line or len(run) < ncols
                or self.cells.get(run[0].line) != self.width or any(t.kind == VALUE for t in run[:-ncols])):
            return None
        return [t if t.kind == VALUE else None for t in run[-ncols:]], set()


def _merged_copies(values: list[Token], ncols: int) -> tuple[list[Token | None], set[int]] | None:
    """A converter's grid row (pymupdf4llm: | 政府集中采购 | 5 | 797.58 | 797.58 |) with a merged cell copied into
    each grid column it spans: the copies are values equal to the one before them. Read when every column spans
    as many grid columns, or when dropping copies leaves ncols values one way only."""
    span, rest = divmod(len(values), ncols)
    if not rest and all(values[i].text == values[i - i % span].text for i in range(len(values))):
        once: list[Token | None] = list(values[::span])  # every column spans as many grid columns
        return once, set()
    surplus = len(values) - ncols
    copies = [i for i in range(1, len(values)) if values[i].text == values[i - 1].text]
    if not surplus <= len(copies) <= 8:
        return None
    readings = {tuple(v.text for i, v in enumerate(values) if i not in drop)
                for drop in map(set, combinations(copies, surplus))}
    if len(readings) != 1:
        return None
    drop = set(copies[:surplus])
    return [v for i, v in enumerate(values) if i not in drop], set()


def _drop_stray(values: list[Token]) -> tuple[list[Token | None], set[int]] | None:
    """One number too many in a row of table three (a page number, a 序号): drop the first or the
    last when exactly one of the two leaves a row that adds up."""
    if len(values) != 8:
        return None
    options = [o for o in (values[1:], values[:-1]) if adds_up(o)]
    if len(options) != 1:
        return None
    return list(options[0]), set()


def _join_split_numbers(values: list[Token], ncols: int) -> tuple[list[Token | None], set[int]] | None:
    """'1 2' printed for 12: join two adjacent bare digit groups when that makes the count fit and only one
    such join exists — in a row of table three only one that makes the row add up (six applicant columns =
    总计): the row may rather hold a stray number (a page's number below its last line: 1 94 / 2)."""
    if len(values) - ncols != 1:
        return None
    pairs = [i for i in range(len(values) - 1) if values[i].joinable
             and (values[i + 1].joinable or (len(values[i].text) <= 3 and _THOUSANDS.fullmatch(values[i + 1].text)))
             and values[i].line == values[i + 1].line and values[i + 1].start - values[i].end == 1]
    options = [(i, _joined(values, i)) for i in pairs]
    if ncols == 7:
        options = [(i, o) for i, o in options if adds_up(o)]
    if len(options) != 1:
        return None
    i, cells = options[0]
    return cells, {i}


def _joined(values: list[Token], i: int) -> list[Token | None]:
    """The values with the i-th and the next joined into one number."""
    a, b = values[i], values[i + 1]
    return [*values[:i], Token(VALUE, a.text + " " + b.text, a.start, b.end, a.line), *values[i + 2:]]


def adds_up(cells: Sequence[Token | None]) -> bool:
    """A row of table three whose six applicant columns add up to its 总计."""
    nums = [n for t in cells if t and (n := count_of(t.text.replace(" ", ""))) is not None]
    return len(nums) == len(cells) and sum(nums[:6]) == nums[6]


def by_blank_lines(run: list[Token], n: int, tokens: list[Token], index_of: dict[int, int], tail_ok: bool = True
                   ) -> list[Token | None] | None:
    """A row printed a cell a line with fewer values than columns, its empty cells left as blank lines
    (LibreOffice's text of a Word table: a blank line a cell; a text browser's dump and docx2txt: a blank line
    between cells, one or two more a cell): the blank lines between the label, the values and the next line
    beyond the most common gap, counted in the one number of lines a cell that makes them exactly the cells
    missing, are the empty cells. None unless every value stands alone on its line, only blank lines come
    between them (no page number dropped), and exactly one such count exists. The lines after a row say
    nothing by themselves (a paragraph's end): empty cells end a row only where another row of the table
    (tail_ok) has its empty cells between its values alone."""
    if not run or len(run) >= n or any(t.kind != VALUE or t.same_line for t in run) \
            or len({t.line for t in run}) != len(run):
        return None
    first, last = index_of.get(id(run[0])), index_of.get(id(run[-1]))
    if first is None or last is None:
        return None
    # the lines before the first value (back to the label), between the values and after the last one
    before = first - 1
    while before >= 0 and tokens[before].kind in (EOL, BREAK):
        before -= 1
    after = last + 1
    while after < len(tokens) and tokens[after].kind in (EOL, BREAK):
        after += 1
    if before < 0 or after >= len(tokens) or tokens[before].kind != LABEL:
        return None
    stops = [tokens[before], *run, tokens[after]]
    gaps: list[int] = []
    for a, b in zip(stops, stops[1:], strict=False):
        i, j = index_of[id(a)], index_of[id(b)]
        breaks = sum(t.kind == BREAK for t in tokens[i + 1:j])
        if any(t.kind not in (EOL, BREAK) for t in tokens[i + 1:j]) or breaks != b.line - a.line - 1:
            return None
        gaps.append(breaks)
    usual = max(sorted(set(gaps)), key=gaps.count)  # the smaller of equally common gaps
    extra = [g - usual for g in gaps]
    if any(x < 0 for x in extra):
        return None
    missing = n - len(run)
    # the lines after the last value may hold up to two cells more: a merged label continued in the next row
    # (三、本年度办理结果, （三）不予公开) prints its empty cell there
    inner, tail = extra[:-1], extra[-1]
    readings = set()
    for unit in range(1, max(extra) + 1):
        if any(x % unit for x in inner):
            continue
        counts = [x // unit for x in inner]
        rest = missing - sum(counts)
        if rest >= 0 and rest * unit <= tail <= (rest + 2) * unit and tail % unit == 0 and (tail_ok or not rest):
            readings.add((*counts, rest))
    if len(readings) != 1:
        return None
    counts = list(readings.pop())
    cells: list[Token | None] = [None] * counts[0]
    for tok, blanks in zip(run, counts[1:], strict=True):
        cells += [tok, *[None] * blanks]
    return cells
