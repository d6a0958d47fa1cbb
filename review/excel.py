"""The Excel workbook for the archive: one summary row per report, one sheet per report, findings,
corrections and sign-offs. Pure Python (openpyxl), used by the window and by `main.py export`.

Sheets: 汇总 (two header rows: Chinese label, cell key; `pandas.read_excel(header=1)` reads it),
问题清单, 修改记录, 签发, then one sheet per report laid out like the printed format (excel_report.py).
The same input always gives the same bytes: fixed document times and fixed times inside the zip.
"""
from __future__ import annotations

import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from parser.template import versions

from .excel_report import DECISION_NAMES, SEVERITY_NAMES, STATUS_NAMES, ReportSheet, format_time
from .excel_style import (
    FONT_BOLD,
    HEADER,
    LINE_HEIGHT,
    LINK,
    LIST_KEYS,
    LIST_NUMBER,
    LIST_TEXT,
    put,
    set_print_setup,
    text_width,
)
from .state import ReviewedReport

__all__ = ["export_workbook", "summary_columns", "sheet_names", "SUMMARY", "FINDINGS", "CORRECTIONS", "SIGNOFFS"]

SUMMARY, FINDINGS, CORRECTIONS, SIGNOFFS = "汇总", "问题清单", "修改记录", "签发"
FIXED_SHEETS = (SUMMARY, FINDINGS, CORRECTIONS, SIGNOFFS)
RESERVED_NAMES = {"history"}  # Excel refuses a sheet called History
MAX_SHEET_NAME = 31
EPOCH = datetime(2019, 1, 1)  # document time of a workbook whose input carries no time at all
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

# 汇总: (Chinese label, key) of the columns before the cells.
SUMMARY_META = (
    ("机关", "agency"), ("年度", "year"), ("格式", "template"), ("审核状态", "status"), ("签发结论", "outcome"),
    ("审核人", "reviewer"), ("签发时间", "signed_at"), ("未处理错误", "open_errors"),
    ("未处理警告", "open_warnings"), ("文件", "file"), ("工作表", "sheet"),
)
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


def export_workbook(items: list[ReviewedReport], path: str | Path,
                    progress: Callable[[int, int], None] | None = None) -> None:
    """Write the archive workbook for these reviewed reports to `path` (replaced atomically).

    `progress(done, total)`, if given, is called after each report's sheet (a window can show a bar;
    writing the file comes after the last call). Raises OSError when the file cannot be written (e.g.
    it is open in Excel or the folder is missing).
    """
    items = list(items)
    wb = Workbook()
    summary = wb.active
    summary.title = SUMMARY
    findings = wb.create_sheet(FINDINGS)
    corrections = wb.create_sheet(CORRECTIONS)
    signoffs = wb.create_sheet(SIGNOFFS)
    names = sheet_names(items)
    where: list[dict[str, str]] = []
    for item, name in zip(items, names, strict=True):
        sheet = ReportSheet(wb.create_sheet(name), item, item.report.source)
        sheet.write()
        where.append(sheet.where)
        if progress is not None:
            progress(len(where), len(items))
    write_summary(summary, items, names)
    write_findings(findings, items, names, where)
    write_corrections(corrections, items, names)
    write_signoffs(signoffs, items, names)
    stamp = document_time(items)
    wb.properties.creator = wb.properties.lastModifiedBy = "年报审核台"
    wb.properties.title = "政府信息公开工作年度报告审核结果"
    wb.properties.created = wb.properties.modified = stamp
    save(wb, Path(path))


# -- sheet names --------------------------------------------------------------------------------------

def _units(name: str) -> int:
    """Length as Excel counts it (UTF-16 code units)."""
    return len(name.encode("utf-16-le")) // 2


def _cut(name: str, limit: int) -> str:
    while _units(name) > limit:
        name = name[:-1]
    return name


def sheet_names(items: Iterable[ReviewedReport]) -> list[str]:
    """A valid, unique sheet name per report: agency and year, at most 31 characters, none of []:*?/\\."""
    taken = {n.lower() for n in FIXED_SHEETS} | RESERVED_NAMES
    out = []
    for i, item in enumerate(items, 1):
        r = item.report
        base = f"{r.agency or ''}{r.year or ''}" or Path(r.source).stem or f"报告{i}"
        base = re.sub(r"[\[\]:*?/\\\x00-\x1f]", "", base).strip().strip("'").strip() or f"报告{i}"
        name, n = _cut(base, MAX_SHEET_NAME), 1
        while name.lower() in taken:
            n += 1
            suffix = f"（{n}）"
            name = _cut(base, MAX_SHEET_NAME - _units(suffix)).rstrip("'") + suffix
        taken.add(name.lower())
        out.append(name)
    return out


