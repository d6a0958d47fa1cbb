"""The workspace widgets: batch queue, import dialog (worker thread), sign-off dialog, audit view."""
import sqlite3
import sys

import pytest
from conftest import ROOT, SAMPLE_FILES

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QDialog  # noqa: E402

from gui.audit_view import AuditView  # noqa: E402
from gui.batch_queue import ERRORS, STATUS, BatchQueue  # noqa: E402
from gui.import_dialog import ImportDialog  # noqa: E402
from gui.signoff_dialog import ReopenDialog, SignoffDialog  # noqa: E402
from parser.model import Correction  # noqa: E402
from review.findings import ERROR, FAIL, Finding  # noqa: E402
from review.state import (  # noqa: E402
    ACCEPTED,
    PASSED,
    PASSED_AFTER_CORRECTION,
    RETURNED,
    STATUS_ERRORS,
    STATUS_SIGNED,
    Decision,
    SignOff,
)
from review.workspace import Workspace  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from bench_import import make_reports  # noqa: E402

FEES = "active/fees/amount"


def fee_limit(report, previous=None):
    v = report.value(FEES)
    if v is not None and v > 50:
        return [Finding("test.fee_limit", ERROR, FAIL, (FEES,), f"收费金额 {v} 万元超过 50 万元", v, 50)]
    return []


@pytest.fixture
def ws(tmp_path):
    w = Workspace(tmp_path / "w.sqlite", check=fee_limit)
    for p in SAMPLE_FILES:
        w.import_file(p)
    yield w
    w.close()


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def rid_of(ws, prefix):
    return next(r.report_id for r in ws.queue() if r.file_name.startswith(prefix))


