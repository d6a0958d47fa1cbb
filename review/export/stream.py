"""Streamed workbooks: openpyxl's write-only mode, rows written to disk as they come, saved deterministically.

List sheets stream their rows to a temporary file as they come (`StreamSheet.add_values`). A report
sheet is laid out in a grid.Grid (merges, fills, comments, heights: the printed layout needs random
access) and written whole (`StreamSheet.write_whole`), kept in memory as XML until its workbook is
saved. `save` writes the same bytes for the same content: fixed times inside the zip.
"""
from __future__ import annotations

import math
import os
import tempfile
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.packaging.relationship import Relationship, RelationshipList
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet._writer import ALL_TEMP_FILES, create_temporary_file
from openpyxl.worksheet.hyperlink import Hyperlink, HyperlinkList
from openpyxl.worksheet.related import Related
from openpyxl.writer.excel import ExcelWriter
from openpyxl.xml.constants import SHEET_MAIN_NS
from openpyxl.xml.functions import tostring

from .grid import COLUMNS, cell_xml
from .style import FORMULA_STARTS, LIST_TEXT, LOOKS, Look, cell_value, style_id

ZIP_TIME = (1980, 1, 1, 0, 0, 0)


class _Part:
    """What openpyxl's ExcelWriter takes from a write-only sheet's writer: the file, its relationships."""

    def __init__(self) -> None:
        self.out = create_temporary_file()
        self._rels = RelationshipList()

    def cleanup(self) -> None:
        if os.path.exists(self.out):
            os.remove(self.out)
        if self.out in ALL_TEMP_FILES:
            ALL_TEMP_FILES.remove(self.out)


class _MemoryPart:
    """A sheet written whole and kept in memory until the workbook is saved (see _FixedTimeZip.write)."""

    def __init__(self, data: bytes) -> None:
        self.out = self
        self.data = data
        self._rels = RelationshipList()

    def cleanup(self) -> None:
        self.data = b""


# the head keeps room for the used range, written when the sheet is closed: a reader that finds no dimension
# (openpyxl's read-only mode, pandas) parses the whole sheet once more only to size it
DIMENSION_SPACE = '<dimension ref="A1"/>' + " " * 24


