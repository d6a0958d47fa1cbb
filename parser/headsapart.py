"""Table three printed with some rows' first number apart from their other six (a PDF's text of a web page saved
as PDF: the first column's cells stand a little higher than the rest of their row).

The text prints such a row's first number beside or around its label (3.危及“三安全一稳定” 4, 1.本机关不掌握相关
政府 / 24 / 信息) and its other six later, after the label of the next row or after the next rows' numbers too
(4.保护… 3 / 不予公 / 开 / 5.属于… 2 / then both rows' other six). The other rows are printed whole. The runs of
six and the whole rows keep the rows' order; the first numbers apart do too, but where a merged group label
pushes a row's label down, its first number comes with it, later.

So the table's numbers are cut into first numbers apart (a number alone between labels, or beside a label on
its line with the rest of its run below) and the flow of the others. A first number whose labels name a row is
that row's; the others keep their order. Each row, in the format's order, is then the next seven numbers of the
flow, or its first number (its own, or the next one naming no row) and the next six of the flow, and must add
up (its six applicants to its 总计). A reading is kept when every number is used and all such readings give every
row the same numbers; else there is none. The rows so read are placed by their order (uncertain, unless the
table's equations confirm them).
"""
from __future__ import annotations

from collections.abc import Callable
from functools import cache

from .template import Row, Table
from .tokens import EMPTY, LABEL, VALUE, Token
from .values import count_of

MAX_READINGS = 2  # enough to know a reading is not the only one


def read_heads_apart(table: Table, tokens: list[Token], name_row: Callable[[list[str]], Row | None]
                     ) -> dict[str, list[Token]] | None:
    """Row key → its seven value tokens, when the table's numbers read so in exactly one way (see the module
    docstring); None otherwise (also when no number stands apart: the other readers' case). name_row: the row
    the labels before a number name, if any."""
    if len(table.blocks) != 1 or table.blocks[0].columns[-1].key != "total":
        return None
    rows, width = table.blocks[0].rows, len(table.blocks[0].columns)
    runs: list[tuple[list[str], list[Token]]] = [([], [])]
    for t in tokens:
        if t.kind == EMPTY:
            return None  # a row with blank cells: this reading counts on every cell printed
        if t.kind == LABEL:
            if runs[-1][1]:
                runs.append(([], []))
            runs[-1][0].append(t.text)
        elif t.kind == VALUE:
            runs[-1][1].append(t)
    heads: list[tuple[Token, str | None]] = []  # a first number apart, and the row its labels name
    flow: list[Token] = []
    for labels, run in runs:
        if len(run) == 1 or (len(run) > 1 and run[0].same_line and run[1].line != run[0].line):
            row = name_row(labels) if labels else None
            heads.append((run[0], row.key if row is not None else None))
            flow += run[1:]
        else:
            flow += run
    if not heads or len(heads) + len(flow) != len(rows) * width:
        return None
    named = [k for _, k in heads if k is not None]
    own = {k: t for t, k in heads if k is not None and named.count(k) == 1}  # a row named twice: neither
    others = [t for t, k in heads if k not in own]
    counted = {id(t): count_of(t.text) for t in [*flow, *(t for t, _ in heads)]}
    numbers = {k: n for k, n in counted.items() if n is not None}
    if len(numbers) < len(counted):
        return None  # not a count (a decimal, a negative): no row of table three holds it
    flow_n = [numbers[id(t)] for t in flow]

    @cache
    def readings(i: int, u: int, f: int) -> tuple[tuple[tuple[Token, ...], ...], ...]:
        """Up to MAX_READINGS readings of rows i… (their tokens, row after row) from the u-th first number naming
        no row and flow position f on, no two with the same numbers."""
        if i == len(rows):
            return ((),) if u == len(others) and f == len(flow) else ()
        key = rows[i].key
        options: list[tuple[Token | None, int]] = [(own[key], u)] if key in own else \
            [(None, u), *([(others[u], u + 1)] if u < len(others) else [])]
        out: dict[tuple[str, ...], tuple[tuple[Token, ...], ...]] = {}
        for head, next_u in options:
            take = width if head is None else width - 1
            part = flow_n[f:f + take]
            if len(part) < take:
                continue
            cells = part if head is None else [numbers[id(head)], *part]
            if sum(cells[:-1]) != cells[-1]:
                continue  # the row does not add up
            row = (*(() if head is None else (head,)), *flow[f:f + take])
            for rest in readings(i + 1, next_u, f + take):
                reading = (row, *rest)
                out.setdefault(tuple(t.text for r in reading for t in r), reading)
                if len(out) == MAX_READINGS:
                    return tuple(out.values())
        return tuple(out.values())

    if len(rows) * (len(others) + 1) * (len(flow) + 1) > 200_000:
        return None  # no table of the format is this long
    found = readings(0, 0, 0)
    if len(found) != 1:
        return None
    return {row.key: list(cells) for row, cells in zip(rows, found[0], strict=True)}
