"""`extract FILE… [--json]`, and what every command shares: loading files with a reason per bad one, JSON output."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from parser.extract import load
from parser.model import Report
from parser.reader import ReadError, expand

from .text import format_report


class ReportFiles:
    """The reports of files and folders, parsed one at a time; a bad file gets a one-line reason on stderr,
    sets `failed`, and the others go on."""

    def __init__(self, paths: list[str]) -> None:
        self.paths = paths
        self.failed = False

    def __iter__(self) -> Iterator[Report]:
        for path in expand(self.paths):
            try:
                yield load(path, str(path))
            except ReadError as e:
                print(reason_line(path, e), file=sys.stderr)
                self.failed = True


def load_all(paths: list[str]) -> tuple[list[Report], bool]:
    """Parse every file (see ReportFiles)."""
    files = ReportFiles(paths)
    return list(files), files.failed


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
