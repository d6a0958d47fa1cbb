"""The review window's parts: layout from the template, offsets, number entry, shortcuts, find,
format switch, drag and drop, the screenshot command."""

from __future__ import annotations

import pytest
from conftest import SAMPLES
from pagegen import review_window
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QImage

from gui.app import default_paths
from gui.findings_model import FINDING_ROLE
from gui.shortcuts import SHORTCUTS, help_html
from gui.table_layout import COLUMNS, DATA, HEADING, layout
from gui.table_model import LOOK_ROLE, parse_number
from gui.text_pane import OffsetMap
from parser.template import version

S002 = SAMPLES / "002_4baf6e6a93faded0.txt"


@pytest.fixture
def window(qtbot, tmp_path):
    return review_window(qtbot, tmp_path / "settings.ini")


def test_requests_layout_groups_rows_as_printed():
    lay = layout(version("2021").table("requests"))
    assert lay.label_columns == 3 and lay.value_columns == 7 and lay.shared_header
    assert [g.kind for g in lay.rows] == [DATA] * 25
    spans = {(s.row, s.column): (s.rows, s.columns) for s in lay.spans}
    rows = [g.row.key for g in lay.rows]
    first_result = rows.index("granted")
    assert spans[(first_result, 0)] == (rows.index("total") - first_result + 1, 1)  # 三、本年度办理结果
    assert spans[(rows.index("denied.state_secret"), 1)] == (8, 1)  # （三）不予公开 beside its 8 rows
    assert spans[(0, 0)] == (1, 3)  # 一、本年新收… takes all three label columns
    assert lay.header_levels(3) == ["申请人情况", "自然人"]
    assert lay.header_levels(4) == ["申请人情况", "法人或其他组织", "商业企业"]
    assert lay.cell_key(*lay.key_positions["requests/unable.not_held/total"]) == "requests/unable.not_held/total"


def test_active_layout_prints_block_headings_and_column_rows():
    lay19 = layout(version("2019").table("active"))
    assert not lay19.shared_header
    kinds = [g.kind for g in lay19.rows]
    assert kinds[:3] == [HEADING, COLUMNS, DATA]
    assert kinds.count(HEADING) == 5  # 第二十条第（一）（五）（六）（八）（九）项
    procurement = lay19.key_positions["active/procurement/amount"]
    spans = {(s.row, s.column): (s.rows, s.columns) for s in lay19.spans}
    assert spans[procurement] == (1, 2)  # the last of two columns reaches to the table's edge
    lay21 = layout(version("2021").table("active"))
    assert "active/fees/amount" in lay21.key_positions and "active/procurement/amount" not in lay21.key_positions


def test_offset_map_handles_crlf_and_astral_characters():
    text = "甲\r\n乙😀丙\n丁"
    om = OffsetMap(text)
    assert not om.identity
    assert om.to_qt(text.index("乙")) == 2  # "\r\n" is one break in the document
    assert om.to_qt(text.index("丙")) == 5  # 😀 takes two UTF-16 units
    assert om.from_qt(5) == text.index("丙")
    assert OffsetMap("abc\n中文").identity


@pytest.mark.parametrize(
    "typed,kind,expected",
    [
        ("12", "count", (True, 12)),
        ("１２", "count", (True, 12)),
        ("", "count", (True, None)),
        ("/", "count", (True, None)),
        ("-3", "count", (False, None)),
        ("1.5", "count", (False, None)),
        ("-3", "signed", (True, -3)),
        ("减4", "signed", (True, -4)),
        ("63.6773", "money", (True, 63.6773)),
        ("abc", "count", (False, None)),
    ],
)
def test_parse_number(typed, kind, expected):
    assert parse_number(typed, kind) == expected


def test_every_shortcut_is_in_help_and_on_an_action_or_pane(window):
    html = help_html()
    for s in SHORTCUTS:
        assert s.description in html
    keys = [k for s in SHORTCUTS for k in s.keys]
    assert len(keys) == len(set(keys)), "a key is bound twice"
    from gui.marks import legend_html

    legend = legend_html()
    assert all(mark in legend for mark in ("✖", "▲", "✓", "／", "？", "≈", "✎"))
    bound = {a.shortcut().toString() for a in window.findChildren(type(window.actions_by_id["open"]))}
    assert "F8" in bound and "F9" in bound and "Ctrl+Z" in bound


def test_find_highlights_every_match(qtbot, window):
    window.open_paths([str(S002)])
    window.text_pane.open_find()
    bar = window.text_pane.find_bar
    assert bar.isVisible()
    bar.edit.setText("申请")  # Chinese is set, not typed (keyClicks aborts on it)
    n = window.session.report.text.count("申请")
    assert len(window.text_pane.text.highlighted("find")) == n
    assert bar.count.text() == f"{n} 处"
    first = window.text_pane.text.textCursor().selectionStart()
    bar.find_next()
    assert window.text_pane.text.textCursor().selectionStart() > first
    bar.close_bar()
    assert window.text_pane.text.highlighted("find") == []


def test_switching_the_format_rebuilds_the_tables_and_undo_restores(qtbot, window):
    (session,) = window.open_paths([str(S002)])
    combo = window.header_fields.template
    combo.setCurrentIndex(combo.findData("2019"))
    combo.activated.emit(combo.currentIndex())
    assert session.report.template == "2019"
    assert window.tables.views["active"].report_model.index_of("active/procurement/amount").isValid()
    assert session.report.value("requests/unable.not_held/natural_person") == 1  # nothing lost
    session.undo_stack.undo()
    assert session.report.template == "2021"
    assert not window.tables.views["active"].report_model.index_of("active/procurement/amount").isValid()


