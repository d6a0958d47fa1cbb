"""The versions of one agency-year (a report and the corrected ones the agency sent again): what
changed between two versions, cell by cell, with pandas."""
from __future__ import annotations

import pandas as pd

from parser.model import Report

DIFF_COLUMNS = ["key", "name", "old", "new"]


def value_diff(old: Report, new: Report) -> pd.DataFrame:
    """The cells whose value differs between two versions (a blank and a 0 differ), in template order."""
    version = new.version or old.version
    keys = version.cell_keys() if version is not None else sorted(set(old.cells) | set(new.cells))
    frame = pd.DataFrame({
        "key": keys,
        "old": pd.array([old.value(k) for k in keys], dtype="Float64"),
        "new": pd.array([new.value(k) for k in keys], dtype="Float64"),
    })
    same = (frame["old"] == frame["new"]).fillna(False) | (frame["old"].isna() & frame["new"].isna())
    frame = frame[~same].reset_index(drop=True)
    frame.insert(1, "name", [version.specs[k].display_name() if version is not None and k in version.specs else k
                             for k in frame["key"]])
    return frame[DIFF_COLUMNS]
