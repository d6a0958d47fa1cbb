"""Moving a workspace: SQLite → PostgreSQL → SQLite keeps every row, the audit and the sign-offs' hashes."""
import sqlite3
import subprocess
import sys

import pytest
from conftest import ROOT, SAMPLE_FILES
from year_reports import roster_file

from cli.app import run
from parser.model import Correction
from review.office.roster import read_roster
from review.state import PASSED_AFTER_CORRECTION, SignOff
from review.workspace import Workspace, WorkspaceError
from review.workspace.transfer import TABLES, copy_workspace

FEES = "active/fees/amount"  # sample 000 prints 63.6773


def _reviewed_workspace(path, folder):
    """Five samples, the roster, a link, corrections with an undo, a sign-off, a removal."""
    with Workspace(path) as ws:
        ws.import_paths([SAMPLE_FILES[0].parent])
        ws.office.set_roster(read_roster(roster_file(folder)), "王五", "导入名单")
        first = next(rid for rid in ws.report_ids() if ws.original(rid)[0].startswith("000"))
        cid = ws.record_correction(first, Correction(FEES, 63.6773, 6.0, "", "张三"))
        ws.undo_correction(first, cid, "张三", "改错了")
        ws.record_correction(first, Correction(FEES, 63.6773, 6.36773, "小数点错位", "张三"))
        ws.sign_off(first, SignOff(PASSED_AFTER_CORRECTION, "张三"))
        ws.office.remove_report(ws.report_ids()[-1], "王五", "误导入")
        ws.set_setting("last_office", "某市政务公开办")


def _state(location):
    """Everything a reviewer sees of a workspace, per report and for the office."""
    with Workspace(location) as ws:
        reports = {r.report_id: (r.status, r.hash_mismatch, r.signoff, {k: c.value for k, c in r.report.cells.items()})
                   for r in ws.reviewed_of(ws.report_ids())}
        audit = {rid: ws.audit_log(rid) for rid in ws.report_ids()}
        office = (ws.office.log(), ws.office.aliases())
        return reports, audit, office, ws.queue(), ws.setting("last_office")


def _exported(location, out):
    import openpyxl

    assert run(["export", "--workspace", str(location), "-o", str(out)]) in (0, 1)
    book = openpyxl.load_workbook(out, read_only=True)
    sheets = {ws.title: [tuple(c for c in row) for row in ws.iter_rows(values_only=True)] for ws in book.worksheets}
    book.close()
    assert "汇总" in sheets and len(sheets["汇总"]) > 5
    return sheets


def test_sqlite_to_postgresql_and_back_is_lossless(tmp_path, pg_cluster):
    src = tmp_path / "src.sqlite"
    _reviewed_workspace(src, tmp_path)
    url = pg_cluster.new_database()
    r = subprocess.run([sys.executable, "main.py", "workspace-copy", str(src), url], cwd=ROOT,
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert "报告 5 条" in r.stdout and "核对一致" in r.stdout
    back = tmp_path / "back.sqlite"
    copy_workspace(url, back)
    before = _state(src)
    assert len(before[0]) == 5 and not any(mismatch for _, mismatch, _, _ in before[0].values())
    assert sum(signoff is not None for _, _, signoff, _ in before[0].values()) == 1
    assert _state(url) == before
    assert _state(back) == before
    assert _exported(src, tmp_path / "a.xlsx") == _exported(url, tmp_path / "b.xlsx")  # the 汇总 and every sheet
    a, b = sqlite3.connect(src), sqlite3.connect(back)
    for table, order in TABLES:  # row for row, bytes included
        sql = f"SELECT * FROM {table} ORDER BY {order}"
        assert a.execute(sql).fetchall() == b.execute(sql).fetchall(), table
    a.close()
    b.close()
    with Workspace(url) as ws:  # the copy goes on: new rows get ids after the copied ones
        last = ws.store.query("SELECT max(id) AS m FROM journal")[0]["m"]
        assert ws.import_file(SAMPLE_FILES[0])[1] is False  # the same bytes are there already
        assert ws.withdraw_decision(ws.report_ids()[1], "x", "张三") > last


def test_a_target_that_is_not_empty_is_refused_untouched(tmp_path, pg_cluster):
    src = tmp_path / "src.sqlite"
    with Workspace(src) as ws:
        ws.import_file(SAMPLE_FILES[0])
    url = pg_cluster.new_database()
    with Workspace(url) as ws:
        ws.import_file(SAMPLE_FILES[1])
    with pytest.raises(WorkspaceError, match="目标工作区不是空的"):
        copy_workspace(src, url)
    with Workspace(url) as ws:
        assert len(ws) == 1
    assert run(["workspace-copy", str(src), str(src)]) == 2
