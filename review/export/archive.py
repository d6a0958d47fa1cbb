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
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..state import ReviewedReport
from .report_sheet import number_places, write_report_sheet
from .source import ExportSource, ListSource
from .stream import ZIP_TIME, discard, save, temporary_next_to, write_to
from .volumes import NO_REGION, Volume, VolumeWriter, default_workers, volume_file
from .workbook import SheetNamer, SummaryBook

SPLIT_ABOVE = 200  # more reports than this: a summary workbook and one workbook per region
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
                   cancelled: Callable[[], bool] | None = None, split_above: int | None = SPLIT_ABOVE,
                   workers: int | None = 0) -> ExportResult:
    """Write the archive for a source of reviewed reports: one workbook up to `split_above` reports (None:
    always one), else a summary workbook and per-region volumes beside it (`path` .xlsx) or inside a zip
    (`path` .zip). Raises OSError when something cannot be written, ExportCancelled when `cancelled()`
    turned true; in both cases the files already there are left as they were.
    workers: processes writing the volumes while this one writes the summary (0: all here; None: as
    volumes.default_workers says for the size). They are spawned, so the program's main script must be
    guarded by `if __name__ == "__main__"` (main.py is): hence 0 by default for library use."""
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
            result = _split(source, summary, path.stem, work / path.stem, progress, cancelled, workers)
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


def _split(source: ExportSource, summary: Path, folder_name: str, folder: Path, progress: Progress | None,
           cancelled: Callable[[], bool] | None, workers: int | None) -> ExportResult:
    folder.mkdir()
    book = SummaryBook(source.formats(), volumes=True)
    _overview_sheet(book, source)
    namer, taken = SheetNamer(), set[str]()
    result = ExportResult(summary)
    total = len(source)
    writer = VolumeWriter(folder, default_workers(total) if workers is None else workers)
    volume: Volume | None = None

    def close(v: Volume) -> None:
        writer.end(v)
        book.add_volume(f"{folder_name}/{v.file}", v.label, v.items, v.errors, v.warnings, v.signed, v.returned,
                        v.first, v.last)
        result.volumes.append(f"{folder_name}/{v.file}")

    try:
        for batch in source.batches(grouped=True):
            for item, group in batch:
                _tick(writer.written, total, None, cancelled)
                label = group or NO_REGION
                if volume is None or volume.label != label or volume.full:
                    if volume is not None:
                        close(volume)
                    volume = Volume(volume_file(label, taken), label)
                done = writer.written
                name = namer.name(item)
                book.add(item, name, number_places(item.report.version, book.wb), f"{folder_name}/{volume.file}")
                writer.add(volume, item, name)
                result.errors += item.counts()["error"]
                result.reports += 1
                writer.poll()
                if writer.written != done:
                    _tick(writer.written, total, progress, cancelled)
        if volume is not None:
            close(volume)
            volume = None
        write_to(book.finish(), summary)
        writer.finish()
        _tick(writer.written, total, progress, cancelled)
    except BaseException:
        discard(book.wb)
        raise
    finally:
        writer.close()
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
