"""pytest-qt tests that drive the real review window on the bundled samples."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLES
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QLineEdit

from gui.app import application
from gui.findings_model import SUBTITLE_ROLE
from gui.main_window import MainWindow
from gui.table_model import LOOK_ROLE

S002 = SAMPLES / "002_4baf6e6a93faded0.txt"
S004 = SAMPLES / "004_22e9dc75990c25ed.txt"
TOTAL_NP = "requests/total/natural_person"
NOT_HELD_NP = "requests/unable.not_held/natural_person"
NOT_HELD_TOTAL = "requests/unable.not_held/total"
TOTAL_TOTAL = "requests/total/total"


@pytest.fixture
def window(qtbot, tmp_path):
    application()  # our stylesheet and font, as the real program has them
    w = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    w.setProperty("headless", True)
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    qtbot.waitExposed(w)
    return w


def open_sample(window, path: Path = S002):
    (session,) = window.open_paths([str(path)])
    assert window.session is session
    return session


def results_total(session, key: str = TOTAL_NP):
    return [f for f in session.findings if f.rule == "requests.results_total" and f.cells[0] == key]


def edit_cell(qtbot, window, key: str, text: str) -> None:
    """Type into the cell's editor and commit with Enter, as a reviewer does."""
    view = window.tables.views[key.split("/")[0]]
    window.tables.setCurrentWidget(view)
    index = view.report_model.index_of(key)
    view.setCurrentIndex(index)
    view.edit(index)
    editor = view.indexWidget(index)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    qtbot.keyClicks(editor, text)  # ASCII digits only (keyClicks aborts on Chinese)
    with qtbot.waitSignal(view.report_model.dataChanged, timeout=2000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)


def test_sample_002_lists_the_finding_and_marks_its_cells(window):
    session = open_sample(window)
    (finding,) = results_total(session)
    model = window.findings_pane.model
    row = model.row_of(finding.id)
    assert row >= 0
    subtitle = model.index(row, 1).data(SUBTITLE_ROLE)  # the list's second line: rule and cells
    assert subtitle.startswith("requests.results_total") and "表三（七）总计·自然人" in subtitle
    assert "表三（七）总计·自然人" in finding.message
    table = window.tables.views["requests"].report_model
    look = table.index_of(TOTAL_NP).data(LOOK_ROLE)
    assert look.glyph == "✖" and look.border is not None  # a glyph and a border, not colour alone
    assert table.index_of(NOT_HELD_NP).data(LOOK_ROLE).glyph == "✖"  # the cell the suggestion would change
    assert table.index_of("requests/granted/commercial").data(LOOK_ROLE).glyph == ""
    assert "✖" in window.tables.tabText(window.tables.indexOf(window.tables.views["requests"]))
    assert "未处理问题" in window.open_label.text()
    tip = table.index_of(TOTAL_NP).data(Qt.ItemDataRole.ToolTipRole)
    assert "原文" in tip and finding.message[:10] in tip


def test_editing_cells_rechecks_and_undo_brings_the_finding_back(qtbot, window):
    session = open_sample(window)
    window.set_reviewer("李审核")
    assert results_total(session) and results_total(session, TOTAL_TOTAL)
    edit_cell(qtbot, window, NOT_HELD_NP, "0")
    assert session.report.cells[NOT_HELD_NP].value == 0
    assert session.report.cells[NOT_HELD_NP].status == "corrected"
    assert not results_total(session)  # re-checked at once, no button
    edit_cell(qtbot, window, NOT_HELD_TOTAL, "0")
    assert not results_total(session, TOTAL_TOTAL)
    assert all(f.rule != "requests.results_total" for f in window.findings_pane.model.items)
    look = window.tables.views["requests"].report_model.index_of(NOT_HELD_NP).data(LOOK_ROLE)
    assert look.provenance == "✎" and look.glyph != "✖"
    tip = window.tables.views["requests"].report_model.index_of(NOT_HELD_NP).data(Qt.ItemDataRole.ToolTipRole)
    assert "1 → 0" in tip and "李审核" in tip  # old value, who
    assert session.report.cells[NOT_HELD_NP].history[-1].reviewer == "李审核"

    window.actions_by_id["undo"].trigger()
    assert session.report.cells[NOT_HELD_TOTAL].value == 1
    assert results_total(session, TOTAL_TOTAL) and not results_total(session)
    window.actions_by_id["undo"].trigger()
    assert session.report.cells[NOT_HELD_NP].value == 1
    assert session.report.cells[NOT_HELD_NP].status == "extracted"
    assert results_total(session)
    # the audit history is append-only: two edits and two undos are four corrections
    assert len(session.report.corrections()) == 4
    window.actions_by_id["redo"].trigger()
    assert session.report.cells[NOT_HELD_NP].value == 0


