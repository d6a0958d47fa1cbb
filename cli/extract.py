"""`extract FILE… [--json]`, and what every command shares: loading files with a reason per bad one, JSON output."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from parser.extract import load
from parser.model import Report
from parser.reader import ReadError, expand

from .text import format_report


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
