"""`check [FILE…] --workspace W`: the rules with the previous year found in the workspace by identity
(roster name or alias); without files, every current report of the workspace in its reviewed state."""
from __future__ import annotations

import argparse
import sys

from review.rules import check, has_errors
from review.workspace import Workspace, WorkspaceError

from .extract import ReportFiles, dump_json
from .text import format_findings


def _previous(ws: Workspace, agency: str | None, year: int | None) -> dict | None:
    ids = ws.replay.same_agency_ids(agency, year - 1 if year is not None else None)
    if not ids:
        return None
    row = ws.replay.row(ids[-1], "id, agency, year, file_name")
    return {"id": row["id"], "agency": row["agency"], "year": row["year"], "file": row["file_name"]}


def check_in_workspace(args: argparse.Namespace) -> int:
    unreadable, errors, results = False, False, []
    try:
        with Workspace(args.workspace) as ws:
            ws.replay.refresh_stale()
            if args.files:
                items = []
                files = ReportFiles(args.files)
                for report in files:
                    previous = ws.replay.previous_report(report.agency, report.year)
                    items.append((report, check(report, previous, previous_searched=True)))
                unreadable = files.failed
            else:
                frame = ws.office.report_frame()
                items = []
                for rid in frame["report"]:
                    reviewed = ws.load(int(rid))
                    items.append((reviewed.report, reviewed.open_findings()))
            for report, findings in items:
                errors = errors or has_errors(findings)
                prev = _previous(ws, report.agency, report.year)
                if args.json:
                    results.append({"file": report.source, "previous": prev,
                                    "findings": [f.to_dict() for f in findings]})
                else:
                    head = format_findings(report, findings)
                    if prev:
                        head += (f"\n  （已与工作区中的上一年度报告比对：{prev['agency']} {prev['year']} 年度，"
                                 f"编号 {prev['id']}）")
                    print(head, flush=True)
    except WorkspaceError as e:
        print(str(e), file=sys.stderr)
        return 2
    if args.json:
        dump_json(results, single=len(args.files) == 1)
    elif len(items) > 1:
        print(f"\n共审核 {len(items)} 份报告。")
    return 2 if unreadable else (1 if errors else 0)
