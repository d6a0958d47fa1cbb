"""The shared text rendering of documents: paragraphs as lines, tables as tab-separated grid rows.

Every document format (HTML, DOCX, PDF) is turned into a list of blocks (a paragraph string or a
table) and rendered here, so all formats give the same kind of text, the one a browser copy gives:
one line per table row, cells separated by a TAB, a merged cell's text once at its top-left grid
position and empty cells where the merge covers.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_SPAN = 200  # a rowspan/colspan larger than this is a broken document, not a report table
MAX_GRID_CELLS = 200_000  # a table bigger than this is refused (memory stays bounded)

_CJK = r"\u2010-\u206f\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f"  # and curly quotes, dashes
_BREAK_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \t\r\f\v\xa0]*\n\s*(?=[{_CJK}])")
_SPACE_RUN = re.compile(r"[\s\xa0\u200b\ufeff\x01]+")
BREAK = "\x01"  # an explicit line break inside a cell (<br>, a new paragraph): always becomes one space


def collapse(text: str) -> str:
    """One line of text: line breaks between two CJK characters vanish, other whitespace runs become one space."""
    return _SPACE_RUN.sub(" ", _BREAK_BETWEEN_CJK.sub("", text)).strip()


@dataclass
class SourceCell:
    """A table cell as the document states it, before it is placed on the grid."""

    text: str
    rowspan: int = 1
    colspan: int = 1
    covered: bool = False  # a continuation of a vertical merge started above (DOCX vMerge="continue")


@dataclass
class TableBlock:
    rows: list[list[SourceCell]] = field(default_factory=list)

    def grid(self) -> list[list[str]]:
        return layout(self.rows)


Block = str | TableBlock


def span_value(raw: object, limit: int = MAX_SPAN) -> int:
    """A rowspan/colspan attribute as a sane positive int ("2", " 3;", "" or "x" → 1)."""
    m = re.match(r"\s*(\d+)", str(raw or ""))
    n = int(m.group(1)) if m else 1
    return min(max(n, 1), limit)


def layout(rows: list[list[SourceCell]]) -> list[list[str]]:
    """Place cells on a grid honouring rowspan/colspan; covered positions are empty strings."""
    from ..errors import ReadError

    n_rows = len(rows)
    taken: dict[tuple[int, int], str] = {}
    width = 0
    for r, cells in enumerate(rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            rowspan = min(cell.rowspan, n_rows - r)
            for dr in range(rowspan):
                for dc in range(cell.colspan):
                    taken[(r + dr, c + dc)] = ""
            if not cell.covered:
                taken[(r, c)] = collapse(cell.text)
            c += cell.colspan
            width = max(width, c)
            if len(taken) > MAX_GRID_CELLS:
                raise ReadError("表格过大或结构损坏（单元格数量异常），无法读取")
    return [[taken.get((r, c), "") for c in range(width)] for r in range(n_rows)]


def render(blocks: list[Block]) -> str:
    """Blocks → the plain text the text pane shows: paragraphs as lines, a blank line around tables."""
    out: list[str] = []
    for block in blocks:
        if isinstance(block, TableBlock):
            grid = block.grid()
            if not any(any(row) for row in grid):
                continue
            if out and out[-1] != "":
                out.append("")
            out.extend("\t".join(row) for row in grid)
            out.append("")
        else:
            line = block.strip(" \r\n\f\v\u3000\xa0")  # TABs stay: they are tab-aligned columns
            if line.strip():
                out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out) + "\n" if out else ""
