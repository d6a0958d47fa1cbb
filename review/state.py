"""A report under review: the parsed report, its findings, the reviewer's decisions and the sign-off."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from parser.model import Report

from .findings import ERROR, WARNING, Finding


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Action(StrEnum):
    """What a reviewer decided about a finding (stable identifiers, stored in the workspace)."""

    ACCEPTED = "accepted"  # accepted as it stands, with a reason (e.g. the agency confirmed the figure)
    POSTPONED = "postponed"  # looked at, decided later; never counts as decided
    WITHDRAWN = "withdrawn"  # an earlier decision on the finding is withdrawn (it is open again)


class Outcome(StrEnum):
    """The conclusion of a sign-off. Its value is what the workspace stores and a reviewer reads."""

    PASSED = "通过"
    PASSED_AFTER_CORRECTION = "修正后通过"
    RETURNED = "退回"

    @property
    def label(self) -> str:
        return self.value


# The members under their short names, typed as the strings they are (stored and compared as such).
ACCEPTED: str = Action.ACCEPTED
POSTPONED: str = Action.POSTPONED
PASSED: str = Outcome.PASSED
PASSED_AFTER_CORRECTION: str = Outcome.PASSED_AFTER_CORRECTION
RETURNED: str = Outcome.RETURNED

# Report review status (batch queue).
STATUS_NEW, STATUS_ERRORS, STATUS_IN_REVIEW = "待审", "有错误", "审核中"
STATUS_RETURNED, STATUS_SIGNED = "已退回", "已签发"


@dataclass(frozen=True)
class Decision:
    finding_id: str
    action: str  # ACCEPTED or POSTPONED
    reason: str = ""
    reviewer: str = ""
    time: str = field(default_factory=now)


@dataclass(frozen=True)
class SignOff:
    outcome: str  # PASSED, PASSED_AFTER_CORRECTION or RETURNED
    reviewer: str
    reason: str = ""
    values_hash: str = ""  # SHA-256 over the signed cell values
    time: str = field(default_factory=now)


@dataclass
class ReviewedReport:
    report: Report
    findings: list[Finding] = field(default_factory=list)
    decisions: dict[str, Decision] = field(default_factory=dict)  # finding id → latest decision
    signoff: SignOff | None = None
    report_id: int | None = None  # id in a workspace, if any
    hash_mismatch: bool = False  # stored values differ from the sign-off hash

    def is_open(self, finding: Finding) -> bool:
        d = self.decisions.get(finding.id)
        return d is None or d.action != ACCEPTED

    def open_findings(self, severity: str | None = None) -> list[Finding]:
        return [f for f in self.findings if self.is_open(f) and (severity is None or f.severity == severity)]

    @property
    def status(self) -> str:
        if self.signoff is not None:
            return STATUS_RETURNED if self.signoff.outcome == RETURNED else STATUS_SIGNED
        if self.open_findings(ERROR):
            return STATUS_ERRORS
        if self.decisions or self.report.corrections():
            return STATUS_IN_REVIEW
        return STATUS_NEW

    def counts(self) -> dict[str, int]:
        return {s: len(self.open_findings(s)) for s in (ERROR, WARNING)}


def set_header(report: Report, field: str, value: Any) -> None:
    """Set the agency, year or format version; a new format version gets its cells (missing), the old ones stay."""
    from parser.model import MISSING, Cell
    from parser.template import versions

    setattr(report, field, value)
    if field == "template" and value in versions():
        for key in versions()[value].cell_keys():
            report.cells.setdefault(key, Cell(key, None, "", None, MISSING))
