"""A report sheet laid out in memory as ready cell XML, then written out in one piece.

A report sheet needs random access while it is laid out (merged blocks, row heights that grow with
their text), so it is built here: each cell is serialised when it is placed (value cleaned and typed by
style.cell_value, style record looked up once per Look), and `xml` joins the rows at the end. No
openpyxl Cell is made for a report's ~300 cells; the tables' static cells of a format are shared as
strings between all reports (report_sheet._Layout).
"""
from __future__ import annotations

from openpyxl import Workbook
from openpyxl.comments.comment_sheet import CommentRecord
from openpyxl.compat import safe_string
from openpyxl.utils import get_column_letter

from .style import FORMULA_STARTS, Look, cell_value, style_id

COLUMNS = [""] + [get_column_letter(c) for c in range(1, 1025)]
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})


def cell_xml(ref: str, value: object, sid: int) -> str:
    """One <c> element: `value` as style.cell_value made it (number, text or None); style 0 is written as
    no style attribute at all (a lean row)."""
    style = f' s="{sid}"' if sid else ""
    if isinstance(value, str):
        if value == "":
            return f'<c r="{ref}"{style} t="inlineStr"/>'
        space = ' xml:space="preserve"' if value.strip() and value.strip() != value else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{value.translate(_ESCAPES)}</t></is></c>'
    if value is None:
        return f'<c r="{ref}"{style} t="n"/>'
    return f'<c r="{ref}"{style} t="n"><v>{safe_string(value)}</v></c>'


class Grid:
    """One sheet's cells as XML by (row, column), its merged ranges, row heights and comments."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.cells: dict[tuple[int, int], str] = {}
        self.merges: set[tuple[int, int, int, int]] = set()  # (first column, first row, last column, last row)
        self.heights: dict[int, float] = {}
        self.comments: dict[tuple[int, int], tuple[str, int, int]] = {}  # text, width, height

    def put(self, r: int, c: int, value: object, look: Look) -> int:
        """Place a value with a style (text that starts like a formula is kept as text); its style id."""
        value = cell_value(value)
        sid = style_id(self.wb, look, isinstance(value, str) and value.startswith(FORMULA_STARTS))
        self.cells[(r, c)] = cell_xml(f"{COLUMNS[c]}{r}", value, sid)
        return sid

    def merge(self, r1: int, c1: int, r2: int, c2: int, sid: int, bordered: bool) -> None:
        """Merge a block whose top-left cell is placed (with style `sid`). A bordered block's covered cells
        carry the same style, so it is outlined on all four edges; otherwise they need not exist."""
        if bordered:
            cells = self.cells
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    if r != r1 or c != c1:
                        cells[(r, c)] = f'<c r="{COLUMNS[c]}{r}" s="{sid}" t="n"/>'
        self.merges.add((c1, r1, c2, r2))

    def comment(self, r: int, c: int, text: str, width: int, height: int) -> None:
        self.comments[(r, c)] = (text, width, height)

    def rows_xml(self) -> str:
        """<sheetData>'s content: every row from the first to the last holding a cell (empty ones too)."""
        by_row: dict[int, list[str]] = {}
        for (r, _c), xml in sorted(self.cells.items()):
            by_row.setdefault(r, []).append(xml)
        last = max(by_row, default=0)
        heights = self.heights
        out = []
        for r in range(1, last + 1):
            h = heights.get(r)
            head = f'<row r="{r}" ht="{h:g}" customHeight="1">' if h is not None else f'<row r="{r}">'
            out.append(head + "".join(by_row.get(r, ())) + "</row>")
        return "".join(out)

    def merges_xml(self) -> str:
        if not self.merges:
            return ""
        refs = "".join(f'<mergeCell ref="{COLUMNS[c1]}{r1}:{COLUMNS[c2]}{r2}"/>' for c1, r1, c2, r2 in
                       sorted(self.merges))
        return f'<mergeCells count="{len(self.merges)}">{refs}</mergeCells>'

    def comment_records(self, author: str) -> list[CommentRecord]:
        records = []
        for (r, c), (text, width, height) in sorted(self.comments.items()):
            record = CommentRecord(ref=f"{COLUMNS[c]}{r}", author=author)
            record.text.t = text
            record.width, record.height = width, height
            records.append(record)
        return records
