"""F1 help, the workspace menu and the sign-off dialog (issue 14 items 11, 12, 14)."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from pagegen import review_window
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from gui.signoff_dialog import SignoffDialog
from gui.workspace_binding import WorkspaceBinding
from review.state import PASSED, RETURNED
from review.workspace import Workspace

S002 = SAMPLES / "002_4baf6e6a93faded0.txt"


@pytest.fixture
def window(qtbot, tmp_path):
    return review_window(qtbot, tmp_path / "settings.ini", activate=True, reviewer="李四")


def test_f1_help_scrolls_and_explains_the_workflow_and_every_rule(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    dialog = window.help_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.isModal()
    assert dialog.height() <= 768 - 80  # fits a 1366×768 laptop with its taskbar
    text = dialog.browser.toPlainText()
    for part in ("审核流程", "快捷键", "单元格标记", "审核规则", "F8", "Ctrl+V"):
        assert part in text
    from review.rules import CATALOGUE

    assert all(r.id in text for r in CATALOGUE)
    qtbot.waitUntil(lambda: dialog.browser.verticalScrollBar().maximum() > 0, timeout=2000)  # it scrolls


def test_workspace_menu_before_help_and_signoff_lists_what_blocks(qtbot, window, tmp_path):
    ws = Workspace(tmp_path / "w.sqlite")
    binding = WorkspaceBinding(window, ws)
    window.workspace_binding = binding
    rid, _ = ws.import_file(S002)
    session = binding.open_report(rid)
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-2:] == ["工作区(&W)", "帮助(&H)"]
    assert binding.signoff_action.shortcut().toString() == "Ctrl+Shift+S"
    errors = [f for f in session.open_findings() if f.severity == "error"]
    assert errors
    seen = {}

    def in_dialog(tries: int = 100) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, SignoffDialog):
            if tries:
                QTimer.singleShot(30, lambda: in_dialog(tries - 1))
            return
        seen["blocking"] = [dialog.blocking.item(i).text() for i in range(dialog.blocking.count())]
        seen["ok"] = dialog.ok_button.isEnabled()
        dialog.set_outcome(RETURNED)
        seen["returned"] = (dialog.windowTitle(), dialog.blocking.isVisible(), dialog.ok_button.text())
        dialog.reason.setPlainText("表三与正文不符")
        seen["returned_ready"] = dialog.problems.text()
        dialog.set_outcome(PASSED)
        dialog.blocking.setFocus()
        dialog.blocking.setCurrentRow(len(seen["blocking"]) - 1)
        qtbot.keyClick(dialog.blocking, Qt.Key.Key_Return)  # opens that finding, closes the dialog

    QTimer.singleShot(30, in_dialog)
    qtbot.keyClick(window, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert len(seen["blocking"]) == len(errors) and not seen["ok"]
    assert all(t.startswith("✖ ") for t in seen["blocking"])
    assert seen["returned"] == ("退回报告", False, "退回")
    assert "可以退回" in seen["returned_ready"] and "可以签发" not in seen["returned_ready"]
    assert window.findings_pane.current().id == errors[-1].id  # the chosen finding is open in the window
    assert session.reviewed.signoff is None
    ws.close()


def test_find_ignores_traditional_and_glued_pinyin(qtbot, window):
    """Item 10: 申请 finds 申請, 统计 finds 統(tǒng)計 (sample 001 is printed so)."""
    (session,) = window.open_paths([str(SAMPLES / "001_6b37e4e7d29244ee.txt")])
    text = session.report.text
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.text_pane.find_bar
    assert bar.isVisible() and QApplication.focusWidget() is bar.edit
    bar.edit.setText("申请")
    spans = window.text_pane.text.highlighted("find")
    assert len(spans) == text.count("申請") and all(text[a:b] == "申請" for a, b in spans)
    bar.edit.setText("统计")
    ((a, b),) = window.text_pane.text.highlighted("find")
    assert text[a:b] == "統(tǒng)計"
    selected = window.text_pane.text.textCursor().selectedText()
    assert selected == "統(tǒng)計"  # the match is selected and scrolled to
    bar.edit.setText("没有这个词")
    assert window.text_pane.text.highlighted("find") == [] and "fce8e6" in bar.edit.styleSheet()
