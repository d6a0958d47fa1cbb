"""`check FILE… [--json] [--previous FILE]` and `rules`."""
from __future__ import annotations

import argparse
import sys

from parser.extract import load
from parser.reader import ReadError
from review.rules import CATALOGUE, SEVERITY_NAMES, check, has_errors

from .extract import ReportFiles, dump_json
from .text import format_findings


def cmd_check(args: argparse.Namespace) -> int:
    """Parse each file and run the rules (spec/cli.md): exit 0 no error finding, 1 error findings,
    2 when a file (or --previous) could not be read; the other files are still checked."""
    if getattr(args, "workspace", None) is not None and not args.previous:
        from .check_workspace import check_in_workspace

        return check_in_workspace(args)
    if not args.files:
        print("请给出要审核的报告文件，或用 --workspace 审核工作区中的报告", file=sys.stderr)
        return 2
    unreadable, errors = False, False
    previous = None
    if args.previous:
        try:
            previous = load(args.previous, str(args.previous))
        except ReadError as e:
            print(f"{args.previous}: {e}（上一年度报告无法读取，跨年度规则不运行）", file=sys.stderr)
            unreadable = True
    results, count = [], 0
    files = ReportFiles(args.files)
    for report in files:
        findings = check(report, previous)
        errors = errors or has_errors(findings)
        count += 1
        if args.json:
            results.append({"file": report.source, "findings": [f.to_dict() for f in findings]})
        else:
            print(format_findings(report, findings), flush=True)
    if args.json:
        dump_json(results, single=len(args.files) == 1)
    elif count > 1:
        print(f"\n共审核 {count} 份报告。")
    return 2 if unreadable or files.failed else (1 if errors else 0)


def cmd_rules(args: argparse.Namespace) -> int:
    """List every rule: id, severity, one-line description."""
    width = max(len(r.id) for r in CATALOGUE)
    for r in CATALOGUE:
        extra = "（需 --previous 上一年度报告）" if r.needs_previous else ""
        print(f"{r.id:<{width}}  {SEVERITY_NAMES[r.severity]}  {r.description}{extra}")
    return 0