def test_queue_sorts_filters_searches_and_opens(qtbot, ws):
    queue = BatchQueue(ws)
    qtbot.addWidget(queue)
    queue.resize(900, 400)
    queue.show()
    assert queue.proxy.rowCount() == len(SAMPLE_FILES)
    assert "共 5 份报告" in queue.count_label.text()
    queue.table.sortByColumn(ERRORS, Qt.SortOrder.DescendingOrder)
    first = queue.proxy.index(0, 0)
    assert queue.proxy.index(0, STATUS).data() == STATUS_ERRORS and first.data() == "乌苏市教科局"
    queue.search.setText("乌苏")
    assert sorted(queue.proxy.index(r, 0).data() for r in range(queue.proxy.rowCount())) == [
        "乌苏市教科局", "乌苏市教育和科学技术局"]
    assert "显示 2 份" in queue.count_label.text()
    queue.status_filter.setCurrentIndex(queue.status_filter.findData(STATUS_ERRORS))
    assert queue.visible_report_ids() == [rid_of(ws, "000")]
    queue.search.clear()
    queue.status_filter.setCurrentIndex(0)
    assert queue.proxy.rowCount() == len(SAMPLE_FILES)

    assert queue.select_report(rid_of(ws, "003"))
    index = queue.table.currentIndex()
    rect = queue.table.visualRect(index)
    qtbot.mouseClick(queue.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(queue.reportOpened) as opened:
        qtbot.mouseDClick(queue.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [rid_of(ws, "003")]
    with qtbot.waitSignal(queue.reportOpened) as opened:
        qtbot.keyClick(queue.table, Qt.Key.Key_Return)
    assert opened.args == [rid_of(ws, "003")]


def test_queue_row_follows_a_signoff(qtbot, ws):
    queue = BatchQueue(ws)
    qtbot.addWidget(queue)
    rid = rid_of(ws, "000")
    finding = ws.load(rid).findings[0]
    ws.record_decision(rid, Decision(finding.id, ACCEPTED, "已核实", "李四"))
    ws.sign_off(rid, SignOff(PASSED, "李四"))
    queue.refresh_report(rid)
    row = next(r for r in queue.model.rows if r.report_id == rid)
    assert row.status == STATUS_SIGNED and row.errors == 0


def test_import_dialog_keeps_the_event_loop_responsive(qtbot, tmp_path):
    folder = tmp_path / "reports"
    make_reports(folder, 120)
    (folder / "empty.txt").write_bytes(b"")
    with Workspace(tmp_path / "g.sqlite") as ws:
        dialog = ImportDialog(ws, [str(folder)])
        qtbot.addWidget(dialog)
        clock, gaps, last = QElapsedTimer(), [], [0]
        clock.start()

        def beat():
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        heartbeat = QTimer(interval=10)
        heartbeat.timeout.connect(beat)
        heartbeat.start()
        with qtbot.waitSignal(dialog.importFinished, timeout=120_000) as done:
            dialog.start()
        heartbeat.stop()
        result = done.args[0]
        assert len(result.added) == 120 and len(result.failed) == 1 and len(ws) == 120
        # the window's event loop kept running while the import worked (the stall in milliseconds is
        # measured by bench/bench_import.py, not asserted here: timings depend on the machine's load)
        assert len(gaps) > 20
        assert dialog.isVisible() and "empty.txt" in dialog.details.toPlainText()  # failures stay on screen
        assert dialog.close_button.isVisible()


def test_import_dialog_cancel_keeps_what_was_imported(qtbot, tmp_path):
    folder = tmp_path / "reports"
    make_reports(folder, 80)
    with Workspace(tmp_path / "g.sqlite") as ws:
        dialog = ImportDialog(ws, [str(folder)])
        qtbot.addWidget(dialog)
        dialog.worker.progressed.connect(lambda done, total, name: done >= 3 and dialog.cancel())
        with qtbot.waitSignal(dialog.importFinished, timeout=60_000) as done:
            dialog.start()
        result = done.args[0]
        assert result.cancelled and 3 <= len(result.added) < 80 and len(ws) == len(result.added)
        assert "取消" in dialog.label.text()
        again = ws.import_paths([folder])
        assert len(again.added) == 80 - len(result.added) and len(ws) == 80


def test_signoff_dialog_refuses_until_decided_and_remembers_the_reviewer(qtbot, ws, settings):
    rid = rid_of(ws, "000")
    dialog = SignoffDialog(ws, rid, settings=settings)
    qtbot.addWidget(dialog)
    assert not dialog.ok_button.isEnabled()
    dialog.reviewer.setText("李四")
    assert not dialog.ok_button.isEnabled() and "尚有 1 个错误" in dialog.problems.text()
    dialog.set_outcome(RETURNED)
    assert not dialog.ok_button.isEnabled() and "退回须填写理由" in dialog.problems.text()
    assert dialog.ok_button.text() == "退回"
    dialog.reason.setPlainText("表二收费金额明显有误，请核实")
    assert dialog.ok_button.isEnabled()
    dialog.set_outcome(PASSED)
    assert not dialog.ok_button.isEnabled()
    dialog.reject()

    finding = ws.load(rid).findings[0]
    ws.record_decision(rid, Decision(finding.id, ACCEPTED, "机关书面确认金额无误", "李四"))
    dialog = SignoffDialog(ws, rid, settings=settings)
    qtbot.addWidget(dialog)
    dialog.reviewer.setText("李四")
    assert dialog.outcome() == PASSED and dialog.ok_button.isEnabled()
    with qtbot.waitSignal(dialog.signedOff) as signed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert signed.args[0] == rid and signed.args[1].outcome == PASSED
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert ws.load(rid).signoff.reviewer == "李四"

    again = SignoffDialog(ws, rid_of(ws, "001"), settings=settings)
    qtbot.addWidget(again)
    assert again.reviewer.text() == "李四"  # remembered

    reopen = ReopenDialog(ws, rid, settings=settings)
    qtbot.addWidget(reopen)
    assert reopen.reviewer.text() == "李四" and not reopen.ok_button.isEnabled()
    reopen.reason.setText("机关补报了附件")
    with qtbot.waitSignal(reopen.reopened):
        qtbot.mouseClick(reopen.ok_button, Qt.MouseButton.LeftButton)
    assert ws.load(rid).signoff is None


def test_audit_view_shows_changes_undoes_and_flags_tampering(qtbot, ws, settings, tmp_path):
    rid = rid_of(ws, "000")
    ws.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "小数点错位", "张三"))
    view = AuditView(ws, settings=settings)
    qtbot.addWidget(view)
    view.resize(1000, 300)
    view.show()
    view.show_report(rid)
    m = view.model
    assert m.rowCount() == 2
    assert [m.index(1, c).data() for c in (2, 3, 4, 5, 6, 7)] == [
        "更正", "张三", m.cell_name(FEES), "63.6773", "6.36773", "小数点错位"]
    assert m.cell_name(FEES) != FEES  # shown by its printed name
    assert not view.undo_button.isEnabled()
    view.table.selectRow(1)
    assert view.undo_button.isEnabled()
    with qtbot.waitSignal(view.reportChanged):
        assert view.undo_selected("张三")
    assert ws.load(rid).report.value(FEES) == 63.6773
    assert m.rowCount() == 3 and m.index(2, 2).data() == "撤销更正"
    assert not view.warning.isVisible()

    ws.record_correction(rid, Correction(FEES, 63.6773, 6.36773, "小数点错位", "张三"))
    ws.sign_off(rid, SignOff(PASSED_AFTER_CORRECTION, "张三"))
    path = ws.path
    ws.close()
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER corrections_no_update")
    conn.execute("UPDATE corrections SET new = '9.9' WHERE id = (SELECT max(id) FROM corrections)")
    conn.commit()
    conn.close()
    with Workspace(path, check=fee_limit) as reopened:
        view.workspace = reopened
        view.show_report(rid)
        assert view.warning.isVisible() and "SHA-256" in view.warning.text()
        assert view.model.index(view.model.rowCount() - 1, 2).data() == "签发"
        view.grab().save(str(tmp_path / "audit.png"))