class StreamSheet(WriteOnlyWorksheet):
    """A write-only sheet whose rows are lists of ready cells (styled, placed, with comments and links),
    serialised straight to its file (openpyxl's own streaming writes each cell through lxml, many times
    slower for the millions of cells of a province's archive). Merged ranges are added before `finish`."""

    def __init__(self, parent: Workbook, title: str) -> None:
        super().__init__(parent, title)
        self._file: IO[str] | None = None
        self._done = False
        self._styles: dict[tuple[int, ...], int] = {}
        self.merges: list[str] = []
        self._last_column = 0  # the rightmost column written (with _max_row: the sheet's used range)
        self._dimension_at = 0  # byte offset of the space kept for the dimension in the sheet's file

    @property
    def closed(self) -> bool:
        return self._done

    def _start(self) -> IO[str]:
        if self._file is None:
            part = _Part()
            self._writer: _Part | _MemoryPart = part
            self._hyperlinks: list[Hyperlink] = []
            self._comments: list[CommentRecord] = []
            self._file = f = open(part.out, "w", encoding="utf-8")  # noqa: SIM115 - closed by close()
            head = self.head_xml(DIMENSION_SPACE)
            self._dimension_at = len(head[:head.index(DIMENSION_SPACE)].encode("utf-8"))
            f.write(head)
            f.write("<sheetData>")
        return self._file

    def head_xml(self, dimension: str = "") -> str:
        """The sheet's XML before its rows: properties, (dimension,) views, format, column widths."""
        out = ["<?xml version='1.0' encoding='UTF-8'?>\n", f'<worksheet xmlns="{SHEET_MAIN_NS}">']
        self.sheet_format.outlineLevelCol = self.column_dimensions.max_outline
        for part in (self.sheet_properties, dimension, self.views, self.sheet_format, self.column_dimensions):
            if isinstance(part, str):
                out.append(part)
            elif (tree := part.to_tree()) is not None:
                out.append(_xml(tree))
        return "".join(out)

    def print_xml(self) -> str:
        """The sheet's print options, margins and page setup (after its rows, merges and links)."""
        return "".join(_xml(part.to_tree()) for part in (self.print_options, self.page_margins, self.page_setup)
                       if part)

    def write_whole(self, head: str, rows: str, merges: str, tail: str, comments: list[CommentRecord]) -> None:
        """Write the whole sheet at once (a report sheet laid out in a grid.Grid), kept in memory until the
        workbook is saved: `head` from head_xml, `tail` from print_xml of a sheet set up alike."""
        legacy = _xml(Related(id="anysvml").to_tree("legacyDrawing")) if comments else ""
        xml = f"{head}<sheetData>{rows}</sheetData>{merges}{tail}{legacy}</worksheet>"
        self._writer = _MemoryPart(xml.encode("utf-8"))
        self._hyperlinks = []
        self._comments = comments
        self._done = True

    def append(self, row: Iterable[object]) -> None:
        """Write the next row of plain values (openpyxl's write-only API)."""
        self.add_values((c, v, None) for c, v in enumerate(row, 1))

    def add_values(self, cells: Iterable[tuple[int, object, Look | None]], height: float | None = None,
                   links: Iterable[tuple[int, str | None, str | None, str | None]] = (),
                   numbers: Iterable[tuple[int, object]] = ()) -> None:
        """Write the next row from (column, value, look) without making openpyxl cells: look None is no style
        at all (a lean list a reader parses fast); empty values are left out. `links`: (column, target
        workbook or None, location in it or None, text shown) for cells of that row. `numbers`: (column,
        value) after the cells, unstyled (the hundreds of table values of a 汇总 row, written directly)."""
        f = self._start()
        self._max_row += 1
        r = self._max_row
        wb = self.parent
        out = [f'<row r="{r}" ht="{height:g}" customHeight="1">' if height is not None else f'<row r="{r}">']
        last = self._last_column
        for c, value, look in cells:
            value = cell_value(value)
            if value is None and look is None:
                continue
            last = max(last, c)
            quote = isinstance(value, str) and value.startswith(FORMULA_STARTS)
            if look is None and quote:
                look = LIST_TEXT  # the quote prefix keeps it text when edited in Excel: a style is needed
            out.append(cell_xml(f"{COLUMNS[c]}{r}", value, style_id(wb, look, quote) if look is not None else 0))
        for c, value in numbers:
            if type(value) is int or (type(value) is float and math.isfinite(value)):
                out.append(f'<c r="{COLUMNS[c]}{r}" t="n"><v>{value:.16g}</v></c>')  # as openpyxl writes numbers
            elif (value := cell_value(value)) is not None:
                out.append(cell_xml(f"{COLUMNS[c]}{r}", value, 0))
            else:
                continue
            last = max(last, c)
        self._last_column = last
        out.append("</row>")
        f.write("".join(out))
        for c, target, location, display in links:
            self._hyperlinks.append(Hyperlink(ref=f"{COLUMNS[c]}{r}", location=location, target=target,
                                              display=display))

    def close(self) -> None:
        f = self._start()
        f.write("</sheetData>")
        if self.auto_filter:
            f.write(_xml(self.auto_filter.to_tree()))
        if self.merges:
            f.write(f'<mergeCells count="{len(self.merges)}">')
            f.write("".join(f'<mergeCell ref="{ref}"/>' for ref in self.merges))
            f.write("</mergeCells>")
        if self._hyperlinks:
            for link in self._hyperlinks:
                if link.target:
                    rel = Relationship(type="hyperlink", TargetMode="External", Target=link.target)
                    self._writer._rels.append(rel)
                    link.id = rel.id
            f.write(_xml(HyperlinkList(self._hyperlinks).to_tree()))
        f.write(self.print_xml())
        if self._comments:
            f.write(_xml(Related(id="anysvml").to_tree("legacyDrawing")))
        f.write("</worksheet>")
        f.close()
        if self._max_row and self._last_column:  # the used range, over the space kept for it in the head
            ref = f'<dimension ref="A1:{COLUMNS[self._last_column]}{self._max_row}"/>'
            assert isinstance(self._writer, _Part)
            with open(self._writer.out, "r+b") as out:
                out.seek(self._dimension_at)
                out.write(ref.ljust(len(DIMENSION_SPACE)).encode("utf-8"))
        self._done = True

    def finish(self) -> None:
        """Close the sheet's file now (it is copied into the workbook when that is saved)."""
        if not self._done:
            self.close()


def _xml(tree: object) -> str:
    return tostring(tree).decode("utf-8")


def new_workbook() -> Workbook:
    """A streamed workbook whose style records are numbered as in every other (see report_sheet.tables)."""
    wb = Workbook(write_only=True)
    for look in LOOKS:
        style_id(wb, look)
    return wb


def new_sheet(wb: Workbook, title: str) -> StreamSheet:
    ws = StreamSheet(parent=wb, title=title)
    wb._add_sheet(ws)
    return ws


def discard(wb: Workbook | None) -> None:
    """Close and delete what a workbook that will not be saved has streamed to temporary files."""
    if wb is None:
        return
    for ws in wb.worksheets:
        if isinstance(ws, StreamSheet):
            ws.finish()
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
        """Copy a file in chunks (a sheet of a large workbook need not fit in memory twice), or a sheet
        kept in memory."""
        if isinstance(filename, _MemoryPart):
            self.writestr(arcname, filename.data)
            return
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
