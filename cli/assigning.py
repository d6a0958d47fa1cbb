"""`assign 报告… --to 姓名`: reports assigned to a reviewer in advance (each assignment in the report's log);
`--clear` ends their assignment, `--list` prints every assignment."""
from __future__ import annotations

import argparse

from review.office.store import OfficeError
from review.workspace import WorkspaceError

from .office import _fail, find_report, open_workspace


def cmd_assign(args: argparse.Namespace) -> int:
    """Exit status: 0 done; 2 bad usage, an unknown report or a workspace that cannot be opened."""
    to = (args.to or "").strip()
    if not args.list and (not args.reports or bool(to) == args.clear):
        return _fail("用法：assign 报告编号或文件名… --to 审核人姓名（或 --clear 取消分配；--list 列出全部分配）")
    try:
        with open_workspace(args) as ws:
            if args.list:
                rows = {r.report_id: r for r in ws.queue()}
                for rid, name in sorted(ws.office.assignments().items()):
                    row = rows.get(rid)
                    if row is not None:  # removed reports are no one's work
                        print(f"{rid}\t{name}\t{row.agency or '（机关未识别）'}\t{row.file_name}")
                return 0
            ids = [find_report(ws, ref) for ref in args.reports]
            changed = ws.office.assign(ids, to, args.reviewer, args.reason)
    except (WorkspaceError, OfficeError) as e:
        return _fail(str(e))
    done, asked = (f"分配给 {to}" if to else "取消分配"), len(set(ids))
    same = f"（其中 {asked - changed} 份原已如此，未重复记录）" if changed < asked else "，已记入各报告的修改记录"
    print(f"{asked} 份报告{done}{same}")
    return 0
