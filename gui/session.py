"""One report under review in the window: the core ReviewedReport, its undo stack and its findings.

Every change is a core command (review.commands) on the session's EditContext, wrapped for the undo
stack by gui/commands.py, which calls back `after_change`; the rules then re-run at once and `changed`
tells every view to repaint. The context's journal records each edit: in memory for a report opened
from a file, in the workspace once the workspace binds the report (`session.journal = …`).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from parser.model import Report
from review.commands import EditContext
from review.edit_journal import Journal, MemoryJournal
from review.findings import ERROR, INFO, WARNING, Finding
from review.isolation import CRASHED, isolated
from review.state import ACCEPTED, Decision, ReviewedReport

from .i18n import tr

Checker = Callable[[Report], list[Finding]]
SEVERITY_ORDER = {ERROR: 0, WARNING: 1, INFO: 2}


def _rules_checker() -> tuple[Checker, bool]:
    """review.rules.check when it can be imported, else a checker that finds nothing."""
    try:
        from review.rules import check
    except Exception:  # noqa: BLE001 - the window must open even when the rules module is broken
        return (lambda report: []), False
    return (lambda report: check(report)), True




class ReportSession(QObject):
    changed = Signal(object)  # set of cell keys whose value changed (empty: only findings/decisions)
    header_changed = Signal()
    refused = Signal(str)  # a change was not made, and why (the report is signed off, the workspace refused)

    def __init__(
        self,
        reviewed: ReviewedReport | Report,
        checker: Checker | None = None,
        reviewer: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.reviewed = reviewed if isinstance(reviewed, ReviewedReport) else ReviewedReport(reviewed)
        if checker is None:
            checker, self.rules_available = _rules_checker()
        else:
            self.rules_available = True
        self.checker = checker
        self.context = EditContext(self.reviewed, MemoryJournal(), reviewer)
        # asked before the first change (the window asks for the reviewer's name); False: not made
        self.name_wanted: Callable[[], bool] = lambda: True
        self.undo_stack = QUndoStack(self)
        self.path: str = self.reviewed.report.source
        self.held_by: str | None = None  # the reviewer editing it in another program (shared workspace)
        self.demo = False  # a bundled sample in the demo workspace (gui/demo.py), labelled as such
        self.check_error = ""  # why the rules could not run on the report as it stands, if they could not
        self._by_cell: dict[str, list[Finding]] = {}
        self._primary: dict[str, list[Finding]] = {}
        self.recheck()

    # --- reading -------------------------------------------------------------------------------
    @property
    def reviewer(self) -> str:
        return self.context.reviewer

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self.context.reviewer = name

    @property
    def journal(self) -> Journal:
        """Where this report's edits are recorded (the workspace's journal once bound)."""
        return self.context.journal

    @journal.setter
    def journal(self, journal: Journal) -> None:
        self.context.journal = journal

    @property
    def report(self) -> Report:
        return self.reviewed.report

    @property
    def findings(self) -> list[Finding]:
        return self.reviewed.findings

    def is_open(self, finding: Finding) -> bool:
        return self.reviewed.is_open(finding)

    @property
    def read_only(self) -> bool:
        """Signed off or returned: nothing changes until the report is reopened (which is logged); or
        another reviewer edits it in a shared workspace (`held_by`)."""
        return self.reviewed.signoff is not None or self.held_by is not None

    def may_change(self) -> bool:
        """Whether a change may be made now: not when the report is read-only (and says so), not
        without the reviewer's name (asked once)."""
        if self.held_by is not None:
            self.refused.emit(tr("{who} 正在审核此报告，本窗口只读", who=self.held_by))
            return False
        if self.read_only:
            self.refused.emit(tr("此报告已签发或退回，只读；如需修改请先在“工作区”菜单中重新打开"))
            return False
        return self.name_wanted()

    def push(self, command: QUndoCommand) -> bool:
        """Do a reviewer's change as an undoable command, unless the report is read-only."""
        if not self.may_change():
            return False
        self.undo_stack.push(command)
        return True

    def decision(self, finding: Finding) -> Decision | None:
        return self.reviewed.decisions.get(finding.id)

    def open_findings(self) -> list[Finding]:
        return self.reviewed.open_findings()

    def counts(self) -> dict[str, int]:
        """Open findings by severity (error, warning, info)."""
        out = {ERROR: 0, WARNING: 0, INFO: 0}
        for f in self.open_findings():
            out[f.severity] = out.get(f.severity, 0) + 1
        return out

    def findings_of(self, key: str) -> list[Finding]:
        """Every finding that involves the cell."""
        return self._by_cell.get(key, [])

    def cell_mark(self, key: str) -> tuple[str | None, bool, bool]:
        """(worst severity of the open findings the cell is the subject of, involved in any open finding
        as an addend, every finding about it decided)."""
        primary = self._primary.get(key, [])
        open_primary = [f for f in primary if self.is_open(f)]
        severity = min((f.severity for f in open_primary), key=lambda s: SEVERITY_ORDER.get(s, 9), default=None)
        involved = any(self.is_open(f) for f in self._by_cell.get(key, []))
        decided = bool(primary) and not involved  # the subject of findings, every one decided
        return severity, involved, decided

    def display_name(self, key: str) -> str:
        version = self.report.version
        return version.specs[key].display_name() if version and key in version.specs else key

    # --- changing ------------------------------------------------------------------------------
    def recheck(self) -> None:
        """Run the rules on the report as it stands and rebuild the cell → findings index."""
        findings = isolated(CRASHED, lambda: self.checker(self.report))  # a crash is a finding, never lost work
        self.check_error = next((f.message for f in findings if f.rule == CRASHED), "")
        self.reviewed.findings = findings
        by_cell: dict[str, list[Finding]] = {}
        primary: dict[str, list[Finding]] = {}
        for f in findings:
            for k in f.cells:
                by_cell.setdefault(k, []).append(f)
            for k in f.subjects:
                primary.setdefault(k, []).append(f)
        self._by_cell, self._primary = by_cell, primary

    def after_change(self, keys: set[str] | frozenset[str] = frozenset(), header: bool = False) -> None:
        """Called by the undo commands after they changed the report (or a reload from the workspace)."""
        self.recheck()
        if header:
            self.header_changed.emit()
        self.changed.emit(set(keys))

    def is_accepted(self, finding: Finding) -> bool:
        d = self.decision(finding)
        return d is not None and d.action == ACCEPTED
