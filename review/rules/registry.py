"""The rule registry: adding a rule is one decorated function in one module.

    @rule("requests.row_total", ERROR, "表三每一行：六类申请人之和等于总计列")
    def row_total(ctx):
        ...
        yield row_total.fail(cells, message, reported=…, computed=…)

After decoration the function's name is bound to its Rule, so the body builds findings through it.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from review.findings import CANNOT_ASSESS, ERROR, FAIL, INFO, WARNING, Finding

if TYPE_CHECKING:
    from .context import Context

Number = int | float
RuleFunction = Callable[["Context"], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str  # error / warning / info
    description: str  # one line, Chinese
    function: RuleFunction = field(repr=False, compare=False)
    needs_previous: bool = False  # years.*: runs only when last year's report is given

    def __call__(self, ctx: Context) -> Iterable[Finding]:
        return self.function(ctx)

    def fail(self, cells: Iterable[str], message: str, *, reported: Number | None = None,
             computed: Number | None = None, suggestion: dict[str, Number] | None = None,
             sentence: str | None = None, sentence_span: tuple[int, int] | None = None,
             suggestion_elsewhere: dict[str, Number] | None = None) -> Finding:
        return Finding(self.id, self.severity, FAIL, tuple(cells), message, reported, computed, suggestion or None,
                       sentence, sentence_span, (suggestion_elsewhere or None) if suggestion else None)

    def cannot_assess(self, cells: Iterable[str], message: str, *, sentence: str | None = None,
                      sentence_span: tuple[int, int] | None = None,
                      suggestion: dict[str, Number] | None = None) -> Finding:
        """A rule whose inputs are blank or missing: never a failure, never a silent pass. Reported as a
        warning (info stays info): the reviewer must fill the cells before the rule can say anything.
        `suggestion`: values for blank cells that the equalities determine, if any."""
        severity = INFO if self.severity == INFO else WARNING
        return Finding(self.id, severity, CANNOT_ASSESS, tuple(cells), message, None, None, suggestion or None,
                       sentence, sentence_span)


REGISTRY: list[Rule] = []


def rule(rule_id: str, severity: str, description: str, *, needs_previous: bool = False
         ) -> Callable[[RuleFunction], Rule]:
    """Register a rule function under a stable id."""
    assert severity in (ERROR, WARNING, INFO), severity

    def register(function: RuleFunction) -> Rule:
        assert all(r.id != rule_id for r in REGISTRY), f"duplicate rule id {rule_id}"
        r = Rule(rule_id, severity, description, function, needs_previous)
        REGISTRY.append(r)
        return r

    return register