def test_widgets_render(qtbot, ws, tmp_path):
    queue = BatchQueue(ws)
    qtbot.addWidget(queue)
    queue.resize(900, 300)
    queue.show()
    image = queue.grab()
    assert not image.isNull()


def test_audit_view_shows_a_fill_as_one_row_and_undoes_the_whole_step(qtbot, ws, settings):
    """Issue 14.6: the cells filled in one step are one row (every cell in its tooltip); undoing it from
    the log reverts every cell of the step, not only the first."""
    rid = rid_of(ws, "000")
    before = ws.load(rid).report
    keys = [k for k, c in before.cells.items() if k.startswith("requests/") and c.value != 7][:3]
    ws.record_corrections(rid, [Correction(k, before.value(k), 7, "填充所选", "张三") for k in keys])
    view = AuditView(ws, settings=settings)
    qtbot.addWidget(view)
    view.show_report(rid)
    m = view.model
    assert m.rowCount() == 2  # the import and the fill
    assert m.index(1, 4).data().startswith("3 格：") and m.index(1, 6).data() == "7"
    assert m.index(1, 7).data() == "填充所选"
    assert m.index(1, 4).data(Qt.ItemDataRole.ToolTipRole).count("→ 7") == 3
    view.table.selectRow(1)
    assert not view.details.isHidden() and view.details.toPlainText().count("→ 7") == 3  # the step's cells
    with qtbot.waitSignal(view.reportChanged):
        assert view.undo_selected("张三")
    assert [ws.load(rid).report.value(k) for k in keys] == [before.value(k) for k in keys]  # all, not one
    assert m.rowCount() == 3 and m.index(2, 2).data() == "撤销更正" and m.index(2, 4).data().startswith("3 格")
