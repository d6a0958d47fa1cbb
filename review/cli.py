"""The headless command line (spec/cli.md). Never imports Qt."""
from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from pathlib import Path

from parser.extract import load
from parser.model import Report
from parser.reader import ReadError, expand


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="main.py", description="年报审核台：政府信息公开工作年度报告审核")
    p.add_argument("--workspace", help="工作区文件（SQLite）")
    sub = p.add_subparsers(dest="command", required=True)
    e = sub.add_parser("extract", help="解析报告并输出提取的表格数值")
    e.add_argument("files", nargs="+")
    e.add_argument("--json", action="store_true", help="输出 JSON")
    c = sub.add_parser("check", help="解析报告并运行审核规则，输出问题")
    c.add_argument("files", nargs="+")
    c.add_argument("--json", action="store_true", help="输出 JSON")
    c.add_argument("--previous", help="同一机关上一年度的报告")
    x = sub.add_parser("export", help="解析、审核并导出 Excel 工作簿")
    x.add_argument("files", nargs="*")
    x.add_argument("-o", "--output", required=True, help="输出的 .xlsx 文件")
    i = sub.add_parser("import", help="把报告加入工作区")
    i.add_argument("files", nargs="+")
    sub.add_parser("rules", help="列出全部审核规则")
    for s in (e, c, x, i):
        s.add_argument("--workspace", help="工作区文件（SQLite）", default=argparse.SUPPRESS)
    return p


def print_help() -> None:
    _parser().print_help()


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


def _dump(objs: list[dict], single: bool) -> None:
    json.dump(objs[0] if single and len(objs) == 1 else objs, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")


def cmd_extract(args: argparse.Namespace) -> int:
    reports, failed = load_all(args.files)
    if args.json:
        _dump([r.to_dict() for r in reports], single=len(args.files) == 1)
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


def cmd_import(args: argparse.Namespace) -> int:
    """Add reports to a workspace (review/workspace_cli.py); the same bytes are never added twice."""
    from .workspace_cli import run_import

    return run_import(args.files, getattr(args, "workspace", None))


def cmd_check(args: argparse.Namespace) -> int:
    """Parse each file and run the rules (spec/cli.md): exit 0 no error finding, 1 error findings,
    2 when a file (or --previous) could not be read; the other files are still checked."""
    from .rules import check, has_errors

    unreadable, errors = False, False
    previous = None
    if args.previous:
        try:
            previous = load(args.previous, str(args.previous))
        except ReadError as e:
            print(f"{args.previous}: {e}（上一年度报告无法读取，跨年度规则不运行）", file=sys.stderr)
            unreadable = True
    results, count = [], 0
    for path in expand(args.files):
        try:
            report = load(path, str(path))
        except ReadError as e:
            print(reason_line(path, e), file=sys.stderr)
            unreadable = True
            continue
        findings = check(report, previous)
        errors = errors or has_errors(findings)
        count += 1
        if args.json:
            results.append({"file": report.source, "findings": [f.to_dict() for f in findings]})
        else:
            print(format_findings(report, findings), flush=True)
    if args.json:
        _dump(results, single=len(args.files) == 1)
    elif count > 1:
        print(f"\n共审核 {count} 份报告。")
    return 2 if unreadable else (1 if errors else 0)


_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}


def format_findings(report: Report, findings: list) -> str:
    """The findings of one report as readable lines, errors first."""
    head = f"== {report.source}（{report.agency or '机关未识别'}，{report.year or '年度未识别'} 年度）"
    if not findings:
        return f"{head}\n  未发现问题"
    order = {"error": 0, "warning": 1, "info": 2}
    lines = [head]
    for f in sorted(findings, key=lambda f: order.get(f.severity, 3)):
        tag = _SEVERITY.get(f.severity, f.severity) + ("·无法核对" if f.status == "cannot_assess" else "")
        lines.append(f"  [{tag}] {f.rule}  {f.message}")
        if f.suggestion:
            lines.append("      建议更正：" + "；".join(
                f"{report.spec(k).display_name() if report.version and k in report.version.specs else k} → {v:g}"
                for k, v in f.suggestion.items()))
    return "\n".join(lines)


def cmd_rules(args: argparse.Namespace) -> int:
    """List every rule: id, severity, one-line description."""
    from .rules import CATALOGUE

    width = max(len(r.id) for r in CATALOGUE)
    for r in CATALOGUE:
        extra = "（需 --previous 上一年度报告）" if r.needs_previous else ""
        print(f"{r.id:<{width}}  {_SEVERITY[r.severity]}  {r.description}{extra}")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Parse, check and write the Excel workbook; or export a workspace's reviewed state (review/excel_cli.py)."""
    from .excel_cli import run_export

    return run_export(args.files, getattr(args, "workspace", None), args.output)


def run(argv: list[str]) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as e:
        return 2 if e.code else 0
    handler = {"extract": cmd_extract, "import": cmd_import, "check": cmd_check, "rules": cmd_rules,
               "export": cmd_export}.get(args.command)
    if handler is None:
        print(f"命令 {args.command} 尚未实现", file=sys.stderr)
        return 2
    return handler(args)
