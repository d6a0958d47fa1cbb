"""Writing the archive: one workbook for a small selection, a summary workbook plus volumes for a large one.

Small (at most `split_above` reports): one workbook, the four list sheets then one sheet per report.
Large: `NAME.xlsx` (汇总, 问题清单, 修改记录, 签发, 分册目录) and a folder `NAME/` with one workbook per
地区 (or per agency when no roster says the region), each holding its reports' sheets; every link of the
summary opens the report's sheet in its volume. Given a `.zip` path, the same files go into one zip.

Reports are read from an ExportSource batch by batch and written as they come (openpyxl write-only):
memory does not grow with the number of reports. The same input gives the same bytes; a failed or
cancelled export leaves the previous files as they were.
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from ..state import STATUS_RETURNED, STATUS_SIGNED, ReviewedReport
from .report_sheet import write_report_sheet
from .source import ExportSource, ListSource
from .stream import ZIP_TIME, discard, new_workbook, save, temporary_next_to, write_to
from .workbook import EPOCH, SheetNamer, SummaryBook, item_time, stamp

SPLIT_ABOVE = 200  # more reports than this: a summary workbook and one workbook per region
NO_REGION = "未识别机关"
Progress = Callable[[int, int], None]


class ExportCancelled(Exception):
    """The export was cancelled; nothing was written."""


@dataclass
class ExportResult:
    """What was written: the summary (or only) workbook, the volumes (relative paths), the zip if any."""

    path: Path
    reports: int = 0
    volumes: list[str] = field(default_factory=list)
    errors: int = 0

    @property
    def split(self) -> bool:
        return bool(self.volumes)


def export_workbook(items: list[ReviewedReport], path: str | Path, progress: Progress | None = None) -> None:
    """Write one archive workbook for these reviewed reports to `path` (replaced atomically), whatever
    their number. `progress(done, total)` is called after each report's sheet. Raises OSError when the
    file cannot be written (e.g. it is open in Excel or the folder is missing)."""
    export_archive(ListSource(items), path, progress, split_above=None)


def export_archive(source: ExportSource | list[ReviewedReport], path: str | Path, progress: Progress | None = None,
                   cancelled: Callable[[], bool] | None = None, split_above: int | None = SPLIT_ABOVE) -> ExportResult:
    """Write the archive for a source of reviewed reports: one workbook up to `split_above` reports (None:
    always one), else a summary workbook and per-region volumes beside it (`path` .xlsx) or inside a zip
    (`path` .zip). Raises OSError when something cannot be written, ExportCancelled when `cancelled()`
    turned true; in both cases the files already there are left as they were."""
    if isinstance(source, list):
        source = ListSource(source)
    path = Path(path)
    zipped = path.suffix.lower() == ".zip"
    split = split_above is not None and len(source) > split_above
    if not split and not zipped:
        return _single(source, path, progress, cancelled)
    if split and not zipped:
        _check_folder(path.with_suffix(""))
    work = Path(tempfile.mkdtemp(prefix=f".{path.stem}.", dir=path.parent))
    try:
        summary = work / f"{path.stem}.xlsx"
        if split:
            result = _split(source, summary, path.stem, work / path.stem, progress, cancelled)
        else:
            result = _single(source, summary, progress, cancelled)
        if zipped:
            _zip(work, path)
        else:
            _move_into_place(work, path)
        result.path = path
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _tick(done: int, total: int, progress: Progress | None, cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled("导出已取消")
    if progress is not None:
        progress(done, total)


def _single(source: ExportSource, path: Path, progress: Progress | None,
            cancelled: Callable[[], bool] | None) -> ExportResult:
    book = SummaryBook(source.formats())
    _overview_sheet(book, source)
    namer, done, total, errors = SheetNamer(), 0, len(source), 0
    try:
        for batch in source.batches(grouped=False):
            for item, _group in batch:
                _tick(done, total, None, cancelled)
                name = namer.name(item)
                book.add(item, name, write_report_sheet(book.wb, name, item))
                errors += item.counts()["error"]
                done += 1
                _tick(done, total, progress, cancelled)
        save(book.finish(), path)
    except BaseException:
        discard(book.wb)
        raise
    return ExportResult(path, done, [], errors)


def _overview_sheet(book: SummaryBook, source: ExportSource) -> None:
    """A workspace with a roster: the 概览 sheet (tables and native charts) after the list sheets."""
    ov = source.overview()
    if ov is not None:
        from ..rules import CATALOGUE
        from .overview_sheet import write_overview

        write_overview(book.wb, ov, {r.id: r.description for r in CATALOGUE})


@dataclass
class _Volume:
    file: str
    label: str
    wb: Workbook
    items: int = 0
    errors: int = 0
    warnings: int = 0
    signed: int = 0
    returned: int = 0
    first: str = ""
    last: str = ""
    time: datetime = EPOCH

    def add(self, item: ReviewedReport, sheet: str) -> None:
        counts = item.counts()
        self.items += 1
        self.errors += counts["error"]
        self.warnings += counts["warning"]
        self.signed += item.status == STATUS_SIGNED
        self.returned += item.status == STATUS_RETURNED
        self.first = self.first or sheet
        self.last = sheet
        self.time = max(self.time, item_time(item) or EPOCH)


def volume_file(label: str, taken: set[str]) -> str:
    """A file name for a volume: the region's (or agency's) name without characters file systems refuse,
    unique regardless of case."""
    base = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", label).strip().strip(".") or NO_REGION
    base = base[:80]
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}（{n}）"
    taken.add(name.lower())
    return f"{name}.xlsx"


def _split(source: ExportSource, summary: Path, folder_name: str, folder: Path, progress: Progress | None,
           cancelled: Callable[[], bool] | None) -> ExportResult:
    folder.mkdir()
    book = SummaryBook(source.formats(), volumes=True)
    _overview_sheet(book, source)
    namer, taken = SheetNamer(), set[str]()
    result = ExportResult(summary)
    total = len(source)
    volume: _Volume | None = None

    def close(v: _Volume) -> None:
        stamp(v.wb, v.time)
        write_to(v.wb, folder / v.file)
        book.add_volume(f"{folder_name}/{v.file}", v.label, v.items, v.errors, v.warnings, v.signed, v.returned,
                        v.first, v.last)
        result.volumes.append(f"{folder_name}/{v.file}")

    try:
        for batch in source.batches(grouped=True):
            for item, group in batch:
                _tick(result.reports, total, None, cancelled)
                label = group or NO_REGION
                if volume is None or volume.label != label:
                    if volume is not None:
                        close(volume)
                    volume = _Volume(volume_file(label, taken), label, new_workbook())
                name = namer.name(item)
                book.add(item, name, write_report_sheet(volume.wb, name, item), f"{folder_name}/{volume.file}")
                volume.add(item, name)
                result.errors += item.counts()["error"]
                result.reports += 1
                _tick(result.reports, total, progress, cancelled)
        if volume is not None:
            close(volume)
            volume = None
        write_to(book.finish(), summary)
    except BaseException:
        discard(volume.wb if volume is not None else None)
        discard(book.wb)
        raise
    return result


def _check_folder(folder: Path) -> None:
    """The volumes' folder may replace a previous export's (workbooks only), never other files."""
    if folder.exists() and not folder.is_dir():
        raise OSError(f"已有同名文件，无法创建分册文件夹：{folder}")
    if folder.is_dir():
        others = [p.name for p in folder.iterdir() if p.suffix.lower() != ".xlsx" or not p.is_file()]
        if others:
            raise OSError(f"分册文件夹 {folder} 中有其他文件（{'、'.join(sorted(others)[:3])}），"
                          "为免覆盖请另选保存位置")


def _move_into_place(work: Path, path: Path) -> None:
    """Rename the written files over the previous export: the folder first, then the summary workbook."""
    folder, new_folder = path.with_suffix(""), work / path.stem
    if new_folder.is_dir():
        _check_folder(folder)
        old = None
        if folder.is_dir():
            old = work / ".previous"
            os.replace(folder, old)
        try:
            os.replace(new_folder, folder)
        except BaseException:
            if old is not None:
                os.replace(old, folder)
            raise
    summary = work / f"{path.stem}.xlsx"
    os.chmod(summary, path.stat().st_mode & 0o777 if path.exists() else 0o644)
    os.replace(summary, path)


def _zip(work: Path, path: Path) -> None:
    """All written files in one zip (sorted names, fixed times: the same content gives the same bytes)."""
    tmp = temporary_next_to(path)
    try:
        files = sorted(p for p in work.rglob("*") if p.is_file() and not p.name.startswith("."))
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_STORED, allowZip64=True) as z:
            for p in files:
                info = zipfile.ZipInfo(p.relative_to(work).as_posix(), date_time=ZIP_TIME)
                info.external_attr = 0o644 << 16
                info.flag_bits |= 0x800  # names in UTF-8
                with open(p, "rb") as src, z.open(info, "w", force_zip64=p.stat().st_size > 1 << 30) as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
