"""The verification loop for uncertain cells: F4 walks them beside a snippet of the page; Enter confirms
(the cell becomes certain, audited), a typed number corrects, Tab skips (never confirmed); undo returns
each. Also the model's confirmation rule that the workspace replays."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from pagegen import boxed_pdf, review_window
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from gui.verification import CONFIRM_REASON, CORRECT_REASON, uncertain_keys
from parser.extract import load
from parser.model import CORRECTED, EXTRACTED, UNCERTAIN, Cell

S002 = SAMPLES / "002_4baf6e6a93faded0.txt"
UNSURE = ["requests/new_received/commercial", "requests/granted/natural_person", "requests/granted/research"]


def test_confirming_an_uncertain_cell_makes_it_certain_and_the_same_entry_again_withdraws_it():
    cell = Cell("k", 7, "7", None, UNCERTAIN)
    c = cell.confirm("王", "核对原件")
    assert c is not None and (c.old, c.new, c.reviewer) == (7, 7, "王")
    assert cell.status == EXTRACTED and cell.confirmed and cell.history == [c]
    assert cell.confirm("王") is None  # only an uncertain cell can be confirmed
    cell.correct(7, "王", "撤销")  # what undo logs: the confirmation is withdrawn
    assert cell.status == UNCERTAIN and not cell.confirmed
    cell.correct(8, "王")
    assert cell.status == CORRECTED and not cell.confirmed
    cell.correct(7, "王")  # back to the reading: uncertain again, not silently certain
    assert cell.status == UNCERTAIN
    certain = Cell("k", 3, "3", None, EXTRACTED)
    certain.correct(3, "王")  # the same value on a certain cell changes no status
    assert certain.status == EXTRACTED and not certain.confirmed


@pytest.fixture
def window(qtbot, tmp_path):
    return review_window(qtbot, tmp_path / "settings.ini")


@pytest.fixture
def scan(qtbot, window, tmp_path):
    report = load(S002)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(boxed_pdf(report))
    for i, key in enumerate(UNSURE):
        cell = report.cells[key]
        cell.status = cell.parsed_status = UNCERTAIN
        cell.confidence = 0.5 + i / 10
    session = window.add_report(report, str(pdf))
    window.set_reviewer("李审核")
    qtbot.waitUntil(lambda: window.page_view.page_count == 2, timeout=5000)
    return session


def press(qtbot, widget, key, text: str = "") -> None:
    if text:
        widget.selectAll()
        qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, key)
    QApplication.processEvents()


def test_f4_walks_confirms_corrects_and_skips_uncertain_cells(qtbot, window, scan):
    session, loop = scan, window.verification
    panel = loop.panel
    assert uncertain_keys(session) == UNSURE  # in the order of the printed table
    window.actions_by_id["verify_uncertain"].trigger()
    assert panel.isVisible() and loop.key == UNSURE[0]
    assert "第 1 / 3 个" in panel.title.text() and "识别置信度 50%" in panel.name.text()
    assert not panel.image.pixmap().isNull()  # the snippet of the page around the cell
    assert window.tables.selected_keys() == [UNSURE[0]]  # revealed through the one reveal path
    assert window.page_view.box_items()[UNSURE[0]].pen().widthF() > 2
    assert panel.value.hasFocus() and panel.value.text() == "0"

    press(qtbot, panel.value, Qt.Key.Key_Return)  # Enter: confirmed as printed
    first = session.report.cells[UNSURE[0]]
    assert first.status == EXTRACTED and first.value == 0
    assert first.history[-1].reason == CONFIRM_REASON and first.history[-1].reviewer == "李审核"
    assert loop.key == UNSURE[1] and "第 1 / 2 个" in panel.title.text()

    press(qtbot, panel.value, Qt.Key.Key_Return, "x5")  # not a number: said, nothing changes
    assert "不是有效的数值" in panel.error.text() and loop.key == UNSURE[1]
    assert session.report.cells[UNSURE[1]].status == UNCERTAIN

    press(qtbot, panel.value, Qt.Key.Key_Return, "5")  # typed: corrected
    second = session.report.cells[UNSURE[1]]
    assert second.value == 5 and second.status == CORRECTED and second.history[-1].reason == CORRECT_REASON
    assert loop.key == UNSURE[2]

    press(qtbot, panel.value, Qt.Key.Key_Tab)  # skipped: stays uncertain, the loop ends
    assert session.report.cells[UNSURE[2]].status == UNCERTAIN
    assert not panel.isVisible() and not loop.active
    assert "1 个存疑单元格被跳过" in window.statusBar().currentMessage()

    window.actions_by_id["undo"].trigger()  # the correction back
    assert second.value == 0 and second.status == UNCERTAIN
    window.actions_by_id["undo"].trigger()  # the confirmation withdrawn
    assert first.status == UNCERTAIN
    assert [c.old for c in first.history] == [0, 0] and len(session.report.corrections()) == 4
    window.actions_by_id["redo"].trigger()
    assert first.status == EXTRACTED


def test_escape_ends_the_loop_and_a_report_without_uncertain_cells_says_so(qtbot, window, scan):
    loop = window.verification
    window.actions_by_id["verify_uncertain"].trigger()
    press(qtbot, loop.panel.value, Qt.Key.Key_Escape)
    assert not loop.panel.isVisible() and not loop.active
    assert all(scan.report.cells[k].status == UNCERTAIN for k in UNSURE)
    for key in UNSURE:
        scan.report.cells[key].status = EXTRACTED
    window.actions_by_id["verify_uncertain"].trigger()
    assert not loop.panel.isVisible() and window.statusBar().currentMessage() == "没有存疑的单元格"


def test_the_workspace_keeps_confirmations_and_shows_its_own_copy_of_the_pages(qtbot, window, tmp_path,
                                                                             monkeypatch):
    import copy

    from gui.workspace_binding import WorkspaceBinding
    from parser import extract
    from review.workspace import Workspace

    report = load(S002)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(boxed_pdf(report))
    for key in UNSURE:
        report.cells[key].status = report.cells[key].parsed_status = UNCERTAIN
    # the scan as an OCR reader would give it (uncertain cells with boxes), whatever the parser makes of the PDF
    monkeypatch.setattr(extract, "parse_bytes", lambda data, name: copy.deepcopy(report))
    ws = Workspace(tmp_path / "w.sqlite")
    rid, added = ws.import_file(pdf)
    assert added
    pdf.unlink()  # the pages now come from the workspace's copy of the original
    window.workspace_binding = binding = WorkspaceBinding(window, ws)
    window.set_reviewer("李审核")
    session = binding.open_report(rid)
    qtbot.waitUntil(lambda: window.page_view.page_count == 2, timeout=5000)
    assert window.source_pane.has_pages

    window.actions_by_id["verify_uncertain"].trigger()
    press(qtbot, window.verification.panel.value, Qt.Key.Key_Return)
    assert session.report.cells[UNSURE[0]].status == EXTRACTED
    stored = ws.load(rid).report.cells[UNSURE[0]]
    assert stored.status == EXTRACTED and stored.confirmed
    assert ws.audit_log(rid)[-1].reason == CONFIRM_REASON
    window.verification.stop()
    window.actions_by_id["undo"].trigger()
    assert ws.load(rid).report.cells[UNSURE[0]].status == UNCERTAIN
    window.actions_by_id["redo"].trigger()
    assert ws.load(rid).report.cells[UNSURE[0]].status == EXTRACTED
    # a same-value entry on a certain cell is still refused
    from parser.model import Correction
    from review.workspace import WorkspaceError

    value = ws.load(rid).report.value("requests/total/total")
    with pytest.raises(WorkspaceError, match="相同"):
        ws.record_correction(rid, Correction("requests/total/total", value, value, "", "李审核"))
    ws.close()


def test_uncertain_cells_are_marked_in_the_tables_until_confirmed(qtbot, window, scan):
    from gui.table_model import LOOK_ROLE

    model = window.tables.views["requests"].report_model
    look = model.index_of(UNSURE[0]).data(LOOK_ROLE)
    assert look.provenance == "?"
    assert "识别存疑" in model.index_of(UNSURE[0]).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index_of("requests/total/total").data(LOOK_ROLE).provenance == ""
    window.actions_by_id["verify_uncertain"].trigger()
    press(qtbot, window.verification.panel.value, Qt.Key.Key_Return)
    assert model.index_of(UNSURE[0]).data(LOOK_ROLE).provenance == ""


def test_a_text_input_is_verified_against_its_text(qtbot, window):
    report = load(S002)
    cell = report.cells[UNSURE[0]]
    cell.status = cell.parsed_status = UNCERTAIN  # e.g. digits a crawler glued together, split by the equations
    session = window.add_report(report, str(S002))
    window.actions_by_id["verify_uncertain"].trigger()
    panel = window.verification.panel
    assert panel.image.pixmap().isNull() and "对照原文" in panel.image.text()
    assert cell.span in window.text_pane.text.highlighted("reveal")
    press(qtbot, panel.value, Qt.Key.Key_Return)
    assert session.report.cells[UNSURE[0]].status == EXTRACTED and not panel.isVisible()


def test_cells_printed_on_the_page_but_not_read_as_numbers_are_verified_too(qtbot, window, tmp_path):
    report = load(S002)
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(boxed_pdf(report))
    stamped = report.cells[UNSURE[1]]  # a stamp over the digit: OCR saw something, read no number
    stamped.value, stamped.text, stamped.status, stamped.confidence = None, "?", EXTRACTED, 0.2
    stamped.parsed_value, stamped.parsed_status = None, EXTRACTED
    session = window.add_report(report, str(pdf))
    qtbot.waitUntil(lambda: window.page_view.page_count == 2, timeout=5000)
    assert uncertain_keys(session) == [UNSURE[1]]
    window.actions_by_id["verify_uncertain"].trigger()
    panel = window.verification.panel
    assert panel.value.text() == "?" and not panel.image.pixmap().isNull()
    press(qtbot, panel.value, Qt.Key.Key_Return)  # "?" is no number: said, nothing changes
    assert "不是有效的数值" in panel.error.text() and stamped.value is None
    panel.value.clear()
    press(qtbot, panel.value, Qt.Key.Key_Return)  # nothing typed either: the page must decide
    assert "请键入原件上印的数值" in panel.error.text() and session.undo_stack.count() == 0
    press(qtbot, panel.value, Qt.Key.Key_Return, "0")
    assert stamped.value == 0 and stamped.status == CORRECTED and not panel.isVisible()
    assert uncertain_keys(session) == []
