"""The reviewer's edits as plain commands with do() and undo() (in the spirit of git-cola's cola/cmd.py).

A command acts on an EditContext given explicitly: the reviewed report and the journal its edits are
appended to (the workspace's, or a MemoryJournal). do() records in the journal first and changes the
report only once the journal took the edit, so a refused edit changes nothing and raises EditRefused
(one line of Chinese). undo() appends entries that name what they revert (the audit log is never
rewritten) and restores the report; do() after undo() is a redo, recorded as a new edit. Commands ask
the user nothing; the window wraps each in a QUndoCommand (gui/commands.py) and nothing more.

    ctx = EditContext(reviewed, journal=workspace.journal_for(report_id), reviewer="张三")
    cmd = CorrectCells(ctx, finding.changes_to_accept(), "采纳建议")   # every cell, one undo step
    cmd.do(); cmd.undo()
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from parser.model import UNCERTAIN, Correction, Number, Report

from .audit import HEADER_CELLS, WITHDRAWN
from .edit_journal import EditRefused, Journal, MemoryJournal
from .findings import Finding
from .state import Decision, ReviewedReport, SignOff, set_header

__all__ = ["EditContext", "EditRefused", "Command", "CorrectCells", "ConfirmCells", "EditHeader", "DecideFinding",
           "SignOffReport", "ReopenReport", "same_value"]

READ_ONLY = "此报告已签发或退回，只读；如需修改请先重新打开"
HEADER_FIELDS = {field: key for key, field in HEADER_CELLS.items()}  # agency → @agency …


def same_value(a: Number | str | None, b: Number | str | None) -> bool:
    """The same value of the same type (0 and 0.0 differ: a count and an amount are shown differently)."""
    return a == b and (a is None) == (b is None) and type(a) is type(b)


@dataclass
class EditContext:
    """What commands act on: the reviewed report, its journal, and who is editing.

    `check`: the rules, re-run after every do/undo when given (a window that keeps its own index of
    findings leaves it None and re-runs them itself)."""

    reviewed: ReviewedReport
    journal: Journal = field(default_factory=MemoryJournal)
    reviewer: str = ""
    check: Callable[[Report], list[Finding]] | None = None

    @property
    def report(self) -> Report:
        return self.reviewed.report

    def require_editable(self) -> None:
        if self.reviewed.signoff is not None:
            raise EditRefused(READ_ONLY)

    def recheck(self) -> None:
        if self.check is not None:
            self.reviewed.findings = list(self.check(self.report))


class Command:
    """An edit: do() then undo() (and do() again to redo). `text` names it in the undo menu."""

    text = ""
    keys: frozenset[str] = frozenset()  # cells whose value it changes
    header = False  # it changes the agency, year or format version

    def do(self) -> None:
        raise NotImplementedError

    def undo(self) -> None:
        raise NotImplementedError


class CorrectCells(Command):
    """Set one or more cells (an edit, a paste, Delete, an accepted suggestion) as one undo step."""

    def __init__(self, ctx: EditContext, changes: Mapping[str, Number | None], reason: str, text: str = "") -> None:
        missing = [k for k in changes if k not in ctx.report.cells]
        if missing:
            raise EditRefused(f"报告中没有这个单元格：{missing[0]}")
        self.ctx = ctx
        self.changes = dict(changes)
        self.reason = reason
        self.text = text or reason
        self.keys = frozenset(self.changes)
        self._done: list[tuple[Correction, int]] = []  # what do() recorded: correction, entry id

    def do(self) -> None:
        self.ctx.require_editable()
        cells = self.ctx.report.cells
        corrections = [Correction(k, cells[k].value, v, self.reason, self.ctx.reviewer)
                       for k, v in self.changes.items() if not same_value(cells[k].value, v)]
        ids = self.ctx.journal.correct(corrections) if corrections else []
        for c in corrections:
            cells[c.cell].correct(c.new, c.reviewer, c.reason, c.time)
        self._done = list(zip(corrections, ids, strict=True))
        self.ctx.recheck()

    def undo(self) -> None:
        self.ctx.require_editable()
        cells = self.ctx.report.cells
        reason = f"撤销：{self.text}"
        back = [Correction(c.cell, c.new, c.old, reason, self.ctx.reviewer) for c, _ in self._done]
        if back:
            self.ctx.journal.correct(back, [i for _, i in self._done])
        for c in back:
            cells[c.cell].correct(c.new, c.reviewer, c.reason, c.time)
        self._done = []
        self.ctx.recheck()


class ConfirmCells(Command):
    """Confirm uncertain cells (read from a page) as printed, after checking them against the page.

    Recorded as a correction to the same value, which makes an uncertain cell certain (and, once more,
    a confirmed cell uncertain again: parser.model.Cell.correct); undo records that second entry."""

    def __init__(self, ctx: EditContext, keys: list[str], reason: str, text: str = "") -> None:
        self.ctx = ctx
        self.reason = reason
        self.text = text or reason
        self.keys = frozenset(k for k in keys if k in ctx.report.cells and ctx.report.cells[k].status == UNCERTAIN)
        self._done: list[tuple[str, int]] = []

    def _record(self, keys: list[str], reason: str, reverts: list[int | None]) -> list[int]:
        cells = self.ctx.report.cells
        same = [Correction(k, cells[k].value, cells[k].value, reason, self.ctx.reviewer) for k in keys]
        ids = self.ctx.journal.correct(same, reverts) if same else []
        for c in same:
            cells[c.cell].correct(c.new, c.reviewer, c.reason, c.time)
        return ids

    def do(self) -> None:
        self.ctx.require_editable()
        keys = sorted(k for k in self.keys if self.ctx.report.cells[k].status == UNCERTAIN)
        self._done = list(zip(keys, self._record(keys, self.reason, [None] * len(keys)), strict=True))

    def undo(self) -> None:
        self.ctx.require_editable()
        self._record([k for k, _ in self._done], f"撤销：{self.text}", [i for _, i in self._done])
        self._done = []


class EditHeader(Command):
    """Change the agency, the year or the format version (a new version's cells start missing; none is lost)."""

    header = True

    def __init__(self, ctx: EditContext, field_name: str, value: str | int | None, text: str = "") -> None:
        if field_name not in HEADER_FIELDS:
            raise EditRefused(f"不能更正报告的这一项：{field_name}")
        self.ctx = ctx
        self.field = field_name
        self.value = value
        self.text = text or "更正报告信息"
        self._done: tuple[Correction, int] | None = None

    def _record(self, old: object, new: object, reason: str, reverts: int | None) -> tuple[Correction, int]:
        c = Correction(HEADER_FIELDS[self.field], old, new, reason, self.ctx.reviewer)  # type: ignore[arg-type]
        (entry,) = self.ctx.journal.correct([c], [reverts])
        set_header(self.ctx.report, self.field, new)
        self.ctx.recheck()
        return c, entry

    def do(self) -> None:
        self.ctx.require_editable()
        old = getattr(self.ctx.report, self.field)
        self._done = None if same_value(old, self.value) else self._record(old, self.value, self.text, None)

    def undo(self) -> None:
        self.ctx.require_editable()
        if self._done is not None:
            c, entry = self._done
            self._record(c.new, c.old, f"撤销：{self.text}", entry)
            self._done = None


class DecideFinding(Command):
    """Decide a finding (accepted with a reason, postponed) or withdraw the decision on it (None)."""

    def __init__(self, ctx: EditContext, finding_id: str, decision: Decision | None, text: str = "") -> None:
        self.ctx = ctx
        self.finding_id = finding_id
        self.decision = decision
        self.text = text or "问题处理"
        self._done: tuple[Decision | None, int] | None = None  # the decision before, and the entry id

    def _record(self, decision: Decision | None, reverts: int | None) -> int:
        entry = decision or Decision(self.finding_id, WITHDRAWN, "", self.ctx.reviewer)
        entry_id = self.ctx.journal.decide(entry, reverts)
        if decision is None:
            self.ctx.reviewed.decisions.pop(self.finding_id, None)
        else:
            self.ctx.reviewed.decisions[self.finding_id] = decision
        return entry_id

    def do(self) -> None:
        self.ctx.require_editable()
        before = self.ctx.reviewed.decisions.get(self.finding_id)
        self._done = before, self._record(self.decision, None)

    def undo(self) -> None:
        self.ctx.require_editable()
        if self._done is None:
            return
        before, entry = self._done
        if before is not None:  # the earlier decision again, recorded now by whoever undoes
            before = Decision(before.finding_id, before.action, before.reason, self.ctx.reviewer)
        self._record(before, entry)
        self._done = None


class SignOffReport(Command):
    """Sign the report off or return it; undo reopens it (an entry naming the sign-off)."""

    def __init__(self, ctx: EditContext, outcome: str, reason: str = "", text: str = "") -> None:
        self.ctx = ctx
        self.outcome = outcome
        self.reason = reason
        self.text = text or f"审核结论：{outcome}"
        self._entry: int | None = None

    def do(self) -> None:
        signoff = SignOff(self.outcome, self.ctx.reviewer, self.reason)
        self._entry, self.ctx.reviewed.signoff = self.ctx.journal.sign_off(self.ctx.reviewed, signoff)

    def undo(self) -> None:
        if self._entry is None or self.ctx.reviewed.signoff is None:
            return
        self.ctx.journal.reopen(self.ctx.reviewer, f"撤销：{self.text}", self._entry)
        self.ctx.reviewed.signoff = None
        self._entry = None


class ReopenReport(Command):
    """Make a signed-off or returned report editable again; undo signs it as before (an entry naming the reopening)."""

    def __init__(self, ctx: EditContext, reason: str, text: str = "") -> None:
        self.ctx = ctx
        self.reason = reason
        self.text = text or "重新打开报告"
        self._done: tuple[SignOff, int] | None = None

    def do(self) -> None:
        before = self.ctx.reviewed.signoff
        if before is None:
            raise EditRefused("该报告尚未签发或退回，无需重新打开")
        entry = self.ctx.journal.reopen(self.ctx.reviewer, self.reason)
        self.ctx.reviewed.signoff = None
        self._done = before, entry

    def undo(self) -> None:
        if self._done is None:
            return
        before, entry = self._done
        signoff = SignOff(before.outcome, self.ctx.reviewer, before.reason)
        _, self.ctx.reviewed.signoff = self.ctx.journal.sign_off(self.ctx.reviewed, signoff, entry)
        self._done = None
