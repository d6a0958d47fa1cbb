"""Streamed workbooks: openpyxl's write-only mode, rows written to disk as they come, saved deterministically.

A report sheet is laid out in a small in-memory sheet (merges, fills, comments, heights: the printed
layout needs random access) and then streamed into the workbook row by row (`copy_sheet`), so a workbook
holds one report's cells at a time however many sheets it has. List sheets stream their rows directly
(`StreamSheet.add_row`). `save` writes the same bytes for the same content: fixed times inside the zip.
"""
from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell.cell import Cell, MergedCell
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

ZIP_TIME = (1980, 1, 1, 0, 0, 0)
# what a sheet laid out in memory hands over to its streamed copy (before the first row is written)
_SHEET_PARTS = ("views", "sheet_properties", "sheet_format", "column_dimensions", "row_dimensions", "merged_cells",
                "page_setup", "print_options", "page_margins", "auto_filter", "_print_rows", "_print_cols",
                "_print_area")


class StreamSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are lists of ready cells (styled, placed, with comments and links)."""

    def _values_to_row(self, values: Sequence[Cell | MergedCell], row_idx: int) -> Sequence[Cell | MergedCell]:  # noqa: ARG002
        return values

    def add_row(self, cells: Sequence[Cell | MergedCell], height: float | None = None) -> None:
        """Write the next row; its height, if any, is set first (a streamed row cannot change later)."""
        self._max_row += 1
        if height is not None:
            self.row_dimensions[self._max_row].height = height
        self.append(cells)

    def finish(self) -> None:
        """Close the sheet's stream now (its file is copied into the workbook when that is saved), so a
        workbook of many sheets never holds many open files."""
        if not self.closed:
            self.close()


def new_workbook() -> Workbook:
    return Workbook(write_only=True)


def new_sheet(wb: Workbook, title: str) -> StreamSheet:
    ws = StreamSheet(parent=wb, title=title)
    wb._add_sheet(ws)
    return ws


def scratch_sheet(wb: Workbook) -> Worksheet:
    """An in-memory sheet whose styles register in `wb` (never added to it; see copy_sheet)."""
    return Worksheet(wb, "scratch")


def copy_sheet(scratch: Worksheet, out: StreamSheet) -> None:
    """Stream a sheet laid out in memory into `out` (same cells, styles, merges, comments, heights, print setup)
    and close `out`. Hyperlinks are not carried over (report sheets have none)."""
    for part in _SHEET_PARTS:
        setattr(out, part, getattr(scratch, part))
    cells = scratch._cells
    width = scratch.max_column
    for r in range(1, scratch.max_row + 1):
        row = [cells.get((r, c)) for c in range(1, width + 1)]
        out.append([c for c in row if c is not None])
    out.finish()


def discard(wb: Workbook | None) -> None:
    """Close and delete what a workbook that will not be saved has streamed to temporary files."""
    if wb is None:
        return
    for ws in wb.worksheets:
        if isinstance(ws, WriteOnlyWorksheet):
            if not ws.closed:
                ws.close()
            if ws._writer is not None and os.path.exists(ws._writer.out):
                ws._writer.cleanup()


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
        """Copy a file in chunks (a sheet of a large workbook need not fit in memory twice)."""
        info = zipfile.ZipInfo(arcname or os.path.basename(filename), date_time=ZIP_TIME)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        with open(filename, "rb") as src, self.open(info, "w", force_zip64=True) as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)


def temporary_next_to(path: Path, suffix: str = ".tmp") -> Path:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    return Path(tmp)


def save(wb: Workbook, path: Path) -> None:
    """Write next to the target and rename over it: a failed export never leaves half a file."""
    tmp = temporary_next_to(path)
    try:
        write_to(wb, tmp)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_to(wb: Workbook, path: Path) -> None:
    """Write the workbook to this path (no atomic rename; see save)."""
    with _FixedTimeZip(path, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).save()
