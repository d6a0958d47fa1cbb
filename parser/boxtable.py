"""Tables drawn with rules (a text browser's dump, a grid table) → one Markdown row per table row.

`w3m -dump` of a web page draws each table with box characters and wraps a cell's text over as many lines as
its column is narrow; a merged cell spans several rows, its text centred among them:

    │        │      │3.危及“三安全一稳定”          │0  │0  │
    │        │（三）├──────────────────────────────┼───┼───┤
    │        │不予公│4.保护第三方合法权益          │3  │2  │

Read line by line the text of one cell is spread over lines that belong to other rows. The rules say where
each cell begins and ends: a cell is the stretch between two column bars, from the rule above it to the next
rule that crosses it. Each cell's lines are joined, and the cells are written as rows of a pipe table, a
merged cell in the row it begins (as converters write a web page's merged cells):

    | （三）不予公开 | 4.保护第三方合法权益 | 3 | 2 |

Columns are counted in display width (a Chinese character takes two, box characters one), as the text
browser lays them out; a block whose bars do not line up is left as it is. Pandoc's grid tables
(+----+----+ rules, | bars) are read the same way.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .widths import char_width

_BOX_BARS = "│┃║"
_BOX_LINES = "─━═"
_BOX_RULES = "─━═┼├┤┬┴┌┐└┘╋┣┫┳┻┏┓┗┛╬╠╣╦╩╔╗╚╝╞╡╪╤╧╒╕╘╛╟╢╫╥╨╓╖╙╜"
_ANY_BOX = re.compile(f"[{_BOX_BARS}{_BOX_RULES}]")
_ASCII_RULE_LINE = re.compile(r"^[ \t]*\+[-=:]{2,}[-=:+]*\+[ \t]*$", re.M)
# pandoc's simple table: its columns' extents as runs of dashes, above and below the rows
_DASHED_RULE = re.compile(r"^[ \t]*-{3,}(?: -{3,})+[ \t]*$", re.M)


@dataclass(slots=True)
class _Cell:
    band: int  # the row band (between two rules) the cell begins in
    x0: int
    lines: list[list[tuple[str, int]]] = field(default_factory=list)  # per line: (character, offset)


def unbox(text: str) -> tuple[str, list[int]] | None:
    """`text` with its ruled tables written as pipe rows, and for each character of the result its offset in
    `text` (the rows' bars and spaces take the offset of their line's first bar); None when `text` holds no
    ruled table."""
    box = _ANY_BOX.search(text) is not None
    ascii_grid = "+-" in text and _ASCII_RULE_LINE.search(text) is not None
    dashed = "--- ---" in text and _DASHED_RULE.search(text) is not None
    if not box and not ascii_grid and not dashed:
        return None
    lines: list[tuple[int, str]] = []  # (offset of the line, line)
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    out: list[str] = []
    orig: list[int] = []
    changed = False
    i = 0
    while i < len(lines):
        j = _block_end(lines, i, box, ascii_grid)
        rows = _rows(lines[i:j], box) if j > i else None
        if rows is None and dashed and _DASHED_RULE.match(lines[i][1]):
            j, rows = _dashed_rows(lines, i)
        if rows is None:
            start, line = lines[i]
            out.append(line + "\n")
            orig.extend(range(start, start + len(line) + 1))
            i += 1
            continue
        for anchor, cells in rows:
            for k, cell in enumerate(cells):
                lead = "| " if k == 0 else " | "
                out.append(lead)
                orig.extend([anchor] * len(lead))
                out.append("".join(c for c, _ in cell))
                orig.extend(o for _, o in cell)
            out.append(" |\n")
            orig.extend([anchor] * 3)
        changed = True
        i = j
    if not changed:
        return None
    result = "".join(out)[:-1]  # the text's last line has no line end of its own
    orig.pop()
    orig.append(len(text))
    return result, orig


def _kind(line: str, box: bool, ascii_grid: bool) -> bool:
    """Whether `line` may be a line of a ruled table: it starts and ends with a bar, a corner or a junction."""
    s = line.strip()
    if len(s) < 2:
        return False
    if box and s[0] in _BOX_BARS + _BOX_RULES and s[-1] in _BOX_BARS + _BOX_RULES:
        return True
    return ascii_grid and s[0] in "+|" and s[-1] in "+|" and (s[0] == "|" or _ASCII_RULE_LINE.match(s) is not None)


def _block_end(lines: list[tuple[int, str]], i: int, box: bool, ascii_grid: bool) -> int:
    """The end of the ruled table starting at line i (i when none starts there: it opens with a rule)."""
    first = lines[i][1].strip()
    if not _kind(first, box, ascii_grid) or first[0] not in "┌┏╔╒╓+":
        return i
    j = i
    while j < len(lines) and _kind(lines[j][1], box, ascii_grid):
        j += 1
    return j


def _columns(line: str) -> list[int]:
    """The display column of each character of `line` (wide East Asian characters take two)."""
    cols, x = [], 0
    for c in line:
        cols.append(x)
        x += char_width(c)
    cols.append(x)
    return cols


def _rows(block: list[tuple[int, str]], box: bool) -> list[tuple[int, list[list[tuple[str, int]]]]] | None:
    """The block's rows: (offset of the row's first line, each cell's characters with their offsets); None
    unless the block is a ruled table whose bars line up with its rules."""
    edges_of = _BOX_BARS + "".join(c for c in _BOX_RULES if c not in _BOX_LINES) if box else "|+"
    lines_of = _BOX_LINES if box else "-=:"
    widths = set()
    open_cells: dict[tuple[int, int], _Cell] = {}
    done: list[_Cell] = []
    band_start: list[int] = []  # offset of the first line of each band (the lines from one rule to the next)
    band = -1
    for start, line in block:
        stripped = line.rstrip()
        cols = _columns(stripped)
        widths.add(cols[-1])
        if len(widths) > 1:
            return None  # bars that do not line up (known at the first line of another width: not read on)
        edges = [k for k, c in enumerate(stripped) if c in edges_of]
        texts: list[tuple[tuple[int, int], int, int]] = []
        ruled = False
        for a, b in zip(edges, edges[1:], strict=False):
            key = (cols[a], cols[b])
            inner = stripped[a + 1:b]
            if inner and all(c in lines_of for c in inner):  # a rule under the cells above: they end here
                ruled = True
                for other in [k for k in open_cells if k[0] < key[1] and key[0] < k[1]]:
                    done.append(open_cells.pop(other))
            else:
                texts.append((key, a, b))
        if ruled:
            band += 1
            band_start.append(start)
        if band < 0:
            return None
        for key, a, b in texts:
            cell = open_cells.get(key)
            if cell is None:
                for other in [k for k in open_cells if k[0] < key[1] and key[0] < k[1]]:
                    done.append(open_cells.pop(other))
                cell = open_cells[key] = _Cell(band, key[0])
            part = stripped[a + 1:b]
            lead = len(part) - len(part.lstrip())
            cell.lines.append([(c, start + a + 1 + lead + k) for k, c in enumerate(part.strip())])
    done.extend(open_cells.values())
    if len(widths) != 1 or band < 1:
        return None  # bars that do not line up: not read as a grid
    by_band: dict[int, list[_Cell]] = {}
    for cell in done:
        by_band.setdefault(cell.band, []).append(cell)
    out = []
    for b in sorted(by_band):
        cells = sorted(by_band[b], key=lambda c: c.x0)
        out.append((band_start[b], [[ch for part in c.lines for ch in part] for c in cells]))
    return out


_Rows = list[tuple[int, list[list[tuple[str, int]]]]]


def _dashed_rows(lines: list[tuple[int, str]], i: int) -> tuple[int, _Rows | None]:
    """pandoc's simple table opening at line i (its rule: a run of dashes a column, one space between): each
    line up to the same rule below is a row, each character in the column whose dashes it stands over (display
    width); (the line after the table, its rows), or (i, None) when the rows do not keep within the columns.
    A rule of one run of dashes (a multiline table's) opens no such table."""
    rule = lines[i][1]
    spans = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]  # the rule is ASCII: columns = characters
    rows: _Rows = []
    j = i + 1
    while j < len(lines) and lines[j][1] != rule:
        start, line = lines[j]
        if not line.strip():
            return i, None  # a blank line: a multiline table (rows over several lines), not read so
        cols = _columns(line)
        cells: list[list[tuple[str, int]]] = [[] for _ in spans]
        for k, c in enumerate(line):
            if c in " \t":
                continue
            x = cols[k]
            col = next((n for n, (a, b) in enumerate(spans) if a <= x < b), None)
            if col is None or cols[k + 1] > spans[col][1]:
                return i, None  # a character over the space between two columns or past the last
            cells[col].append((c, start + k))
        rows.append((start, cells))
        j += 1
    if j >= len(lines) or not rows:
        return i, None
    return j + 1, rows
