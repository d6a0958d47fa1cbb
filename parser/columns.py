"""Tables printed column by column (PDF text as pdfminer gives it).

Such a copy lists the row labels first, then each column heading followed by one value per listed
row. It is read only when the row-wise reading finds little: a streak of row labels, in template
order, with no value between them, then column headings each followed by exactly that many values.
"""
from __future__ import annotations

from rapidfuzz import fuzz

from .normalize import label_key
from .template import Block, Column, Row, Table
from .tokens import LABEL, VALUE, Token

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
                candidates = [(similarity(t.text, r), b, r) for b in table.blocks for r in b.rows
                              if block is None or b is block]
                score, b, r = max(candidates, key=lambda c: c[0])
                if score >= ROW_MATCH and r not in rows and (not rows or b.rows.index(r) > b.rows.index(rows[-1])):
                    block = b
                    rows.append(r)
            j += 1
        if block is not None and len(rows) >= 2:
            heading = next((k for k in range(j - 1, i - 1, -1) if tokens[k].kind == LABEL), j)
            return block, rows, heading  # the first column's heading stands just before its values
        i = j + 1
    return None, [], len(tokens)


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
    key = label_key(text)
    best = max(((max(fuzz.ratio(key, label_key(h)) for h in (c.label, *c.aliases)), c) for c in block.columns
                if c.key not in done), key=lambda x: x[0], default=(0, None))
    return best[1] if best[0] >= COLUMN_MATCH else None


def _is_row(text: str, block: Block) -> bool:
    key = label_key(text)
    return any(fuzz.ratio(key, label_key(r.label)) >= ROW_MATCH for r in block.rows)
