"""The office's year in the window: status with filters, linking a near name, the overview charts, the
comparison with last year, search, roster, memo and bulletin; the 年度 menu of the review window."""
import pytest
from docx import Document
from year_reports import derive, roster_file, sample

pytest.importorskip("PySide6.QtWidgets")

from PySide6.QtCore import QItemSelectionModel, QSettings  # noqa: E402

from gui.main_window import MainWindow  # noqa: E402
from gui.workspace_binding import WorkspaceBinding  # noqa: E402
from gui.year_window import YearWindow  # noqa: E402
from parser.model import Correction  # noqa: E402
from review.workspace import Workspace  # noqa: E402

RECEIVED = "requests/new_received/total"


@pytest.fixture
def ws(tmp_path):
    last = derive("000", tmp_path, agency=("乌苏市教科局", "乌苏市教育和科学技术局"), year=(2024, 2023))
    near = derive("002", tmp_path, agency=("神池县教育科技局", "神池县教科局"), year=(2023, 2024), name="神池.txt")
    w = Workspace(tmp_path / "w.sqlite")
    for p in (sample("000"), last, near, sample("002")):
        w.import_file(p)
    yield w
    w.close()


@pytest.fixture
def year(qtbot, ws, tmp_path):
    dialog = YearWindow(ws, "李四")
    dialog.setProperty("headless", True)
    qtbot.addWidget(dialog)
    dialog.import_roster(str(roster_file(tmp_path)))
    return dialog


def _agencies(dialog):
    return list(dialog.model.frame["agency"])


def test_status_filters_and_links_a_near_name(year, ws):
    assert year.year.currentData() == 2024 and len(_agencies(year)) == 5
    year.state.setCurrentIndex(year.state.findText("未报送"))
    assert "神池县教育科技局" in _agencies(year) and "乌苏市教育和科学技术局" not in _agencies(year)
    assert year.unmatched.rowCount() == 1 and year.unmatched.row(0)["agency"] == "神池县教科局"
    year.unmatched_view.selectRow(0)
    assert year.link_to.currentText() == "神池县教育科技局"  # the near candidate is offered first
    year.link_selected()
    assert year.unmatched.rowCount() == 0 and "神池县教育科技局" not in _agencies(year)
    assert ("神池县教科局", "神池县教育科技局", "link") in ws.office.aliases()
    year.state.setCurrentIndex(0)
    row = year.model.frame.set_index("agency").loc["神池县教育科技局"]
    assert row["printed_name"] == "神池县教科局" and row["previous"] == row["previous"]  # its 2023 report, by the link


def test_overview_draws_three_charts(year):
    assert year.overview.canvases == []  # drawn when the tab is shown
    year.tabs.setCurrentIndex(1)
    assert len(year.overview.canvases) == 3
    assert "名单 5 个机关" in year.overview.summary.text()


def test_comparison_marks_a_jump_against_last_year(year, ws):
    rid = next(i for i in ws.report_ids() if ws.queue_row(i).file_name == sample("000").name)
    before = ws.load(rid).report.value(RECEIVED) or 0
    ws.record_correction(rid, Correction(RECEIVED, before, 900, "测试：单位错误", "李四", "2025-03-01T09:00:00+00:00"))
    year.refresh(keep_year=True)
    year.table.selectRow(_agencies(year).index("乌苏市教育和科学技术局"))
    dialog = year.compare_selected()
    frame = dialog.frame.set_index("key")
    assert (frame.at[RECEIVED, "last"], frame.at[RECEIVED, "this"], frame.at[RECEIVED, "mark"]) == (before, 900, "jump")
    dialog.only_changed.setChecked(True)
    assert RECEIVED in set(dialog.model.frame["key"]) and dialog.model.rowCount() < len(dialog.frame)


def test_search_is_traditional_simplified_insensitive(year):
    year.search.query.setText("烏蘇市")
    year.search.run()
    hits = year.search.model.frame
    assert {"机关", "原文"} <= set(hits["where"]) and set(hits["year"]) >= {2023, 2024}
    opened = []
    year.reportRequested.connect(opened.append)
    year.search.view.doubleClicked.emit(year.search.model.index(0, 0))
    assert opened == [int(hits.iloc[0]["report"])]


