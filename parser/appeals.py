"""Reading table four (行政复议和行政诉讼情况): its fifteen numbers in three groups of five, printed as rows with
their labels, as blocks, as one line under a two-level header, a cell a line, or among table three's columns.
"""
from __future__ import annotations

import re

from .appeal_line import (
    count_or_zero,
    empty_row_cells,
    group_adds_up,
    indented,
    leading_whole_groups,
    starts_with_gap,
    value_line,
)
from .fitting import by_blank_lines, split_runs
from .glued import read_glued_appeals
from .normalize import label_key
from .placed import Placed
from .positions import CHARS, DISPLAY, NEAR, Columns, Layout
from .rowmatch import _best_row
from .runorder import appeal_blocks
from .template import Row, Table, Version
from .tokens import LABEL, VALUE, Token
from .values import count_of

_APPEAL_GROUPS = {"review": lambda text: label_key(text) == "行政复议",
                  "litigation_direct": lambda text: "直接起诉" in label_key(text, explanations=True),
                  "litigation_after_review": lambda text: "复议后起诉" in label_key(text, explanations=True)}


_APPEAL_HEADING_PIECE = re.compile(r"[结果维持纠正其他尚未审总计]{1,4}")


def _stacked_columns(spans: list[tuple[float, float]], count: int) -> Columns | None:
    """The columns of headings wrapped over lines (结果 / 维持): the pieces whose starts stand within a
    character of each other are one column; None unless they make `count` columns."""
    clusters: list[list[tuple[float, float]]] = []
    for span in sorted(spans):
        if clusters and span[0] - clusters[-1][0][0] <= NEAR:
            clusters[-1].append(span)
        else:
            clusters.append([span])
    return Columns(clusters) if len(clusters) == count else None


def read_interleaved_appeals(table: Table, own: list[Token], after: list[Token], taken: set[int]
                             ) -> list[Placed]:
    """Table four whose numbers were printed among table three's columns (pdftotext's default order of
    LibreOffice's PDF): its own numbers in the order of the text, and when they are fewer than fifteen, the
    numbers standing alone on their lines after it (the rest of a group printed below the next heading) up
    to the end, when the two make fifteen exactly and two of the three groups add up (upheld + corrected +
    other + pending = total). Placed by their order: uncertain."""
    values = [t for t in own if t.kind == VALUE]
    if len(values) < 15:
        on_line: dict[int, int] = {}
        for t in after:
            if t.kind in (LABEL, VALUE):
                on_line[t.line] = on_line.get(t.line, 0) + 1
        rest = [t for t in after if t.kind == VALUE and id(t) not in taken]
        if any(on_line[t.line] != 1 for t in rest):
            return []
        values += rest
    numbers = [n for t in values if (n := count_of(t.text)) is not None]
    if len(values) != 15 or len(numbers) != 15:
        return []
    groups = [numbers[i:i + 5] for i in range(0, 15, 5)]
    if sum(sum(g[:4]) == g[4] for g in groups) < 2:
        return []
    return [Placed(r, list(values[i * 5:(i + 1) * 5]), uncertain=set(range(5)))
            for i, r in enumerate(table.blocks[0].rows)]

def _appeals_by_position(layout: Layout, rows: list[Row], tokens: list[Token]) -> list[Placed]:
    """Table four's one line of numbers laid out under its fifteen column headings with the blank cells
    left as spaces (pdftotext -layout: 行政复议's group blank, the numbers start under 未经复议直接起诉): each
    number in the column whose heading it stands under, when the headings' pieces stand in fifteen columns
    and every number's column is known; each group's parts then add up to its total (blank: 0), or nothing
    is read. Uncertain: the total is the same whichever part a number is in."""
    lines: dict[int, list[Token]] = {}
    for t in tokens:
        if t.kind in (LABEL, VALUE):
            lines.setdefault(t.line, []).append(t)
    numbers = [line for line in lines.values()
               if all(t.kind == VALUE for t in line) and 4 <= len(line) < 15 and layout.spaced(line)]
    if len(numbers) != 1:
        return []
    values = numbers[0]
    heads = [t for t in tokens if t.kind == LABEL and t.line < values[0].line
             and _APPEAL_HEADING_PIECE.fullmatch(label_key(t.text))]
    for way in (CHARS, DISPLAY):
        columns = _stacked_columns([layout.span(t, way) for t in heads], 15)
        where = columns.place([layout.span(t, way) for t in values]) if columns else []
        if not where or None in where:
            continue
        cells: list[Token | None] = [None] * 15
        for tok, j in zip(values, where, strict=True):
            cells[j] = tok  # type: ignore[index]
        groups = [cells[i * 5:(i + 1) * 5] for i in range(3)]
        if all(group_adds_up(g) for g in groups):
            return [Placed(row, group, uncertain={i for i, c in enumerate(group) if c is not None})
                    for row, group in zip(rows, groups, strict=True)]
    return []

