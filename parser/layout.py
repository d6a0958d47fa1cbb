"""Text with page geometry: what a page-based reader (OCR of a scan, a PDF's character positions) hands
to the text parser, and how the geometry comes back onto the parsed cells.

A reader renders its pages to one text (table rows as TAB-separated lines, like the other readers) and
records, for stretches of that text, where on which page they were printed. The parser reads the text
as any other; afterwards `place` copies page, box and confidence onto every cell whose span lies inside
a run. Pure Python, no page libraries: the readers fill it.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import Report

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in PDF points (72 dpi), origin top left


@dataclass(frozen=True)
class Run:
    """Characters text[start:end] were printed on `page` (1-based) inside `box`; `confidence` is the
    OCR engine's score 0–1, or None when the characters were not recognised (a PDF's text layer).
    `in_table` is False for a line of text an OCR found outside the page's ruled tables: a number in it
    is placed in its cell by the text's order alone, not by the page's grid."""

    start: int
    end: int
    page: int
    box: Box
    confidence: float | None = None
    in_table: bool = True


@dataclass
class PageText:
    """A report's text and where its stretches were printed. `ocr` tells that the text was recognised
    from page images (so its numbers may be misread)."""

    text: str
    runs: list[Run] = field(default_factory=list)
    ocr: bool = False
    turns: list[int] = field(default_factory=list)  # page n turned upright by turns[n - 1] (np.rot90) to be read


def run_at(runs: list[Run], starts: list[int], span: tuple[int, int]) -> Run | None:
    """The run (from non-overlapping `runs` sorted by start, `starts` their starts) holding the whole span."""
    i = bisect_right(starts, span[0]) - 1
    if i >= 0 and runs[i].start <= span[0] and span[1] <= runs[i].end:
        return runs[i]
    return None


def place(report: Report, runs: Iterable[Run]) -> set[str]:
    """Give every cell whose printed span lies inside a run that run's page, box and confidence; the keys
    of those whose run is a line of text outside the page's tables (`Run.in_table`)."""
    ordered = sorted(runs, key=lambda r: (r.start, r.end))
    outside: set[str] = set()
    if not ordered:
        return outside
    starts = [r.start for r in ordered]
    for key, cell in report.cells.items():
        if cell.span is None:
            continue
        run = run_at(ordered, starts, cell.span)
        if run is not None:
            cell.page, cell.box, cell.confidence = run.page, run.box, run.confidence
            if not run.in_table:
                outside.add(key)
    return outside
