"""Text → Report. (Placeholder until the table reader lands: every cell missing.)"""
from __future__ import annotations

from pathlib import Path

from .model import Cell, Report
from .reader import read_text
from .template import version


def parse_text(text: str, source: str = "") -> Report:
    report = Report(source, text, "2021")
    report.cells = {k: Cell(k) for k in version("2021").cell_keys()}
    return report


def load(path: str | Path, source: str | None = None) -> Report:
    """Read and parse one report file; raises ReadError with a Chinese reason for bad input."""
    return parse_text(read_text(path), str(path) if source is None else source)
