"""The year's overview, computed with pandas from the cached summaries (no report is loaded):
findings by rule, status by 地区, table three totals across agencies, this year against last.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

from ..figures import FIGURE_LABELS
from .status import REPORT_COLUMNS, STATUSES, YearStatus, year_status

if TYPE_CHECKING:
    from .store import Office


@dataclass
class Overview:
    year: int | None
    status: YearStatus
    reports: int  # the year's current reports (matched or not)
    rules: pd.Series  # rule id → number of the year's reports where it fails (open), most frequent first
    by_region: pd.DataFrame  # 地区 × status: number of agencies
    totals: pd.DataFrame  # index: figure labels; columns: last year, this year (table three, column 总计)
    with_errors: pd.DataFrame  # the agencies with open errors: agency, region, open_errors, report

    @property
    def counts(self) -> dict[str, int]:
        return self.status.counts()


def _figures(frame: pd.DataFrame) -> pd.DataFrame:
    """The figures JSON column expanded into columns (rules, received, granted, denied, pending)."""
    parsed = [json.loads(f) if isinstance(f, str) and f else {} for f in frame["figures"]]
    out = pd.DataFrame.from_records(parsed, index=frame.index, columns=["rules", *FIGURE_LABELS])
    out["rules"] = out["rules"].apply(lambda r: r if isinstance(r, list) else [])
    return out


def overview(office: Office, year: int | None = None) -> Overview:
    with office.store.lock:
        rows = office.report_rows(include_figures=True)
        status = year_status(office.roster(), office.identity(), rows, year)
    return compute(status, pd.DataFrame(rows, columns=[*REPORT_COLUMNS, "figures"]))


def compute(status: YearStatus, frame: pd.DataFrame) -> Overview:
    year = status.year
    frame = frame[frame["year"].isin([year, (year or 0) - 1])]  # only the two years compared are parsed
    figures = _figures(frame).assign(year=frame["year"])
    this = figures[figures["year"] == year]
    last = figures[figures["year"] == (year - 1 if year is not None else None)]
    rules = this["rules"].explode().dropna().value_counts()
    agencies = status.agencies
    by_region = pd.crosstab(agencies["region"].replace("", "（未填地区）"), agencies["status"])
    by_region = by_region.reindex(columns=[s for s in STATUSES if s in by_region.columns], fill_value=0)
    totals = pd.DataFrame({"上年": last[list(FIGURE_LABELS)].sum(min_count=1),
                           "本年": this[list(FIGURE_LABELS)].sum(min_count=1)})
    totals.index = [FIGURE_LABELS[k] for k in totals.index]
    with_errors = agencies[agencies["open_errors"].fillna(0) > 0][["agency", "region", "open_errors", "report"]]
    with_errors = with_errors.sort_values(["open_errors", "agency"], ascending=[False, True])
    return Overview(year, status, len(this), rules, by_region, totals, with_errors.reset_index(drop=True))
