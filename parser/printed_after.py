"""A table's cells printed after it: pdftotext's default order of LibreOffice's PDF prints the columns a page
cuts off, or table one's columns after its first, among the next table's labels and numbers. Read there by the
arithmetic (table three's rows add up) or by the columns' headings, uncertain.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

from .column_headings import column_named
from .fitting import split_runs
from .placed import Placed, is_missing
from .rowmatch import _LEADING_NUMBER
from .runorder import _numbered_rows
from .template import Block, Row, Table
from .tokens import VALUE, Token


def completed_later(items: list[tuple[list[str], list[Token]]], rows: list[Row], ncols: dict[str, int],
                     done: set[str], threshold: float, after: Sequence[Token],
                     whole_row: Callable[[list[Token]], bool]) -> tuple[list[Placed], list[list[Token]]]:
    """Rows cut at a page's edge (pdftotext's default order of LibreOffice's PDF: 2.申 5 0 0 / 3.其 48 2 0 /
    （七）总计 1120 33 1, the other four columns printed after the table, among the next table's numbers).

    Two or more runs one after another with the same number m of values (two to half a row's), each after
    a numbered label, whose numberings one stretch of unread rows alone carries (see runorder._numbered_rows),
    take the rest of their cells from the values after the table, one row after another, where each row then
    adds up. Only the starts in those values where the most rows (two at least) add up, when every such start
    reads the same numbers (a report of zeros adds up everywhere alike). The rows they do not complete take the
    values right after as printed side by side (each column's cells of those rows one after another) when each
    then adds up; unless every cut row is completed so, none is. Placed by the arithmetic alone: uncertain.
    Returns the rows and, for each of those starts, the tokens it takes (the next table has what one of them
    leaves, not knowing which)."""
    runs = _cut_runs(items, max(ncols.values()))
    named = _numbered_rows([next(x for x in reversed(labels) if _LEADING_NUMBER.match(x)) for labels, _ in runs],
                           len(runs), rows) if len(runs) >= 2 else None
    if not named or any(r.key in done for r in named):
        return [], []
    cut = list(zip(named, [run for _, run in runs], strict=True))
    width = len(cut[0][1])
    rest = ncols[cut[0][0].key] - width
    values = [t for t in after if t.kind == VALUE]
    reach: dict[int, int] = {}
    for start in range(len(values) - rest + 1):
        j = 0
        while j < len(cut) and start + (j + 1) * rest <= len(values) \
                and whole_row([*cut[j][1], *values[start + j * rest:start + (j + 1) * rest]]):
            j += 1
        reach[start] = j
    most = max(reach.values(), default=0)
    starts = [s for s, j in reach.items() if j == most]
    if most < 2:
        return [], []
    n = ncols[cut[0][0].key]

    def read_from(start: int) -> list[Placed]:
        out = [Placed(row, [*run, *values[start + j * rest:start + (j + 1) * rest]], uncertain=set(range(n)))
               for j, (row, run) in enumerate(cut[:most])]
        # the rows left printed side by side right after (七 and 四: 3 0 / 4 0 / 3 0 / 145 12), column by column
        left, at = cut[most:], start + most * rest
        if len(left) >= 2 and at + len(left) * rest <= len(values):
            side = [[*run, *values[at + j:at + len(left) * rest:len(left)]] for j, (_, run) in enumerate(left)]
            if all(whole_row(cells) for cells in side):
                out += [Placed(row, list[Token | None](cells), uncertain=set(range(n)))
                        for (row, _), cells in zip(left, side, strict=True)]
        return out

    readings = [read_from(start) for start in starts]
    if any(len(r) != len(cut) for r in readings):
        return [], []  # some cut row left without the rest of its cells: the reading does not explain the page
    numbers = {tuple((p.row.key, tuple(c.text for c in p.cells if c is not None)) for p in r) for r in readings}
    if len(numbers) != 1:
        return [], []
    return readings[0], [[c for p in r for c in p.cells if c is not None] for r in readings]


def complete_columns(table: Table, placed: list[Placed], after: Sequence[Token]) -> list[Token]:
    """Columns printed after the table (pdftotext's default order of LibreOffice's PDF prints table one's first
    column beside its labels and the others below the next table's labels: 本年新公开数量 / 0 8 / 对外公开总数量 /
    0 32 / 本年增/减 / 2 -1 …). Where every row of a block was read with some columns missing, those columns
    in the format's order are expected; one stretch alone of the runs after the table, each right after the
    heading of its expected column and as many values as the block has rows, fills them, top to bottom
    (uncertain: their place is the order of the text). Returns the tokens it placed."""
    of_row = {p.row.key: p for p in placed}
    expected: list[tuple[Block, int]] = []
    for block in table.blocks:
        mine = [of_row.get(r.key) for r in block.rows]
        if any(p is None or len(p.cells) != len(block.columns) for p in mine):
            continue
        expected += [(block, j) for j in range(len(block.columns))
                     if all(is_missing(p.cells[j]) for p in mine if p is not None)]
    if not expected:
        return []
    items = split_runs(list(after))

    def fits(m: int, block: Block, j: int) -> bool:
        labels, run = items[m]
        return bool(labels) and column_named(labels[-1], block) == j and len(run) == len(block.rows) \
            and all(t.kind == VALUE for t in run)

    starts = [s for s in range(len(items) - len(expected) + 1)
              if all(fits(s + m, block, j) for m, (block, j) in enumerate(expected))]
    if len(starts) != 1:
        return []
    taken: list[Token] = []
    for m, (block, j) in enumerate(expected):
        for row, tok in zip(block.rows, items[starts[0] + m][1], strict=True):
            p = of_row[row.key]
            p.cells[j] = tok
            p.uncertain.add(j)
            taken.append(tok)
    return taken


def _cut_runs(items: list[tuple[list[str], list[Token]]], width: int) -> list[tuple[list[str], list[Token]]]:
    """The longest stretch of items one after another whose runs are values alone, as many in each (two at
    least, half of `width` at most: a page cuts a row about its middle; a row short of only its last cells or
    with one number left is an OCR's lost columns), each after a numbered label."""
    best: list[tuple[list[str], list[Token]]] = []
    current: list[tuple[list[str], list[Token]]] = []
    for labels, run in items:
        fits = 2 <= len(run) <= width // 2 and all(t.kind == VALUE for t in run) \
            and any(_LEADING_NUMBER.match(x) for x in labels)
        if fits and current and len(run) == len(current[0][1]):
            current.append((labels, run))
        else:
            current = [(labels, run)] if fits else []
        if len(current) > len(best):
            best = list(current)
    return best
