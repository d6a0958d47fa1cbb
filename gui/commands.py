"""Undo commands: the core's edit commands (review.commands) on a session's QUndoStack, and nothing more.

Each wrapper runs the core command's do() on redo and undo() on undo, then tells the session what
changed. A refused edit (the workspace will not take it, the report is signed off) changed nothing:
the wrapper says why through session.refused and marks itself obsolete, so the stack drops it.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from parser.model import Number
from review import commands as core
from review.commands import EditRefused, same_value
from review.state import Decision

from .session import ReportSession

__all__ = ["EditCommand", "CorrectCells", "ConfirmCells", "DecideFinding", "EditHeader", "same_value"]


class EditCommand(QUndoCommand):
    """A core command on the session's undo stack."""

    def __init__(self, session: ReportSession, command: core.Command, text: str = "") -> None:
        super().__init__(text or command.text)
        self.session = session
        self.command = command

    def redo(self) -> None:
        self._run(self.command.do)

    def undo(self) -> None:
        self._run(self.command.undo)

    def _run(self, step: object) -> None:
        try:
            step()  # type: ignore[operator]
        except EditRefused as e:
            self.setObsolete(True)
            self.session.refused.emit(str(e))
            if self.command.header:
                self.session.header_changed.emit()  # the header fields show the report's values again
            return
        self.session.after_change(set(self.command.keys), header=self.command.header)


class CorrectCells(EditCommand):
    """Set one or more cells (an edit, a paste, Delete, an accepted suggestion) as one undo step."""

    def __init__(self, session: ReportSession, changes: dict[str, Number | None], reason: str, text: str) -> None:
        super().__init__(session, core.CorrectCells(session.context, changes, reason, text))


class ConfirmCells(EditCommand):
    """Confirm uncertain cells as read, after checking them against the page: they become certain."""

    def __init__(self, session: ReportSession, keys: list[str], reason: str, text: str) -> None:
        super().__init__(session, core.ConfirmCells(session.context, keys, reason, text))


class DecideFinding(EditCommand):
    """Record a decision on a finding (accepted with a reason, postponed) or withdraw it (None)."""

    def __init__(self, session: ReportSession, finding_id: str, decision: Decision | None, text: str) -> None:
        super().__init__(session, core.DecideFinding(session.context, finding_id, decision, text))


class EditHeader(EditCommand):
    """Change the agency, the year or the format version of the report."""

    FIELDS = ("agency", "year", "template")

    def __init__(self, session: ReportSession, field: str, value: object, text: str) -> None:
        assert field in self.FIELDS
        super().__init__(session, core.EditHeader(session.context, field, value, text))  # type: ignore[arg-type]
