"""The journal of a workspace: corrections (cells and header), undo, decisions, sign-off, reopening.

Every change is appended (nothing is updated or deleted) and committed at once, with an event
number in the `journal` table that orders every event of every table; a signed-off or returned
report refuses changes until reopened. audit_log reads it all back for the reviewer.
"""
from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from parser.model import UNCERTAIN, Correction, Number, Report

from ..audit import (
    CORRECTION,
    DECISION,
    HEADER_CELLS,
    IMPORT,
    REOPEN,
    SIGNOFF,
    UNDO,
    WITHDRAWN,
    AuditEntry,
    batched,
    format_value,
)
from ..edit_journal import EditRefused
from ..signoff import SignOffRefused, signed_hash, signoff_problems
from ..state import ACCEPTED, POSTPONED, Decision, ReviewedReport, SignOff, now
from .codec import report_from_json
from .errors import WorkspaceError
from .replay import Replay
from .store import Store, Transaction


def _same(a: Number | None, b: Number | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and a == b)


def mark_stale(tx: Transaction, report_ids: list[int]) -> None:
    """Mark these reports' queue summaries stale in a change's transaction: recomputed after the commit by the
    client that made it, or by whoever reads the queue next if that client died in between. Rows are locked in
    the order of their ids, as the summaries are stored (two transactions never wait for each other in a ring)."""
    tx.executemany("UPDATE reports SET status = NULL WHERE id = ?", [(i,) for i in sorted(set(report_ids))])


def new_event(tx: Transaction, report_id: int, kind: str, time: str) -> int:
    """A new event number (ordering every event of every table); call inside the event's transaction."""
    return tx.insert("INSERT INTO journal (report_id, kind, time) VALUES (?, ?, ?)", (report_id, kind, time))


