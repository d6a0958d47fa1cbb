"""Fast entry and the review loop by keyboard (issue 14 items 2, 5, 6, 7), on the real window."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from pagegen import review_window
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from gui.table_entry import plan_paste, split_row, split_values
from gui.table_layout import layout
from parser.template import version

S001 = SAMPLES / "001_6b37e4e7d29244ee.txt"
S002 = SAMPLES / "002_4baf6e6a93faded0.txt"
ROW = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")


@pytest.fixture
def window(qtbot, tmp_path):
    return review_window(qtbot, tmp_path / "settings.ini", activate=True, reviewer="测试审核人")


def table_three(qtbot, window, path=S001):
    (session,) = window.open_paths([str(path)])
    view = window.tables.views["requests"]
    window.tables.setCurrentWidget(view)
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    return session, view


def row_values(session, row: str) -> list:
    return [session.report.cells[f"requests/{row}/{c}"].value for c in ROW]


def type_keys(qtbot, text: str) -> None:
    """Type as a keyboard does: every key goes to the widget that has the focus at that moment."""
    for ch in text:
        qtbot.keyClicks(QApplication.focusWidget(), ch)


def enter(qtbot, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Enter in the focused widget; an item editor commits on the next turn of the event loop."""
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return, modifier)
    qtbot.wait(20)


def go(view, key: str) -> None:
    view.setCurrentIndex(view.report_model.index_of(key))


# --- item 2: F8 leaves the focus where Enter accepts ------------------------------------------------


def test_f8_from_the_text_pane_then_enter_accepts(qtbot, window):
    (session,) = window.open_paths([str(S002)])
    text = window.text_pane.text
    text.setFocus()
    qtbot.waitUntil(text.hasFocus, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    finding = window.findings_pane.current()
    assert finding is not None and finding.suggestion
    assert QApplication.focusWidget() is window.findings_pane.view
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    for key, value in finding.suggestion.items():
        assert session.report.cells[key].value == value
    # and from the tables too
    view = window.tables.views["requests"]
    view.setFocus()
    qtbot.waitUntil(view.hasFocus, timeout=2000)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_F8)
    assert QApplication.focusWidget() is window.findings_pane.view


# --- item 5: paste tab, space, comma, with or without labels ----------------------------------------


def test_split_rows_of_every_kind():
    assert split_values("1 0 0 0 0 0 1") == ["1", "0", "0", "0", "0", "0", "1"]
    assert split_values("1,0, 2，3") == ["1", "0", "2", "3"]
    assert split_values("1,256.8 3") == ["1,256.8", "3"]  # a thousands comma is no separator
    assert split_row("（一）予以公开\t1\t0\t\t0") == ("（一）予以公开", ["1", "0", "", "0"])
    label, values = split_row("1. 本机关不掌握相关政府信息 2 0 0 0 0 0 2")
    assert label == "1./本机关不掌握相关政府信息" and values == ["2", "0", "0", "0", "0", "0", "2"]
    assert split_row("增3 减1") == ("", ["增3", "减1"])


def test_labelled_rows_go_to_the_rows_they_name():
    lay = layout(version("2021").table("requests"))
    first_value_column = lay.label_columns
    text = "（一）予以公开\t5\t0\t0\t0\t0\t0\t5\n1.本机关不掌握相关政府信息 2 0 0 0 0 0 2\n（七）总计,7,0,0,0,0,0,7"
    plan = plan_paste(lay, 0, first_value_column + 3, text)
    assert plan.by_label == 3 and not plan.unmatched and not plan.bad
    assert plan.values["requests/granted/natural_person"] == 5
    assert plan.values["requests/unable.not_held/total"] == 2
    assert plan.values["requests/total/total"] == 7
    assert len(plan.values) == 21


def test_paste_with_labels_and_spaces_through_the_window(qtbot, window):
    session, view = table_three(qtbot, window)
    go(view, "requests/new_received/commercial")  # anywhere: the labels say where the rows go
    QGuiApplication.clipboard().setText(
        "一、本年新收政府信息公开申请数量\t3\t0\t0\t0\t0\t0\t3\n二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n"
    )
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert row_values(session, "new_received") == [3, 0, 0, 0, 0, 0, 3]
    assert row_values(session, "carried_over") == [0] * 7
    assert session.undo_stack.count() == 1
    assert window.notice.isVisible() and "已粘贴 2 行 14 格" in window.notice.text()
    assert "按行名对应" in window.notice.text()

    go(view, "requests/granted/natural_person")
    QGuiApplication.clipboard().setText("1 0 0 0 0 0 1")  # as copied from PDF text: spaces
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert row_values(session, "granted") == [1, 0, 0, 0, 0, 0, 1]
    QGuiApplication.clipboard().setText("x y")
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert "不是数字" in window.notice.text()
    assert session.undo_stack.count() == 2


