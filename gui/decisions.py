"""Decisions on findings from the review loop: accept as it stands (with a reason), postpone, withdraw.

One problem, one decision: accepting a finding also settles the cannot-assess findings about the same
cells (appeals.half_missing and the row totals it leaves unassessable), as one undo step.
"""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog

from review.findings import Finding
from review.state import ACCEPTED, POSTPONED, Decision

from .commands import DecideFinding
from .i18n import tr

REASONS = ("经与报送单位核实，数据无误", "原文如此，已告知报送单位", "不影响审核结论")


class FindingDecisions:
    """Mixed into MainWindow (session, reviewer, current_finding() and step_finding() come from it)."""

    reviewer: str

    def ask_reason(self, finding: Finding) -> str | None:
        """The reason for accepting a finding as it stands (a dialog; tests replace this method)."""
        reason, ok = QInputDialog.getItem(
            self,  # type: ignore[arg-type]
            tr("按原样接受"),
            tr("{m}\n\n接受理由：", m=finding.message),
            [tr(r) for r in REASONS],
            0,
            True,
        )
        return reason.strip() if ok and reason.strip() else None

    def accept_as_is(self) -> None:
        s, f = self.session, self.current_finding()  # type: ignore[attr-defined]
        if s is None or f is None:
            return
        if not s.may_change():
            return
        reason = self.ask_reason(f)
        if not reason:
            return
        # one problem, one decision: the cannot-assess findings about the same cells go with it
        cells = set(f.cells)
        same = [g for g in s.open_findings() if g.id != f.id and g.status == "cannot_assess" and set(g.cells) <= cells]
        s.undo_stack.beginMacro(tr("按原样接受"))
        s.push(DecideFinding(s, f.id, Decision(f.id, ACCEPTED, reason, self.reviewer), tr("按原样接受")))
        for g in same:
            why = tr("{r}（随“{m}”一并处理）", r=reason, m=f.message[:30])
            s.push(DecideFinding(s, g.id, Decision(g.id, ACCEPTED, why, self.reviewer), tr("按原样接受")))
        s.undo_stack.endMacro()
        self.step_finding(True)  # type: ignore[attr-defined]

    def postpone(self) -> None:
        s, f = self.session, self.current_finding()  # type: ignore[attr-defined]
        if s is not None and f is not None and s.is_open(f) and s.may_change():
            s.push(DecideFinding(s, f.id, Decision(f.id, POSTPONED, "", self.reviewer), tr("稍后处理")))
            self.step_finding(True)  # type: ignore[attr-defined]

    def reopen(self) -> None:
        s, f = self.session, self.current_finding()  # type: ignore[attr-defined]
        if s is not None and f is not None and s.decision(f) is not None:
            s.push(DecideFinding(s, f.id, None, tr("撤回决定")))
