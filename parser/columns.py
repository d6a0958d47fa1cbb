"""Tables printed column by column (PDF text as pdfminer gives it).

Such a copy lists the row labels first, then each column heading followed by one value per listed
row. It is read only when the row-wise reading finds little: a streak of row labels, in template
order, with no value between them, then column headings each followed by exactly that many values.
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from rapidfuzz import fuzz

from .normalize import label_key
from .rowmatch import _LEADING_NUMBER
from .template import Block, Column, Row, Table
from .tokens import EMPTY, LABEL, VALUE, Token
from .values import count_of

ROW_MATCH = 85
COLUMN_MATCH = 80


def read_by_columns(table: Table, tokens: list[Token], similarity) -> dict[tuple[str, str], Token]:
    """(row key, column key) → value token, for every column read; empty when the layout is not this."""
    out: dict[tuple[str, str], Token] = {}
    i = 0
    while i < len(tokens):
        block, rows, i = _row_streak(table, tokens, i, similarity)
        if block is None:
            break
        i = _columns(block, rows, tokens, i, out)
    return out


def _row_streak(table: Table, tokens: list[Token], start: int, similarity) -> tuple[Block | None, list[Row], int]:
    """The next run of row labels without values between them (at least two rows of one block)."""
    i = start
    while i < len(tokens):
        rows: list[Row] = []
        block: Block | None = None
        j = i
        while j < len(tokens) and tokens[j].kind != VALUE:
            t = tokens[j]
            if t.kind == LABEL:
                score, b, r = _best_named(t.text, table.blocks, block, similarity)
                if score >= ROW_MATCH and r not in rows and (not rows or b.rows.index(r) > b.rows.index(rows[-1])):
                    block = b
                    rows.append(r)
            j += 1
        if block is not None and len(rows) >= 2:
            heading = next((k for k in range(j - 1, i - 1, -1) if tokens[k].kind == LABEL), j)
            return block, rows, heading  # the first column's heading stands just before its values
        i = j + 1
    return None, [], len(tokens)


@lru_cache(maxsize=1 << 13)
def _best_named(text: str, blocks: tuple[Block, ...], only: Block | None, similarity) -> tuple[float, Block, Row]:
    """(score, block, row) of the row the label names best, the first of the best in the format's order, among
    the rows of `only` if given, else of every block (cached: a streak is looked for over every label of a
    table, each matched against every row)."""
    candidates = [(similarity(text, r), b, r) for b in blocks for r in b.rows if only is None or b is only]
    return max(candidates, key=lambda c: c[0])


def _columns(block: Block, rows: list[Row], tokens: list[Token], i: int,
             out: dict[tuple[str, str], Token]) -> int:
    """Read 'heading, one value per row' groups; stop at a row label, or at values that do not fit."""
    heading: Column | None = None
    values: list[Token] = []
    done: set[str] = set()

    def flush() -> None:
        if heading is not None and len(values) == len(rows):
            out.update({(row.key, heading.key): v for row, v in zip(rows, values, strict=True)})
            done.add(heading.key)

    while i < len(tokens):
        t = tokens[i]
        if t.kind == LABEL:
            flush()
            if values and len(values) != len(rows):
                return i
            heading, values = _column(t.text, block, done), []
            if heading is None and _is_row(t.text, block):
                return i
        elif t.kind == VALUE:
            if heading is None:
                return i
            values.append(t)
        i += 1
    flush()
    return i


def _column(text: str, block: Block, done: set[str]) -> Column | None:
    if _LEADING_NUMBER.match(text):
        return None  # 3.其他 is a row, not the column 其他
    key = label_key(text)
    best = max(((max(fuzz.ratio(key, label_key(h)) for h in (c.label, *c.aliases)), c) for c in block.columns
                if c.key not in done), key=lambda x: x[0], default=(0, None))
    return best[1] if best[0] >= COLUMN_MATCH else None


def _is_row(text: str, block: Block) -> bool:
    key = label_key(text)
    return any(fuzz.ratio(key, label_key(r.label)) >= ROW_MATCH for r in block.rows)


def read_column_major(table: Table, eqs: tuple, tokens: list[Token]) -> dict[str, list[Token | None]] | None:
    """Table three printed column by column with no heading before each column (pdfminer's text of a PDF
    whose table is ruled cell by cell): every row label of a page first, then each column's values top to
    bottom, a page's last labels sometimes among them (3.其他 / 39 12 … 2 / （七）总计 / 四、结转… / 113 7 / 5 2 …).

    The values, cut where labels come between them into stretches a page's rows may end at, are read as
    whole tables: the first k rows' columns one after another, then the next rows' — every row of the
    format, so the values must be exactly rows × columns. Numbers no cell of the table can hold (a negative,
    a decimal: another table's column printed among these, 3360 4060 -4 -1 / 本年增/减 / 0 / 318.56) are left
    out with the run of as many numbers around them as are too many. A reading is taken only when every
    equation of the table holds in it, and no other cut, other run left out (nor the values read row by
    row) gives other numbers that hold too. Row key → its cells; None when no such single reading exists."""
    if len(table.blocks) != 1 or any(t.kind == EMPTY for t in tokens):
        return None
    block = table.blocks[0]
    rows, ncols = block.rows, len(block.columns)
    values: list[Token] = []
    ends: list[int] = []  # numbers of values after which labels come (a page's rows may end there)
    for t in tokens:
        if t.kind == VALUE:
            values.append(t)
        elif t.kind == LABEL and values and (not ends or ends[-1] != len(values)):
            ends.append(len(values))
    extra = len(values) - len(rows) * ncols
    if extra < 0 or extra > 8 or len(rows) < 2:
        return None
    numbers = [count_of(v.text) for v in values]
    bad = [i for i, n in enumerate(numbers) if n is None]
    if extra == 0 and bad or extra and not bad:
        return None
    starts = [0] if not extra else [s for s in range(len(values) - extra + 1) if s <= bad[0] and bad[-1] < s + extra]
    readings: dict[tuple, tuple[list[Token], list[list[int]]]] = {}
    for start in starts:
        kept = [i for i in range(len(values)) if not start <= i < start + extra]
        kept_ends = [e if e <= start else max(start, e - extra) for e in ends]  # labels among those left out: at them
        if not _read_kept([values[i] for i in kept], [numbers[i] for i in kept], kept_ends, ncols, table, rows,
                          block, eqs, readings):
            return None
    if len(readings) != 1:
        return None
    kept_values, order = next(iter(readings.values()))
    return {row.key: [kept_values[i] for i in idx] for row, idx in zip(rows, order, strict=True)}


def _read_kept(values: list[Token], numbers: list, ends: list[int], ncols: int, table: Table, rows: Sequence[Row],
               block: Block, eqs: tuple, readings: dict[tuple, tuple[list[Token], list[list[int]]]]) -> bool:
    """Add the readings of `values` (every way to cut them at `ends`, and row by row) that hold; False when
    there are too many ways to cut to try."""
    cuts = sorted({e for e in ends if e % ncols == 0 and 0 < e < len(values)})
    if len(cuts) > 8:  # at most 256 ways to cut
        return False
    for mask in range(1 << len(cuts)):
        bounds = [0, *[c for i, c in enumerate(cuts) if mask >> i & 1], len(values)]
        order: list[list[int]] = []  # per row: the indexes of its values
        for a, b in zip(bounds, bounds[1:], strict=False):
            k = (b - a) // ncols
            order += [[a + j * k + r for j in range(ncols)] for r in range(k)]
        if len(order) == len(rows):
            _add_reading(readings, values, order, numbers, table, rows, block, eqs)
    _add_reading(readings, values, [[r * ncols + j for j in range(ncols)] for r in range(len(rows))], numbers, table,
                 rows, block, eqs)  # read row by row: when it holds too, the order is not known
    return True


def _add_reading(readings: dict[tuple, tuple[list[Token], list[list[int]]]], values: list[Token],
                 order: list[list[int]], numbers: list, table: Table, rows: Sequence[Row], block: Block,
                 eqs: tuple) -> None:
    cells = tuple(tuple(numbers[i] for i in idx) for idx in order)
    if cells in readings:
        return
    if block.columns[-1].key == "total" and any(sum(ns[:-1]) != ns[-1] for ns in cells):
        return  # a row not adding up to its total (checked first: most ways to cut fail here)
    known = {f"{table.key}/{row.key}/{col.key}": n for row, ns in zip(rows, cells, strict=True)
             for col, n in zip(block.columns, ns, strict=True)}
    mine = [e for e in eqs if all(k in known for k in e.cells)]
    if mine and all(e.residual(known) == 0 for e in mine):
        readings[cells] = (values, order)