def test_selecting_the_finding_reveals_its_cells_and_span(qtbot, window):
    session = open_sample(window)
    (finding,) = results_total(session)
    window.text_pane.text.scroll_to(0)
    assert window.findings_pane.select(finding)
    span = session.report.cells[NOT_HELD_NP].span
    assert span is not None
    text = window.text_pane.text
    assert span in text.highlighted("reveal")
    first, last = text.visible_range()
    assert first <= span[0] <= last  # scrolled into view
    view = window.tables.views["requests"]
    assert window.tables.currentWidget() is view
    selected = set(view.selected_keys())
    assert {TOTAL_NP, NOT_HELD_NP} <= selected


def test_choosing_a_cell_or_clicking_the_text_reveals_the_same(qtbot, window):
    session = open_sample(window)
    view = window.tables.views["requests"]
    window.tables.setCurrentWidget(view)
    view.setCurrentIndex(view.report_model.index_of(NOT_HELD_NP))
    span = session.report.cells[NOT_HELD_NP].span
    assert span in window.text_pane.text.highlighted("reveal")
    current = window.findings_pane.current()
    assert current is not None and NOT_HELD_NP in current.cells

    # click on the printed 总计 of row 不掌握 in the text → that cell is selected
    text = window.text_pane.text
    a, _ = session.report.cells[NOT_HELD_TOTAL].span
    text.scroll_to(a)
    cursor = text.textCursor()
    cursor.setPosition(text.offsets.to_qt(a))
    rect = text.cursorRect(cursor)
    for dx in (1, 4):  # on the left and on the right half of the digit
        window.tables.select_cells([NOT_HELD_NP])
        qtbot.mouseClick(text.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(dx, 0))
        assert view.selected_keys() == [NOT_HELD_TOTAL]


