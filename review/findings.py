"""Finding records: what a rule says about a report."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How much a finding matters (stable identifiers; `label` is what a reviewer reads)."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return SEVERITY_NAMES[self]


class FindingStatus(StrEnum):
    """What a rule could say: the report fails it, or its cells do not allow a judgement."""

    FAIL = "fail"
    CANNOT_ASSESS = "cannot_assess"

    @property
    def label(self) -> str:
        return STATUS_NAMES[self]


# The one Chinese display of each (the window translates these through gui.i18n.tr).
SEVERITY_NAMES: dict[str, str] = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}
STATUS_NAMES: dict[str, str] = {FindingStatus.FAIL: "不符", FindingStatus.CANNOT_ASSESS: "无法判断"}

# The members under their short names, typed as the strings they are (Finding fields hold plain str too).
ERROR: str = Severity.ERROR
WARNING: str = Severity.WARNING
INFO: str = Severity.INFO
SEVERITIES: tuple[str, ...] = tuple(Severity)
FAIL: str = FindingStatus.FAIL
CANNOT_ASSESS: str = FindingStatus.CANNOT_ASSESS
# Rule ids ending so are equations: their cells are a total, then its addends.
EQUATION_RULES = ("row_total", "results_total", "balance")


@dataclass(frozen=True)
class Finding:
    rule: str  # stable rule id, e.g. "requests.results_total"
    severity: str  # error / warning / info
    status: str  # fail / cannot_assess
    cells: tuple[str, ...]  # every cell involved: the total first, then each addend
    message: str  # Chinese, names table, row and column as printed
    reported: float | int | None = None
    computed: float | int | None = None
    suggestion: dict[str, float | int] | None = field(default=None, compare=False, hash=False)
    sentence: str | None = None  # narrative rules: the sentence the claim came from
    sentence_span: tuple[int, int] | None = None
    # cells outside this finding that the same least correction changes too (it holds only as a whole)
    suggestion_elsewhere: dict[str, float | int] | None = field(default=None, compare=False, hash=False)

    @property
    def subjects(self) -> tuple[str, ...]:
        """The cells the finding is about (the window and the workbook mark these): for an equation,
        its total and any cell it proposes to change, not every addend (those are only involved); for
        any other rule (a missing half, a blank, a narrative claim), every cell it names."""
        if not self.rule.endswith(EQUATION_RULES):
            return self.cells
        keys = list(self.cells[:1])
        keys += [k for k in (self.suggestion or {}) if k not in keys]
        return tuple(keys)

    def changes_to_accept(self) -> dict[str, float | int]:
        """Every cell that accepting the suggestion sets: its own cells and those the correction needs elsewhere."""
        return {**(self.suggestion or {}), **(self.suggestion_elsewhere or {})} if self.suggestion else {}

    @property
    def id(self) -> str:
        """Stable identity of a finding within a report (for decisions): rule + the cells it names."""
        return f"{self.rule}:{','.join(self.cells)}" if self.cells else f"{self.rule}:{self.sentence or self.message}"

    def to_dict(self) -> dict:
        d: dict[str, Any] = {
            "rule": self.rule, "severity": self.severity, "status": self.status, "cells": list(self.cells),
            "reported": self.reported, "computed": self.computed, "message": self.message,
        }
        if self.suggestion:
            d["suggestion"] = dict(self.suggestion)
        if self.sentence:
            d["sentence"] = self.sentence
            if self.sentence_span:
                d["sentence_span"] = list(self.sentence_span)
        return d
