"""The one report model everything reads: per cell its key, value, printed text, span, status, history.

Free of GUI concerns; the parser builds it, the rules read it, the GUI and the workspace correct it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .template import CellSpec, Version, version

Number = int | float

# Cell status values (spec/cli.md).
EXTRACTED = "extracted"  # read as printed
REPAIRED = "repaired"  # printed text changed by normalisation (l0 → 10, 251000元 → 25.1)
BLANK = "blank"  # printed empty, "/", "-", "—", "无"
MISSING = "missing"  # not found in the report
CORRECTED = "corrected"  # changed by a reviewer
UNCERTAIN = "uncertain"  # a best reading that needs a look (low OCR confidence, or placed by the equations)
STATUSES = (EXTRACTED, REPAIRED, UNCERTAIN, BLANK, MISSING, CORRECTED)


@dataclass(frozen=True)
class Correction:
    """One reviewer change of one cell; the audit log is a list of these, never rewritten."""

    cell: str
    old: Number | None
    new: Number | None
    reason: str = ""
    reviewer: str = ""
    time: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))


@dataclass
class Cell:
    key: str
    value: Number | None = None
    text: str = ""  # the characters printed in the report, before normalisation
    span: tuple[int, int] | None = None  # [start, end) into Report.text
    status: str = MISSING
    unit: str | None = None  # unit printed with a money value ("元", "万元"), else None
    parsed_value: Number | None = None  # the value the parser read, kept for "restore printed value"
    parsed_status: str = MISSING
    history: list[Correction] = field(default_factory=list)
    # read from a page (PDF or image): 1-based page, box [x0, y0, x1, y1] in PDF points (72 dpi) from
    # the top left, and the OCR engine's confidence 0–1 (None when not read by OCR)
    page: int | None = None
    box: tuple[float, float, float, float] | None = None
    confidence: float | None = None

    def __post_init__(self) -> None:
        if not self.history:
            self.parsed_value, self.parsed_status = self.value, self.status

    def to_dict(self) -> dict:
        """The cell of `extract --json` (spec/cli.md); page, box and confidence only when read from a page."""
        d: dict[str, Any] = {"value": self.value, "text": self.text, "span": list(self.span) if self.span else None,
             "status": self.status}
        if self.page is not None or self.box is not None:
            d["page"], d["box"] = self.page, list(self.box) if self.box else None
        if self.confidence is not None:
            d["confidence"] = self.confidence
        return d

    @property
    def confirmed(self) -> bool:
        """An uncertain reading a reviewer has confirmed as printed (see correct)."""
        return self.status == EXTRACTED and self.parsed_status == UNCERTAIN

    def confirm(self, reviewer: str = "", reason: str = "", time: str | None = None) -> Correction | None:
        """Confirm an uncertain cell's value as printed; None (nothing logged) when it is not uncertain."""
        return self.correct(self.value, reviewer, reason, time) if self.status == UNCERTAIN else None

    @property
    def is_number(self) -> bool:
        return self.value is not None

    def correct(self, new: Number | None, reviewer: str = "", reason: str = "", time: str | None = None) -> Correction:
        """Set a reviewer's value; returns the Correction record (also appended to history)."""
        c = Correction(self.key, self.value, new, reason, reviewer, *([time] if time else []))
        self.history.append(c)
        if new == self.value and type(new) is type(self.value):
            # the same value again is a reviewer's check against the original page: it confirms an
            # uncertain reading (now certain); on a confirmed cell it withdraws the confirmation (undo)
            if self.status == UNCERTAIN:
                self.status = EXTRACTED
            elif self.confirmed:
                self.status = UNCERTAIN
            return c
        self.value = new
        if new == self.parsed_value and type(new) is type(self.parsed_value):
            self.status = self.parsed_status
        else:
            self.status = CORRECTED
        return c


@dataclass
class Report:
    source: str  # the file as given (path or name)
    text: str  # the decoded text the reviewer sees; spans point into it
    template: str | None = None  # "2019", "2021" or None
    agency: str | None = None
    year: int | None = None
    cells: dict[str, Cell] = field(default_factory=dict)
    # section key (overview, active, requests, appeals, problems, other) → [start, end) span in text
    sections: dict[str, tuple[int, int]] = field(default_factory=dict)
    # how many printed labels of each format version were seen (for form.mixed_version)
    version_votes: dict[str, int] = field(default_factory=dict)
    agency_span: tuple[int, int] | None = None
    year_span: tuple[int, int] | None = None
    # a scan's pages as the OCR found them: page n's quarter turns counter-clockwise (np.rot90) that make it
    # upright at index n - 1 (0: as scanned; none recorded, as in an older workspace: every page upright)
    page_turns: list[int] = field(default_factory=list)

    def turns(self, page: int) -> int:
        """The quarter turns that make page `page` (1-based) upright."""
        return self.page_turns[page - 1] if 1 <= page <= len(self.page_turns) else 0

    @property
    def version(self) -> Version | None:
        return version(self.template) if self.template else None

    def spec(self, key: str) -> CellSpec:
        assert self.version is not None
        return self.version.specs[key]

    def value(self, key: str) -> Number | None:
        cell = self.cells.get(key)
        return cell.value if cell else None

    def section_text(self, key: str) -> str:
        span = self.sections.get(key)
        return self.text[span[0]:span[1]] if span else ""

    def corrections(self) -> list[Correction]:
        return sorted((c for cell in self.cells.values() for c in cell.history), key=lambda c: c.time)

    def to_dict(self) -> dict:
        """The `extract --json` object of spec/cli.md."""
        return {
            "file": self.source,
            "agency": self.agency,
            "year": self.year,
            "template": self.template,
            "cells": {k: c.to_dict() for k, c in self.cells.items()},
        }

    @classmethod
    def from_values(cls, values: dict[str, Number | None], template: str = "2021", *, text: str = "",
                    agency: str | None = None, year: int | None = None, source: str = "") -> Report:
        """A report whose cells hold these values (None → missing); for tests and for rebuilding from storage."""
        cells = {}
        for key in version(template).cell_keys():
            v = values.get(key)
            cells[key] = Cell(key, v, "" if v is None else _fmt(v), None, MISSING if v is None else EXTRACTED)
        return cls(source, text, template, agency, year, cells)


def _fmt(v: Number) -> str:
    return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
