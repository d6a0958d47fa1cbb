"""One worksheet per report, laid out like the printed format (tables two, three and four).

The sheet is a grid of 15 equal columns: table four prints its 15 numbers in one row under a two-level
header (行政复议 | 行政诉讼: 未经复议直接起诉 | 复议后起诉); table three uses 8 columns for its grouped row
labels and 7 for 申请人情况; table two uses 3 for 信息内容 and shares 12 among its value columns.
Labels, headings and groups all come from the template (parser/template.py).
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.styles import PatternFill

from parser.model import BLANK, CORRECTED, MISSING, REPAIRED, Cell, Report
from parser.template import Block, Table, Version

from ..findings import ERROR, SEVERITY_NAMES, WARNING
from ..state import ACCEPTED, POSTPONED, ReviewedReport
from .grid import COLUMNS, Grid
from .stream import StreamSheet, new_sheet
from .style import (
    COMMENT_AUTHOR,
    FILL_CORRECTED,
    FILL_ERROR,
    FILL_MISSING,
    FILL_WARNING,
    GROUP,
    HEADER,
    LABEL,
    LINE_HEIGHT,
    MARKED_LABEL,
    MARKED_NUMBER,
    MAX_ROW_HEIGHT,
    NUMBER,
    PLAIN,
    SECTION,
    TITLE,
    Look,
    lines_needed,
    set_print_setup,
    style_array,
    style_id,
)

GRID = 15  # columns of a report sheet
COLUMN_WIDTH = 9.0
CONTENT_COLUMNS = 3  # table two: 信息内容 spans the first three columns
CONTENT_HEADING = "信息内容"
# Printed in the top-left corner of table three in both formats.
CORNER_NOTES = {"requests": "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"}
PRINTED_AS_ONE_ROW = {"appeals"}  # table four prints its rows side by side as one row of numbers
COMMENTED_CELLS = 3  # a finding's message is repeated in the comments of at most this many of its cells

DECISION_NAMES = {ACCEPTED: "已接受", POSTPONED: "暂缓"}
LEGEND = (
    (FILL_CORRECTED, "已更正（批注：报告原值、审核人、时间）"),
    (FILL_ERROR, "未处理的错误（批注：问题说明）"),
    (FILL_WARNING, "未处理的警告"),
    (FILL_MISSING, "报告中未找到"),
)


def format_time(iso: str) -> str:
    """An ISO time as a reader sees it, in the local time of the exporting computer with its zone:
    2024-01-31T01:30:00+00:00 → 2024-01-31 09:30:00 UTC+08:00 in China (… 01:30:00 UTC where
    the computer keeps UTC). A time without a zone stays as written."""
    if not iso:
        return ""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if when.tzinfo is None:
        return when.strftime("%Y-%m-%d %H:%M:%S")
    local = when.astimezone()
    offset = local.strftime("%z")  # +0800
    zone = "UTC" if offset == "+0000" else f"UTC{offset[:3]}:{offset[3:]}"
    return f"{local:%Y-%m-%d %H:%M:%S} {zone}"


def format_number(v: float | int | None) -> str:
    if v is None:
        return "（空）"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


def printed_value(cell: Cell) -> str:
    """What the report printed for a cell, in words for a comment."""
    if cell.text.strip():
        return cell.text.strip()
    if cell.parsed_status == BLANK:
        return "（留空）"
    if cell.parsed_status == MISSING:
        return "（未找到）"
    return format_number(cell.parsed_value)


def cell_marks(item: ReviewedReport) -> dict[str, tuple[PatternFill | None, list[str]]]:
    """Per cell key: the fill that marks it and the lines of its comment."""
    marks: dict[str, tuple[PatternFill | None, list[str]]] = {}
    rank = {id(FILL_ERROR): 4, id(FILL_WARNING): 3, id(FILL_CORRECTED): 2, id(FILL_MISSING): 1}

    def add(key: str, fill: PatternFill | None, lines: list[str]) -> None:
        old_fill, old_lines = marks.get(key, (None, []))
        if old_fill is not None and (fill is None or rank[id(old_fill)] >= rank[id(fill)]):
            fill = old_fill
        marks[key] = (fill, old_lines + lines)

    for key, cell in item.report.cells.items():
        if cell.history:
            lines = [f"报告原文：{printed_value(cell)}"]
            for c in cell.history:
                lines.append(f"更正：{format_number(c.old)} → {format_number(c.new)}，{c.reviewer or '（未署名）'}，"
                             f"{format_time(c.time)}" + (f"，理由：{c.reason}" if c.reason else ""))
            add(key, FILL_CORRECTED if cell.status == CORRECTED else None, lines)
        elif cell.status == REPAIRED:
            add(key, None, [f"报告原文：{printed_value(cell)}（经规范化读作 {format_number(cell.value)}）"])
        if cell.status == MISSING:
            add(key, FILL_MISSING, [])
    for f in item.open_findings():
        fill = {ERROR: FILL_ERROR, WARNING: FILL_WARNING}.get(f.severity)
        decision = item.decisions.get(f.id)
        for i, key in enumerate(f.subjects):
            if i >= COMMENTED_CELLS and not (f.suggestion and key in f.suggestion):
                add(key, fill, [])  # an empty table names every cell: all marked, the first few explained
                continue
            line = f"{SEVERITY_NAMES.get(f.severity, f.severity)}：{f.message}"
            if f.suggestion and key in f.suggestion:
                line += f"（建议改为 {format_number(f.suggestion[key])}）"
            if decision is not None and decision.action == POSTPONED:
                line += f"（暂缓{'：' + decision.reason if decision.reason else ''}）"
            add(key, fill, [line])
    return marks


def value_spans(count: int, first: int, last: int) -> list[tuple[int, int]]:
    """Share columns first..last among `count` value columns as evenly as possible."""
    total = last - first + 1
    base, extra = divmod(total, count)
    spans, c = [], first
    for i in range(count):
        width = base + (1 if i < extra else 0)
        spans.append((c, c + width - 1))
        c += width
    return spans


@dataclass(frozen=True)
class _Layout:
    """The tables of one format as written on a sheet: cells other than numbers (as XML), merges, row
    heights, and where each number goes. Shared by every sheet of that format."""

    start: int
    end: int
    cells: dict[tuple[int, int], str]
    merges: set[tuple[int, int, int, int]]
    heights: dict[int, float]
    numbers: list[tuple[int, int, int, str]]


_LAYOUTS: dict[tuple, _Layout] = {}  # by format, first row and the style ids of the static cells
TABLES_ROW = 5  # the tables start here, under the title, the status line and the legend (ReportSheet.head)


def write_report_sheet(wb: Workbook, name: str, item: ReviewedReport) -> dict[str, str]:
    """Lay out one report's sheet and add it to the workbook, written whole; where each cell key went."""
    grid = Grid(wb)
    sheet = ReportSheet(grid, item, item.report.source)
    sheet.write()
    ws = new_sheet(wb, name)
    ws.print_title_rows = "1:2"  # the workbook's defined names repeat the title rows on every printed page
    head, tail = _frame(wb)
    ws.write_whole(head, grid.rows_xml(), grid.merges_xml(), tail, grid.comment_records(COMMENT_AUTHOR))
    return sheet.where