# --- item 6: row entry, fill a selection, 全部置 0 ----------------------------------------------------


def test_a_row_typed_into_its_first_cell_fills_the_row(qtbot, window):
    session, view = table_three(qtbot, window)
    go(view, "requests/new_received/natural_person")
    type_keys(qtbot, "4 0 1 0 0 0 5")  # typing starts the editor
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    enter(qtbot)
    assert row_values(session, "new_received") == [4, 0, 1, 0, 0, 0, 5]
    assert session.undo_stack.count() == 1
    history = session.report.cells["requests/new_received/total"].history
    assert history[-1].reason == "逐行录入" and history[-1].reviewer == "测试审核人"
    # Enter moved down: the next row's first cell, ready for the next line
    assert view.report_model.key(view.currentIndex()) == "requests/carried_over/natural_person"


def test_ctrl_enter_fills_the_selection_and_fill_zero_the_empty_cells(qtbot, window):
    session, view = table_three(qtbot, window)
    model = view.report_model
    sm = view.selectionModel()
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    first, last = model.index_of("requests/granted/natural_person"), model.index_of("requests/granted/total")
    view.setCurrentIndex(first)
    sm.select(QItemSelection(first, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    type_keys(qtbot, "2")
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit)
    enter(qtbot, Qt.KeyboardModifier.ControlModifier)
    assert row_values(session, "granted") == [2] * 7
    assert session.undo_stack.count() == 1
    assert {session.report.cells[f"requests/granted/{c}"].history[-1].reason for c in ROW} == {"填充所选"}
    assert "已把 2 填入所选 7 格" in window.notice.text()

    sm.setCurrentIndex(first, QItemSelectionModel.SelectionFlag.ClearAndSelect)
    # one cell selected: 全部置 0 fills the table's empty cells only
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert row_values(session, "granted") == [2] * 7
    assert all(session.report.cells[k].value == 0 for k in model.layout.key_positions if "/granted/" not in k)
    assert session.undo_stack.count() == 2
    assert "已把 168 格置为 0" in window.notice.text()
    session.undo_stack.undo()
    assert session.report.cells["requests/total/total"].value is None


def test_typed_parts_offer_the_totals_as_a_suggestion(qtbot, window):
    from PySide6.QtCore import QItemSelection, QItemSelectionModel

    session, view = table_three(qtbot, window)
    model = view.report_model
    qtbot.keyClick(view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    top, bottom = model.index_of("requests/new_received/total"), model.index_of("requests/carried_forward/total")
    view.setCurrentIndex(top)
    view.selectionModel().select(QItemSelection(top, bottom), QItemSelectionModel.SelectionFlag.ClearAndSelect)
    qtbot.keyClick(view, Qt.Key.Key_Delete)  # the 总计 column left blank, to be offered
    for row in ("new_received", "granted", "total"):
        go(view, f"requests/{row}/natural_person")
        type_keys(qtbot, "2 1 0 0 0 0")  # the parts only
        enter(qtbot)
    assert session.report.cells["requests/new_received/total"].value is None  # never set silently
    offered = [f for f in session.open_findings() if (f.suggestion or {}).get("requests/new_received/total") == 3]
    assert offered
    window.findings_pane.select(offered[0])
    qtbot.keyClick(window, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert session.report.cells["requests/new_received/total"].value == 3
    assert session.report.cells["requests/total/total"].value == 3


# --- item 7: invalid entry says why and keeps the editor open ---------------------------------------


@pytest.mark.parametrize(("typed", "why"), [("1.5", "整数"), ("-3", "负数"), ("abc", "不是数字")])
def test_invalid_entry_says_why_and_keeps_the_editor(qtbot, window, typed, why):
    session, view = table_three(qtbot, window, S002)
    key = "requests/granted/natural_person"
    before = session.report.cells[key].value
    go(view, key)
    type_keys(qtbot, typed)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == typed
    enter(qtbot)
    assert QApplication.focusWidget() is editor and editor.isVisible()  # still editing
    assert why in window.statusBar().currentMessage()
    assert session.report.cells[key].value == before and session.undo_stack.count() == 0
    editor.setText("7")
    enter(qtbot)
    assert session.report.cells[key].value == 7
