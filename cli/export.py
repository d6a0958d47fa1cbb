"""`export FILE_OR_DIR… -o OUT.xlsx` and `export --workspace W -o OUT.xlsx`."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from parser.model import Report
from review.export.source import ExportSource, ListSource, roster_regions
from review.findings import Finding
from review.isolation import CRASHED, isolated
from review.state import ReviewedReport

from .extract import load_all


def check(report: Report, previous: Report | None) -> list[Finding]:
    """review.rules.check (imported lazily); a crash becomes a finding in 问题清单, never a lost export."""
    from review.rules import check as run

    return isolated(CRASHED, lambda: run(report, previous))


def reviewed_files(reports: list[Report]) -> list[ReviewedReport]:
    """Parsed reports with their findings; the same agency's report of the year before, if given, is compared."""
    by_year = {(r.agency, r.year): r for r in reports if r.agency and r.year is not None}
    out = []
    for r in reports:
        previous = by_year.get((r.agency, r.year - 1)) if r.agency and r.year is not None else None
        out.append(ReviewedReport(r, check(r, previous)))
    return out


def _output(path: str) -> Path | None:
    out = Path(path)
    if out.suffix.lower() not in (".xlsx", ".zip"):
        print(f"输出文件须以 .xlsx 或 .zip 结尾：{path}", file=sys.stderr)
        return None
    if not out.parent.is_dir():
        print(f"输出文件夹不存在：{out.parent}", file=sys.stderr)
        return None
    if out.is_dir():
        print(f"输出路径是一个文件夹：{path}", file=sys.stderr)
        return None
    return out


def _write(source: ExportSource, out: Path) -> bool:
    """Write the archive (one workbook, or a summary workbook and per-region volumes); say what was written."""
    from review.export import export_archive

    try:
        result = export_archive(source, out, workers=None)  # worker processes for a large archive
    except OSError as e:
        reason = e.strerror or str(e)
        print(f"无法写入 {out}：{reason}（文件是否正在被 Excel 等程序打开？）", file=sys.stderr)
        return False
    errors = f"（其中未处理的错误 {result.errors} 个）" if result.errors else ""
    if result.split:
        where = "压缩包内" if out.suffix.lower() == ".zip" else f"文件夹 {out.with_suffix('')}"
        print(f"已导出 {result.reports} 份报告到 {out}{errors}：汇总工作簿及 {len(result.volumes)} 个分册工作簿"
              f"（{where}，按地区或机关分册）")
    else:
        print(f"已导出 {result.reports} 份报告到 {out}{errors}")
    return True


def cmd_export(args: argparse.Namespace) -> int:
    """Parse, check and write the Excel workbook; or export a workspace's reviewed state."""
    return run_export(args.files, getattr(args, "workspace", None), args.output)


def run_export(files: list[str], workspace: str | None, output: str) -> int:
    """Exit status per spec/cli.md: 0 written; 2 bad usage, an unreadable input or an unwritable output."""
    out = _output(output)
    if out is None:
        return 2
    if files:
        if workspace is not None:
            print("请只指定报告文件或 --workspace 之一", file=sys.stderr)
            return 2
        reports, failed = load_all(files)
        if not reports:
            print("没有可导出的报告", file=sys.stderr)
            return 2
        ok = _write(ListSource(reviewed_files(reports)), out)
        return 0 if ok and not failed else 2
    return _export_workspace(workspace, out)


def _export_workspace(workspace: str | None, out: Path) -> int:
    from review.export import WorkspaceSource
    from review.workspace import Workspace, WorkspaceError, default_path, is_server_location

    path: Path | str = workspace if is_server_location(workspace) else Path(workspace or default_path())
    if isinstance(path, Path) and not path.is_file():
        print(f"工作区不存在：{path}（请先用 import 导入报告，或给出要导出的报告文件）", file=sys.stderr)
        return 2
    try:
        with Workspace(path) as ws:
            source = WorkspaceSource(ws, roster_regions(ws))  # volumes by the roster's 地区
            if not len(source):
                print(f"工作区中没有报告：{ws.path}", file=sys.stderr)
                return 2
            return 0 if _write(source, out) else 2
    except WorkspaceError as e:
        print(str(e), file=sys.stderr)
        return 2