def _link(ws: Worksheet, row: int, column: int, sheet: str, target: str = "A1") -> None:
    cell = put(ws, row, column, sheet, LINK)
    quoted = sheet.replace("'", "''")
    cell.hyperlink = Hyperlink(ref=cell.coordinate, location=f"'{quoted}'!{target}", display=sheet)


# -- 汇总 ---------------------------------------------------------------------------------------------

def summary_columns(items: Iterable[ReviewedReport]) -> list[tuple[str, str]]:
    """(Chinese label, key) of every cell column: the keys of the formats present, newest format first."""
    present = {item.report.template for item in items}
    columns: dict[str, str] = {}
    for key, ver in sorted(versions().items(), key=lambda kv: kv[0], reverse=True):
        if key in present:
            for cell_key, spec in ver.specs.items():
                columns.setdefault(cell_key, spec.display_name())
    return [(label, key) for key, label in columns.items()]


def _summary_meta(item: ReviewedReport, sheet: str) -> list[object]:
    r, s = item.report, item.signoff
    counts = item.counts()
    return [r.agency, r.year, f"{r.template}年版" if r.template else None, item.status,
            s.outcome if s else None, s.reviewer if s else None, format_time(s.time) if s else None,
            counts["error"], counts["warning"], r.source, sheet]


