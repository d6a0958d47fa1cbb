"""The summary workbook of the archive: 汇总, 问题清单, 修改记录, 签发 (and 分册目录 for a split archive).

汇总 has two header rows (Chinese label, cell key; `pandas.read_excel(header=1)` reads it) and one row
per report; the lists have one row per finding, correction or sign-off. Each row links to the report's
sheet: in the same workbook, or in the volume (another workbook) that holds it. Rows are streamed
(openpyxl write-only mode): 问题清单, 修改记录 and 签发 as reports come, 汇总 from a spool file at the
end (its column widths follow its content, and a streamed sheet's widths come before its rows).
"""
from __future__ import annotations

import pickle
import re
import tempfile
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from parser.template import versions

from ..findings import SEVERITY_NAMES, STATUS_NAMES
from ..state import ReviewedReport
from .report_sheet import DECISION_NAMES, format_time
from .stream import StreamSheet, new_sheet, new_workbook
from .style import (
    FONT_BOLD,
    HEADER,
    LINE_HEIGHT,
    LINK,
    LIST_KEYS,
    LIST_NUMBER,
    LIST_TEXT,
    Look,
    set_print_setup,
    text_width,
)

SUMMARY, FINDINGS, CORRECTIONS, SIGNOFFS, VOLUMES = "汇总", "问题清单", "修改记录", "签发", "分册目录"
FIXED_SHEETS = (SUMMARY, FINDINGS, CORRECTIONS, SIGNOFFS, VOLUMES)
RESERVED_NAMES = {"history"}  # Excel refuses a sheet called History
MAX_SHEET_NAME = 31
EPOCH = datetime(2019, 1, 1)  # document time of a workbook whose input carries no time at all

# 汇总: (Chinese label, key) of the columns before the cells.
SUMMARY_META = (
    ("机关", "agency"), ("年度", "year"), ("格式", "template"), ("审核状态", "status"), ("签发结论", "outcome"),
    ("审核人", "reviewer"), ("签发时间", "signed_at"), ("未处理错误", "open_errors"),
    ("未处理警告", "open_warnings"), ("文件", "file"), ("工作表", "sheet"),
)
VOLUME_COLUMN = ("分册", "volume")  # 汇总 of a split archive: the workbook holding the report's sheet
FINDING_COLUMNS = (
    ("报告", 22), ("规则", 26), ("严重程度", 9), ("状态", 9), ("单元格", 36), ("报告值", 9), ("计算值", 9),
    ("问题说明", 60), ("处理", 9), ("理由", 30), ("处理人", 10), ("处理时间", 22), ("单元格键", 40),
)
UNWRAPPED = {"单元格键"}  # long machine-readable columns: never make a row taller
SHOWN_CELLS = 4  # 问题清单 names this many cells of a finding, then "等 N 格"; 单元格键 lists them all
CORRECTION_COLUMNS = (
    ("报告", 22), ("时间", 22), ("审核人", 10), ("单元格", 36), ("单元格键", 40), ("原值", 9), ("新值", 9),
    ("理由", 40),
)
SIGNOFF_COLUMNS = (
    ("报告", 22), ("文件", 30), ("结论", 11), ("审核人", 10), ("签发时间", 22), ("理由", 30),
    ("数值校验值（SHA-256）", 68), ("校验", 24),
)
VOLUME_COLUMNS = (
    ("分册", 40), ("地区或机关", 30), ("报告数", 9), ("未处理错误", 11), ("未处理警告", 11), ("已签发", 9),
    ("已退回", 9), ("首份报告", 30), ("末份报告", 30),
)
CHECK_COLUMN = 8  # 签发: 校验, bold when the signed values or the file changed


# -- sheet names --------------------------------------------------------------------------------------

