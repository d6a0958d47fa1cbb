"""Table four's (复议诉讼) line of numbers: fifteen cells in three groups of five (upheld, corrected, other,
pending, total), a group adding up; the line as a grid, cut short, or printed with every cell empty."""
from __future__ import annotations

from collections.abc import Sequence

from .tokens import BREAK, EMPTY, EOL, VALUE, Token
from .values import count_of


def count_or_zero(t: Token | None) -> int:
    return (count_of(t.text) or 0) if t is not None else 0


def group_adds_up(cells: list[Token | None]) -> bool:
    """upheld + corrected + other + pending = total, a blank cell counting 0."""
    nums = [0 if t is None else count_of(t.text) for t in cells]
    return None not in nums and sum(nums[:4]) == nums[4]  # type: ignore[arg-type]


def starts_with_gap(tokens: list[Token], grid: list[Token | None]) -> bool:
    first = next((t for t in grid if t is not None), None)
    return first is None or first.lead_gap or grid[0] is None


def indented(tokens: list[Token], grid: Sequence[Token | None]) -> bool:
    """The line of table four's numbers begins with a run of spaces: a PDF's text laid out as printed
    (pdftotext -layout) leaves the first groups' empty cells as spaces, so the numbers may start in any
    column."""
    first = next((t for t in grid if t is not None), None)
    if first is None:
        return False
    at = tokens.index(first)
    line_start = tokens[at - 1].start + 1 if at and tokens[at - 1].kind in (EOL, BREAK) else None
    return line_start is None or first.start - line_start >= 4


def leading_whole_groups(tokens: list[Token]) -> list[list[Token]]:
    """Table four's line of numbers cut short by an OCR (the last columns of the page image lost, or a number
    dropped): six to fourteen numbers other than ten, alone on one line that starts at its first column — or
    a number a line, the last printed elsewhere (a PDF's text of a web page puts the table's last cell after the
    page's foot). The groups of five from its start are read while each adds up (upheld + corrected + other +
    pending = a total that is not 0: a row of zeros adds up whatever was lost); the rest, whose cells are not
    known, stays missing."""
    values = [t for t in tokens if t.kind == VALUE]
    if not 5 < len(values) < 15 or len(values) == 10 or any(count_of(t.text) is None for t in values):
        return []
    lines = len({t.line for t in values})
    if lines == 1:
        if values[0].lead_gap or indented(tokens, values) \
                or any(t.kind == EMPTY and t.line == values[0].line for t in tokens):
            return []
    elif lines != len(values) or any(t.kind == EMPTY for t in tokens):
        return []
    groups: list[list[Token]] = []
    for i in range(0, len(values) - 4, 5):
        numbers = [count_of(t.text) or 0 for t in values[i:i + 5]]
        if numbers[4] == 0 or sum(numbers[:4]) != numbers[4]:
            break
        groups.append(values[i:i + 5])
    return groups


def empty_row_cells(tokens: list[Token]) -> int:
    """How many cells table four's row of numbers has when it is printed with every cell empty (a table's row
    of tab-separated empty cells, as a scan's or a document's table gives it) and the table holds no number at
    all; 0 otherwise."""
    if any(t.kind == VALUE for t in tokens):
        return 0
    for i, (t, after) in enumerate(zip(tokens, tokens[1:], strict=False)):
        alone = i == 0 or tokens[i - 1].kind in (EOL, BREAK)  # the line's only token: a line of empty cells
        if alone and t.kind == EMPTY and after.kind == EOL and after.line == t.line:
            return after.start - t.start + 1  # the line is its tabs: one more cell than tabs
    return 0


def value_line(tokens: list[Token]) -> list[Token | None] | None:
    """The first line holding table four's numbers as a grid of 5, 10 or 15 cells (None: empty cell)."""
    lines: dict[int, list[Token]] = {}
    for t in tokens:
        if t.kind in (VALUE, EMPTY):
            lines.setdefault(t.line, []).append(t)
    for cells in lines.values():
        if len(cells) < 4 or not any(t.kind == VALUE for t in cells):
            continue
        grid: list[Token | None] = [t if t.kind == VALUE else None for t in cells]
        while len(grid) > 5 and grid[-1] is None and len(grid) not in (5, 10, 15):
            grid.pop()  # trailing empty cells
        if len(grid) not in (5, 10, 15) and cells[0].lead_gap and len(grid) + 1 in (5, 10, 15):
            grid.insert(0, None)  # the leading tab was the first, empty, cell
        if len(grid) in (5, 10, 15):
            return grid
    return None
