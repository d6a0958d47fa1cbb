"""Cells read as printed that the table's arithmetic casts doubt on: kept as read, marked uncertain.

Three cases, all seen in damaged copies: a number an OCR dropped or doubled a digit of (it alone breaks its row
and column equations, which both ask the same value, one digit away), table three read out of line (most of
its column totals and balances fail, as no report's own errors make them: rows printed away from their labels
in a way the reader did not recognise), and rows whose numbers the copy printed out of order (many rows of
tables three and four not adding up to their totals: every cell of the report is then in doubt; two of table
four's three groups not adding up: its numbers are shifted, by a stray number before them). The rules and the
suggestions then tell the reviewer what to check; the values are never changed here.
"""
from __future__ import annotations

import re

from .equations import equations, lone_culprits
from .model import EXTRACTED, REPAIRED, UNCERTAIN, Cell
from .template import Version

# A line of another tool's OCR: a label, the table's vertical rule read as a lone "|", then the row's numbers
# (行政法规禁 | 0 1 0 0 0 0 1). Copied, converted or crawled text never prints a rule so; Markdown rows have a
# pipe between every two cells and a |---| line.
_RULE_READ_AS_PIPE = re.compile(r"[\u3400-\u9fff）)]\s+\|\s+[\dOolI][^|]*\s[\dOolI]")
# the same line with the rules between the numbers read as pipes too (行政法规禁 | 0 | 1  0 | 0): pipes that are
# no Markdown row's (those open or close the line with a pipe, or have none before their first cell's pipe).
# The space before a number is \s+ then a pipe and its spaces, not \s+\|?\s*, which a line of spaced numbers
# not ending the pattern's way split in exponentially many ways (a garbled row: seconds).
_RULES_READ_AS_PIPES = re.compile(r"[\u3400-\u9fff）)]\s+\|\s+[\dOolI][\dOolI.,]*"
                                  r"(?:\s+(?:\|\s*)?[\dOolI][\dOolI.,]*)+\s*$")
_MARKDOWN_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$", re.M)
# words of the tables' column headings (an OCR reads the rules between them as pipes)
_HEADING_WORD = re.compile(r"维持|纠正|审结|尚未|结果|商业企业|科研机构|服务机|公益组|本年制发|本年废止|现行有效")
OCR_LINES_MIN = 3
MISALIGNED_SHARE = 0.5  # of table three's column and balance equations (not all 0) failing: read out of line
MISALIGNED_MIN = 4
# rows of tables three and four (not all 0) that do not add up to their totals: so many, the copy printed their
# numbers out of order (an OCR's boxes sorted by their top: 5 / 规章 / 47 / 1), as no report's own errors do
ROWS_OUT_OF_LINE_MIN = 3
ROWS_OUT_OF_LINE_SHARE = 0.1


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
    row_totals = [e for table in ("requests", "appeals") for e in equations(ver, table)
                  if ".row_total:" in e.id and all(k in values for k in e.cells) and any(values[k] for k in e.cells)]
    wrong_rows = sum(1 for e in row_totals if e.residual(values) != 0)
    if wrong_rows >= ROWS_OUT_OF_LINE_MIN and wrong_rows >= ROWS_OUT_OF_LINE_SHARE * len(row_totals):
        for key in cells:  # the copy's order broke rows apart: nothing read by its order is sure, table two's neither
            _doubt(cells, key)
    if sum(1 for e in row_totals if e.id.startswith("appeals.") and e.residual(values) != 0) >= 2:
        for key in [k for k in cells if k.startswith("appeals/")]:  # table four's numbers shifted (a stray number)
            _doubt(cells, key)


def _doubt(cells: dict[str, Cell], key: str) -> None:
    cell = cells[key]
    if cell.status in (EXTRACTED, REPAIRED):
        cells[key] = Cell(key, cell.value, cell.text, cell.span, UNCERTAIN, cell.unit)


def _one_digit_apart(a: str, b: str) -> bool:
    """b is a with one digit dropped or doubled (or the other way round)."""
    short, long_ = sorted((a, b), key=len)
    return len(long_) == len(short) + 1 and any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def recognised_by_ocr(text: str) -> bool:
    """Whether a report's text was recognised from page images by another tool (Tesseract and the like): the
    table's ruling read as pipes — three table lines with a pipe between the label and the numbers (or
    between the numbers too), or two lines of column headings with pipes between them (维持 | 纠正 | 结果 |
    审结), none of them opening or closing with a pipe as a written pipe table's rows do. Its numbers may have
    lost or gained a digit where no equation can tell (see `weigh_ocr_text`)."""
    if "|" not in text or _MARKDOWN_RULE.search(text):
        return False
    rows = headings = 0
    for line in text.splitlines():
        stripped = line.strip()
        if "|" not in stripped or stripped.startswith("|") or stripped.endswith("|"):
            continue
        if (stripped.count("|") == 1 and _RULE_READ_AS_PIPE.search(stripped)) or _RULES_READ_AS_PIPES.search(stripped):
            rows += 1
        elif sum(1 for piece in stripped.split("|") if _HEADING_WORD.search(piece)) >= 2:
            headings += 1
        if headings >= 2 or rows + headings >= OCR_LINES_MIN:
            return True
    return False


def weigh_ocr_text(cells: dict[str, Cell], ver: Version) -> None:
    """Another tool's OCR text, without the engine's scores: a number is certain only when an equation that
    holds, all its cells read, confirms it and no equation fails on it; the rest (table two, which no equation
    checks; a signed 本年增/减 whose minus an OCR easily loses) is marked uncertain, in place."""
    values = {k: c.value for k, c in cells.items() if c.value is not None}
    eqs = equations(ver, "requests") + equations(ver, "appeals")
    holding = [e for e in eqs if all(k in values for k in e.cells) and e.residual(values) == 0]
    # an equation not known (a cell of it missing) confirms nothing: a row that adds up in itself may be another
    # row's numbers, only its column's sum says where it belongs
    unconfirmed = {k for e in eqs if e not in holding for k in e.cells}
    confirmed = {k for e in holding for k in e.cells} - unconfirmed
    for key, value in values.items():
        signed = key in ver.specs and ver.specs[key].kind == "signed" and value != 0
        if key not in confirmed or signed:
            _doubt(cells, key)