def write_summary(ws: Worksheet, items: list[ReviewedReport], names: list[str]) -> None:
    columns = list(SUMMARY_META) + summary_columns(items)
    widths = [max(text_width(label), len(key), 6) + 2 for label, key in columns]
    meta = len(SUMMARY_META)
    for c, (label, key) in enumerate(columns, 1):
        put(ws, 1, c, label, HEADER)
        put(ws, 2, c, key, HEADER)
        if c > meta:  # cell columns: wrap the long label and the key over up to three lines
            widths[c - 1] = max(10, min(18, -(-max(text_width(label), len(key)) // 3) + 2))
    keys = [key for _, key in columns[meta:]]
    sheet_col = meta
    for i, (item, name) in enumerate(zip(items, names, strict=True)):
        r = 3 + i
        values = _summary_meta(item, name)
        for c, v in enumerate(values[:-1], 1):
            put(ws, r, c, v, LIST_NUMBER if isinstance(v, int | float) else LIST_TEXT)
            if isinstance(v, str):
                widths[c - 1] = max(widths[c - 1], min(text_width(v) + 2, 50))
        _link(ws, r, sheet_col, name)
        widths[sheet_col - 1] = max(widths[sheet_col - 1], min(text_width(name) + 2, 40))
        cells = item.report.cells
        for c, key in enumerate(keys, meta + 1):
            cell = cells.get(key)
            if cell is not None and cell.value is not None:
                put(ws, r, c, cell.value, LIST_NUMBER)
    for c, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(c)].width = w
    ws.row_dimensions[1].height = 3 * LINE_HEIGHT + 4
    ws.row_dimensions[2].height = 3 * LINE_HEIGHT + 4
    ws.freeze_panes = "C3"
    last = get_column_letter(len(columns))
    ws.auto_filter.ref = f"A2:{last}{max(2, len(items) + 2)}"
    # Hundreds of columns cannot fit one page wide: print across pages, agency and headers on every page.
    set_print_setup(ws, "1:2", fit_width=False)
    ws.print_title_cols = "A:B"


# -- 问题清单, 修改记录, 签发 ---------------------------------------------------------------------------

def _list_sheet(ws: Worksheet, columns: tuple[tuple[str, int], ...], rows: list[list[object]],
                links: list[tuple[str, str]]) -> None:
    """A plain list: one bold header row, frozen, filtered; the first column links to the report's sheet."""
    unwrapped = {c for c, (label, _) in enumerate(columns, 1) if label in UNWRAPPED}
    for c, (label, width) in enumerate(columns, 1):
        put(ws, 1, c, label, HEADER)
        ws.column_dimensions[get_column_letter(c)].width = width
    for i, (values, (sheet, target)) in enumerate(zip(rows, links, strict=True)):
        r = 2 + i
        _link(ws, r, 1, sheet, target)
        lines = 1
        for c, v in enumerate(values, 2):
            look = LIST_NUMBER if isinstance(v, int | float) else LIST_KEYS if c in unwrapped else LIST_TEXT
            put(ws, r, c, v, look)
            if isinstance(v, str) and v and c not in unwrapped:
                lines = max(lines, -(-text_width(v) // max(columns[c - 1][1] - 1, 1)))
        # Every height is explicit, so a viewer that fits rows to their content does not stretch a row
        # to show hundreds of cell keys; those stay clipped to the row (the cell holds them all).
        ws.row_dimensions[r].height = min(lines, 8) * LINE_HEIGHT + 4
    ws.row_dimensions[1].height = LINE_HEIGHT + 6
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    set_print_setup(ws, "1:1")
    ws.print_area = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"


def _cell_names(item: ReviewedReport, keys: Sequence[str], shown: int = SHOWN_CELLS) -> str:
    """The cells as printed (表三（七）总计·自然人), the first few of a long list and how many there are."""
    version = item.report.version
    names = []
    for key in keys[:shown]:
        spec = version.specs.get(key) if version else None
        names.append(spec.display_name() if spec else key)
    return "、".join(names) + (f" 等 {len(keys)} 格" if len(keys) > shown else "")


def write_findings(ws: Worksheet, items: list[ReviewedReport], names: list[str],
                   where: list[dict[str, str]]) -> None:
    rows, links = [], []
    for item, name, cells in zip(items, names, where, strict=True):
        for f in item.findings:
            d = item.decisions.get(f.id)
            rows.append([
                f.rule, SEVERITY_NAMES.get(f.severity, f.severity), STATUS_NAMES.get(f.status, f.status),
                _cell_names(item, f.cells), f.reported, f.computed, f.message,
                "未处理" if d is None else DECISION_NAMES.get(d.action, d.action),
                d.reason if d else None, d.reviewer if d else None, format_time(d.time) if d else None,
                ",".join(f.cells),
            ])
            links.append((name, cells.get(f.cells[0], "A1") if f.cells else "A1"))
    _list_sheet(ws, FINDING_COLUMNS, rows, links)


def write_corrections(ws: Worksheet, items: list[ReviewedReport], names: list[str]) -> None:
    rows, links = [], []
    for item, name in zip(items, names, strict=True):
        for c in item.report.corrections():
            rows.append([format_time(c.time), c.reviewer, _cell_names(item, [c.cell]), c.cell, c.old, c.new,
                         c.reason])
            links.append((name, "A1"))
    _list_sheet(ws, CORRECTION_COLUMNS, rows, links)


def write_signoffs(ws: Worksheet, items: list[ReviewedReport], names: list[str]) -> None:
    rows, links = [], []
    for item, name in zip(items, names, strict=True):
        s = item.signoff
        if s is None:
            continue
        check = "不一致：签发后数据或原文件被改动" if item.hash_mismatch else "一致"
        rows.append([item.report.source, s.outcome, s.reviewer, format_time(s.time), s.reason, s.values_hash, check])
        links.append((name, "A1"))
    _list_sheet(ws, SIGNOFF_COLUMNS, rows, links)
    for r in range(2, len(rows) + 2):
        if ws.cell(r, 8).value != "一致":
            ws.cell(r, 8).font = FONT_BOLD


# -- deterministic saving -----------------------------------------------------------------------------

def document_time(items: Iterable[ReviewedReport]) -> datetime:
    """The latest time recorded in the input (a correction, decision or sign-off), else a fixed date."""
    times = []
    for item in items:
        times += [c.time for c in item.report.corrections()]
        times += [d.time for d in item.decisions.values()]
        if item.signoff is not None:
            times.append(item.signoff.time)
    parsed = []
    for t in times:
        try:
            dt = datetime.fromisoformat(t)
        except (TypeError, ValueError):
            continue
        if dt.tzinfo is not None:
            dt = dt.astimezone(UTC).replace(tzinfo=None)
        parsed.append(dt.replace(microsecond=0))
    return max(parsed, default=EPOCH)


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry the same time, so equal content gives equal bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):  # noqa: ANN001
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):  # noqa: ANN001
        with open(filename, "rb") as f:
            self.writestr(arcname or os.path.basename(filename), f.read())


def save(wb: Workbook, path: Path) -> None:
    """Write next to the target and rename over it: a failed export never leaves half a file."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        with _FixedTimeZip(tmp, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
            ExcelWriter(wb, archive).save()
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