def test_f8_walks_the_open_findings(qtbot, window):
    session = open_sample(window)
    open_ids = [f.id for f in window.findings_pane.model.items if session.is_open(f)]
    assert len(open_ids) >= 3
    seen = []
    for _ in range(len(open_ids)):
        qtbot.keyClick(window, Qt.Key.Key_F8)
        seen.append(window.findings_pane.current().id)
    assert seen == open_ids  # in list order, errors first
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert window.findings_pane.current().id == open_ids[0]  # wraps around
    qtbot.keyClick(window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert window.findings_pane.current().id == open_ids[-1]


def test_enter_accepts_the_suggestion_and_undo_restores(qtbot, window):
    session = open_sample(window)
    (finding,) = results_total(session)
    assert finding.suggestion
    window.findings_pane.select(finding)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.findings_pane.view.setFocus()
    qtbot.waitUntil(window.findings_pane.view.hasFocus, timeout=2000)
    before = {k: session.report.cells[k].value for k in finding.suggestion}
    qtbot.keyClick(window.findings_pane.view, Qt.Key.Key_Return)
    for key, value in finding.suggestion.items():
        assert session.report.cells[key].value == value
        assert session.report.cells[key].history[-1].reason.startswith("采纳建议")
    assert not results_total(session)
    # the loop moves on: the finding now in its place is selected
    current = window.findings_pane.current()
    assert current is not None and current.id != finding.id
    window.actions_by_id["undo"].trigger()
    assert {k: session.report.cells[k].value for k in finding.suggestion} == before
    assert results_total(session)


def test_ctrl_enter_on_a_two_cell_suggestion_changes_both_and_one_ctrl_z_reverts_both(qtbot, window):
    """Issue 14.1: sample 002's suggestion names two cells (共 2 格); accepting it must not leave a row_total error."""
    session = open_sample(window)
    (finding,) = results_total(session)
    assert "共 2 格" in finding.message
    window.findings_pane.select(finding)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    window.tables.current_view().setFocus()  # "anywhere": not the findings list
    before = {k: session.report.cells[k].value for k in (NOT_HELD_NP, NOT_HELD_TOTAL)}
    assert before == {NOT_HELD_NP: 1, NOT_HELD_TOTAL: 1}
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert {k: session.report.cells[k].value for k in before} == {NOT_HELD_NP: 0, NOT_HELD_TOTAL: 0}
    assert not [f for f in session.findings if f.rule in ("requests.results_total", "requests.row_total")]
    assert session.undo_stack.count() == 1
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert {k: session.report.cells[k].value for k in before} == before
    assert len(results_total(session)) == 1


def test_accept_as_is_with_a_reason_is_a_decision_and_undoable(qtbot, window):
    session = open_sample(window)
    (finding,) = results_total(session)
    window.findings_pane.select(finding)
    window.ask_reason = lambda f: "经与报送单位核实，数据无误"
    before = session.counts()["error"]
    qtbot.keyClick(window, Qt.Key.Key_F9)
    decision = session.reviewed.decisions[finding.id]
    assert decision.action == "accepted" and decision.reason.startswith("经与报送单位核实")
    assert session.counts()["error"] == before - 1
    assert window.findings_pane.model.state_text(finding) == "已接受"
    moved_on = window.findings_pane.current()  # the review loop goes on to the next open finding
    assert moved_on is not None and moved_on.id != finding.id and session.is_open(moved_on)
    assert window.tables.views["requests"].report_model.index_of(TOTAL_NP).data(LOOK_ROLE).glyph != "✖"
    window.actions_by_id["undo"].trigger()
    assert finding.id not in session.reviewed.decisions
    assert session.counts()["error"] == before
    window.actions_by_id["redo"].trigger()
    window.findings_pane.select(finding)
    assert window.findings_pane.reopen_button.isVisible()
    window.findings_pane.reopen_button.click()  # withdrawing a decision is one more undoable step
    assert finding.id not in session.reviewed.decisions and session.undo_stack.count() == 2


def test_delete_blanks_and_restore_brings_back_the_printed_value(qtbot, window):
    session = open_sample(window)
    view = window.tables.views["requests"]
    window.tables.setCurrentWidget(view)
    view.setCurrentIndex(view.report_model.index_of(NOT_HELD_NP))
    window.make_blank()
    assert session.report.cells[NOT_HELD_NP].value is None
    assert view.report_model.index_of(NOT_HELD_NP).data(Qt.ItemDataRole.DisplayRole) == "／"
    window.restore_printed()
    assert session.report.cells[NOT_HELD_NP].value == 1
    assert session.report.cells[NOT_HELD_NP].status == "extracted"


def test_paste_is_one_undo_step(qtbot, window):
    from PySide6.QtGui import QGuiApplication

    session = open_sample(window)
    view = window.tables.views["requests"]
    window.tables.setCurrentWidget(view)
    view.setCurrentIndex(view.report_model.index_of(NOT_HELD_NP))
    QGuiApplication.clipboard().setText("0\t0\t0\t0\t0\t0\t0")
    view.paste()
    assert session.report.cells[NOT_HELD_TOTAL].value == 0
    assert session.undo_stack.count() == 1
    session.undo_stack.undo()
    assert session.report.cells[NOT_HELD_TOTAL].value == 1


def test_header_fields_edit_and_undo(qtbot, window):
    session = open_sample(window)
    fields = window.header_fields
    assert fields.agency.text() == "神池县教育科技局"
    fields.year.setValue(2020)
    fields.year.editingFinished.emit()
    assert session.report.year == 2020
    assert any(f.rule == "form.template_version" for f in session.findings)
    assert "2019" in fields.hint.text()
    session.undo_stack.undo()
    assert session.report.year == 2023 and fields.year.value() == 2023


def test_sample_004_shows_the_2019_format(qtbot, window):
    session = open_sample(window, S004)
    assert session.report.template == "2019"
    active = window.tables.views["active"].report_model
    assert active.index_of("active/procurement/amount").isValid()
    assert active.index_of("active/procurement/amount").data(Qt.ItemDataRole.DisplayRole) == "797.58"
    requests = window.tables.views["requests"].report_model
    assert requests.index_of("requests/other/total").isValid()
    assert not requests.index_of("requests/other.other/total").isValid()
    appeals = window.tables.views["appeals"].report_model
    look = appeals.index_of("appeals/review/upheld").data(LOOK_ROLE)
    assert look.text == "？" and look.hatched and look.glyph  # missing cells are marked, not shown as 0
    # a finding about cells the parser did not find shows where their table is in the text
    finding = next(f for f in session.findings if f.rule == "appeals.half_missing")
    window.findings_pane.select(finding)
    ((start, _end),) = window.text_pane.text.highlighted("reveal_other")
    assert session.report.text[start : start + 2] == "四、"


def test_table_three_fits_1366x768_without_horizontal_scrolling(qtbot, window):
    open_sample(window)
    view = window.tables.views["requests"]
    window.tables.setCurrentWidget(view)
    qtbot.wait(10)
    last = view.model().columnCount() - 1
    assert view.columnViewportPosition(last) + view.columnWidth(last) <= view.viewport().width()
    assert view.horizontalScrollBar().maximum() == 0
    for c in range(view.report_model.layout.label_columns, last + 1):
        assert view.columnWidth(c) >= 50


def test_several_reports_open_at_once(qtbot, window):
    sessions = window.open_paths([str(S002), str(S004)])
    assert len(sessions) == 2 and window.report_list.count() == 2
    assert "神池县教育科技局" in window.report_list.item(0).text()
    window.report_list.setCurrentRow(0)
    assert window.session is sessions[0]
    edit_cell(qtbot, window, NOT_HELD_NP, "0")
    window.report_list.setCurrentRow(1)
    assert window.session is sessions[1]
    assert not window.actions_by_id["undo"].isEnabled()  # the undo stack follows the shown report
    window.report_list.setCurrentRow(0)
    assert window.actions_by_id["undo"].isEnabled()


def test_bad_file_gives_a_message_not_a_traceback(qtbot, window, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    assert window.open_paths([str(bad), str(tmp_path / "nope.txt")]) == []
    assert "文件为空" in window.statusBar().currentMessage()
    empty_dir = tmp_path / "空文件夹"
    empty_dir.mkdir()
    assert window.open_paths([str(empty_dir)]) == []
    assert "没有可识别的报告文件" in window.statusBar().currentMessage()
    assert len(window.open_paths([str(SAMPLES)])) == 5  # a folder opens every report in it
    assert window.session.report.source.endswith("000_da2a12a5ef8cdc3f.txt")  # the first is shown


def test_recent_files_and_layout_are_remembered(qtbot, tmp_path):
    application()
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(settings)
    w.setProperty("headless", True)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.open_paths([str(S002)])
    w.resize(780, 560)  # inside the offscreen screen (800×600): restoreGeometry keeps windows on screen
    w.main_split.setSizes([250, 350])
    qtbot.wait(10)
    size, sizes = w.size(), w.main_split.sizes()
    w.close()
    w2 = MainWindow(settings)
    qtbot.addWidget(w2)
    w2.show()
    assert w2.recent_files() == [str(S002.resolve())]
    assert [a.text() for a in w2.recent_menu.actions()] == [S002.name]
    qtbot.waitExposed(w2)
    assert w2.size() == size
    assert w2.main_split.sizes() == sizes


def test_typing_on_a_cell_edits_it_and_delete_blanks_it(qtbot, window):
    session = open_sample(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    view = window.tables.views["requests"]
    window.tables.setCurrentWidget(view)
    view.setFocus()
    view.setCurrentIndex(view.report_model.index_of(NOT_HELD_NP))
    qtbot.keyClick(view, Qt.Key.Key_7)  # typing starts an edit, as in a spreadsheet
    editor = view.indexWidget(view.currentIndex())
    assert isinstance(editor, QLineEdit) and editor.text() == "7"
    with qtbot.waitSignal(view.report_model.dataChanged, timeout=2000):
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert session.report.cells[NOT_HELD_NP].value == 7
    assert view.report_model.key(view.currentIndex()) == "requests/unable.needs_creation/natural_person"  # moved down
    view.setFocus()
    view.setCurrentIndex(view.report_model.index_of(NOT_HELD_NP))
    qtbot.keyClick(view, Qt.Key.Key_Left)  # the label cells are passed over
    assert view.report_model.key(view.currentIndex()) == NOT_HELD_NP
    qtbot.keyClick(view, Qt.Key.Key_Right)
    assert view.report_model.key(view.currentIndex()) == "requests/unable.not_held/commercial"
    view.setCurrentIndex(view.report_model.index_of(NOT_HELD_NP))
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert session.report.cells[NOT_HELD_NP].value is None
    qtbot.keyClick(view, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # restore the printed value
    assert session.report.cells[NOT_HELD_NP].value == 1
    assert window.unsaved_corrections() == 3
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # undo the restore
    assert session.report.cells[NOT_HELD_NP].value is None
    qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert session.report.cells[NOT_HELD_NP].value == 1