_FRAMES: list[tuple[str, str]] = []


def _frame(wb: Workbook) -> tuple[str, str]:
    """The XML around every report sheet's rows: 15 equal columns, title rows frozen, A4 landscape."""
    if not _FRAMES:
        ws = StreamSheet(wb, "frame")  # never added to the workbook: only its settings are serialised
        for c in range(1, GRID + 1):
            ws.column_dimensions[COLUMNS[c]].width = COLUMN_WIDTH
        ws.freeze_panes = "A3"
        set_print_setup(ws, "1:2")
        _FRAMES.append((ws.head_xml(), ws.print_xml()))
    return _FRAMES[0]


def number_places(version: Version | None, wb: Workbook) -> dict[str, str]:
    """Where each cell key of a format sits on a report sheet (as write_report_sheet places it)."""
    if version is None:
        return {}
    layout = _layout(version, wb)
    return {key: f"{COLUMNS[c1]}{r}" for r, c1, _c2, key in layout.numbers}


def _layout(version: Version, wb: Workbook) -> _Layout:
    shared = (id(version), TABLES_ROW, *(style_id(wb, look) for look in (SECTION, HEADER, LABEL, GROUP)))
    layout = _LAYOUTS.get(shared)
    if layout is None:
        tables = _TablesLayout(Grid(wb))
        tables.row = TABLES_ROW
        layout = _LAYOUTS[shared] = tables.lay_out(version)
    return layout


