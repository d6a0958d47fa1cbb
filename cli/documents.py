"""`memo REPORT -o OUT.docx` and `bulletin --year Y -o OUT.docx`: the documents the office sends out."""
from __future__ import annotations

import argparse
import sys

from review.office.bulletin import BulletinDetails, write_bulletin
from review.office.memo import DEFAULT_OFFICE, MemoDetails, write_memo
from review.office.official import DocumentError
from review.office.overview import overview
from review.office.store import OfficeError
from review.workspace import Workspace, WorkspaceError

from .office import find_report, open_workspace

OFFICE_SETTING = "office.name"


def _office(ws: Workspace, given: str) -> str:
    """The sender: as given (and remembered for next time), else the one used last time."""
    if given:
        ws.set_setting(OFFICE_SETTING, given)
        return given
    return ws.setting(OFFICE_SETTING) or DEFAULT_OFFICE


def cmd_memo(args: argparse.Namespace) -> int:
    try:
        with open_workspace(args) as ws:
            report_id = find_report(ws, args.report)
            reviewed = ws.load(report_id)
            file_name, _data = ws.original(report_id)
            details = MemoDetails(_office(ws, args.office), args.deadline, args.contact, args.reviewer)
            out = write_memo(reviewed, args.output, details, file_name)
    except (WorkspaceError, OfficeError, DocumentError) as e:
        print(str(e), file=sys.stderr)
        return 2
    print(f"审核意见书已写入：{out}（未处理的问题 {len(reviewed.open_findings('error'))} 个错误，"
          f"{len(reviewed.open_findings('warning'))} 个警告）")
    return 0


def cmd_bulletin(args: argparse.Namespace) -> int:
    try:
        with open_workspace(args) as ws:
            if not ws.office.roster():
                print(f"工作区还没有名单，请先用 roster 命令导入名单：{ws.path}", file=sys.stderr)
                return 2
            ws.replay.refresh_stale()
            ov = overview(ws.office, args.year)
            if ov.year is None:
                print("工作区中还没有报告，无法生成通报", file=sys.stderr)
                return 2
            out = write_bulletin(ov, args.output, BulletinDetails(_office(ws, args.office)))
    except (WorkspaceError, OfficeError, DocumentError) as e:
        print(str(e), file=sys.stderr)
        return 2
    c = ov.counts
    print(f"{ov.year} 年度审核情况通报已写入：{out}（应报送 {len(ov.status.agencies)} 个，未报送 {c['未报送']} 个，"
          f"有错误 {c['有错误']} 个）")
    return 0
