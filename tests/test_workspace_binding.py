"""The workspace bound to the real review window: edits made in the window land in the workspace."""
import pytest
from conftest import SAMPLE_FILES

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QSettings  # noqa: E402

from gui.commands import CorrectCells, DecideFinding, EditHeader  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402
from gui.workspace_binding import WorkspaceBinding, open_workspace  # noqa: E402
from review.findings import ERROR, FAIL, Finding  # noqa: E402
from review.state import ACCEPTED, PASSED, STATUS_ERRORS, STATUS_SIGNED, Decision, SignOff  # noqa: E402
from review.workspace import Workspace  # noqa: E402

FEES = "active/fees/amount"


def fee_limit(report, previous=None):
    v = report.value(FEES)
    if v is not None and v > 50:
        return [Finding("test.fee_limit", ERROR, FAIL, (FEES,), f"收费金额 {v} 万元超过 50 万元", v, 50)]
    return []


@pytest.fixture
def window(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("headless", True)
    qtbot.addWidget(w)
    return w


def test_window_edits_are_stored_and_survive_a_restart(qtbot, window, tmp_path):
    path = tmp_path / "w.sqlite"
    ws = Workspace(path, check=fee_limit)
    ids = {p.name[:3]: ws.import_file(p)[0] for p in SAMPLE_FILES}
    binding = WorkspaceBinding(window, ws)
    assert binding.queue.proxy.rowCount() == len(SAMPLE_FILES)
    rid = ids["000"]
    session = binding.open_report(rid)
    assert window.session is session and binding.current_report_id() == rid
    assert [f.rule for f in session.findings] == ["test.fee_limit"]

    session.undo_stack.push(CorrectCells(session, {FEES: 6.36773}, "小数点错位", "更正收费金额"))
    assert ws.load(rid).report.value(FEES) == 6.36773
    assert binding.queue.model.rows[0].status != STATUS_ERRORS
    assert [e.kind for e in binding.audit.model.entries][-1] == "correction"
    session.undo_stack.undo()
    assert ws.load(rid).report.value(FEES) == 63.6773
    assert [e.kind for e in ws.audit_log(rid)] == ["import", "correction", "undo"]  # appended, naming what it reverts
    model = binding.audit.model
    reverted = ws.audit_log(rid)[1].entry_id
    assert f"撤销第 {reverted} 条" in model.index(model.rowCount() - 1, 7).data()  # it names what it reverts

    finding = session.findings[0]
    decision = Decision(finding.id, ACCEPTED, "已核实", "张三")
    session.undo_stack.push(DecideFinding(session, finding.id, decision, "接受"))
    assert ws.load(rid).decisions[finding.id].reason == "已核实"
    session.undo_stack.undo()  # withdraws the decision
    assert ws.load(rid).decisions == {}
    session.undo_stack.redo()

    session.undo_stack.push(EditHeader(session, "agency", "乌苏市教育科学技术局", "更正机关名称"))
    assert ws.queue_row(rid).agency == "乌苏市教育科学技术局"

    ws.sign_off(rid, SignOff(PASSED, "张三"))
    binding._signed(rid, ws.load(rid).signoff)
    assert binding.queue.model.rows[0].status == STATUS_SIGNED
    session.undo_stack.push(CorrectCells(session, {FEES: 1}, "", "更正收费金额"))  # refused: read-only
    qtbot.waitUntil(lambda: session.report.value(FEES) == 63.6773)
    assert ws.load(rid).report.value(FEES) == 63.6773
    binding.close()

    with Workspace(path, check=fee_limit) as again:
        reviewed = again.load(rid)
        assert reviewed.report.agency == "乌苏市教育科学技术局" and reviewed.signoff.outcome == PASSED
        assert reviewed.decisions[finding.id].action == ACCEPTED and not reviewed.hash_mismatch


def test_undo_in_the_audit_view_updates_the_open_report_and_the_next_edit_is_kept(qtbot, window, tmp_path):
    """Issue 16 item 4: after an undo from the audit view the open report showed the undone value, and the
    reviewer's next edit of that cell was refused as out of date."""
    ws = Workspace(tmp_path / "w.sqlite", check=fee_limit)
    rid = ws.import_file(next(p for p in SAMPLE_FILES if p.name.startswith("000")))[0]
    binding = WorkspaceBinding(window, ws)
    session = binding.open_report(rid)
    refused = []
    session.refused.connect(refused.append)
    session.push(CorrectCells(session, {FEES: 6.36773}, "小数点错位", "更正收费金额"))
    assert not session.findings
    audit = binding.audit
    audit.table.selectRow(len(audit.model.entries) - 1)
    assert audit.selected_entry().kind == "correction"
    assert audit.undo_selected("张三")
    assert session.report.value(FEES) == 63.6773 == ws.load(rid).report.value(FEES)  # the window shows it
    assert [f.rule for f in session.findings] == ["test.fee_limit"]
    session.push(CorrectCells(session, {FEES: 6.3677}, "再次更正", "更正收费金额"))
    assert refused == []
    assert ws.load(rid).report.value(FEES) == 6.3677 == session.report.value(FEES)
    assert [e.kind for e in ws.audit_log(rid)] == ["import", "correction", "undo", "correction"]
    binding.close()


def test_second_window_on_the_same_workspace_is_told_why(window, tmp_path):
    path = tmp_path / "w.sqlite"
    with Workspace(path):
        assert open_workspace(str(path), window) is None
        assert "正被另一个年报审核台使用" in window.statusBar().currentMessage()
    ws = open_workspace(str(path), window)
    assert ws is not None
    ws.close()


def test_import_from_the_window(qtbot, window, tmp_path):
    ws = Workspace(tmp_path / "w.sqlite")
    binding = WorkspaceBinding(window, ws)
    dialog = binding.import_paths([str(SAMPLE_FILES[0].parent)])
    with qtbot.waitSignal(dialog.importFinished, timeout=60_000):
        pass
    qtbot.waitUntil(lambda: binding.queue.proxy.rowCount() == len(SAMPLE_FILES))
    binding.close()


def test_assigned_reports_in_the_queue_menu_and_the_mine_filter(qtbot, window, tmp_path):
    window.reviewer = "张三"
    ws = Workspace(tmp_path / "w.sqlite")
    binding = WorkspaceBinding(window, ws)
    dialog = binding.import_paths([str(p) for p in SAMPLE_FILES[:3]])
    with qtbot.waitSignal(dialog.importFinished, timeout=60_000):
        pass
    ids = ws.report_ids()
    assert all(ws.audit_log(rid)[0].reviewer == "张三" for rid in ids)  # the window's reviewer imported them
    queue, actions = binding.queue, binding.queue_actions
    menu = actions.menu_for(ids[1])
    assert next(a for a in menu.actions() if a.text() == "分配给…").isEnabled()
    assert actions.assign(ids[1], "张三") and actions.assign(ids[2], "李四")
    assert queue.model.rows and all(r.assignee in ("", "张三", "李四") for r in queue.model.all_rows)
    queue.mine_only.setChecked(True)
    assert queue.visible_report_ids() == [ids[1]]
    assert actions.assign(ids[1], "")  # the assignment ended: no longer mine
    assert queue.visible_report_ids() == []
    queue.mine_only.setChecked(False)
    assert sorted(queue.visible_report_ids()) == sorted(ids)
    assert [(e.reviewer, e.action) for e in ws.audit_log(ids[1]) if e.kind == "assign"] == [("张三", "张三"),
                                                                                           ("张三", "")]
    binding.close()


def test_closing_during_an_import_stops_it_cleanly(qtbot, window, tmp_path):
    import sys

    from conftest import ROOT

    sys.path.insert(0, str(ROOT / "bench"))
    from bench_import import make_reports

    folder = tmp_path / "reports"
    make_reports(folder, 60)
    path = tmp_path / "w.sqlite"
    binding = WorkspaceBinding(window, Workspace(path))
    dialog = binding.import_paths([str(folder)])
    qtbot.waitUntil(lambda: dialog.bar.value() >= 2, timeout=30_000)
    binding.close()  # what quitting the application does
    assert not dialog.is_running()
    with Workspace(path) as ws:  # closed, consistent, and the rest imports on the next run
        n = len(ws)
        assert 2 <= n < 60
        assert len(ws.import_paths([folder]).added) == 60 - n


def test_files_opened_in_the_window_go_into_the_workspace(qtbot, window, tmp_path):
    window.open_paths([str(SAMPLE_FILES[1])])  # opened before the workspace is bound
    ws = Workspace(tmp_path / "w.sqlite", check=fee_limit)
    binding = WorkspaceBinding(window, ws)
    window.open_paths([str(SAMPLE_FILES[0])])
    qtbot.waitUntil(lambda: len(ws) == 2 and len(binding.sessions) == 2)
    assert len(window.sessions()) == 2  # each file once, now the workspace's copy
    rid = ws.import_file(SAMPLE_FILES[0])[0]
    session = binding.sessions[rid]
    session.undo_stack.push(CorrectCells(session, {FEES: 6.36773}, "小数点错位", "更正"))
    assert ws.load(rid).report.value(FEES) == 6.36773
    window.report_list.select(session)
    window.close_current()
    assert rid not in binding.sessions
    assert binding.open_report(rid).report.value(FEES) == 6.36773  # reopened from the workspace
    binding.close()


def test_a_pdf_or_scan_opened_in_the_window_is_read_by_the_import_workers_then_shown(qtbot, window, tmp_path,
                                                                                   monkeypatch):
    """A scan is read by OCR, seconds a page: opened in the window (menu, drop, command line) it goes to the
    import dialog, whose worker processes read it; the window's process never parses it (a text PDF here,
    read the same way, so that the test spends no OCR)."""
    import json

    import docgen
    from conftest import SAMPLES

    import gui.open_reports
    import parser.extract

    truth = json.loads((SAMPLES / "truth" / f"{SAMPLE_FILES[2].stem}.json").read_text(encoding="utf-8"))
    pdf = tmp_path / "报告.pdf"
    pdf.write_bytes(docgen.to_pdf(docgen.official_report(truth)))

    def never(*args, **kwargs):
        raise AssertionError("parsed in the window's process")

    monkeypatch.setattr(gui.open_reports, "load_report", never)
    monkeypatch.setattr(parser.extract, "parse_bytes", never)
    ws = Workspace(tmp_path / "w.sqlite")
    window.workspace_binding = binding = WorkspaceBinding(window, ws)  # as gui/app.py binds it
    assert window.open_paths([str(pdf)]) == []  # not yet: the import dialog reads it
    qtbot.waitUntil(lambda: len(binding.sessions) == 1, timeout=60000)
    (session,) = window.sessions()
    assert window.session is session and session.report.agency == truth["agency"] and len(ws) == 1
    assert session.report.cells["requests/granted/total"].page is not None  # read from its pages
    binding.close()


def test_fill_zero_in_the_window_is_one_audit_entry_and_its_undo_one_more(qtbot, window, tmp_path):
    """Issue 14.6: 全部置 0 on sample 001's table three (every cell missing) is one entry with one reason
    in the workspace's log and one row of the audit view; Ctrl+Z appends one entry for the whole step."""
    ws = Workspace(tmp_path / "w.sqlite")
    rid = ws.import_file(next(p for p in SAMPLE_FILES if p.name.startswith("001")))[0]
    binding = WorkspaceBinding(window, ws)
    session = binding.open_report(rid)
    window.reviewer = session.reviewer = "张三"
    window.tables.setCurrentWidget(window.tables.views["requests"])
    window.fill_zero()
    filled = [k for k, c in session.report.cells.items() if k.startswith("requests/") and c.value == 0]
    assert len(filled) >= 100
    log = ws.audit_log(rid)
    assert [e.kind for e in log] == ["import", "correction"] and len(log[1].batch) == len(filled)
    assert binding.audit.model.rowCount() == 2
    session.undo_stack.undo()
    log = ws.audit_log(rid)
    assert [e.kind for e in log] == ["import", "correction", "undo"] and len(log[2].batch) == len(filled)
    assert {e.reason for e in log[1:]} == {"置 0", f"撤销：置 0：{len(filled)} 格"}
    binding.close()