def read_appeals(table: Table, version: Version, tokens: list[Token], every: list[Token], layout: Layout | None
                 ) -> list[Placed]:
    """Table four read from its region's tokens (every: the report's tokens): its rows printed with their labels,
    its groups printed as blocks, its row printed empty, its fifteen numbers on a line or a cell a line (by the
    blank lines, by where they stand), a row cut short, or glued numbers split by the arithmetic."""
    rows = list(table.blocks[0].rows)
    keys = [label_key(t.text) for t in tokens if t.kind == LABEL]
    header = {
        "review": any(k in ("行政复议",) for k in keys),
        "litigation_direct": any("直接起诉" in k for k in keys),
        "litigation_after_review": any("复议后起诉" in k for k in keys),
    }
    # rows printed with their own labels: 行政复议 0 0 0 0 0
    by_label: list[Placed] = []
    for labels, run in split_runs(tokens):
        values: list[Token | None] = [t for t in run if t.kind == VALUE]
        if len(values) != 5 or not labels:
            by_label = []
            break
        row = _best_row(labels, rows, None, 85)
        if row is None:
            by_label = []
            break
        by_label.append(Placed(row, values))
    if by_label:
        return by_label
    blocks_printed = appeal_blocks(tokens, _APPEAL_GROUPS)
    if blocks_printed:
        row_of = {r.key: r for r in rows}
        return [Placed(row_of[key], [*values]) for key, values in blocks_printed]
    present = [r for r in rows if header[r.key]]
    empty = empty_row_cells(tokens)
    if empty == 15 or (empty in (5, 10) and len(present) == empty // 5):  # the numbers' row printed empty
        return [Placed(r, [None] * 5) for r in (rows if empty == 15 else present)]
    grid = value_line(tokens)
    if grid is not None:
        cells = grid
    else:
        cells = [t for t in tokens if t.kind == VALUE]  # one cell per line
    if len(cells) == 15:
        blocks = rows
    elif len(cells) in (5, 10) and len(present) == len(cells) // 5:
        blocks = present
    elif grid is None and len(present) == 3 and (spaced := _appeals_by_blank_lines(every, cells)):
        return [Placed(r, spaced[i * 5:(i + 1) * 5], uncertain=set(range(5))) for i, r in enumerate(rows)]
    elif layout is not None and (laid_out := _appeals_by_position(layout, rows, tokens)):
        return laid_out
    elif grid is not None and len(present) == 3 and not starts_with_gap(tokens, grid) \
            and not indented(tokens, grid):
        # a grid row cut short: its cells start at the first column, or so it seems (OCR and a PDF's text
        # drop the empty first cells as well as the last ones): the groups from the start that add up to a
        # total not 0 (a group of zeros adds up in any place), uncertain, the reviewer confirms
        cut = [cells[i * 5:(i + 1) * 5] for i in range(len(cells) // 5)]
        whole = 0
        while whole < len(cut) and group_adds_up(cut[whole]) and count_or_zero(cut[whole][4]):
            whole += 1
        return [Placed(r, list(g), uncertain=set(range(5))) for r, g in zip(rows, cut[:whole], strict=False)]
    elif grid is None and len(present) == 3 and (groups := leading_whole_groups(tokens)):
        return [Placed(r, list(g), uncertain=set(range(5))) for r, g in zip(rows, groups, strict=False)]
    else:
        return read_glued_appeals(table, version, tokens, present)
    return [Placed(r, list(cells[i * 5:(i + 1) * 5])) for i, r in enumerate(blocks)]


def _appeals_by_blank_lines(every: list[Token], values: list[Token | None]) -> list[Token | None] | None:
    """Table four's fifteen cells printed a cell a line, its empty cells as blank lines (LibreOffice's text
    of the Word report: 总计 / _ / 3 / 2 / 5 / 10 / 4 / 1 / _ / 3 …): read by the blank lines between the
    last heading, the values and the next line, when those alone make the cells missing and each group of
    five then adds up (a blank 0); uncertain."""
    run = [t for t in values if t is not None]
    if not run or len(run) >= 15:
        return None
    index_of = {id(t): i for i, t in enumerate(every)}
    cells = by_blank_lines(run, 15, every, index_of, tail_ok=False)
    if cells is None or not all(group_adds_up(cells[i:i + 5]) for i in (0, 5, 10)):
        return None
    return cells
