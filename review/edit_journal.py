"""Where the edits of one report are recorded: the journal that review.commands append to.

Two implementations: the workspace's (review.workspace.Workspace.journal_for(report_id): every edit is
committed to the file at once) and MemoryJournal below, for a report opened from a file without a
workspace. Both only ever append; an undo is an entry that names the entry it reverts.
"""
from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import replace
from typing import Protocol

from parser.model import Correction

from .audit import CORRECTION, DECISION, HEADER_CELLS, REOPEN, SIGNOFF, UNDO, WITHDRAWN, AuditEntry, batched
from .signoff import signed_hash, signoff_problems
from .state import ACCEPTED, POSTPONED, Decision, ReviewedReport, SignOff, now


class EditRefused(Exception):
    """An edit the journal (or the report's state) does not allow; str(e) is one line of Chinese.
    `problems`: each reason on its own, when there are several (a refused sign-off)."""

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class Journal(Protocol):
    """The append-only record of one report's edits. Every method raises EditRefused when it records nothing."""

    def correct(self, corrections: Sequence[Correction], reverts: Sequence[int | None] | None = None) -> list[int]:
        """Record corrections of cells (or one header field: review.audit.HEADER_CELLS) together; their ids.
        `reverts[i]`: the entry the i-th correction undoes, when it is an undo."""

    def decide(self, decision: Decision, reverts: int | None = None) -> int:
        """Record a decision on a finding (action review.audit.WITHDRAWN: the decision is withdrawn)."""

    def sign_off(self, reviewed: ReviewedReport, signoff: SignOff, reverts: int | None = None) -> tuple[int, SignOff]:
        """Record a sign-off (or return) of the report as it stands; its id and the sealed SignOff."""

    def reopen(self, reviewer: str, reason: str, reverts: int | None = None) -> int:
        """Record that a signed-off or returned report is open for editing again."""

    def entries(self) -> list[AuditEntry]:
        """The audit log, oldest first."""


class MemoryJournal:
    """A Journal kept in memory (a report opened without a workspace): the same entries, lost on close."""

    def __init__(self) -> None:
        self._entries: list[AuditEntry] = []
        self._last_id = 0

    def _next_id(self) -> int:
        self._last_id += 1
        return self._last_id

    def correct(self, corrections: Sequence[Correction], reverts: Sequence[int | None] | None = None) -> list[int]:
        reverts = list(reverts) if reverts is not None else [None] * len(corrections)
        if len({c.cell for c in corrections}) != len(corrections):
            raise EditRefused("同一单元格在一次更正中出现了两次")
        if any(c.cell in HEADER_CELLS for c in corrections) and len(corrections) > 1:
            raise EditRefused("报告信息（机关、年度、格式版本）须逐项更正")
        ids, step = [], []
        for c, undone in zip(corrections, reverts, strict=True):
            ids.append(self._next_id())
            step.append(AuditEntry(c.time, UNDO if undone else CORRECTION, c.reviewer, c.cell, c.old, c.new,
                                   c.reason, entry_id=ids[-1], reverts=undone))
        self._entries += batched(step, dict.fromkeys(ids, ids[0] if len(ids) > 1 else None))  # one step, one entry
        return ids

    def decide(self, decision: Decision, reverts: int | None = None) -> int:
        if decision.action not in (ACCEPTED, POSTPONED, WITHDRAWN):
            raise EditRefused(f"未知的处理方式：{decision.action}")
        if decision.action == ACCEPTED and not decision.reason.strip():
            raise EditRefused("接受一个问题须说明理由")
        self._entries.append(AuditEntry(decision.time, DECISION, decision.reviewer, reason=decision.reason,
                                        finding_id=decision.finding_id, action=decision.action,
                                        entry_id=self._next_id(), reverts=reverts))
        return self._entries[-1].entry_id

    def sign_off(self, reviewed: ReviewedReport, signoff: SignOff, reverts: int | None = None) -> tuple[int, SignOff]:
        problems = signoff_problems(reviewed, signoff.outcome, signoff.reviewer, signoff.reason)
        if problems:
            raise EditRefused("不能签发：" + "；".join(problems), problems)
        text_sha = hashlib.sha256(reviewed.report.text.encode("utf-8")).hexdigest()  # no original bytes here
        sealed = replace(signoff, values_hash=signed_hash(reviewed.report, text_sha, replace(signoff, values_hash="")))
        self._entries.append(AuditEntry(sealed.time, SIGNOFF, sealed.reviewer, reason=sealed.reason,
                                        action=sealed.outcome, entry_id=self._next_id(), reverts=reverts))
        return self._entries[-1].entry_id, sealed

    def reopen(self, reviewer: str, reason: str, reverts: int | None = None) -> int:
        if not reviewer.strip() or not reason.strip():
            raise EditRefused("重新打开报告须填写审核人和理由")
        self._entries.append(AuditEntry(now(), REOPEN, reviewer, reason=reason, entry_id=self._next_id(),
                                        reverts=reverts))
        return self._entries[-1].entry_id

    def entries(self) -> list[AuditEntry]:
        return list(self._entries)
