"""Which numbers read by OCR are certain. The table's equations (row totals, column totals, balance) are the
strongest check there is; the engine's score comes second.

- A number in an equation that fails is `uncertain` (an OCR misreading or the report's own error: either
  way the reviewer looks at the page; the rules and suggestions then say what the equations require).
- A number the engine scored high, in no failing equation, is certain.
- A number scored low is certain only when an equation that holds confirms it: every other number of that
  equation is certain (by score, or confirmed before). Confirmation spreads through the table.
- A number read from a line of text outside the page's ruled tables (a table whose lines were not found)
  was placed in its cell by the text's order alone: however high its score, it is certain only when so
  confirmed (a photographed table 二 read as lines: 0 20 under 本年制发件数 / 本年废止件数, then 3 beside 规章,
  every number a row off, each scored 0.96–0.999).
- A cell read as empty in an equation with a number other than 0 is `uncertain` too (a faint or stamped
  digit the reading missed looks just like an empty cell).
- A number of a column that may be negative (2019: 本年增/减) other than 0 is `uncertain`: a minus sign is
  a short dash that a reading easily loses, and no equation checks those columns.
- Everything else keeps its best reading, `uncertain`. When in doubt, uncertain.
"""
from __future__ import annotations

from collections.abc import Collection

from ..equations import Equation, equations
from ..model import BLANK, UNCERTAIN, Number, Report

CERTAIN_SCORE = 0.9  # the engine's score (least certain character of a number) taken as read as printed


def settle(report: Report, outside: Collection[str] = ()) -> None:
    """Mark every number read by OCR that neither its score nor the equations make certain `uncertain`;
    `outside`: the cells read from lines of text outside the ruled tables (never certain by score)."""
    cells = report.cells
    values: dict[str, Number | None] = {k: c.value for k, c in cells.items() if c.value is not None}
    ver = report.version
    eqs: tuple[Equation, ...] = equations(ver, "requests") + equations(ver, "appeals") if ver else ()
    known = [e for e in eqs if all(k in values for k in e.cells)]
    holding = [e for e in known if e.residual(values) == 0]
    contradicted = {k for e in known if e.residual(values) != 0 for k in e.cells}
    certain = {k for k in values if k not in contradicted and k not in outside
               and (cells[k].confidence or 0) >= CERTAIN_SCORE}
    grown = True
    while grown:
        grown = False
        for e in holding:
            unsure = [k for k in e.cells if k not in certain]
            if len(unsure) == 1 and unsure[0] not in contradicted:
                certain.add(unsure[0])
                grown = True
    doubtful = [k for k in values if k not in certain]
    doubtful += [k for e in eqs if any(values.get(x) for x in e.cells) for k in e.cells if cells[k].status == BLANK]
    if ver is not None:  # a minus sign is a short dash OCR easily loses: a signed number is checked on the page
        doubtful += [k for k, v in values.items() if v and k in ver.specs and ver.specs[k].kind == "signed"]
    for key in doubtful:
        cells[key].status = cells[key].parsed_status = UNCERTAIN
