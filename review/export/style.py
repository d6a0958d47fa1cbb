"""Cell styles and safe writing for the Excel export (openpyxl; no Qt).

Every value goes through :func:`cell_value` (StreamSheet.add_values, grid.Grid.put): text is cleaned of
characters XML cannot hold and text that starts like a formula (= + - @) is stored as plain text with a
quote prefix, so no cell of an exported workbook is ever a formula.
"""
from __future__ import annotations

import math
from copy import copy
from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.styles.cell_style import StyleArray
from openpyxl.worksheet._write_only import WriteOnlyWorksheet
from openpyxl.worksheet.worksheet import Worksheet

from parser import widths

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
MAX_TEXT = 32767  # Excel's limit for one cell

_thin = Side(style="thin", color="808080")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
NO_BORDER = Border()

FILL_HEADER = PatternFill("solid", fgColor="EDEDED")
FILL_CORRECTED = PatternFill("solid", fgColor="C6E0B4")  # green: a reviewer changed the value
FILL_ERROR = PatternFill("solid", fgColor="FFC7CE")  # red: an open error finding
FILL_WARNING = PatternFill("solid", fgColor="FFE699")  # amber: an open warning finding
FILL_MISSING = PatternFill("solid", fgColor="D9D9D9")  # grey: not found in the report
NO_FILL = PatternFill()

FONT = Font(name="等线", size=10)
FONT_BOLD = Font(name="等线", size=10, bold=True)
FONT_TITLE = Font(name="等线", size=14, bold=True)
FONT_SECTION = Font(name="等线", size=11, bold=True)
FONT_LINK = Font(name="等线", size=10, color="0563C1", underline="single")

CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
LEFT_TOP = Alignment(horizontal="left", vertical="top", wrap_text=True)
RIGHT = Alignment(horizontal="right", vertical="center")

LINE_HEIGHT = 14.0  # points per line of 10-point text
MAX_ROW_HEIGHT = 409.0  # Excel refuses taller rows
COMMENT_AUTHOR = "年报审核台"


@dataclass(frozen=True, eq=False)
class Look:
    """One cell style: font, fill, border, alignment (shared objects, so openpyxl indexes them once)."""

    font: Font = FONT
    fill: PatternFill = NO_FILL
    border: Border = NO_BORDER
    alignment: Alignment = LEFT


PLAIN = Look()
TITLE = Look(FONT_TITLE, alignment=CENTER)
SECTION = Look(FONT_SECTION, alignment=Alignment(horizontal="left", vertical="center"))
HEADER = Look(FONT_BOLD, FILL_HEADER, BORDER, CENTER)
LABEL = Look(border=BORDER, alignment=LEFT)
GROUP = Look(border=BORDER, alignment=CENTER)
NUMBER = Look(border=BORDER, alignment=RIGHT)
LIST_TEXT = Look(alignment=LEFT_TOP)
LIST_KEYS = Look(alignment=LEFT_TOP)  # wrapped inside a row of fixed height: clipped, never spilling over
LIST_NUMBER = Look(alignment=Alignment(horizontal="right", vertical="top"))
LINK = Look(FONT_LINK, alignment=LEFT_TOP)
# a report sheet's number and legend cells marked by fill (report_sheet.LEGEND)
MARKED_NUMBER = {f: Look(NUMBER.font, f, NUMBER.border, NUMBER.alignment)
                 for f in (FILL_CORRECTED, FILL_ERROR, FILL_WARNING, FILL_MISSING)}
MARKED_LABEL = {f: Look(LABEL.font, f, LABEL.border, LABEL.alignment)
                for f in (FILL_CORRECTED, FILL_ERROR, FILL_WARNING, FILL_MISSING)}
# registered in this order in every workbook (stream.new_workbook), so a Look has the same style id in all
LOOKS = (PLAIN, TITLE, SECTION, HEADER, LABEL, GROUP, NUMBER, LIST_TEXT, LIST_KEYS, LIST_NUMBER, LINK,
         *MARKED_NUMBER.values(), *MARKED_LABEL.values())


def clean_text(text: str) -> str:
    """Text as a cell can hold it: no control characters XML forbids, at most Excel's 32,767 characters."""
    return ILLEGAL_CHARACTERS_RE.sub("", text)[:MAX_TEXT]


def cell_value(value: object) -> object:
    """A value openpyxl writes as it is: numbers stay numbers, None stays an empty cell, the rest is text."""
    if value is None or isinstance(value, bool):
        return None if value is None else ("是" if value else "否")
    if isinstance(value, int | float):
        return value if math.isfinite(value) else None
    return clean_text(str(value))


_STYLE_CACHE: WeakKeyDictionary[Workbook, dict[int, tuple[Look, StyleArray]]] = WeakKeyDictionary()


def style_array(wb: Workbook, look: Look) -> StyleArray:
    """The workbook's style record for a Look, registered once: styling a cell is then an array copy
    (assigning font, fill, border and alignment one by one hashes each object, which is slow at scale)."""
    cache = _STYLE_CACHE.setdefault(wb, {})
    hit = cache.get(id(look))
    if hit is None:
        arr = StyleArray()
        arr.fontId = wb._fonts.add(look.font)
        arr.fillId = wb._fills.add(look.fill)
        arr.borderId = wb._borders.add(look.border)
        arr.alignmentId = wb._alignments.add(look.alignment)
        hit = cache[id(look)] = (look, arr)  # the Look is kept, so its id stays unique
    return hit[1]


_ID_CACHE: WeakKeyDictionary[Workbook, dict[tuple[int, bool], tuple[Look, int]]] = WeakKeyDictionary()


def style_id(wb: Workbook, look: Look, quote: bool = False) -> int:
    """The index of a Look's cell style record in the workbook (with the quote prefix that keeps text
    starting like a formula as text), registered once."""
    cache = _ID_CACHE.setdefault(wb, {})
    hit = cache.get((id(look), quote))
    if hit is None:
        arr = style_array(wb, look)
        if quote:
            arr = copy(arr)
            arr.quotePrefix = 1
        hit = cache[(id(look), quote)] = (look, wb._cell_styles.add(arr))
    return hit[1]


@lru_cache(maxsize=1 << 16)
def text_width(text: str) -> int:
    """Display width in Excel's character units: CJK and full-width characters count double."""
    return widths.text_width(text)


@lru_cache(maxsize=1 << 16)
def lines_needed(text: str, width: float) -> int:
    """How many wrapped lines a text needs in a cell of this width (Excel character units)."""
    usable = max(width - 1.0, 1.0)
    return sum(max(1, math.ceil(text_width(part) / usable)) for part in text.split("\n")) if text else 1


def set_print_setup(ws: Worksheet | WriteOnlyWorksheet, title_rows: str | None = None, fit_width: bool = True) -> None:
    """A4 landscape, one page wide (unless told otherwise), as many pages tall as needed; header rows
    repeated on each page."""
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    if fit_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.5
    if title_rows:
        ws.print_title_rows = title_rows