def _units(name: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(name.encode("utf-16-le")) // 2


def _cut(name: str, limit: int) -> str:
    while _units(name) > limit:
        name = name[:-1]
    return name


class SheetNamer:
    """A valid, unique sheet name per report: agency and year, at most 31 characters, none of []:*?/\\."""

    def __init__(self) -> None:
        self.taken = {n.lower() for n in FIXED_SHEETS} | RESERVED_NAMES
        self.count = 0

    def name(self, item: ReviewedReport) -> str:
        self.count += 1
        r = item.report
        base = f"{r.agency or ''}{r.year or ''}" or Path(r.source).stem or f"报告{self.count}"
        base = re.sub(r"[\[\]:*?/\\\x00-\x1f]", "", base).strip().strip("'").strip() or f"报告{self.count}"
        name, n = _cut(base, MAX_SHEET_NAME), 1
        while name.lower() in self.taken:
            n += 1
            suffix = f"（{n}）"
            name = _cut(base, MAX_SHEET_NAME - _units(suffix)).rstrip("'") + suffix
        self.taken.add(name.lower())
        return name


def sheet_names(items: Iterable[ReviewedReport]) -> list[str]:
    namer = SheetNamer()
    return [namer.name(item) for item in items]


# -- columns ---------------------------------------------------------------------------------------------

def summary_columns(items: Iterable[ReviewedReport]) -> list[tuple[str, str]]:
    """(Chinese label, key) of every cell column: the keys of the formats present, newest format first."""
    return columns_of_formats({item.report.template for item in items})


def columns_of_formats(present: Iterable[str | None]) -> list[tuple[str, str]]:
    present = set(present)
    columns: dict[str, str] = {}
    for key, ver in sorted(versions().items(), key=lambda kv: kv[0], reverse=True):
        if key in present:
            for cell_key, spec in ver.specs.items():
                columns.setdefault(cell_key, spec.display_name())
    return [(label, key) for key, label in columns.items()]


def _cell_names(item: ReviewedReport, keys: Sequence[str], shown: int = SHOWN_CELLS) -> str:
    """The cells as printed (表三（七）总计·自然人), the first few of a long list and how many there are."""
    version = item.report.version
    names = []
    for key in keys[:shown]:
        spec = version.specs.get(key) if version else None
        names.append(spec.display_name() if spec else key)
    return "、".join(names) + (f" 等 {len(keys)} 格" if len(keys) > shown else "")


def _time(t: str | None) -> datetime | None:
    try:
        dt = datetime.fromisoformat(t or "")
    except (TypeError, ValueError):
        return None
    if dt.tzinfo is not None:
        dt = dt.astimezone(UTC).replace(tzinfo=None)
    return dt.replace(microsecond=0)


def item_time(item: ReviewedReport) -> datetime | None:
    """The latest time recorded for a report (a correction, decision or sign-off)."""
    times = [c.time for c in item.report.corrections()] + [d.time for d in item.decisions.values()]
    if item.signoff is not None:
        times.append(item.signoff.time)
    return max((t for t in map(_time, times) if t is not None), default=None)


def document_time(items: Iterable[ReviewedReport]) -> datetime:
    """The latest time recorded in the input, else a fixed date (so the same input gives the same bytes)."""
    return max((t for t in map(item_time, items) if t is not None), default=EPOCH)


def stamp(wb: Workbook, when: datetime) -> None:
    wb.properties.creator = wb.properties.lastModifiedBy = "年报审核台"
    wb.properties.title = "政府信息公开工作年度报告审核结果"
    wb.properties.created = wb.properties.modified = when


# -- the workbook -----------------------------------------------------------------------------------------

class _Spool:
    """Rows kept in a temporary file until they can be written (memory stays small)."""

    def __init__(self) -> None:
        self.file: IO[bytes] = tempfile.TemporaryFile()
        self.count = 0

    def add(self, row: object) -> None:
        pickle.dump(row, self.file, protocol=pickle.HIGHEST_PROTOCOL)
        self.count += 1

    def __iter__(self):  # noqa: ANN204
        self.file.seek(0)
        for _ in range(self.count):
            yield pickle.load(self.file)

    def close(self) -> None:
        self.file.close()


class _ListSheet:
    """A plain list streamed row by row: one bold header row, frozen, filtered; the first column links to
    the report's sheet."""

    def __init__(self, wb: Workbook, title: str, columns: tuple[tuple[str, int], ...]) -> None:
        self.ws: StreamSheet = new_sheet(wb, title)
        self.columns = columns
        self.unwrapped = {c for c, (label, _) in enumerate(columns, 1) if label in UNWRAPPED}
        for c, (_, width) in enumerate(columns, 1):
            self.ws.column_dimensions[get_column_letter(c)].width = width
        self.ws.freeze_panes = "B2"
        set_print_setup(self.ws, "1:1")
        self.ws.add_values([(c, label, HEADER) for c, (label, _) in enumerate(columns, 1)], LINE_HEIGHT + 6)
        self.rows = 0

    def add(self, values: list[object], sheet: str, target: str, book: str | None,
            looks: dict[int, Look] | None = None) -> None:
        cells: list[tuple[int, object, Look | None]] = [(1, sheet, LINK)]
        lines = 1
        for c, v in enumerate(values, 2):
            look = LIST_NUMBER if isinstance(v, int | float) else LIST_KEYS if c in self.unwrapped else LIST_TEXT
            if looks and c in looks:
                look = looks[c]
            cells.append((c, v, look))
            if isinstance(v, str) and v and c not in self.unwrapped:
                lines = max(lines, -(-text_width(v) // max(self.columns[c - 1][1] - 1, 1)))
        # Every height is explicit, so a viewer that fits rows to their content does not stretch a row
        # to show hundreds of cell keys; those stay clipped to the row (the cell holds them all).
        self.ws.add_values(cells, min(lines, 8) * LINE_HEIGHT + 4, [sheet_link(1, sheet, target, book)])
        self.rows += 1

    def finish(self) -> None:
        last = f"{get_column_letter(len(self.columns))}{max(1, self.rows + 1)}"
        self.ws.auto_filter.ref = f"A1:{last}"
        self.ws.print_area = f"A1:{last}"
        self.ws.finish()


LIST_BOLD = Look(FONT_BOLD, LIST_TEXT.fill, LIST_TEXT.border, LIST_TEXT.alignment)


def sheet_link(column: int, sheet: str, target: str = "A1", book: str | None = None) -> tuple:
    """A link (for StreamSheet.add_values) that opens a report's sheet (in another workbook when `book` is
    given); its cell shows the sheet's name."""
    quoted = sheet.replace("'", "''")
    return column, book, f"'{quoted}'!{target}", sheet


class SummaryBook:
    """The summary workbook, filled one report at a time (`add`), written by `save`.

    `formats`: the template versions present (they decide 汇总's cell columns). With `volumes`, the report
    sheets live in other workbooks (`add(..., book=relative path)`) and the book gets 分册目录.
    """

    def __init__(self, formats: Iterable[str | None], volumes: bool = False) -> None:
        self.wb = new_workbook()
        self.volumes = volumes
        self.meta = list(SUMMARY_META) + ([VOLUME_COLUMN] if volumes else [])
        self.columns = self.meta + columns_of_formats(formats)
        self.summary = new_sheet(self.wb, SUMMARY)
        self.findings = _ListSheet(self.wb, FINDINGS, FINDING_COLUMNS)
        self.corrections = _ListSheet(self.wb, CORRECTIONS, CORRECTION_COLUMNS)
        self.signoffs = _ListSheet(self.wb, SIGNOFFS, SIGNOFF_COLUMNS)
        self.index = _ListSheet(self.wb, VOLUMES, VOLUME_COLUMNS) if volumes else None
        self.spool = _Spool()
        self.keys = [key for _, key in self.columns[len(self.meta):]]
        self.widths = [max(text_width(label), len(key), 6) + 2 for label, key in self.columns]
        for c in range(len(self.meta) + 1, len(self.columns) + 1):
            label, key = self.columns[c - 1]  # cell columns: the long label and the key wrap over up to 3 lines
            self.widths[c - 1] = max(10, min(18, -(-max(text_width(label), len(key)) // 3) + 2))
        self.time = EPOCH
        self.count = 0

    def add(self, item: ReviewedReport, sheet: str, where: dict[str, str], book: str | None = None) -> None:
        """One report: its 汇总 row, its findings, corrections and sign-off; `where` maps cell keys to the
        coordinates of its sheet."""
        self.count += 1
        self.time = max(self.time, item_time(item) or EPOCH)
        self._summary_row(item, sheet, book)
        for f in item.findings:
            d = item.decisions.get(f.id)
            self.findings.add([
                f.rule, SEVERITY_NAMES.get(f.severity, f.severity), STATUS_NAMES.get(f.status, f.status),
                _cell_names(item, f.cells), f.reported, f.computed, f.message,
                "未处理" if d is None else DECISION_NAMES.get(d.action, d.action),
                d.reason if d else None, d.reviewer if d else None, format_time(d.time) if d else None,
                ",".join(f.cells),
            ], sheet, where.get(f.cells[0], "A1") if f.cells else "A1", book)
        for c in item.report.corrections():
            self.corrections.add([format_time(c.time), c.reviewer, _cell_names(item, [c.cell]), c.cell, c.old, c.new,
                                  c.reason], sheet, "A1", book)
        s = item.signoff
        if s is not None:
            check = "不一致：签发后数据或原文件被改动" if item.hash_mismatch else "一致"
            self.signoffs.add([item.report.source, s.outcome, s.reviewer, format_time(s.time), s.reason,
                               s.values_hash, check], sheet, "A1", book,
                              None if check == "一致" else {CHECK_COLUMN: LIST_BOLD})

    def _summary_row(self, item: ReviewedReport, sheet: str, book: str | None) -> None:
        r, s = item.report, item.signoff
        counts = item.counts()
        values = [r.agency, r.year, f"{r.template}年版" if r.template else None, item.status,
                  s.outcome if s else None, s.reviewer if s else None, format_time(s.time) if s else None,
                  counts["error"], counts["warning"], r.source]
        for c, v in enumerate(values, 1):
            if isinstance(v, str):
                self.widths[c - 1] = max(self.widths[c - 1], min(text_width(v) + 2, 50))
        sheet_col = len(SUMMARY_META)
        self.widths[sheet_col - 1] = max(self.widths[sheet_col - 1], min(text_width(sheet) + 2, 40))
        if book is not None:
            values.append(None)  # the sheet's column, written as a link
            values.append(book)
            self.widths[sheet_col] = max(self.widths[sheet_col], min(text_width(book) + 2, 50))
        cells = r.cells
        numbers = []
        for c, key in enumerate(self.keys, len(self.meta) + 1):
            cell = cells.get(key)
            if cell is not None and cell.value is not None:
                numbers.append((c, cell.value))
        self.spool.add((values, sheet, book, numbers))

    def add_volume(self, file: str, label: str, items: int, errors: int, warnings: int, signed: int,
                   returned: int, first: str, last: str) -> None:
        """A row of 分册目录: the volume's workbook (a link to it) and what it holds."""
        assert self.index is not None
        values = [file, label, items, errors, warnings, signed, returned, first, last]
        self.index.ws.add_values([(c, v, LINK if c == 1 else LIST_NUMBER if isinstance(v, int) else LIST_TEXT)
                                  for c, v in enumerate(values, 1)], LINE_HEIGHT + 4, [(1, file, None, file)])
        self.index.rows += 1

    def _write_summary(self) -> None:
        ws = self.summary
        for c, w in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(c)].width = w
        ws.freeze_panes = "C3"
        last = get_column_letter(len(self.columns))
        # The filter buttons sit on the Chinese header row (row 2, the keys, is the first row they filter).
        ws.auto_filter.ref = f"A1:{last}{max(2, self.count + 2)}"
        # Hundreds of columns cannot fit one page wide: print across pages, agency and headers on every page.
        set_print_setup(ws, "1:2", fit_width=False)
        ws.print_title_cols = "A:B"
        for part in (0, 1):
            ws.add_values([(c, col[part], HEADER) for c, col in enumerate(self.columns, 1)], 3 * LINE_HEIGHT + 4)
        # The rows carry no styles (only the link to each report's sheet looks like a link): a reader of ten
        # thousand rows of hundreds of numbers parses each cell once, nothing more.
        sheet_col = len(SUMMARY_META)
        for values, sheet, book, numbers in self.spool:
            cells: list[tuple[int, object, Look | None]] = [
                (c, v, LINK if c == sheet_col else None) for c, v in enumerate(values, 1)]
            if book is None:
                cells.append((sheet_col, sheet, LINK))
            else:
                cells[sheet_col - 1] = (sheet_col, sheet, LINK)
            ws.add_values(cells, links=[sheet_link(sheet_col, sheet, "A1", book)], numbers=numbers)
        self.spool.close()
        ws.finish()

    def finish(self) -> Workbook:
        """Close every sheet; the workbook is then ready to save (report sheets, if any, must be closed)."""
        self._write_summary()
        for part in (self.findings, self.corrections, self.signoffs, self.index):
            if part is not None:
                part.finish()
        stamp(self.wb, self.time)
        return self.wb