def test_memo_and_bulletin_from_the_window(year, tmp_path):
    year.setProperty("save_to", str(tmp_path / "通报.docx"))
    out = year.write_bulletin()
    text = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "关于2024年度政府信息公开工作年度报告审核情况的通报" in text and "乌苏市卫生健康委员会" in text
    year.table.selectRow(_agencies(year).index("乌苏市教育和科学技术局"))
    year.setProperty("save_to", str(tmp_path / "意见书.docx"))
    year.workspace.set_setting("memo.deadline", "2025年4月30日")  # what the memo dialog shows and remembers
    year.workspace.set_setting("memo.contact", "王五 0992-8512345")
    out = year.write_memo()
    memo = "\n".join(p.text for p in Document(str(out)).paragraphs)
    assert "关于乌苏市教科局2024年度政府信息公开工作年度报告的审核意见书" in memo
    dialog = year.property("memo_dialog")
    assert dialog.fields["deadline"].text() == "2025年4月30日" and "王五 0992-8512345" in memo
    year.table.selectRow(_agencies(year).index("乌苏市卫生健康委员会"))  # did not report: nothing to write
    assert year.write_memo() is None and "已报送" in year.property("last_message")


def test_bad_roster_is_told_not_raised(year, tmp_path):
    bad = tmp_path / "坏名单.csv"
    bad.write_text("名称\n甲\n", encoding="utf-8")
    year.import_roster(str(bad))
    assert "缺少“机关”列" in year.property("last_message") and len(_agencies(year)) == 5


def test_year_menu_opens_the_window_on_the_bound_workspace(qtbot, ws, tmp_path):
    window = MainWindow(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window.setProperty("headless", True)
    qtbot.addWidget(window)
    window.actions_by_id["year_status"].trigger()  # no workspace bound: told, nothing opens
    assert window.property("year_window") is None and "需要工作区" in window.property("last_message")
    binding = WorkspaceBinding(window, ws)
    window.workspace_binding = binding
    titles = [a.text() for a in window.menuBar().actions()]
    assert "年度(&Y)" in titles
    window.actions_by_id["year_status"].trigger()
    dialog = window.property("year_window")
    assert isinstance(dialog, YearWindow) and dialog.workspace is ws
    qtbot.addWidget(dialog)
    opened = []
    binding.open_report = opened.append
    dialog.reportRequested.emit(1)
    assert opened == [1]


def test_roster_edited_in_the_window_is_logged(qtbot, ws, tmp_path):
    from gui.roster_editor import RosterEditor
    from review.office.roster import RosterEntry, read_roster

    ws.office.set_roster(read_roster(roster_file(tmp_path)))
    ws.office.link(next(i for i in ws.report_ids() if ws.queue_row(i).agency == "神池县教科局"), "神池县教育科技局")
    editor = RosterEditor(ws, "李四")
    editor.setProperty("headless", True)
    qtbot.addWidget(editor)
    assert editor.table.rowCount() == 5
    editor.table.item(0, 2).setText("塔城地区乌苏市")
    # select through the selection model: QTableView.selectRow reads the application's keyboard modifiers,
    # which an earlier test's key events can leave set (it then toggles instead of selecting)
    editor.table.selectionModel().select(editor.table.model().index(4, 0),
                                         QItemSelectionModel.SelectionFlag.ClearAndSelect
                                         | QItemSelectionModel.SelectionFlag.Rows)
    editor.remove_selected()
    editor.add_row(RosterEntry("乌苏市财政局", ["乌苏市财政"]))
    editor.save()
    assert "新增 1 个机关，修改 1 个，删除 1 个" in editor.property("last_message")
    roster = {e.agency: e for e in ws.office.roster()}
    assert roster["乌苏市教育和科学技术局"].region == "塔城地区乌苏市" and "乌苏市卫生健康委员会" not in roster
    assert ("神池县教科局", "神池县教育科技局", "link") in ws.office.aliases()  # the reviewer's link stays a link
    kinds = [e.kind for e in ws.office.log() if e.reviewer == "李四"]
    assert {"roster_add", "roster_change", "roster_remove"} <= set(kinds)


def test_versions_of_a_resubmitted_report_and_their_differences(year, ws, tmp_path):
    fixed = derive("000", tmp_path, name="000_更正版.txt", replace={"政府信息公开工作": "政府信息公开工作 "})
    old = next(i for i in ws.report_ids() if ws.queue_row(i).file_name == sample("000").name)
    new, _ = ws.import_file(fixed)
    ws.record_correction(new, Correction(RECEIVED, ws.load(new).report.value(RECEIVED), 7, "机关更正", "李四",
                                         "2025-03-02T09:00:00+00:00"))
    ws.office.mark_resubmission(new, old, "李四", "机关更正后重新报送")
    year.refresh(keep_year=True)
    row = _agencies(year).index("乌苏市教育和科学技术局")
    assert year.model.row(row)["report"] == new  # the current version stands for the agency-year
    year.table.selectRow(row)
    dialog = year.versions_selected()
    assert list(dialog.versions["report"]) == [old, new]
    assert list(dialog.diff["key"]) == [RECEIVED] and dialog.diff.iloc[0]["new"] == 7
