"""`extract FILE… [--json]`, and what every command shares: loading files with a reason per bad one, JSON output."""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from parser.extract import load
from parser.model import Report
from parser.reader import ReadError, expand


def load_all(paths: list[str]) -> tuple[list[Report], bool]:
    """Parse every file; a bad one gets a one-line reason on stderr and the others go on."""
    reports, failed = [], False
    for path in expand(paths):
        try:
            reports.append(load(path, str(path)))
        except ReadError as e:
            print(reason_line(path, e), file=sys.stderr)
            failed = True
    return reports, failed


def reason_line(path: Path, error: Exception) -> str:
    """'path: reason' for stderr, without the file name the reason itself ends with."""
    reason = str(error)
    for name in (str(path), path.name):
        if reason.endswith("：" + name):
            reason = reason[: -len(name) - 1]
            break
    return f"{path}: {reason}"


def dump_json(objs: list[dict], single: bool) -> None:
    """One object for a single input file, else an array (spec/cli.md)."""
    json.dump(objs[0] if single and len(objs) == 1 else objs, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def cmd_extract(args: argparse.Namespace) -> int:
    reports, failed = load_all(args.files)
    if args.json:
        dump_json([r.to_dict() for r in reports], single=len(args.files) == 1)
    else:
        for r in reports:
            print(format_report(r))
    return 2 if failed else 0


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


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _clip(text: str, width: int) -> str:
    while _width(text) > width:
        text = text[:-2] + "…"
    return text


def _pad(text: str, width: int, right: bool = False) -> str:
    gap = " " * max(0, width - _width(text))
    return gap + text if right else text + gap