class Journal:
    """Appends the reviewer's changes to a store and reads them back as the audit log."""

    def __init__(self, store: Store, replay: Replay) -> None:
        self.store = store
        self.replay = replay

    def record_correction(self, report_id: int, correction: Correction, reverts: int | None = None) -> int:
        """Append a correction of one cell (committed at once); returns its audit entry id.

        A header correction uses the cell keys of review.audit.HEADER_CELLS (see record_header).
        """
        if correction.cell in HEADER_CELLS:
            return self.record_header(report_id, HEADER_CELLS[correction.cell], correction.new, correction.reviewer,
                                      correction.reason, old=correction.old, time=correction.time, reverts=reverts)
        return self.record_corrections(report_id, [correction], [reverts])[0]

    def record_corrections(self, report_id: int, corrections: list[Correction],
                           reverts: list[int | None] | None = None) -> list[int]:
        """Append corrections of several cells in one transaction: all are recorded, or none (then
        WorkspaceError says why). `reverts[i]`: the entry the i-th correction undoes, if it is an undo.
        Returns their audit entry ids, in order. Header cells go through record_header, one at a time."""
        reverts = list(reverts) if reverts is not None else [None] * len(corrections)
        if len(reverts) != len(corrections):
            raise ValueError("one reverts entry per correction")
        if any(c.cell in HEADER_CELLS for c in corrections):
            raise WorkspaceError("报告信息（机关、年度、格式版本）须逐项更正")
        if len({c.cell for c in corrections}) != len(corrections):
            raise WorkspaceError("同一单元格在一次更正中出现了两次")
        row = self.replay.row(report_id)
        base = report_from_json(row["parsed"], row["text"])  # the parsed report never changes: read before the lock
        stale = [report_id, *self.replay.next_year_ids(row["agency"], row["year"])]
        with self.store.lock:  # only the check against the stored values and the write (a short transaction)
            self.replay.check_editable(report_id)
            report = self.replay.apply(base, self.replay.corrections_of([report_id]).get(report_id, []))
            olds = [self._check_cell(report, c) for c in corrections]
            ids: list[int] = []
            with self.store.transaction() as tx:
                for c, old, undone in zip(corrections, olds, reverts, strict=True):
                    cid = new_event(tx, report_id, CORRECTION, c.time)
                    batch = (ids[0] if ids else cid) if len(corrections) > 1 else None  # one step, one entry
                    tx.execute(
                        "INSERT INTO corrections (id, report_id, cell, old, new, reason, reviewer, time, reverts,"
                        " batch) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        (cid, report_id, c.cell, json.dumps(old), json.dumps(c.new), c.reason, c.reviewer, c.time,
                         undone, batch),
                    )
                    ids.append(cid)
                mark_stale(tx, stale)
        self.replay.refresh(stale)  # the rules re-run outside the lock (replay.reviewed guards the summaries)
        return ids

    @staticmethod
    def _check_cell(report: Report, correction: Correction) -> Number | None:
        """The cell's current value, after checking the correction applies to it (else WorkspaceError)."""
        cell = report.cells.get(correction.cell)
        if cell is None:
            raise WorkspaceError(f"报告中没有这个单元格：{correction.cell}")
        new = correction.new
        if new is not None and (isinstance(new, bool) or not isinstance(new, int | float) or not math.isfinite(new)):
            raise WorkspaceError(f"更正值须为数字或空：{new!r}")
        if not _same(cell.value, correction.old):
            raise WorkspaceError(f"该格当前值为 {format_value(cell.value)}，与更正前的值 "
                                 f"{format_value(correction.old)} 不符，请刷新后重试")
        if _same(cell.value, new) and type(cell.value) is type(new) and cell.status != UNCERTAIN \
                and not cell.confirmed:  # the same value again confirms an uncertain reading (or withdraws that)
            raise WorkspaceError("新值与当前值相同，无需更正")
        return cell.value

    def record_header(self, report_id: int, field: str, new: str | float | None, reviewer: str, reason: str = "", *,
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
        with self.store.lock:
            row = self.replay.editable_row(report_id)
            report = self.replay.corrected(row, self.replay.corrections_of([report_id]).get(report_id, []))
            current = getattr(report, field)
            if old is not ... and old != current:
                raise WorkspaceError(f"该项当前为 {format_value(current)}，与更正前的值 {format_value(old)} 不符，"
                                     "请刷新后重试")
            if new == current:
                raise WorkspaceError("新值与当前值相同，无需更正")
            stamp = time or now()
            with self.store.transaction() as tx:
                cid = new_event(tx, report_id, CORRECTION, stamp)
                tx.execute("INSERT INTO corrections (id, report_id, cell, old, new, reason, reviewer, time, reverts)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                           (cid, report_id, key, json.dumps(current, ensure_ascii=False),
                            json.dumps(new, ensure_ascii=False), reason, reviewer, stamp, reverts))
                tx.execute(f"UPDATE reports SET {field} = ?, status = NULL WHERE id = ?", (new, report_id))
                for agency, year in {(report.agency, report.year), (row["agency"], row["year"])}:
                    if agency and year is not None:  # the next year's comparison may change with it
                        tx.execute("UPDATE reports SET status = NULL WHERE agency = ? AND year = ?", (agency, year + 1))
        try:  # outside the lock, like record_corrections
            self.replay.refresh_stale()
            after = self.replay.row(report_id)
            self.replay.refresh_next_year(after["agency"], after["year"])
        except WorkspaceError:
            pass  # committed; the summaries stay marked stale
        return cid

    def undo_correction(self, report_id: int, correction_id: int, reviewer: str, reason: str = "") -> int:
        """Append an entry that reverts an earlier correction (nothing is deleted); returns its id."""
        return self.undo_corrections(report_id, [correction_id], reviewer, reason)[0]

    def undo_corrections(self, report_id: int, correction_ids: list[int], reviewer: str, reason: str = "") -> list[int]:
        """Append entries that revert earlier corrections, each naming the one it reverts, in one transaction.
        Checked here without the lock, then again under it by record_corrections (a cell changed meanwhile
        is refused there)."""
        report = self.replay.current(report_id)[1]
        back: list[tuple[Correction, int]] = []
        header: list[tuple[Correction, int]] = []
        for correction_id in correction_ids:
            found = self.store.query("SELECT * FROM corrections WHERE id = ? AND report_id = ?",
                                     (correction_id, report_id))
            if not found:
                raise WorkspaceError(f"该报告没有第 {correction_id} 条更正")
            entry = found[0]
            field = HEADER_CELLS.get(entry["cell"])
            current = getattr(report, field) if field else report.value(entry["cell"])
            if not _same(current, json.loads(entry["new"])):
                raise WorkspaceError(f"第 {correction_id} 条更正之后该格又被改过，请先撤销后来的更正")
            c = Correction(entry["cell"], current, json.loads(entry["old"]),
                           reason or f"撤销第 {correction_ids[0]} 条更正", reviewer)
            (header if field else back).append((c, correction_id))
        if header and (back or len(header) > 1):
            raise WorkspaceError("报告信息（机关、年度、格式版本）的更正须逐条撤销")
        if header:
            (c, correction_id), = header
            return [self.record_correction(report_id, c, reverts=correction_id)]
        return self.record_corrections(report_id, [c for c, _ in back], [i for _, i in back])

    def record_decision(self, report_id: int, decision: Decision, reverts: int | None = None) -> int:
        """Append a decision on a finding (the latest per finding wins); returns its id.
        `reverts`: the decision entry this one undoes (it restores the state before that one)."""
        if decision.action not in (ACCEPTED, POSTPONED, WITHDRAWN):
            raise WorkspaceError(f"未知的处理方式：{decision.action}")
        if decision.action == ACCEPTED and not decision.reason.strip():
            raise WorkspaceError("接受一个问题须说明理由")
        with self.store.lock:
            self.replay.check_editable(report_id)
            with self.store.transaction() as tx:
                did = new_event(tx, report_id, DECISION, decision.time)
                tx.execute(
                    "INSERT INTO decisions (id, report_id, finding_id, action, reason, reviewer, time, reverts)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (did, report_id, decision.finding_id, decision.action, decision.reason, decision.reviewer,
                     decision.time, reverts),
                )
                mark_stale(tx, [report_id])
        self.replay.refresh([report_id])
        return did

    def withdraw_decision(self, report_id: int, finding_id: str, reviewer: str, reason: str = "",
                          reverts: int | None = None) -> int:
        """Withdraw the decision on a finding (it is open again); appended like any decision."""
        return self.record_decision(report_id, Decision(finding_id, WITHDRAWN, reason, reviewer), reverts)

    def sign_off(self, report_id: int, signoff: SignOff, reverts: int | None = None) -> SignOff:
        """Sign a report off (or return it); raises SignOffRefused with the reasons when not allowed.

        Returns the recorded SignOff, with the SHA-256 over the signed values. The report is then
        read-only until reopened. `reverts`: the reopening this sign-off undoes, if it is an undo.
        """
        return self.signed_off(report_id, signoff, reverts)[1]

    def signed_off(self, report_id: int, signoff: SignOff, reverts: int | None = None) -> tuple[int, SignOff]:
        """sign_off, also returning the sign-off's entry id. The findings are checked under the lock (a
        sign-off needs the state it seals)."""
        with self.store.lock:
            reviewed = self.replay.load(report_id)
            problems = signoff_problems(reviewed, signoff.outcome, signoff.reviewer, signoff.reason)
            if problems:
                raise SignOffRefused(problems)
            sha = self.replay.row(report_id, "sha256")["sha256"]
            signoff = replace(signoff, values_hash="")
            signoff = replace(signoff, values_hash=signed_hash(reviewed.report, sha, signoff))
            with self.store.transaction() as tx:
                sid = new_event(tx, report_id, SIGNOFF, signoff.time)
                tx.execute("INSERT INTO signoffs (id, report_id, event, outcome, reviewer, reason, values_hash, time,"
                           " reverts) VALUES (?, ?, 'signoff', ?, ?, ?, ?, ?, ?)",
                           (sid, report_id, signoff.outcome, signoff.reviewer, signoff.reason, signoff.values_hash,
                            signoff.time, reverts))
                tx.execute("INSERT INTO settings (key, value) VALUES ('last_reviewer', ?)"
                           " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (signoff.reviewer,))
                mark_stale(tx, [report_id])
        self.replay.refresh([report_id])
        return sid, signoff

    def reopen(self, report_id: int, reviewer: str, reason: str, reverts: int | None = None) -> int:
        """Make a signed-off or returned report editable again; the reopening is logged; returns its id.
        `reverts`: the sign-off this reopening undoes, if it is an undo."""
        with self.store.lock:
            last = self.store.query("SELECT event FROM signoffs WHERE report_id = ? ORDER BY id DESC LIMIT 1",
                                    (report_id,))
            if not last or last[0]["event"] != "signoff":
                raise WorkspaceError("该报告尚未签发或退回，无需重新打开")
            if not reviewer.strip() or not reason.strip():
                raise WorkspaceError("重新打开报告须填写审核人和理由")
            with self.store.transaction() as tx:
                stamp = now()
                sid = new_event(tx, report_id, REOPEN, stamp)
                tx.execute("INSERT INTO signoffs (id, report_id, event, reviewer, reason, time, reverts)"
                           " VALUES (?, ?, 'reopen', ?, ?, ?, ?)", (sid, report_id, reviewer, reason, stamp, reverts))
                mark_stale(tx, [report_id])
        self.replay.refresh([report_id])
        return sid

    def audit_log(self, report_id: int) -> list[AuditEntry]:
        """Everything that happened to a report, oldest first."""
        with self.store.lock:
            row = self.replay.row(report_id, "file_name, origin, imported_at")
            first = self.store.query("SELECT id, reviewer FROM journal WHERE report_id = ? AND kind = ?"
                                     " ORDER BY id LIMIT 1", (report_id, IMPORT))
            entries = [AuditEntry(row["imported_at"], IMPORT, first[0]["reviewer"] if first else "",
                                  reason=f"导入文件 {row['file_name']}（{row['origin']}）",
                                  entry_id=first[0]["id"] if first else 0)]
            corrections, batches = [], {}
            for r in self.store.query("SELECT * FROM corrections WHERE report_id = ? ORDER BY id", (report_id,)):
                corrections.append(AuditEntry(r["time"], UNDO if r["reverts"] else CORRECTION, r["reviewer"],
                                              r["cell"], json.loads(r["old"]), json.loads(r["new"]), r["reason"],
                                              entry_id=r["id"], reverts=r["reverts"]))
                batches[r["id"]] = r["batch"]
            entries += batched(corrections, batches)  # a step of several cells: one entry
            for r in self.store.query("SELECT * FROM decisions WHERE report_id = ? ORDER BY id", (report_id,)):
                entries.append(AuditEntry(r["time"], DECISION, r["reviewer"], reason=r["reason"],
                                          finding_id=r["finding_id"], action=r["action"], entry_id=r["id"],
                                          reverts=r["reverts"]))
            for r in self.store.query("SELECT * FROM signoffs WHERE report_id = ? ORDER BY id", (report_id,)):
                entries.append(AuditEntry(r["time"], SIGNOFF if r["event"] == "signoff" else REOPEN, r["reviewer"],
                                          reason=r["reason"], action=r["outcome"], entry_id=r["id"],
                                          reverts=r["reverts"]))
        return sorted(entries, key=AuditEntry.sort_key)


class ReportJournal:
    """review.edit_journal.Journal of one report in a workspace: every edit committed at once.

    The workspace checks each edit against what it has stored (not against the window's copy), so an
    edit based on a stale copy is refused, never silently applied; refusals become EditRefused."""

    def __init__(self, journal: Journal, report_id: int) -> None:
        self.journal = journal
        self.report_id = report_id

    def correct(self, corrections: Sequence[Correction], reverts: Sequence[int | None] | None = None) -> list[int]:
        try:
            if len(corrections) == 1 and corrections[0].cell in HEADER_CELLS:
                return [self.journal.record_correction(self.report_id, corrections[0], reverts[0] if reverts else None)]
            return self.journal.record_corrections(self.report_id, list(corrections),
                                                   list(reverts) if reverts is not None else None)
        except WorkspaceError as e:
            raise EditRefused(str(e)) from e

    def decide(self, decision: Decision, reverts: int | None = None) -> int:
        try:
            return self.journal.record_decision(self.report_id, decision, reverts)
        except WorkspaceError as e:
            raise EditRefused(str(e)) from e

    def sign_off(self, reviewed: ReviewedReport, signoff: SignOff, reverts: int | None = None) -> tuple[int, SignOff]:
        """Sign off the report as the workspace holds it (`reviewed` is the caller's copy, not consulted)."""
        try:
            return self.journal.signed_off(self.report_id, signoff, reverts)
        except SignOffRefused as e:
            raise EditRefused(str(e), e.problems) from e
        except WorkspaceError as e:
            raise EditRefused(str(e)) from e

    def reopen(self, reviewer: str, reason: str, reverts: int | None = None) -> int:
        try:
            return self.journal.reopen(self.report_id, reviewer, reason, reverts)
        except WorkspaceError as e:
            raise EditRefused(str(e)) from e

    def entries(self) -> list[AuditEntry]:
        return self.journal.audit_log(self.report_id)
