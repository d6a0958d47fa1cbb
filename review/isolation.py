"""The one place that isolates a crashing rule: it becomes a finding, never a traceback or a lost review.

review.rules.check runs each rule through `isolated` (a rule that raises on an odd report gives a
cannot-assess warning naming it, and the other rules still run); a rule module that cannot even be
imported is reported the same way. The workspace, the window and the export run whole checkers
(the rules with last year's report bound, or a checker given by a caller) through it as
`isolated(CRASHED, …)`. Each distinct crash is also printed once on stderr for whoever runs it.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable

from review.findings import CANNOT_ASSESS, INFO, WARNING, Finding

CRASHED = "rules.crashed"  # a whole checker crashed (not one rule of the catalogue)
_PRINTED: set[str] = set()


def crash_finding(rule_id: str, error: str, severity: str = WARNING) -> Finding:
    """The finding that stands for a rule (or checker) that could not run; `error` names the exception."""
    if rule_id == CRASHED:
        message = f"审核规则运行出错，本报告的检查结果不完整（{error}）"
    else:
        message = f"规则 {rule_id} 未能运行（{error}），请人工核对"
    if message not in _PRINTED:
        _PRINTED.add(message)
        print(message, file=sys.stderr)
    return Finding(rule_id, INFO if severity == INFO else WARNING, CANNOT_ASSESS, (), message)


def isolated(rule_id: str, run: Callable[[], Iterable[Finding]], *, severity: str = WARNING,
             strict: bool = False) -> list[Finding]:
    """The findings of run(); if it raises, one cannot-assess finding for `rule_id` instead (strict: re-raise,
    for tests that want to see the bug)."""
    try:
        return list(run())
    except Exception as e:  # noqa: BLE001 - one faulty rule must not hide the others' findings nor lose the review
        if strict:
            raise
        return [crash_finding(rule_id, f"{type(e).__name__}: {e}", severity)]
