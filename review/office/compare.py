"""This year's report beside last year's, cell by cell: both values, the change, and the cells that a
failing years.* rule names (years.jump separately: a likely unit or typing slip)."""
from __future__ import annotations

import pandas as pd

from parser.model import Report

from ..findings import FAIL
from ..state import ReviewedReport

COLUMNS = ["key", "name", "last", "this", "change", "mark"]
JUMP, YEARS_RULE = "jump", "years"


def compare(this: ReviewedReport, last: Report | None) -> pd.DataFrame:
    """One row per cell of this year's template (COLUMNS). `mark`: 'jump' (years.jump fails there),
    'years' (another years.* rule fails there) or ''."""
    report = this.report
    version = report.version
    if version is None:
        return pd.DataFrame(columns=COLUMNS)
    marks: dict[str, str] = {}
    for f in this.open_findings():
        if f.status != FAIL or not f.rule.startswith("years."):
            continue
        for key in f.cells:
            if f.rule == "years.jump":
                marks[key] = JUMP
            else:
                marks.setdefault(key, YEARS_RULE)
    keys = version.cell_keys()
    frame = pd.DataFrame({
        "key": keys,
        "name": [version.specs[k].display_name() for k in keys],
        "last": pd.array([last.value(k) if last is not None else None for k in keys], dtype="Float64"),
        "this": pd.array([report.value(k) for k in keys], dtype="Float64"),
    })
    frame["change"] = frame["this"] - frame["last"]
    frame["mark"] = [marks.get(k, "") for k in keys]
    return frame
