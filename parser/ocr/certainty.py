"""Which numbers read by OCR are certain: a reading the engine scored low stays `uncertain` (its best
reading kept, for the reviewer to confirm or correct); so does a number read from a page with no score."""
from __future__ import annotations

from ..model import BLANK, MISSING, UNCERTAIN, Report

CERTAIN_SCORE = 0.9  # the engine's score at or above which a reading is taken as printed


def settle(report: Report) -> None:
    """Mark every number read by OCR with a low score `uncertain`."""
    for cell in report.cells.values():
        if cell.status in (BLANK, MISSING):
            continue
        if cell.confidence is None or cell.confidence < CERTAIN_SCORE:
            cell.status = cell.parsed_status = UNCERTAIN
