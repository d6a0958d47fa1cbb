"""Sign-off rules: when a report may be signed, and the SHA-256 that seals what was signed."""
from __future__ import annotations

import hashlib
import json

from parser.model import CORRECTED, Report

from .findings import ERROR
from .state import ACCEPTED, PASSED, PASSED_AFTER_CORRECTION, RETURNED, ReviewedReport, SignOff

OUTCOMES = (PASSED, PASSED_AFTER_CORRECTION, RETURNED)


class SignOffRefused(Exception):
    """A sign-off that may not be recorded; str(e) lists the reasons in Chinese."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("不能签发：" + "；".join(problems))
        self.problems = problems


def signed_hash(report: Report, file_sha256: str, signoff: SignOff) -> str:
    """SHA-256 over the signed values: the file, agency, year, format, every cell value, and the sign-off."""
    payload = {
        "file_sha256": file_sha256,
        "agency": report.agency,
        "year": report.year,
        "template": report.template,
        "values": {k: c.value for k, c in sorted(report.cells.items())},
        "outcome": signoff.outcome,
        "reviewer": signoff.reviewer,
        "reason": signoff.reason,
        "time": signoff.time,
    }
    canonical = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def corrected_cells(report: Report) -> list[str]:
    """Keys of the cells whose value a reviewer changed (and did not change back)."""
    return [k for k, c in report.cells.items() if c.status == CORRECTED]


def blocking_errors(reviewed: ReviewedReport) -> list:
    """Error findings neither corrected away nor accepted with a reason."""
    out = []
    for f in reviewed.findings:
        if f.severity != ERROR:
            continue
        d = reviewed.decisions.get(f.id)
        if d is None or d.action != ACCEPTED or not d.reason.strip():
            out.append(f)
    return out


def signoff_problems(reviewed: ReviewedReport, outcome: str, reviewer: str, reason: str = "") -> list[str]:
    """Why this sign-off may not be recorded (empty: it may). Chinese, one item per problem."""
    problems: list[str] = []
    if reviewed.signoff is not None:
        done = "已退回" if reviewed.signoff.outcome == RETURNED else "已签发"
        problems.append(f"报告{done}，如需再次审核请先重新打开")
    if outcome not in OUTCOMES:
        problems.append(f"审核结论须为 {' / '.join(OUTCOMES)} 之一")
    if not reviewer.strip():
        problems.append("请填写审核人姓名")
    if outcome == RETURNED:
        if not reason.strip():
            problems.append("退回须填写理由")
        return problems
    if outcome in (PASSED, PASSED_AFTER_CORRECTION):
        errors = blocking_errors(reviewed)
        if errors:
            shown = "；".join(f.message for f in errors[:3]) + ("…" if len(errors) > 3 else "")
            problems.append(f"尚有 {len(errors)} 个错误既未更正、也未说明理由予以接受（{shown}）")
        corrected = corrected_cells(reviewed.report)
        if outcome == PASSED and corrected:
            problems.append(f"报告有 {len(corrected)} 处更正，应选择“{PASSED_AFTER_CORRECTION}”")
        if outcome == PASSED_AFTER_CORRECTION and not corrected:
            problems.append(f"报告没有任何更正，应选择“{PASSED}”")
    return problems
