"""Cells read as printed that the table's arithmetic casts doubt on: kept as read, marked uncertain.

Two cases, both seen in damaged copies: a number an OCR dropped or doubled a digit of (it alone breaks its row
and column equations, which both ask the same value, one digit away), and table three read out of line (most
of its column totals and balances fail, as no report's own errors make them: rows printed away from their
labels in a way the reader did not recognise). The rules and the suggestions then tell the reviewer what to
check; the values are never changed here.
"""
from __future__ import annotations

from .equations import equations, lone_culprits
from .model import EXTRACTED, REPAIRED, UNCERTAIN, Cell
from .template import Version

MISALIGNED_SHARE = 0.5  # of table three's column and balance equations (not all 0) failing: read out of line
MISALIGNED_MIN = 4


def flag_doubtful(cells: dict[str, Cell], ver: Version) -> None:
    """Mark the doubtful cells (see the module docstring) uncertain, in place."""
    values = {k: c.value for k, c in cells.items() if c.value is not None}
    for table in ("requests", "appeals"):
        for key, wanted in lone_culprits(equations(ver, table), values).items():
            cell = cells[key]
            if isinstance(cell.value, int) and _one_digit_apart(str(cell.value), str(wanted)):
                _doubt(cells, key)
    columns = [e for e in equations(ver, "requests") if not e.id.startswith("requests.row_total")
               and all(k in values for k in e.cells) and any(values[k] for k in e.cells)]  # all 0 says nothing
    failing = sum(1 for e in columns if e.residual(values) != 0)
    if failing >= MISALIGNED_MIN and failing >= MISALIGNED_SHARE * len(columns):
        for key in [k for k in cells if k.startswith("requests/")]:
            _doubt(cells, key)


def _doubt(cells: dict[str, Cell], key: str) -> None:
    cell = cells[key]
    if cell.status in (EXTRACTED, REPAIRED):
        cells[key] = Cell(key, cell.value, cell.text, cell.span, UNCERTAIN, cell.unit)


def _one_digit_apart(a: str, b: str) -> bool:
    """b is a with one digit dropped or doubled (or the other way round)."""
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))
