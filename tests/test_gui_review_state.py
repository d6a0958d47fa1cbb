"""Signed state, the reviewer's name and one decision per problem (issue 14 items 4, 8, 13)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from pagegen import review_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from gui.workspace_binding import WorkspaceBinding
from review.state import RETURNED, SignOff
from review.workspace import Workspace

S002 = SAMPLES / "002_4baf6e6a93faded0.txt"
S004 = SAMPLES / "004_22e9dc75990c25ed.txt"
KEY = "requests/granted/natural_person"


def make_window(qtbot, tmp_path, headless=True):
    return review_window(qtbot, tmp_path / "settings.ini", headless=headless, activate=True)


@pytest.fixture
def bound(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    window.set_reviewer("李四")
    ws = Workspace(tmp_path / "w.sqlite")
    binding = WorkspaceBinding(window, ws)
    window.workspace_binding = binding
    rid, _ = ws.import_file(S002)
    session = binding.open_report(rid)
    yield window, binding, rid, session
    ws.close()


def test_a_returned_report_shows_it_everywhere_and_takes_no_edits(qtbot, bound):
    window, binding, rid, session = bound
    assert "已退回" not in window.windowTitle() and not window.signed_banner.isVisible()
    signoff = binding.workspace.sign_off(rid, SignOff(RETURNED, "李四", "表三与正文不符"))
    binding._signed(rid, signoff)
    assert "（已退回）" in window.windowTitle()
    banner = window.signed_banner
    assert banner.isVisible() and "已退回" in banner.text() and "李四" in banner.text()
    assert "表三与正文不符" in banner.text()
    row = next(r for r in binding.queue.model.rows if r.report_id == rid)
    assert row.status == "已退回"
    for id_ in ("accept_as_is", "accept_suggestion_anywhere", "make_blank", "fill_zero", "restore_printed"):
        assert not window.actions_by_id[id_].isEnabled(), id_
    assert not window.findings_pane.as_is_button.isEnabled()
    fields = window.header_fields
    assert fields.agency.isReadOnly() and not fields.template.isEnabled()
    # an edit that reaches the session anyway is refused and the field shows the report's value again
    fields.agency.setText("别的机关")
    fields.agency.editingFinished.emit()
    assert fields.agency.text() == session.report.agency == "神池县教育科技局"
    view = window.tables.views["requests"]
    index = view.report_model.index_of(KEY)
    assert not view.report_model.flags(index) & Qt.ItemFlag.ItemIsEditable

    binding.workspace.reopen(rid, "李四", "补正后重审")
    binding._signed(rid, None)
    assert not window.signed_banner.isVisible() and "已退回" not in window.windowTitle()
    assert window.actions_by_id["accept_as_is"].isEnabled() and not fields.agency.isReadOnly()


def test_the_reviewer_is_asked_once_at_the_first_edit(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path, headless=False)
    assert window.reviewer == ""  # not the OS login
    assert "未填写" in window.reviewer_label.text()
    (session,) = window.open_paths([str(S002)])
    asked = []

    def answer(tries=20):
        shown = [w for w in QApplication.topLevelWidgets() if isinstance(w, QInputDialog) and w.isVisible()]
        dialog = shown[0] if shown else None
        if dialog is None:
            if tries:
                QTimer.singleShot(50, lambda: answer(tries - 1))
            return  # not asked this time
        asked.append(dialog.labelText())
        editor = dialog.findChild(QLineEdit)
        qtbot.keyClicks(editor, "Wang")
        qtbot.keyClick(editor, Qt.Key.Key_Return)

    view = window.tables.views["requests"]
    window.tables.setCurrentWidget(view)
    for value in (5, 6):
        QTimer.singleShot(50, answer)
        view.setCurrentIndex(view.report_model.index_of(KEY))
        view.report_model.setData(view.currentIndex(), str(value))
        qtbot.wait(80)
    assert len(asked) == 1 and "审核人姓名" in asked[0]  # once only
    assert session.report.cells[KEY].value == 6
    assert {c.reviewer for c in session.report.cells[KEY].history} == {"Wang"}
    assert window.reviewer_label.text() == "审核人：Wang"
    assert window.settings.value("reviewer") == "Wang"
    window.setProperty("headless", True)  # closing: no question about the unsaved corrections


def test_accepting_half_missing_settles_the_cannot_assess_finding_too(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path)
    (session,) = window.open_paths([str(S004)])
    half = next(f for f in session.findings if f.rule == "appeals.half_missing")
    unassessed = next(f for f in session.findings if f.rule == "appeals.row_total")
    assert unassessed.status == "cannot_assess" and set(unassessed.cells) <= set(half.cells)
    window.findings_pane.select(half)
    window.ask_reason = lambda f: "报送单位未设行政复议职能"
    qtbot.keyClick(window, Qt.Key.Key_F9)
    assert not session.is_open(half) and not session.is_open(unassessed)
    assert "一并处理" in session.reviewed.decisions[unassessed.id].reason
    session.undo_stack.undo()  # one undo step for the one decision
    assert session.is_open(half) and session.is_open(unassessed)


def test_reopening_returns_to_the_report_table_and_finding(qtbot, tmp_path):
    ws = Workspace(tmp_path / "w.sqlite")
    rid4, _ = ws.import_file(S004)
    rid, _ = ws.import_file(S002)
    first = make_window(qtbot, tmp_path)
    binding = WorkspaceBinding(first, ws)
    first.workspace_binding = binding
    binding.open_report(rid4)
    session = binding.open_report(rid)
    chosen = next(f for f in session.findings if f.rule == "text.no_requests")
    first.findings_pane.select(chosen)
    assert first.tables.current_view() is first.tables.views["requests"]
    first.close()
    binding.close()

    ws2 = Workspace(tmp_path / "w.sqlite")
    second = make_window(qtbot, tmp_path)
    binding2 = WorkspaceBinding(second, ws2)
    second.workspace_binding = binding2
    assert binding2.reopen_last()
    assert binding2.current_report_id() == rid
    assert second.findings_pane.current().id == chosen.id
    assert second.tables.current_view() is second.tables.views["requests"]
    ws2.close()


def test_copies_of_a_report_are_flagged_in_the_queue_with_their_files(qtbot, tmp_path):
    """Copies not linked as versions (a workspace from before imports linked them) are flagged with their count."""
    from gui.batch_queue import AGENCY, FILE

    window = make_window(qtbot, tmp_path)
    ws = Workspace(tmp_path / "w.sqlite")
    resent = tmp_path / "神池县_重新报送.txt"
    resent.write_bytes(S002.read_bytes() + "\n（重新报送）\n".encode())  # same agency and year, other bytes
    for p in (S002, resent, S004):
        ws.import_file(p)
    with ws.store.transaction() as tx:
        tx.execute("UPDATE reports SET replaces = NULL")
    binding = WorkspaceBinding(window, ws)
    window.workspace_binding = binding
    queue = binding.queue
    assert not queue.table.isColumnHidden(FILE)
    shown = {queue.model.index(r, FILE).data(): queue.model.index(r, AGENCY) for r in range(queue.model.rowCount())}
    assert set(shown) == {S002.name, resent.name, S004.name}
    for name in (S002.name, resent.name):
        assert shown[name].data().endswith("⧉2 份")
        assert "重复报送或重新报送" in shown[name].data(Qt.ItemDataRole.ToolTipRole)
    assert "⧉" not in shown[S004.name].data()
    ws.close()
