"""The 审核意见书 (or 退回通知, once the report is returned) for one report: each open finding with the
cell as printed, the sentence it quotes, and what must be corrected; the deadline and contact the
reviewer enters; the office and the date.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from parser.model import Report

from ..findings import CANNOT_ASSESS, ERROR, WARNING, Finding
from ..state import STATUS_RETURNED, ReviewedReport
from . import official

CHINESE_NUMBERS = "一二三四五六七八九十"
DEFAULT_OFFICE = "政务公开办公室"


@dataclass
class MemoDetails:
    office: str = DEFAULT_OFFICE  # the sender
    deadline: str = ""  # e.g. 2025年3月31日
    contact: str = ""  # name and telephone
    reviewer: str = ""
    day: date | None = None  # the document's date (today)


def ordinal(n: int) -> str:
    """（一）…（十）, then （十一）… as printed in official documents."""
    if n <= 10:
        return CHINESE_NUMBERS[n - 1]
    tens, ones = divmod(n, 10)
    return (CHINESE_NUMBERS[tens - 1] if tens > 1 else "") + "十" + (CHINESE_NUMBERS[ones - 1] if ones else "")


def chinese_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def memo_findings(reviewed: ReviewedReport) -> list[Finding]:
    """The findings the agency must act on: open errors, then open warnings (info left out)."""
    order = {ERROR: 0, WARNING: 1}
    found = [f for f in reviewed.open_findings() if f.severity in order]
    return sorted(found, key=lambda f: (order[f.severity], f.status == CANNOT_ASSESS))


def cell_name(report: Report, key: str) -> str:
    version = report.version
    return version.specs[key].display_name() if version is not None and key in version.specs else key


def printed(report: Report, key: str) -> str:
    """The cell as printed in the report: its text, or 空白/未填写."""
    cell = report.cells.get(key)
    if cell is None or cell.status == "missing":
        return "未填写（报告中未找到）"
    text = (cell.text or "").strip()
    return f"“{text}”" if text else "空白"


def correction_needed(report: Report, f: Finding, descriptions: dict[str, str]) -> str:
    if f.suggestion:
        return "；".join(f"{cell_name(report, k)}应为 {v:g}" for k, v in f.suggestion.items()) + "（请核实后更正）"
    if f.status == CANNOT_ASSESS:
        return "请补填上述空白或未填写的数值（确为零的填写 0），以便核对"
    rule = descriptions.get(f.rule, "")
    return f"请核实并更正有关数值或表述，使其符合：{rule}" if rule else "请核实并更正"


def write_memo(reviewed: ReviewedReport, path: str | Path, details: MemoDetails, file_name: str = "") -> Path:
    from ..rules import CATALOGUE

    descriptions = {r.id: r.description for r in CATALOGUE}
    report = reviewed.report
    agency = report.agency or "（机关名称未识别）"
    year = f"{report.year}年度" if report.year else ""
    returned = reviewed.status == STATUS_RETURNED
    doc = official.new_document()
    kind = "退回通知" if returned else "审核意见书"
    official.title(doc, f"关于{agency}{year}政府信息公开工作年度报告的{kind}")
    official.paragraph(doc, f"{agency}：", indent=False)
    findings = memo_findings(reviewed)
    source = f"（文件：{file_name}）" if file_name else ""
    if findings:
        errors = sum(f.severity == ERROR for f in findings)
        official.paragraph(doc, f"你单位报送的《{agency}{year}政府信息公开工作年度报告》{source}经审核，发现以下 "
                                f"{len(findings)} 处问题（其中错误 {errors} 处），"
                                + ("现将报告退回，" if returned else "") + "请逐项核实更正后重新报送。")
    else:
        official.paragraph(doc, f"你单位报送的《{agency}{year}政府信息公开工作年度报告》{source}经审核，"
                                "未发现需要更正的问题。")
    if returned and reviewed.signoff and reviewed.signoff.reason:
        official.paragraph(doc, f"退回理由：{reviewed.signoff.reason}")
    for i, f in enumerate(findings, 1):
        level = "错误" if f.severity == ERROR else "警告"
        official.heading(doc, f"（{ordinal(i)}）{f.message}（{level}）")
        if report.version is not None and f.subjects:
            shown = "；".join(f"{cell_name(report, k)}填写{printed(report, k)}" for k in f.subjects[:6])
            more = f"等 {len(f.subjects)} 处" if len(f.subjects) > 6 else ""
            official.paragraph(doc, shown + more + "。", bold_lead="报告所填：")
        if f.sentence:
            official.paragraph(doc, f"“{f.sentence.strip()}”", bold_lead="原文表述：")
        official.paragraph(doc, correction_needed(report, f, descriptions) + "。", bold_lead="更正要求：")
    tail = []
    if findings:
        tail.append(f"请于{details.deadline}前" if details.deadline else "请在规定期限内")
        tail[-1] += "将更正后的年度报告重新报送，并在本机关门户网站同步更正。"
    if details.contact:
        tail.append(f"联系人：{details.contact}")
    for t in tail:
        official.paragraph(doc, t)
    official.paragraph(doc, "")
    official.paragraph(doc, details.office or DEFAULT_OFFICE, indent=False, align="right")
    official.paragraph(doc, chinese_date(details.day or date.today()), indent=False, align="right")
    if details.reviewer:
        official.paragraph(doc, f"（审核人：{details.reviewer}）", indent=False, align="right")
    return official.save(doc, path)
