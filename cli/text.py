"""Readable terminal text: a report's extracted tables and its findings (Chinese characters take two columns)."""
from __future__ import annotations

from parser.model import Report
from parser.widths import text_width
from review.findings import Finding
from review.rules import SEVERITY_NAMES


def format_findings(report: Report, findings: list[Finding]) -> str:
    """The findings of one report as readable lines, errors first."""
    head = f"== {report.source}（{report.agency or '机关未识别'}，{report.year or '年度未识别'} 年度）"
    if not findings:
        return f"{head}\n  未发现问题"
    order = {"error": 0, "warning": 1, "info": 2}
    lines = [head]
    for f in sorted(findings, key=lambda f: order.get(f.severity, 3)):
        tag = SEVERITY_NAMES.get(f.severity, f.severity) + ("·无法核对" if f.status == "cannot_assess" else "")
        lines.append(f"  [{tag}] {f.rule}  {f.message}")
        if f.suggestion:
            lines.append("      建议更正：" + "；".join(
                f"{report.spec(k).display_name() if report.version and k in report.version.specs else k} → {v:g}"
                for k, v in f.suggestion.items()))
    return "\n".join(lines)


def format_report(report: Report) -> str:
    """A readable text rendering of the extracted tables, one block per table, aligned for a terminal
    (Chinese characters take two columns); sub-rows are indented under their group."""
    lines = [f"== {report.source}", f"机关：{report.agency or '（未识别）'}  年度：{report.year or '（未识别）'}  "
             f"格式：{report.version.name if report.version else '（未识别）'}"]
    if report.version is None:
        return "\n".join(lines)
    label_width, col_width = 40, 12
    for table in report.version.tables:
        lines.append(f"\n{table.number}、{table.title}")
        for block in table.blocks:
            if block.heading:
                lines.append(f"  {block.heading}")
            lines.append("  " + _pad("", label_width) + "".join(_pad(_clip(c.label, col_width - 2), col_width, True)
                                                            for c in block.columns))
            group = None
            for row in block.rows:
                if row.group and row.group.split("/")[-1] != group:
                    group = row.group.split("/")[-1]
                    lines.append("  " + group)
                elif not row.group:
                    group = None
                label = ("  " if row.group else "") + row.label
                vals = []
                for col in block.columns:
                    cell = report.cells[f"{table.key}/{row.key}/{col.key}"]
                    shown = {"missing": "?", "blank": "—"}.get(cell.status) if cell.value is None else f"{cell.value:g}"
                    vals.append(_pad(shown + ("*" if cell.status == "repaired" else ""), col_width, True))
                lines.append("  " + _pad(_clip(label, label_width - 2), label_width) + "".join(vals))
    lines.append("\n（? 未找到；— 空白；* 经规范化修复）")
    return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    while text_width(text) > width:
        text = text[:-2] + "…"
    return text


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - text_width(text))
    return gap + text if right else text + gap
