"""The office's year on the command line: `roster`, `status`, `link`, and `check --workspace`."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager

from parser.widths import text_width
from review.office.roster import RosterError, read_roster
from review.office.status import STATUSES
from review.office.store import OfficeError
from review.workspace import Workspace, WorkspaceError


@contextmanager
def open_workspace(args: argparse.Namespace) -> Iterator[Workspace]:
    """The workspace of --workspace (or the default one); WorkspaceError carries the Chinese message."""
    ws = Workspace(getattr(args, "workspace", None))
    try:
        yield ws
    finally:
        ws.close()


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return 2


def cmd_roster(args: argparse.Namespace) -> int:
    """Set the workspace's roster from an Excel or CSV file (columns 机关, 别名, 地区, 层级)."""
    try:
        entries = read_roster(args.file)
        with open_workspace(args) as ws:
            change = ws.office.set_roster(entries, getattr(args, "reviewer", "") or "", f"导入名单 {args.file}")
            status = ws.office.year_status()
            print(f"{ws.path}：名单共 {len(entries)} 个机关。{change.summary()}")
            if status.year is not None:
                c = status.counts()
                print(f"{status.year} 年度：已报送 {len(entries) - c['未报送']} 个，未报送 {c['未报送']} 个，"
                      f"未匹配到名单的报告 {c['未匹配']} 份")
    except (RosterError, WorkspaceError, OfficeError) as e:
        return _fail(str(e))
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    """The year's status: every roster agency with its report or 未报送; reports matched to no agency."""
    if args.status and args.status not in STATUSES:
        return _fail(f"状态应为以下之一：{'、'.join(STATUSES)}")
    try:
        with open_workspace(args) as ws:
            if not ws.office.roster():
                return _fail(f"工作区还没有名单，请先用 roster 命令导入名单（机关、别名、地区、层级）：{ws.path}")
            ws.replay.refresh_stale()
            status = ws.office.year_status(args.year)
    except (WorkspaceError, OfficeError) as e:
        return _fail(str(e))
    rows = status.filtered_rows(args.region, args.level, args.status)
    if args.json:
        write_json_lines(status.to_dict(rows))
        return 0
    print(f"{status.year if status.year is not None else '（无报告）'} 年度 · 名单 {len(status.rows)} 个机关"
          + (f"，筛选后 {len(rows)} 个" if len(rows) != len(status.rows) else ""))
    print(pad("机关", 34) + pad("地区", 14) + pad("层级", 12) + pad("状态", 8) + pad("错误", 6, True)
          + pad("报告", 8, True) + pad("上年", 8, True) + "  报送时间")
    for r in rows:
        errors = "" if r["open_errors"] is None else str(r["open_errors"])
        print(pad(r["agency"], 34) + pad(r["region"], 14) + pad(r["level"], 12) + pad(r["status"], 8)
              + pad(errors, 6, True) + pad(_id(r["report"]), 8, True) + pad(_id(r["previous"]), 8, True)
              + "  " + (r["imported_at"] or "")[:16])
    counts = status.counts()
    print("合计：" + "，".join(f"{s} {counts[s]}" for s in STATUSES))
    if status.unmatched:
        print(f"\n未匹配到名单的报告 {len(status.unmatched)} 份（可用 link 命令关联到名单中的机关）：")
        for u in status.unmatched:
            near = "、".join(u["candidates"]) or "无相近机关"
            print(f"  报告 {u['report']}  {u['agency'] or '（机关未识别）'}  {u['file_name']}  相近：{near}")
    return 0


def write_json_lines(d: dict) -> None:
    """A JSON object with each item of its lists on one line: readable, and written by json's C encoder
    (an indented dump goes through the pure-Python one, slower than the whole status computation)."""
    out = ["{"]
    for i, (key, value) in enumerate(d.items()):
        end = "," if i < len(d) - 1 else ""
        if isinstance(value, list) and value:
            out.append(f" {json.dumps(key)}: [")
            out.append(",\n".join("  " + json.dumps(v, ensure_ascii=False) for v in value))
            out.append(f" ]{end}")
        else:
            out.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}{end}")
    out.append("}\n")
    sys.stdout.write("\n".join(out))


def pad(text: str, width: int, right: bool = False) -> str:
    """Pad for a terminal, where a Chinese character takes two columns."""
    used = text_width(text)
    gap = " " * max(1 if not right else 0, width - used)
    return gap + text if right else text + gap


def _id(v: int | None) -> str:
    return "" if v is None else str(v)


def cmd_link(args: argparse.Namespace) -> int:
    """A reviewer links a report's printed name to a roster agency (remembered as an alias)."""
    try:
        with open_workspace(args) as ws:
            report_id = find_report(ws, args.report)
            ws.office.link(report_id, args.agency, getattr(args, "reviewer", "") or "", "命令行关联")
            print(f"报告 {report_id} 已关联到“{args.agency}”，其名称已记为别名")
    except (WorkspaceError, OfficeError) as e:
        return _fail(str(e))
    return 0


def find_report(ws: Workspace, ref: str) -> int:
    """A report of the workspace by its id or its file name (not a removed one)."""
    rows = ws.store.query("SELECT id, file_name FROM reports WHERE removed_at IS NULL ORDER BY id")
    if ref.isdigit() and any(r["id"] == int(ref) for r in rows):
        return int(ref)
    named = [r["id"] for r in rows if r["file_name"] == ref or r["file_name"] == ref.rsplit("/", 1)[-1]]
    if len(named) == 1:
        return named[0]
    if named:
        raise OfficeError(f"工作区中有 {len(named)} 份名为 {ref} 的报告，请用编号（status --json 中的 report）")
    raise OfficeError(f"工作区中没有编号或文件名为 {ref} 的报告")


def cmd_resubmit(args: argparse.Namespace) -> int:
    """NEW replaces OLD (the agency sent a corrected report): linked, logged, the differences printed."""
    from review.office.versions import value_diff

    try:
        with open_workspace(args) as ws:
            new, old = find_report(ws, args.new), find_report(ws, args.old)
            ws.office.mark_resubmission(new, old, args.reviewer, args.reason)
            diff = value_diff(ws.load(old).report, ws.load(new).report)
    except (WorkspaceError, OfficeError) as e:
        return _fail(str(e))
    print(f"报告 {new} 已记为报告 {old} 的新版本；旧版本的更正、决定和签发保留在记录中。数值变化 {len(diff)} 处：")
    import pandas as pd

    for r in diff.itertuples(index=False):
        old_v = "空白" if r.old is pd.NA else f"{r.old:g}"
        new_v = "空白" if r.new is pd.NA else f"{r.new:g}"
        print(f"  {r.name}：{old_v} → {new_v}")
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    """Take a wrongly imported report out of the workspace (kept, logged, restorable with --restore)."""
    try:
        with open_workspace(args) as ws:
            if args.restore:
                removed = [r["report"] for r in ws.office.removed_reports()]
                report = int(args.report) if args.report.isdigit() else -1
                if report not in removed:
                    return _fail(f"工作区中没有已移出的编号为 {args.report} 的报告")
                ws.office.restore_report(report, args.reviewer, args.reason)
                print(f"报告 {report} 已恢复到工作区")
            else:
                report = find_report(ws, args.report)
                ws.office.remove_report(report, args.reviewer, args.reason)
                print(f"报告 {report} 已移出工作区（原文件与全部记录仍保留，可用 remove {report} --restore 恢复）")
    except (WorkspaceError, OfficeError) as e:
        return _fail(str(e))
    return 0
