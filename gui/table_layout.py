"""How one table of the format is laid out on screen, read from the template (no Qt here).

The grid mirrors the printed table: label columns on the left hold the grouped row labels (a parent
label such as 三、本年度办理结果 or （三）不予公开 is one merged cell beside its sub-rows), value
columns on the right. A table whose blocks share their columns (表三, 表四) gets one multi-level
column header; a table whose blocks differ (表二: 第二十条第（一）项 …) prints each block's heading and
column labels as rows inside the grid, as the printed form does.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from parser.template import Block, Column, Row, Table

HEADING, COLUMNS, DATA = "heading", "columns", "data"


@dataclass(frozen=True)
class GridRow:
    kind: str  # HEADING, COLUMNS or DATA
    block: Block
    row: Row | None = None  # DATA rows only

    def groups(self) -> list[str]:
        return self.row.group.split("/") if self.row is not None and self.row.group else []


@dataclass(frozen=True)
class Span:
    row: int
    column: int
    rows: int
    columns: int


@dataclass
class TableLayout:
    table: Table
    label_columns: int  # how many columns the row labels take (group depth + 1)
    value_columns: int
    rows: list[GridRow]
    shared_header: bool  # one column header for the whole table (else block headings are rows)
    spans: list[Span] = field(default_factory=list)
    key_positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # cell key → (row, column)

    @property
    def column_count(self) -> int:
        return self.label_columns + self.value_columns

    def value_column(self, grid_row: GridRow, column: int) -> Column | None:
        """The template column shown at this grid column of a row, or None."""
        j = column - self.label_columns
        cols = grid_row.block.columns
        return cols[j] if 0 <= j < len(cols) else None

    def cell_key(self, row: int, column: int) -> str | None:
        if not 0 <= row < len(self.rows):
            return None
        g = self.rows[row]
        if g.kind != DATA or g.row is None:
            return None
        col = self.value_column(g, column)
        return f"{self.table.key}/{g.row.key}/{col.key}" if col else None

    def header_levels(self, column: int) -> list[str]:
        """The stacked header texts above a value column: block heading, column group, column label."""
        j = column - self.label_columns
        block = self.table.blocks[0]
        if not self.shared_header or not 0 <= j < len(block.columns):
            return []
        c = block.columns[j]
        levels = [block.heading] if block.heading else []
        if c.group:
            levels.append(c.group)
        levels.append(c.label)
        return levels

    def header_corner(self) -> str:
        """Text for the header above the row labels."""
        return ""


def layout(table: Table) -> TableLayout:
    blocks = table.blocks
    shared = all(tuple(c.key for c in b.columns) == tuple(c.key for c in blocks[0].columns) for b in blocks)
    depth = max((len(r.group.split("/")) for b in blocks for r in b.rows if r.group), default=0)
    n_values = max(len(b.columns) for b in blocks)
    rows: list[GridRow] = []
    for b in blocks:
        if not shared:
            rows.append(GridRow(HEADING, b))
            rows.append(GridRow(COLUMNS, b))
        rows.extend(GridRow(DATA, b, r) for r in b.rows)
    lay = TableLayout(table, depth + 1, n_values, rows, shared)
    lay.spans = _spans(lay)
    for i, g in enumerate(rows):
        if g.kind == DATA and g.row is not None:
            for j, c in enumerate(g.block.columns):
                lay.key_positions[f"{table.key}/{g.row.key}/{c.key}"] = (i, lay.label_columns + j)
    return lay


def _spans(lay: TableLayout) -> list[Span]:
    spans: list[Span] = []
    L, N = lay.label_columns, lay.value_columns
    for i, g in enumerate(lay.rows):
        if g.kind == HEADING:
            spans.append(Span(i, 0, 1, L + N))
            continue
        if g.kind == COLUMNS:
            if L > 1:
                spans.append(Span(i, 0, 1, L))
        else:
            level = len(g.groups())
            if L - level > 1:
                spans.append(Span(i, level, 1, L - level))
        extra = N - len(g.block.columns)
        if extra > 0:  # a block with fewer columns: its last column spans the rest, as printed
            spans.append(Span(i, L + len(g.block.columns) - 1, 1, extra + 1))
    # merged group labels: consecutive rows sharing the same group prefix
    for level in range(L - 1):
        start = None
        for i in range(len(lay.rows) + 1):
            prefix = _prefix(lay.rows[i], level) if i < len(lay.rows) else None
            if start is not None and prefix != _prefix(lay.rows[start], level):
                if i - start > 1:
                    spans.append(Span(start, level, i - start, 1))
                start = None
            if start is None and prefix is not None:
                start = i
    return spans


def _prefix(g: GridRow, level: int) -> tuple[str, ...] | None:
    groups = g.groups()
    return tuple(groups[: level + 1]) if g.kind == DATA and len(groups) > level else None


def group_label(g: GridRow, level: int) -> str:
    """The text in label column `level` of a data row: a parent group label or the row's own label."""
    groups = g.groups()
    if level < len(groups):
        return groups[level]
    if level == len(groups) and g.row is not None:
        return g.row.label
    return ""