class _TablesLayout:
    """The three tables of a format on a grid: labels, headers, merges and heights, and where each number
    goes (laid out once per format, see _layout)."""

    def __init__(self, grid: Grid) -> None:
        self.grid = grid
        self.row = 1
        self.heights = grid.heights
        self.numbers: list[tuple[int, int, int, str]] = []  # where the numbers go: (row, first, last column, key)

    # -- primitives -------------------------------------------------------------------------------

    def box(self, r1: int, c1: int, r2: int, c2: int, value: object, look: Look) -> None:
        grid = self.grid
        sid = grid.put(r1, c1, value, look)
        if (r1, c1) != (r2, c2):
            grid.merge(r1, c1, r2, c2, sid, style_array(grid.wb, look).borderId != 0)
        if isinstance(value, str) and value:
            lines = lines_needed(value, (c2 - c1 + 1) * COLUMN_WIDTH)
            per_row = -(-lines // (r2 - r1 + 1))  # a merged block shares its lines among its rows
            height = per_row * LINE_HEIGHT + 4
            for r in range(r1, r2 + 1):
                self.heights[r] = max(self.heights.get(r, 0.0), height)

    def number(self, r: int, c1: int, c2: int, key: str) -> None:
        """A number's place (a report's sheet writes its value there, see ReportSheet.number)."""
        self.numbers.append((r, c1, c2, key))

    def key(self, table: Table, row_key: str, column_key: str) -> str:
        return f"{table.key}/{row_key}/{column_key}"

    def lay_out(self, version: Version) -> _Layout:
        """Write the tables and note what is the same for every report of the format."""
        grid, start = self.grid, self.row
        for table in version.tables:
            self.section(f"{table.number}、{table.title}")
            if table.key in PRINTED_AS_ONE_ROW and self.fits_one_row(table):
                self.one_row(table)
            elif any(r.group for b in table.blocks for r in b.rows):
                for block in table.blocks:
                    self.grouped(table, block)
            else:
                self.blocks(table)
            self.row += 1
        for r, _c1, _c2, _key in self.numbers:
            self.heights[r] = max(self.heights.get(r, 0.0), LINE_HEIGHT + 4)
        own = {(r, c) for r, c1, c2, _ in self.numbers for c in range(c1, c2 + 1)}  # marked per report
        cells = {k: v for k, v in grid.cells.items() if k not in own}
        heights = {r: h for r, h in self.heights.items() if start <= r < self.row}
        return _Layout(start, self.row, cells, set(grid.merges), heights, self.numbers)

    def section(self, title: str) -> None:
        self.box(self.row, 1, self.row, GRID, title, SECTION)
        self.heights[self.row] = 20
        self.row += 1

    def blocks(self, table: Table) -> None:
        """Table two: per block its heading, a header row (信息内容 | column labels), then its rows."""
        r = self.row
        for block in table.blocks:
            spans = value_spans(len(block.columns), CONTENT_COLUMNS + 1, GRID)
            if block.heading:
                self.box(r, 1, r, GRID, block.heading, HEADER)
                r += 1
            self.box(r, 1, r, CONTENT_COLUMNS, CONTENT_HEADING, HEADER)
            for col, (a, b) in zip(block.columns, spans, strict=True):
                self.box(r, a, r, b, col.label, HEADER)
            r += 1
            for row in block.rows:
                self.box(r, 1, r, CONTENT_COLUMNS, row.label, LABEL)
                for col, (a, b) in zip(block.columns, spans, strict=True):
                    self.number(r, a, b, self.key(table, row.key, col.key))
                r += 1
        self.row = r

    def grouped(self, table: Table, block: Block) -> None:
        """Table three: a two-level column header and row labels under their printed groups."""
        columns, rows = block.columns, block.rows
        first_value = GRID - len(columns) + 1
        label_end = first_value - 1
        grouped_columns = any(c.group for c in columns)
        header_rows = (1 if block.heading else 0) + (2 if grouped_columns else 1)
        h = self.row
        self.box(h, 1, h + header_rows - 1, label_end, CORNER_NOTES.get(table.key, ""), HEADER)
        r = h
        if block.heading:
            self.box(r, first_value, r, GRID, block.heading, HEADER)
            r += 1
        i = 0
        while i < len(columns):
            col, c = columns[i], first_value + i
            if col.group is None:
                self.box(r, c, r + (1 if grouped_columns else 0), c, col.label, HEADER)
                i += 1
                continue
            j = i
            while j < len(columns) and columns[j].group == col.group:
                self.box(r + 1, first_value + j, r + 1, first_value + j, columns[j].label, HEADER)
                j += 1
            self.box(r, c, r, first_value + j - 1, col.group, HEADER)
            i = j
        r = h + header_rows
        paths = [row.group.split("/") if row.group else [] for row in rows]
        for path, row in zip(paths, rows, strict=True):
            self.box(r, 1 + len(path), r, label_end, row.label, LABEL)
            for k, col in enumerate(columns):
                self.number(r, first_value + k, first_value + k, self.key(table, row.key, col.key))
            r += 1
        start = h + header_rows
        for level in range(max(map(len, paths), default=0)):
            i = 0
            while i < len(rows):
                if len(paths[i]) <= level:
                    i += 1
                    continue
                prefix, j = paths[i][:level + 1], i
                while j < len(rows) and paths[j][:level + 1] == prefix:
                    j += 1
                self.box(start + i, 1 + level, start + j - 1, 1 + level, prefix[-1], GROUP)
                i = j
        self.row = r

    def fits_one_row(self, table: Table) -> bool:
        return len(table.blocks) == 1 and len(table.blocks[0].rows) * len(table.blocks[0].columns) <= GRID

    def one_row(self, table: Table) -> None:
        """Table four: 行政复议 | 行政诉讼 (未经复议直接起诉 | 复议后起诉), five columns each, one row of numbers."""
        block = table.blocks[0]
        rows: Sequence = block.rows
        n, h = len(block.columns), self.row
        c, i = 1, 0
        while i < len(rows):
            row = rows[i]
            if row.group is None:
                self.box(h, c, h + 1, c + n - 1, row.label, HEADER)
                c, i = c + n, i + 1
                continue
            j = i
            while j < len(rows) and rows[j].group == row.group:
                self.box(h + 1, c + n * (j - i), h + 1, c + n * (j - i + 1) - 1, rows[j].label, HEADER)
                j += 1
            self.box(h, c, h, c + n * (j - i) - 1, row.group, HEADER)
            c, i = c + n * (j - i), j
        for ri, row in enumerate(rows):
            for k, col in enumerate(block.columns):
                cc = 1 + ri * n + k
                self.box(h + 2, cc, h + 2, cc, col.label, HEADER)
                self.number(h + 3, cc, cc, self.key(table, row.key, col.key))
        self.row = h + 4


class ReportSheet(_TablesLayout):
    """Writes one report onto a grid; `where` maps each cell key to its coordinate."""

    def __init__(self, grid: Grid, item: ReviewedReport, subtitle: str) -> None:
        super().__init__(grid)
        self.item = item
        self.report: Report = item.report
        self.marks = cell_marks(item)
        self.subtitle = subtitle
        self.where: dict[str, str] = {}

    def number(self, r: int, c1: int, c2: int, key: str) -> None:
        cell = self.report.cells.get(key)
        value = cell.value if cell is not None else None
        fill, lines = self.marks.get(key, (None, []))
        if cell is None:
            fill = FILL_MISSING
        look = MARKED_NUMBER.get(fill, NUMBER) if fill is not None else NUMBER
        grid = self.grid
        sid = grid.put(r, c1, value, look)
        if lines:
            grid.comment(r, c1, "\n".join(lines), 320, max(60, 16 * sum(lines_needed(x, 44) for x in lines) + 10))
        if c2 > c1:
            grid.merge(r, c1, r, c2, sid, True)
        self.heights[r] = max(self.heights.get(r, 0.0), LINE_HEIGHT + 4)
        self.where[key] = f"{COLUMNS[c1]}{r}"

    # -- the sheet --------------------------------------------------------------------------------

    def write(self) -> None:
        self.head()
        version = self.report.version
        if version is None:
            note = "未能识别本报告使用的格式（2019 年版或 2021 年版），无法按格式列出表格。"
            self.box(self.row, 1, self.row, GRID, note, PLAIN)
            self.row += 2
        else:
            self.tables(version)
        self.findings()
        for r, h in self.heights.items():
            self.heights[r] = min(h, MAX_ROW_HEIGHT)

    def tables(self, version: Version) -> None:
        """The three tables: laid out once per format, then only their numbers per report (every report of
        a format shares the same labels, headers, merges and heights)."""
        layout = _layout(version, self.grid.wb)
        grid = self.grid
        grid.cells.update(layout.cells)
        grid.merges.update(layout.merges)
        for r, h in layout.heights.items():
            self.heights[r] = max(self.heights.get(r, 0.0), h)
        for r, c1, c2, key in layout.numbers:
            self.number(r, c1, c2, key)
        self.row = layout.end

    def head(self) -> None:
        report, item = self.report, self.item
        year = f"{report.year}年度" if report.year else ""
        title = f"{report.agency or '（未识别机关）'}{year}政府信息公开工作年度报告"
        self.box(1, 1, 1, GRID, title, TITLE)
        self.heights[1] = 24
        parts = [f"格式：{report.version.name if report.version else '未识别'}", f"审核状态：{item.status}"]
        if item.signoff is not None:
            s = item.signoff
            parts.append(f"签发：{s.outcome}，{s.reviewer}，{format_time(s.time)}"
                         + (f"，理由：{s.reason}" if s.reason else ""))
        parts.append(f"文件：{self.subtitle}")
        self.box(2, 1, 2, GRID, "　".join(parts), PLAIN)
        c = 1
        self.grid.put(3, c, "图例", PLAIN)
        c += 1
        for fill, text in LEGEND:
            width = 4 if len(text) > 8 else 3
            self.box(3, c, 3, c + width - 1, text, MARKED_LABEL[fill])
            c += width
        self.row = 5

    def findings(self) -> None:
        """The report's findings under its tables, so the printed sheet carries them too."""
        item = self.item
        self.section("审核问题")
        if not item.findings:
            self.box(self.row, 1, self.row, GRID, "未发现问题。", PLAIN)
            self.row += 1
            return
        r = self.row
        self.box(r, 1, r, 2, "严重程度", HEADER)
        self.box(r, 3, r, 12, "问题说明", HEADER)
        self.box(r, 13, r, GRID, "处理", HEADER)
        for f in item.findings:
            r += 1
            d = item.decisions.get(f.id)
            decision = "未处理" if d is None else DECISION_NAMES.get(d.action, d.action)
            if d is not None and d.reason:
                decision += f"：{d.reason}"
            self.box(r, 1, r, 2, SEVERITY_NAMES.get(f.severity, f.severity), LABEL)
            self.box(r, 3, r, 12, f.message, LABEL)
            self.box(r, 13, r, GRID, decision, LABEL)
        self.row = r + 1
