"""The consistency rules of spec/rules.md over the report model.

    check(report, previous=None) -> list[Finding]
    CATALOGUE: every rule (.id, .severity, .description)

Rules live in the modules of this package, one decorated function each (see registry.py); every
module is imported here (pkgutil), which registers its rules: a new rule module needs no list kept
by hand. A module that cannot be imported is reported by check() as a rule that could not run.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import partial

from parser.model import Report
from review.findings import CANNOT_ASSESS, SEVERITY_NAMES, Finding
from review.isolation import crash_finding, isolated

from .context import Context
from .registry import REGISTRY, Rule


def discover(package: str, path: list[str]) -> dict[str, str]:
    """Import every module of the package (in name order); returns {module: error} for those that failed."""
    broken = {}
    for info in pkgutil.iter_modules(path):
        try:
            importlib.import_module(f"{package}.{info.name}")
        except Exception as e:  # noqa: BLE001 - one broken rule module must not take the other rules down
            broken[f"{package}.{info.name}"] = f"{type(e).__name__}: {e}"
    return broken


BROKEN_MODULES = discover(__name__, __path__)

_GROUPS = ("requests", "appeals", "value", "active", "form", "text", "years")  # the order of spec/rules.md
YEARS_GROUP = "years."  # the rules across years: they read last year's report too
CATALOGUE: list[Rule] = sorted(REGISTRY, key=lambda r: _GROUPS.index(r.id.split(".")[0]))


def check(report: Report, previous: Report | None = None, *, strict: bool = False,
          previous_searched: bool = False, years: bool | None = None) -> list[Finding]:
    """Run every rule on `report` (the years.* rules only with last year's report) and return what
    fails or cannot be assessed, in catalogue order. A rule that breaks on an odd report yields a
    cannot-assess finding instead of stopping the others (`strict` re-raises, for tests).
    `previous_searched`: a workspace looked for last year's report; when it found none, the info
    finding years.no_previous says that the cross-year rules did not run.
    `years`: None runs every rule; False all but the years.* group (what a report says by itself: an
    import's parse worker runs these), True that group only; the two parts together equal the whole."""
    ctx = Context(report, previous, previous_searched=previous_searched)
    findings: list[Finding] = []
    for r in CATALOGUE:
        if r.needs_previous and previous is None:
            continue
        if years is not None and r.id.startswith(YEARS_GROUP) != years:
            continue
        findings += isolated(r.id, partial(r, ctx), severity=r.severity, strict=strict)
    if years is not True:
        for module, error in BROKEN_MODULES.items():
            findings.append(crash_finding(module, error))
    return findings


def has_errors(findings: list[Finding]) -> bool:
    """True when a finding is an error-severity failure (the `check` exit status 1)."""
    return any(f.severity == "error" and f.status != CANNOT_ASSESS for f in findings)


def catalogue_markdown() -> str:
    """The rule catalogue as a Markdown table (for the README)."""
    lines = ["| 规则 | 级别 | 说明 |", "|---|---|---|"]
    for r in CATALOGUE:
        extra = "（需上一年度报告）" if r.needs_previous else ""
        lines.append(f"| `{r.id}` | {SEVERITY_NAMES[r.severity]} | {r.description}{extra} |")
    lines.append("")
    lines.append("规则所需的单元格空白或未找到时，该规则报告“无法核对”并列出这些单元格（按警告列出，不计为错误），"
                 "从不把空白当作 0。")
    return "\n".join(lines) + "\n"


__all__ = ["BROKEN_MODULES", "CATALOGUE", "SEVERITY_NAMES", "Rule", "check", "catalogue_markdown", "has_errors",
           "isolated"]
