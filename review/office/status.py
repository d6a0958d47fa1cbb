"""The status of the year: every roster agency with its report or 未报送.

Input is the workspace's report summaries (one row per report, as the batch queue caches them), the
roster and the identity; nothing is parsed or re-checked here, so a 10,000-report workspace takes a
fraction of a second. Computed over plain rows (the `status` command never imports pandas: its import
alone costs more than the computation); `YearStatus.agencies` is the same table as a pandas DataFrame for
the overview, the bulletin and the window.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .identity import Identity
from .roster import RosterEntry

if TYPE_CHECKING:
    import pandas as pd

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
    rows: list[dict[str, Any]]  # AGENCY_COLUMNS, one per roster agency, in roster order (None: no report)
    unmatched: list[dict[str, Any]] = field(default_factory=list)  # reports of the year matched to no agency
    _frame: Any = field(default=None, repr=False, compare=False)

    @property
    def agencies(self) -> pd.DataFrame:
        """The rows as a DataFrame (numbers as floats, NaN where there is no report)."""
        if self._frame is None:
            import pandas as pd

            self._frame = pd.DataFrame(self.rows, columns=AGENCY_COLUMNS)
        return self._frame

    def filtered_rows(self, region: str | None = None, level: str | None = None,
                      status: str | None = None) -> list[dict[str, Any]]:
        wanted = {c: v for c, v in (("region", region), ("level", level), ("status", status)) if v}
        return [r for r in self.rows if all(r[c] == v for c, v in wanted.items())]

    def filtered(self, region: str | None = None, level: str | None = None, status: str | None = None) -> pd.DataFrame:
        frame = self.agencies
        for column, wanted in (("region", region), ("level", level), ("status", status)):
            if wanted:
                frame = frame[frame[column] == wanted]
        return frame

    def counts(self) -> dict[str, int]:
        """Agencies per status (every status, zeros included), and the unmatched reports."""
        out = dict.fromkeys(STATUSES, 0)
        for r in self.rows:
            out[r["status"]] = out.get(r["status"], 0) + 1
        out["未匹配"] = len(self.unmatched)
        return out

    def to_dict(self, rows: list[dict[str, Any]] | None = None) -> dict[str, Any]:
        """The `status --json` object of spec/cli.md (of these rows, default all)."""
        agencies = [{"agency": r["agency"], "region": r["region"], "level": r["level"], "report": r["report"],
                     "status": r["status"], "open_errors": r["open_errors"], "previous": r["previous"],
                     "imported_at": r["imported_at"] or None, "name": r["printed_name"] or None}
                    for r in (self.rows if rows is None else rows)]
        return {"year": self.year, "agencies": agencies, "unmatched": self.unmatched}


def _records(reports: Any) -> list[Mapping[str, Any]]:
    """Report summaries as rows: a list of mappings, or a DataFrame of REPORT_COLUMNS (NaN → None)."""
    if hasattr(reports, "to_dict"):
        frame = reports.astype(object).where(reports.notna(), None)
        return frame.to_dict("records")
    return list(reports)


def latest_year(reports: Iterable[Mapping[str, Any]]) -> int | None:
    years = [int(r["year"]) for r in reports if r["year"] is not None]
    return max(years) if years else None


def year_status(roster: list[RosterEntry], identity: Identity, reports: Any, year: int | None = None) -> YearStatus:
    """reports: REPORT_COLUMNS rows or DataFrame (current versions only: replaced and removed reports left out)."""
    records = _records(reports)
    if year is None:
        year = latest_year(records)
    keys: dict[str, str | None] = {}

    def key(name: str | None) -> str | None:
        if not name:
            return None
        if name not in keys:
            keys[name] = identity.exact(name)
        return keys[name]

    current: dict[str, Mapping[str, Any]] = {}  # the latest report of each agency this year
    previous: dict[str, int] = {}
    unmatched = []
    for r in sorted(records, key=lambda r: int(r["report"])):
        if r["year"] is None or year is None or int(r["year"]) not in (year, year - 1):
            continue
        k = key(r["agency"])
        if int(r["year"]) == year - 1:
            if k is not None:
                previous[k] = int(r["report"])
        elif k is not None:
            current[k] = r  # a resubmission (later id) replaces the earlier one
        else:
            unmatched.append({"report": int(r["report"]), "agency": r["agency"],
                              "candidates": list(identity.candidates(r["agency"])) if r["agency"] else [],
                              "file_name": r["file_name"]})
    rows = []
    for e in roster:
        cur = current.get(e.agency)
        rows.append({
            "agency": e.agency, "region": e.region, "level": e.level,
            "report": int(cur["report"]) if cur else None,
            "status": _FROM_QUEUE.get(cur["status"], PENDING) if cur else NOT_SUBMITTED,
            "open_errors": _int(cur["open_errors"]) if cur else None,
            "previous": previous.get(e.agency),
            "file_name": (cur["file_name"] or "") if cur else "",
            "imported_at": (cur["imported_at"] or "") if cur else "",
            "printed_name": (cur["agency"] or "") if cur else "",
        })
    return YearStatus(year, rows, unmatched)


def _int(v: Any) -> int | None:
    return None if v is None or v != v else int(v)
