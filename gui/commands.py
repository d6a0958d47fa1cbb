"""Undo commands: every change the reviewer makes, reversible, on the core model.

Undoing a correction is itself a correction back to the old value, so the audit history stays
append-only. Commands take the session explicitly; they never open dialogs.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from parser.model import MISSING, UNCERTAIN, Cell, Number
from parser.template import version as template_version
from review.state import Decision

from .i18n import tr
from .session import ReportSession


def same_value(a: Number | None, b: Number | None) -> bool:
    return a == b and (a is None) == (b is None) and type(a) is type(b)


class CorrectCells(QUndoCommand):
    """Set one or more cells (an edit, a paste, Delete, an accepted suggestion) as one undo step."""

    def __init__(self, session: ReportSession, changes: dict[str, Number | None], reason: str, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.reason = reason
        self.new = dict(changes)
        self.old = {k: session.report.cells[k].value for k in changes}

    def _apply(self, values: dict[str, Number | None], reason: str) -> None:
        cells = self.session.report.cells
        for key, value in values.items():
            if not same_value(cells[key].value, value):
                c = cells[key].correct(value, self.session.reviewer, reason)
                self.session.notify_correction(c)
        self.session.after_change(set(values))

    def redo(self) -> None:
        self._apply(self.new, self.reason)

    def undo(self) -> None:
        self._apply(self.old, tr("撤销：{text}", text=self.text()))


class ConfirmCells(QUndoCommand):
    """Confirm uncertain cells as read, after checking them against the page: they become certain.
    Logged as a correction to the same value; undo logs the same entry again, which withdraws it."""

    def __init__(self, session: ReportSession, keys: list[str], reason: str, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.reason = reason
        self.keys = [k for k in keys if session.report.cells[k].status == UNCERTAIN]

    def _toggle(self, reason: str) -> None:
        cells = self.session.report.cells
        for key in self.keys:
            self.session.notify_correction(cells[key].correct(cells[key].value, self.session.reviewer, reason))
        self.session.after_change(set(self.keys))

    def redo(self) -> None:
        self._toggle(self.reason)

    def undo(self) -> None:
        self._toggle(tr("撤销：{text}", text=self.text()))


class DecideFinding(QUndoCommand):
    """Record a decision on a finding (accepted with a reason, postponed) or withdraw it (None)."""

    def __init__(self, session: ReportSession, finding_id: str, decision: Decision | None, text: str) -> None:
        super().__init__(text)
        self.session = session
        self.finding_id = finding_id
        self.new = decision
        self.old = session.reviewed.decisions.get(finding_id)

    def redo(self) -> None:
        self.session.set_decision(self.finding_id, self.new)
        self.session.after_change()

    def undo(self) -> None:
        self.session.set_decision(self.finding_id, self.old)
        self.session.after_change()


class EditHeader(QUndoCommand):
    """Change the agency, the year or the format version of the report."""

    FIELDS = ("agency", "year", "template")

    def __init__(self, session: ReportSession, field: str, value: object, text: str) -> None:
        assert field in self.FIELDS
        super().__init__(text)
        self.session = session
        self.field = field
        self.new = value
        self.old = getattr(session.report, field)

    def _apply(self, value: object) -> None:
        report = self.session.report
        setattr(report, self.field, value)
        if self.field == "template" and value:
            # cells of the other version stay (nothing is lost); the new version's cells start missing
            for key in template_version(str(value)).cell_keys():
                report.cells.setdefault(key, Cell(key, None, "", None, MISSING))
        self.session.after_change(header=True)

    def redo(self) -> None:
        self._apply(self.new)

    def undo(self) -> None:
        self._apply(self.old)
