"""Runs whose labels the copy lost (an OCR garbled them, a PDF printed its merged label cells after all the
numbers): placed in the one row the format leaves for them between the rows read around them (uncertain, but
for a single row of table three that adds up).
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right

from .fitting import adds_up, fit_run
from .placed import Placed, is_missing
from .rowmatch import _best_row
from .template import Row
from .tokens import LABEL, VALUE, Token

_HEAD, _TAIL = "<column headings>", "<after the last label>"


def between_neighbours(items: list[tuple[list[str], list[Token]]], unlabelled: list[int], where: dict[str, int],
                        rows: list[Row], ncols: dict[str, int], table: str, lead: int | None,
                        tail: Row | None = None, columns: tuple[int, ...] | None = None) -> list[Placed]:
    """A run whose label the copy lost, between the runs of two rows read by label with exactly one row
    between them in the format, belongs to that row (the only one it can be). The column headings stand
    before the first row; a last row whose label comes after every value (`tail`) closes the table. `columns`:
    the order the header prints the columns in, when not the format's."""
    order = {r.key: i for i, r in enumerate(rows)} | {_HEAD: -1}
    by_item = [(-1, _HEAD), *sorted((n, key) for key, n in where.items())]  # the column headings come first
    if tail is not None and tail.key not in where:  # the table's last label, after every value
        order[_TAIL] = order[tail.key] + 1
        by_item.append((len(items), _TAIL))
    out: list[Placed] = []
    marks = [m for m, _ in by_item]
    gaps: dict[tuple[int, int], list[int]] = {}  # the runs between two read rows, by their places: found once
    for n in unlabelled:
        i, j = bisect_left(marks, n), bisect_right(marks, n)  # the last read row before run n, the first after
        if i == 0 or j == len(marks):
            continue
        (m0, k0), (m1, k1) = by_item[i - 1], by_item[j]
        # several runs without labels between two read rows, as many as the rows between them: one each, in
        # order (the labels printed after all the numbers), never certain. A run too short for any row between
        # (a stray digit an OCR read in a label) is none of them: were it a row's remains, the whole runs would
        # be more than the rows.
        if (i, j) not in gaps:
            width = min((ncols[r.key] for r in rows[order[k0] + 1:order[k1]]), default=0)
            gaps[i, j] = [u for u in unlabelled[bisect_right(unlabelled, m0):bisect_left(unlabelled, m1)]
                          if sum(t.kind == VALUE for t in items[u][1]) >= width]
        between = gaps[i, j]
        if order[k1] - order[k0] != len(between) + 1 or n not in between:
            continue
        row = rows[order[k0] + 1 + between.index(n)]
        if row.key in where:
            continue
        fitted = fit_run(items[n][1], ncols[row.key], lead, table, by_label=False)
        if fitted is None or any(c is None or is_missing(c) for c in fitted[0]):
            continue
        cells, repaired = fitted
        if columns is not None:
            cells, repaired = [cells[columns.index(j)] for j in range(len(cells))], {columns[j] for j in repaired}
        sure = len(between) == 1 and table == "requests" and ncols[row.key] == 7 and adds_up(cells)
        out.append(Placed(row, cells, repaired, uncertain=set() if sure else set(range(len(cells)))))
    return out


def tail_row(tokens: list[Token], rows: list[Row], threshold: float) -> Row | None:
    """The table's last row when a label after the table's last value names it (a PDF's merged label cells
    come out after all the numbers: （三）不予公开 … （七）总计 四、结转下年度继续办理); or else the row named by one
    of the first labels there."""
    last_value = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i].kind == VALUE), len(tokens))
    after = [t.text for t in tokens[last_value + 1:] if t.kind == LABEL]
    if rows and any(_best_row([label], rows[-1:], None, threshold) for label in after[:16]):
        return rows[-1]
    return next((row for label in after[:3] if (row := _best_row([label], rows, None, threshold))), None)
