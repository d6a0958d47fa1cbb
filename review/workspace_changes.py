"""Changes to reports in a workspace: corrections (cells and header), undo, decisions, sign-off, reopening.

Part of review.workspace.Workspace (a base class). Every change is appended (nothing is updated or
deleted) and committed at once; a signed-off or returned report refuses changes until reopened.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from parser.model import Correction, Number, Report

from .audit import CORRECTION, DECISION, HEADER_CELLS, REOPEN, SIGNOFF, WITHDRAWN, format_value
from .findings import Finding
from .signoff import SignOffRefused, signed_hash, signoff_problems
from .state import ACCEPTED, POSTPONED, Decision, SignOff, now
from .workspace_schema import WorkspaceError


def _same(a: Number | None, b: Number | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a == b)


def _journal(c: Any, report_id: int, kind: str, time: str) -> int:
    """A new event number (ordering every event of every table); call inside the event's transaction."""
    return c.execute("INSERT INTO journal (report_id, kind, time) VALUES (?, ?, ?)", (report_id, kind, time)).lastrowid


class Reviewing:
    """The changing methods of Workspace; uses its _mutex, _tx, _q, _row, _editable_row, _corrected, load."""

    def record_correction(self, report_id: int, correction: Correction, reverts: int | None = None) -> int:
        """Append a correction of one cell (committed at once); returns its audit entry id.

        A header correction uses the cell keys of review.audit.HEADER_CELLS (see record_header).
        """
        if correction.cell in HEADER_CELLS:
            return self.record_header(report_id, HEADER_CELLS[correction.cell], correction.new, correction.reviewer,
                                      correction.reason, old=correction.old, time=correction.time, reverts=reverts)
        with self._mutex:
            row = self._editable_row(report_id)
            report = self._corrected(row, self._corrections_of([report_id]).get(report_id, []))
            cell = report.cells.get(correction.cell)
            if cell is None:
                raise WorkspaceError(f"报告中没有这个单元格：{correction.cell}")
            new = correction.new
            if new is not None and (isinstance(new, bool) or not isinstance(new, int | float)
                                    or not math.isfinite(new)):
                raise WorkspaceError(f"更正值须为数字或空：{new!r}")
            if not _same(cell.value, correction.old):
                raise WorkspaceError(f"该格当前值为 {format_value(cell.value)}，与更正前的值 "
                                     f"{format_value(correction.old)} 不符，请刷新后重试")
            if _same(cell.value, new) and type(cell.value) is type(new):
                raise WorkspaceError("新值与当前值相同，无需更正")
            with self._tx() as c:
                cid = _journal(c, report_id, CORRECTION, correction.time)
                c.execute(
                    "INSERT INTO corrections (id, report_id, cell, old, new, reason, reviewer, time, reverts)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (cid, report_id, correction.cell, json.dumps(cell.value), json.dumps(new), correction.reason,
                     correction.reviewer, correction.time, reverts),
                )
            self._reviewed([row])
            self._refresh_next_year(row["agency"], row["year"])
            return cid

    def record_header(self, report_id: int, field: str, new: str | int | None, reviewer: str, reason: str = "", *,
                      old: Any = ..., time: str | None = None, reverts: int | None = None) -> int:
        """Correct the agency, year or format version of a report (logged like a cell correction)."""
        from parser.template import versions

        key = next((k for k, f in HEADER_CELLS.items() if f == field), None)
        if key is None:
            raise WorkspaceError(f"不能更正报告的这一项：{field}")
        if field == "year" and new is not None and (isinstance(new, bool) or not isinstance(new, int)
                                                    or not 1990 <= new <= 2100):
            raise WorkspaceError(f"年度须为 1990 至 2100 之间的整数：{new!r}")
        if field == "template" and new is not None and new not in versions():
            raise WorkspaceError(f"未知的格式版本：{new!r}（可选：{'、'.join(versions())}）")
        if field == "agency":
            if new is not None and not isinstance(new, str):
                raise WorkspaceError(f"机关名称须为文字：{new!r}")
            new = (new or "").strip() or None
        with self._mutex:
            row = self._editable_row(report_id)
            report = self._corrected(row, self._corrections_of([report_id]).get(report_id, []))
            current = getattr(report, field)
            if old is not ... and old != current:
                raise WorkspaceError(f"该项当前为 {format_value(current)}，与更正前的值 {format_value(old)} 不符，"
                                     "请刷新后重试")
            if new == current:
                raise WorkspaceError("新值与当前值相同，无需更正")
            stamp = time or now()
            with self._tx() as c:
                cid = _journal(c, report_id, CORRECTION, stamp)
                c.execute("INSERT INTO corrections (id, report_id, cell, old, new, reason, reviewer, time, reverts)"
                          " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          (cid, report_id, key, json.dumps(current, ensure_ascii=False),
                           json.dumps(new, ensure_ascii=False), reason, reviewer, stamp, reverts))
                c.execute(f"UPDATE reports SET {field} = ?, status = NULL WHERE id = ?", (new, report_id))
                for agency, year in {(report.agency, report.year), (row["agency"], row["year"])}:
                    if agency and year is not None:  # the next year's comparison may change with it
                        c.execute("UPDATE reports SET status = NULL WHERE agency = ? AND year = ?", (agency, year + 1))
            self._refresh_stale()
            after = self._row(report_id)
            self._refresh_next_year(after["agency"], after["year"])
            return cid

    def rules_for(self, report_id: int) -> Callable[[Report], list[Finding]]:
        """The rules with this report's previous year bound (for a window that re-runs them after each edit)."""
        with self._mutex:
            row = self._row(report_id)
            previous = self._previous_report(row["agency"], row["year"])
        return lambda report: self._run_rules(report, previous)

    def undo_correction(self, report_id: int, correction_id: int, reviewer: str, reason: str = "") -> int:
        """Append an entry that reverts an earlier correction (nothing is deleted); returns its id."""
        with self._mutex:
            found = self._q("SELECT * FROM corrections WHERE id = ? AND report_id = ?", (correction_id, report_id))
            if not found:
                raise WorkspaceError(f"该报告没有第 {correction_id} 条更正")
            entry = found[0]
            report = self.load(report_id).report
            field = HEADER_CELLS.get(entry["cell"])
            current = getattr(report, field) if field else report.value(entry["cell"])
            if not _same(current, json.loads(entry["new"])):
                raise WorkspaceError(f"第 {correction_id} 条更正之后该格又被改过，请先撤销后来的更正")
            back = Correction(entry["cell"], current, json.loads(entry["old"]),
                              reason or f"撤销第 {correction_id} 条更正", reviewer)
            return self.record_correction(report_id, back, reverts=correction_id)

    def record_decision(self, report_id: int, decision: Decision) -> int:
        """Append a decision on a finding (the latest per finding wins); returns its id."""
        if decision.action not in (ACCEPTED, POSTPONED, WITHDRAWN):
            raise WorkspaceError(f"未知的处理方式：{decision.action}")
        if decision.action == ACCEPTED and not decision.reason.strip():
            raise WorkspaceError("接受一个问题须说明理由")
        with self._mutex:
            row = self._editable_row(report_id)
            with self._tx() as c:
                did = _journal(c, report_id, DECISION, decision.time)
                c.execute(
                    "INSERT INTO decisions (id, report_id, finding_id, action, reason, reviewer, time)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (did, report_id, decision.finding_id, decision.action, decision.reason, decision.reviewer,
                     decision.time),
                )
            self._reviewed([row])
            return did

    def withdraw_decision(self, report_id: int, finding_id: str, reviewer: str, reason: str = "") -> int:
        """Withdraw the decision on a finding (it is open again); appended like any decision."""
        return self.record_decision(report_id, Decision(finding_id, WITHDRAWN, reason, reviewer))

    def sign_off(self, report_id: int, signoff: SignOff) -> SignOff:
        """Sign a report off (or return it); raises SignOffRefused with the reasons when not allowed.

        Returns the recorded SignOff, with the SHA-256 over the signed values. The report is then
        read-only until reopened.
        """
        with self._mutex:
            reviewed = self.load(report_id)
            problems = signoff_problems(reviewed, signoff.outcome, signoff.reviewer, signoff.reason)
            if problems:
                raise SignOffRefused(problems)
            sha = self._row(report_id, "sha256")["sha256"]
            signoff = replace(signoff, values_hash="")
            signoff = replace(signoff, values_hash=signed_hash(reviewed.report, sha, signoff))
            with self._tx() as c:
                sid = _journal(c, report_id, SIGNOFF, signoff.time)
                c.execute("INSERT INTO signoffs (id, report_id, event, outcome, reviewer, reason, values_hash, time)"
                          " VALUES (?, ?, 'signoff', ?, ?, ?, ?, ?)",
                          (sid, report_id, signoff.outcome, signoff.reviewer, signoff.reason, signoff.values_hash,
                           signoff.time))
                c.execute("INSERT INTO settings (key, value) VALUES ('last_reviewer', ?)"
                          " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (signoff.reviewer,))
            self.load(report_id)
            return signoff

    def reopen(self, report_id: int, reviewer: str, reason: str) -> None:
        """Make a signed-off or returned report editable again; the reopening is logged."""
        with self._mutex:
            if self.load(report_id).signoff is None:
                raise WorkspaceError("该报告尚未签发或退回，无需重新打开")
            if not reviewer.strip() or not reason.strip():
                raise WorkspaceError("重新打开报告须填写审核人和理由")
            with self._tx() as c:
                stamp = now()
                sid = _journal(c, report_id, REOPEN, stamp)
                c.execute("INSERT INTO signoffs (id, report_id, event, reviewer, reason, time)"
                          " VALUES (?, ?, 'reopen', ?, ?, ?)", (sid, report_id, reviewer, reason, stamp))
            self.load(report_id)
