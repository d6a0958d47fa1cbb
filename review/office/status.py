"""The status of the year: every roster agency with its report or 未报送, computed with pandas.

Input is the workspace's report summaries (one row per report, as the batch queue caches them), the
roster and the identity; nothing is parsed or re-checked here, so a 10,000-report workspace takes a
fraction of a second.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .identity import Identity
from .roster import RosterEntry

NOT_SUBMITTED, PENDING, ERRORS, HANDLED, SIGNED, RETURNED = "未报送", "待审", "有错误", "已处理", "已签发", "已退回"
STATUSES = (NOT_SUBMITTED, PENDING, ERRORS, HANDLED, SIGNED, RETURNED)
# the batch queue's review status → the status of the year (审核中: decisions made, no open error left)
_FROM_QUEUE = {"待审": PENDING, "有错误": ERRORS, "审核中": HANDLED, "已签发": SIGNED, "已退回": RETURNED}

# columns of the report summaries (review.office.store.OfficeStore.report_frame)
REPORT_COLUMNS = ["report", "file_name", "agency", "year", "status", "open_errors", "open_warnings", "imported_at"]
AGENCY_COLUMNS = ["agency", "region", "level", "report", "status", "open_errors", "previous", "file_name",
                  "imported_at", "printed_name"]


@dataclass
class YearStatus:
    year: int | None
    agencies: pd.DataFrame  # AGENCY_COLUMNS, one row per roster agency, in roster order
    unmatched: list[dict[str, Any]] = field(default_factory=list)  # reports of the year matched to no agency

    def filtered(self, region: str | None = None, level: str | None = None, status: str | None = None) -> pd.DataFrame:
        frame = self.agencies
        for column, wanted in (("region", region), ("level", level), ("status", status)):
            if wanted:
                frame = frame[frame[column] == wanted]
        return frame

    def counts(self) -> dict[str, int]:
        """Agencies per status (every status, zeros included), and the unmatched reports."""
        c = self.agencies["status"].value_counts()
        out = {s: int(c.get(s, 0)) for s in STATUSES}
        out["未匹配"] = len(self.unmatched)
        return out

    def to_dict(self) -> dict[str, Any]:
        """The `status --json` object of spec/cli.md."""
        rows = []
        for r in self.agencies.itertuples(index=False):
            rows.append({"agency": r.agency, "region": r.region, "level": r.level, "report": _int(r.report),
                         "status": r.status, "open_errors": _int(r.open_errors), "previous": _int(r.previous),
                         "imported_at": r.imported_at or None, "name": r.printed_name or None})
        return {"year": self.year, "agencies": rows, "unmatched": self.unmatched}


def _int(v: Any) -> int | None:
    return None if v is None or pd.isna(v) else int(v)


def roster_frame(roster: list[RosterEntry]) -> pd.DataFrame:
    return pd.DataFrame({"agency": [e.agency for e in roster], "region": [e.region for e in roster],
                         "level": [e.level for e in roster]}, dtype=object)  # object even when empty


def latest_year(reports: pd.DataFrame) -> int | None:
    years = reports["year"].dropna()
    return int(years.max()) if len(years) else None


def match_agencies(reports: pd.DataFrame, identity: Identity) -> pd.Series:
    """The roster agency of each report (None when its printed name matches none), by unique name."""
    names = reports["agency"].dropna().unique()
    lookup = {n: identity.exact(n) for n in names}
    return reports["agency"].map(lookup).astype(object)


def year_status(roster: list[RosterEntry], identity: Identity, reports: pd.DataFrame,
                year: int | None = None) -> YearStatus:
    """reports: REPORT_COLUMNS (current versions only: replaced and removed reports left out)."""
    if year is None:
        year = latest_year(reports)
    reports = reports.assign(key=match_agencies(reports, identity))
    agencies = roster_frame(roster)
    this = reports[reports["year"] == year]
    last = reports[reports["year"] == (year - 1 if year is not None else None)]
    # the latest report of each agency this year (a resubmission replaces the earlier one)
    current = this.dropna(subset=["key"]).sort_values("report").drop_duplicates("key", keep="last")
    previous = last.dropna(subset=["key"]).sort_values("report").drop_duplicates("key", keep="last")
    merged = agencies.merge(current.rename(columns={"agency": "printed_name"}), how="left", left_on="agency",
                            right_on="key", sort=False)
    merged = merged.merge(previous[["key", "report"]].rename(columns={"report": "previous"}), how="left",
                          left_on="agency", right_on="key", sort=False)
    merged["status"] = merged["status"].map(_FROM_QUEUE).where(merged["report"].notna(), NOT_SUBMITTED)
    merged["status"] = merged["status"].fillna(PENDING)
    merged["open_errors"] = merged["open_errors"].where(merged["report"].notna())
    for column in ("file_name", "imported_at", "printed_name"):
        merged[column] = merged[column].fillna("")
    frame = merged[AGENCY_COLUMNS].reset_index(drop=True)
    unmatched = [{"report": int(r.report), "agency": r.agency, "candidates": list(identity.candidates(r.agency))
                  if r.agency else [], "file_name": r.file_name}
                 for r in this[this["key"].isna()].sort_values("report").itertuples(index=False)]
    return YearStatus(year, frame, unmatched)
