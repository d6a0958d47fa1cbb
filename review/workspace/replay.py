"""The reviewed state of stored reports: the parsed report with its logs replayed and the rules re-run.

A report's values are its parsed cells with every correction applied in order; its decisions are the
latest per finding; its sign-off the last sign-off event unless a reopening followed. The queue's
summary (status, open errors and warnings) is stored back on the report row as a cache.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import replace

from parser.model import Report

from ..audit import HEADER_CELLS, WITHDRAWN
from ..figures import figures_json
from ..findings import Finding
from ..isolation import CRASHED, isolated
from ..office.identity import Identity
from ..signoff import signed_hash
from ..state import RETURNED, Decision, ReviewedReport, SignOff, set_header
from .codec import report_from_json
from .errors import WorkspaceError
from .store import Row, Store

# what rebuilding a report needs (not the original bytes: megabytes for a batch, read only when checked)
REPORT_COLUMNS = ("id, sha256, file_name, agency, year, template, text, parsed, status, open_errors, open_warnings,"
                  " figures")
Checker = Callable[[Report, Report | None], list[Finding]]


def rules_check(report: Report, previous: Report | None) -> list[Finding]:
    """review.rules.check; a workspace always looks for last year's report: when there is none,
    years.no_previous says so."""
    from ..rules import check

    return check(report, previous, previous_searched=True)


class Replay:
    """Rebuilds reviewed reports from a store, without holding its lock (see reviewed)."""

    def __init__(self, store: Store, check: Checker | None = None) -> None:
        self.store = store
        self.check = check or rules_check
        # the roster's identity (review.office.store.Office.identity): one agency across its names
        self.identity_of: Callable[[], Identity] = Identity

    def agency_key(self, agency: str | None) -> str | None:
        """The same key for every name of one agency (roster name or alias, else the folded name)."""
        return self.identity_of().key(agency)

    def same_agency_ids(self, agency: str | None, year: int | None) -> list[int]:
        """The reports (not removed) of this agency, by identity, for that year, oldest import first."""
        if not agency or year is None:
            return []
        key = self.agency_key(agency)
        # no ORDER BY: SQLite then reads the covering index reports_summary instead of each wide row (10 → 2 ms
        # for the 2,000 reports of a year; the import asks this three times per file)
        rows = self.store.query("SELECT id, agency FROM reports WHERE year = ? AND removed_at IS NULL", (year,))
        return sorted(r["id"] for r in rows if r["agency"] and self.agency_key(r["agency"]) == key)

    # -- rows --------------------------------------------------------------------------------------

    def row(self, report_id: int, columns: str = "") -> Row:
        columns = columns or REPORT_COLUMNS
        rows = self.store.query(f"SELECT {columns} FROM reports WHERE id = ?", (report_id,))
        if not rows:
            raise WorkspaceError(f"工作区中没有编号为 {report_id} 的报告")
        return rows[0]

    def editable_row(self, report_id: int) -> Row:
        """The report's row; WorkspaceError when it is signed off or returned (read-only until reopened)."""
        row = self.row(report_id)
        self.check_editable(report_id)
        return row

    def check_editable(self, report_id: int) -> None:
        """WorkspaceError when the report is signed off or returned (read-only until reopened)."""
        last = self.store.query("SELECT event, outcome FROM signoffs WHERE report_id = ? ORDER BY id DESC LIMIT 1",
                                (report_id,))
        if last and last[0]["event"] == "signoff":
            done = "已退回" if last[0]["outcome"] == RETURNED else "已签发"
            raise WorkspaceError(f"报告{done}，处于只读状态；如需修改请先重新打开")

    def corrections_of(self, ids: list[int]) -> dict[int, list[Row]]:
        out: dict[int, list[Row]] = {}
        for r in self.store.query_in("SELECT * FROM corrections WHERE report_id IN ({}) ORDER BY id", ids):
            out.setdefault(r["report_id"], []).append(r)
        return out

    def current(self, report_id: int) -> tuple[Row, Report]:
        """The report's row and its report with every correction applied (no rules run)."""
        row = self.row(report_id)
        return row, self.corrected(row, self.corrections_of([report_id]).get(report_id, []))

    @staticmethod
    def corrected(row: Row, corrections: list[Row]) -> Report:
        return Replay.apply(report_from_json(row["parsed"], row["text"]), corrections)

    @staticmethod
    def apply(report: Report, corrections: list[Row]) -> Report:
        """The parsed report (changed in place) with these corrections applied in order."""
        for c in corrections:
            if c["cell"] in HEADER_CELLS:
                set_header(report, HEADER_CELLS[c["cell"]], json.loads(c["new"]))
                continue
            cell = report.cells.get(c["cell"])
            if cell is not None:
                cell.correct(json.loads(c["new"]), c["reviewer"], c["reason"], c["time"])
        return report

    # -- rules ---------------------------------------------------------------------------------------

    def previous_report(self, agency: str | None, year: int | None) -> Report | None:
        """The same agency's report of the year before, corrected (the latest import if several)."""
        ids = self.same_agency_ids(agency, year - 1 if year is not None else None)
        if not ids:
            return None
        rows = self.store.query(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id = ?", (ids[-1],))
        return self.corrected(rows[0], self.corrections_of([rows[0]["id"]]).get(rows[0]["id"], []))

    def run_rules(self, report: Report, previous: Report | None) -> list[Finding]:
        """The checker's findings; a crash is a finding (review.isolation), never a lost review."""
        return isolated(CRASHED, lambda: self.check(report, previous))

    def rules_for(self, report_id: int) -> Callable[[Report], list[Finding]]:
        """The rules with this report's previous year bound (for a window that re-runs them after each edit)."""
        row = self.row(report_id)
        previous = self.previous_report(row["agency"], row["year"])
        return lambda report: self.run_rules(report, previous)

    # -- reviewed state --------------------------------------------------------------------------------

    def load(self, report_id: int) -> ReviewedReport:
        return self.reviewed([self.row(report_id)])[0]

    def next_year_ids(self, agency: str | None, year: int | None) -> list[int]:
        """The same agency's reports of the year after (their years.* rules compare with this one)."""
        return self.same_agency_ids(agency, year + 1 if year is not None else None)

    def refresh(self, ids: list[int]) -> None:
        """Recompute these reports' summaries after a change was committed (a failure leaves them marked stale)."""
        if not ids:
            return
        try:
            self.reviewed(self.store.query_in(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id IN ({{}})", ids))
        except WorkspaceError:
            pass  # the server went away after the commit: the change is saved, the summary stays stale

    def refresh_next_year(self, agency: str | None, year: int | None) -> None:
        """The same agency's next-year report runs the years.* rules against this one: refresh its summary."""
        ids = self.next_year_ids(agency, year)
        if ids:
            self.reviewed(self.store.query_in(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id IN ({{}})", ids))

    def refresh_stale(self) -> None:
        """Recompute the queue summaries marked stale (NULL status), e.g. after a previous year arrived."""
        stale = [r["id"] for r in self.store.query("SELECT id FROM reports WHERE status IS NULL")]
        for i in range(0, len(stale), 20):  # in small steps: other threads get the workspace in between
            self.reviewed(self.store.query_in(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id IN ({{}})",
                                              stale[i:i + 20]))

    def versions(self, ids: Sequence[int]) -> dict[int, int]:
        """Each report's latest event id among its corrections, decisions and sign-offs (0: none): what its
        reviewed state was computed from. One query per 500 reports."""
        out = dict.fromkeys(ids, 0)
        ids = list(out)
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            marks = ",".join("?" * len(chunk))
            events = " UNION ALL ".join(f"SELECT report_id, max(id) AS v FROM {t} WHERE report_id IN ({marks})"
                                        " GROUP BY report_id" for t in ("corrections", "decisions", "signoffs"))
            for r in self.store.query(f"SELECT report_id, max(v) AS v FROM ({events}) AS events GROUP BY report_id",
                                      chunk * 3):
                out[r["report_id"]] = int(r["v"])
        return out

    def previous_ids(self, rows: Sequence[Row]) -> dict[int, int | None]:
        """The report each row's years.* rules compare with: the same agency's latest report of the year before
        (among `rows` first, else in the workspace)."""
        latest = {(self.agency_key(r["agency"]), r["year"]): r["id"] for r in sorted(rows, key=lambda r: r["id"])}
        out: dict[int, int | None] = {}
        for row in rows:
            if not row["agency"] or row["year"] is None:
                out[row["id"]] = None
                continue
            key = (self.agency_key(row["agency"]), row["year"] - 1)
            found = [latest[key]] if key in latest else self.same_agency_ids(row["agency"], row["year"] - 1)
            out[row["id"]] = found[-1] if found else None
        return out

    def reviewed(self, rows: Sequence[Row]) -> list[ReviewedReport]:
        """Rebuild the reviewed state of these reports and store their queue summaries.

        Needs no lock: the logs are read after the versions they are computed from, and a summary is stored
        only while those versions (the report's and its previous year's) are still the latest, so a stale
        computation never overwrites a newer one (a change marks the summary stale in its own transaction, and
        the client that made it recomputes it). Event ids grow in commit order (they are taken under the lock)."""
        ids = [r["id"] for r in rows]
        previous_of = self.previous_ids(rows)
        others = sorted({p for p in previous_of.values() if p is not None} - set(ids))
        versions = self.versions(ids + others)
        corrections = self.corrections_of(ids + others)
        decisions: dict[int, dict[str, Decision]] = {}
        for r in self.store.query_in("SELECT * FROM decisions WHERE report_id IN ({}) ORDER BY id", ids):
            of_report = decisions.setdefault(r["report_id"], {})
            if r["action"] == WITHDRAWN:
                of_report.pop(r["finding_id"], None)
            else:
                of_report[r["finding_id"]] = Decision(r["finding_id"], r["action"], r["reason"], r["reviewer"],
                                                      r["time"])
        last_sign: dict[int, Row] = {}
        for r in self.store.query_in("SELECT * FROM signoffs WHERE report_id IN ({}) ORDER BY id", ids):
            last_sign[r["report_id"]] = r
        other_rows = self.store.query_in(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id IN ({{}})", others) \
            if others else []
        reports = {r["id"]: self.corrected(r, corrections.get(r["id"], [])) for r in [*rows, *other_rows]}
        out, summaries = [], {}
        for row in rows:
            report = reports[row["id"]]
            prev_id = previous_of[row["id"]]
            previous = reports[prev_id] if prev_id is not None else None
            s = last_sign.get(row["id"])
            signoff = None
            if s is not None and s["event"] == "signoff":
                signoff = SignOff(s["outcome"], s["reviewer"], s["reason"], s["values_hash"], s["time"])
            reviewed = ReviewedReport(report, self.run_rules(report, previous), decisions.get(row["id"], {}),
                                      signoff, report_id=row["id"])
            if signoff is not None:
                data = self.store.query("SELECT data FROM reports WHERE id = ?", (row["id"],))[0]["data"]
                tampered_bytes = hashlib.sha256(bytes(data)).hexdigest() != row["sha256"]
                reviewed.hash_mismatch = tampered_bytes or signed_hash(report, row["sha256"], replace(
                    signoff, values_hash="")) != signoff.values_hash
            out.append(reviewed)
            summary = (reviewed.status, *reviewed.counts().values(), figures_json(reviewed))
            if (row["status"], row["open_errors"], row["open_warnings"], row["figures"]) != summary:
                basis = max(versions[row["id"]], versions[prev_id] if prev_id is not None else 0)
                summaries[row["id"]] = (summary, prev_id, basis)
        if summaries:
            try:
                self._store_summaries(summaries)
            except WorkspaceError:
                pass  # only the queue's cache: reading must work where the file cannot be written
        return out

    def _store_summaries(self, summaries: dict[int, tuple[tuple, int | None, int]]) -> None:
        """Store the summaries whose basis (the latest event of the report and of its previous year) is still the
        latest, checked in the UPDATE itself: a change committed before the statement began makes it skip the row,
        and a writer with a newer basis that starts meanwhile waits for this row and writes after it. Rows in the
        order of their ids, as a change marks them stale: on a server, two writers never deadlock."""
        events = " UNION ALL ".join(f"SELECT max(id) AS v FROM {t} WHERE report_id IN (?, ?)"
                                    for t in ("corrections", "decisions", "signoffs"))
        with self.store.transaction() as tx:
            tx.executemany("UPDATE reports SET status = ?, open_errors = ?, open_warnings = ?, figures = ?"
                           f" WHERE id = ? AND ? = (SELECT coalesce(max(v), 0) FROM ({events}) AS events)",
                           [(*summary, rid, basis, *(rid, rid if prev is None else prev) * 3)
                            for rid, (summary, prev, basis) in sorted(summaries.items())])  # rows locked by id