def test_findings_filter_and_decided_state(qtbot, window):
    (session,) = window.open_paths([str(S002)])
    pane = window.findings_pane
    total = pane.proxy.rowCount()
    pane.filter.setCurrentIndex(pane.filter.findData("info"))
    assert 0 < pane.proxy.rowCount() < total
    assert all(pane.proxy.index(r, 0).data(FINDING_ROLE).severity == "info" for r in range(pane.proxy.rowCount()))
    pane.filter.setCurrentIndex(pane.filter.findData("open"))
    first = pane.proxy.index(0, 0).data(FINDING_ROLE)
    pane.select(first)
    window.ask_reason = lambda f: "原文如此"
    window.accept_as_is()
    assert pane.proxy.rowCount() == total - 1  # decided findings leave the 未处理 view
    pane.filter.setCurrentIndex(pane.filter.findData("decided"))
    assert pane.proxy.rowCount() == 1
    assert "1" in window.open_label.text() or "未处理问题" in window.open_label.text()


def test_drop_files_opens_them(qtbot, window):
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(S002))])
    event = QDropEvent(
        QPointF(100, 100), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)
    assert window.report_list.count() == 1 and window.session.report.agency == "神池县教育科技局"
    window.dropEvent(event)  # the same file again is not opened twice
    assert window.report_list.count() == 1


def test_no_argument_means_the_bundled_samples():
    assert default_paths() == [str(p) for p in sorted(SAMPLES.glob("*.txt"))]


def test_screenshot_command_writes_the_window(qtbot, tmp_path):
    from main import main

    out = tmp_path / "shot.png"
    assert main([str(S002), "--screenshot", str(out)]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1366, 768)
    # a failing cell is painted with its red border somewhere on the right half
    reds = sum(
        1
        for x in range(683, 1366, 3)
        for y in range(60, 768, 3)
        if (c := image.pixelColor(QPoint(x, y))).red() > 180 and c.green() < 80 and c.blue() < 80
    )
    assert reds > 10
    assert main([str(tmp_path / "missing.txt"), "--screenshot", str(tmp_path / "x.png")]) == 2


def test_a_report_of_unknown_format_can_be_given_one(qtbot, window):
    from parser.model import Report

    report = Report("未知.txt", "某某局2023年政府信息公开工作年度报告", template=None, agency=None, year=None)
    session = window.add_report(report)
    assert window.tables.count() == 1 and not window.tables.views  # a note instead of tables
    assert window.header_fields.template.currentData() is None
    combo = window.header_fields.template
    combo.setCurrentIndex(combo.findData("2021"))
    combo.activated.emit(combo.currentIndex())
    assert set(window.tables.views) == {"active", "requests", "appeals"}
    look = window.tables.views["requests"].report_model.index_of("requests/total/total").data(LOOK_ROLE)
    assert look.text == "？" and look.hatched
    views = dict(window.tables.views)
    window.header_fields.agency.setText("某某局")
    window.header_fields.agency.editingFinished.emit()
    assert session.report.agency == "某某局"
    assert window.tables.views == views  # the tables are not rebuilt for an agency edit
    assert "某某局" in window.report_list.item(0).text()


def test_a_failing_checker_does_not_take_the_window_down(qtbot, window):
    from parser.extract import load

    calls = []

    def broken(report):
        calls.append(1)
        if len(calls) > 1:
            raise ValueError("规则错误")
        return []

    session = window.add_report(load(S002))
    session.checker = broken
    session.recheck()
    model = window.tables.views["requests"].report_model
    assert model.setData(model.index_of("requests/unable.not_held/natural_person"), "0")
    assert session.report.value("requests/unable.not_held/natural_person") == 0  # the edit is kept
    assert "运行出错" in window.open_label.text()
    session.undo_stack.undo()
    assert session.report.value("requests/unable.not_held/natural_person") == 1


def test_the_qt_binding_keeps_references_to_none(qtbot, window):
    """PySide6 6.12.0 on Python 3.11 drops a reference to None at every void call until the
    interpreter aborts; pyproject.toml keeps that combination out. Immortal None (3.12+) passes too."""
    import sys

    before = sys.getrefcount(None)
    for i in range(500):
        window.open_label.setText(str(i))
    assert sys.getrefcount(None) - before > -50


def test_header_fields_and_header_findings_show_where_the_header_is_printed(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QFocusEvent
    from PySide6.QtWidgets import QApplication

    (session,) = window.open_paths([str(S002)])
    report = session.report
    assert report.agency_span and report.year_span
    QApplication.sendEvent(window.header_fields.agency, QFocusEvent(QEvent.Type.FocusIn))
    assert window.text_pane.text.highlighted("reveal") == [report.agency_span]
    window.header_fields.year.setValue(2020)  # a 2023 report in the 2021 format is now a 2020 one
    window.header_fields.year.editingFinished.emit()
    finding = next(f for f in session.findings if f.rule == "form.template_version")
    window.findings_pane.select(finding)
    assert report.year_span in window.text_pane.text.highlighted("reveal")


def test_a_cell_printed_as_no_number_shows_what_was_printed(qtbot, window):
    from parser.extract import parse_text
    from parser.reader import read_text

    text = read_text(S002).replace("(一) 予以公开\t0\t0", "(一) 予以公开\t0\t2a", 1)
    assert "2a" in text
    session = window.add_report(parse_text(text, "damaged.txt"))
    key = "requests/granted/commercial"
    assert session.report.cells[key].value is None and session.report.cells[key].text == "2a"
    look = window.tables.views["requests"].report_model.index_of(key).data(LOOK_ROLE)
    assert look.text == "2a"  # not ／: the agency did print something there
    assert any(key in f.cells and f.rule == "value.not_number" for f in session.findings)
