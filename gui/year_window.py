"""The office's year in the window: every roster agency with its report or 未报送 (filters by 地区, 层级,
status), reports matched to no agency with their near candidates and a link button, the overview with
charts, the search across reports; the roster, the memo and the bulletin from here."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from review.office.bulletin import BulletinDetails, write_bulletin
from review.office.memo import write_memo
from review.office.official import DocumentError
from review.office.overview import compute
from review.office.roster import RosterEntry, RosterError, read_roster
from review.office.status import REPORT_COLUMNS, STATUSES, YearStatus, year_status
from review.office.store import OfficeError
from review.workspace import Workspace, WorkspaceError

from .frame_model import FrameModel, frame_view
from .i18n import tr
from .memo_dialog import ask_memo_details
from .year_compare import CompareDialog
from .year_overview import OverviewPane
from .year_search import SearchPane
from .year_versions import VersionsDialog

ALL = "全部"
STATUS_COLOURS = {"未报送": "#e0e0e0", "有错误": "#ffc7ce", "已签发": "#c6e0b4", "已退回": "#e4d0f0"}


def _colour(row: pd.Series) -> str | None:
    return STATUS_COLOURS.get(row["status"])


class YearWindow(QDialog):
    """Signals: reportRequested(report id) to open a report in the review window."""

    reportRequested = Signal(int)

    def __init__(self, workspace: Workspace, reviewer: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.reviewer = reviewer
        self.status: YearStatus | None = None
        self.setWindowTitle(tr("本年度报送与审核情况"))
        self.year = QComboBox()
        self.region, self.level, self.state = QComboBox(), QComboBox(), QComboBox()
        self.model = FrameModel({"agency": tr("机关"), "region": tr("地区"), "level": tr("层级"), "status": tr("状态"),
                                 "open_errors": tr("错误"), "report": tr("报告"), "previous": tr("上年报告"),
                                 "printed_name": tr("报告上的名称"), "imported_at": tr("报送时间")}, _colour, self)
        self.table = frame_view(self.model, 0)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        self.unmatched = FrameModel({"report": tr("报告"), "agency": tr("报告上的名称"), "file_name": tr("文件"),
                                     "near": tr("相近机关")}, parent=self)
        self.unmatched_view = frame_view(self.unmatched, 3)
        self.link_to = QComboBox()
        self.link_to.setMinimumWidth(260)
        self.unmatched_view.selectionModel().currentRowChanged.connect(lambda *_: self._offer_candidates())
        self.counts = QLabel()
        self.overview = OverviewPane()
        self.search = SearchPane(workspace)
        self.search.reportRequested.connect(self.reportRequested)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._status_tab(), tr("报送情况"))
        self.tabs.addTab(self.overview, tr("概览与图表"))
        self.tabs.addTab(self.search, tr("搜索全部报告"))
        self._overview_frame = None
        self.tabs.currentChanged.connect(lambda _i: self._show_overview_if_due())
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(1100, 720)
        for combo in (self.region, self.level, self.state):
            combo.currentIndexChanged.connect(self._refilter)
        self.year.currentIndexChanged.connect(lambda _i: self.refresh(keep_year=True))
        self.refresh()

    # -- layout ------------------------------------------------------------------------------------

    def _button(self, text: str, slot) -> QPushButton:  # noqa: ANN001
        b = QPushButton(tr(text))
        b.clicked.connect(slot)
        return b

    def _status_tab(self) -> QWidget:
        tab = QWidget()
        filters = QHBoxLayout()
        for label, combo in ((tr("年度"), self.year), (tr("地区"), self.region), (tr("层级"), self.level),
                             (tr("状态"), self.state)):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        filters.addStretch()
        filters.addWidget(self._button("导入名单…", self.import_roster))
        filters.addWidget(self._button("年报审核情况通报…", self.write_bulletin))
        actions = QHBoxLayout()
        actions.addWidget(self.counts, 1)
        actions.addWidget(self._button("打开报告", self.open_selected))
        actions.addWidget(self._button("与上年对比…", self.compare_selected))
        actions.addWidget(self._button("版本与差异…", self.versions_selected))
        actions.addWidget(self._button("审核意见书…", self.write_memo))
        box = QGroupBox(tr("未匹配到名单的报告（相近的名称不会自动匹配）"))
        box_layout = QVBoxLayout(box)
        box_layout.addWidget(self.unmatched_view)
        link_row = QHBoxLayout()
        link_row.addWidget(QLabel(tr("关联到名单中的机关：")))
        link_row.addWidget(self.link_to, 1)
        link_row.addWidget(self._button("关联（名称记为别名）", self.link_selected))
        box_layout.addLayout(link_row)
        layout = QVBoxLayout(tab)
        layout.addLayout(filters)
        layout.addWidget(self.table, 3)
        layout.addLayout(actions)
        layout.addWidget(box, 1)
        return tab

    # -- data --------------------------------------------------------------------------------------

    def refresh(self, keep_year: bool = False) -> None:
        office = self.workspace.office
        year = self.year.currentData() if keep_year else None
        self.workspace.replay.refresh_stale()
        rows = office.report_rows(include_figures=True)  # read once: the status and the overview share it
        frame = pd.DataFrame(rows, columns=[*REPORT_COLUMNS, "figures"])
        roster = office.roster()
        self.status = year_status(roster, office.identity(), rows, year)
        years = sorted({int(y) for y in frame["year"].dropna()}, reverse=True)
        if not keep_year:
            self.year.blockSignals(True)
            self.year.clear()
            for y in years:
                self.year.addItem(tr("{year} 年度", year=y), y)
            self.year.setCurrentIndex(max(0, self.year.findData(self.status.year)))
            self.year.blockSignals(False)
        agencies = self.status.agencies
        for combo, values in ((self.region, agencies["region"]), (self.level, agencies["level"]),
                              (self.state, pd.Series(STATUSES))):
            current = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr(ALL), None)
            for v in dict.fromkeys(v for v in values if v):
                combo.addItem(v, v)
            combo.setCurrentIndex(max(0, combo.findText(current)))
            combo.blockSignals(False)
        self.unmatched.set_frame(pd.DataFrame(
            [{**u, "near": "、".join(u["candidates"])} for u in self.status.unmatched],
            columns=["report", "agency", "file_name", "near", "candidates"]))
        self._offer_candidates(roster)
        self._refilter()
        self._overview_frame: pd.DataFrame | None = frame  # figures and charts drawn when their tab is shown
        self._show_overview_if_due()
        if not roster:
            self.counts.setText(tr("工作区还没有名单：请先“导入名单…”（列：机关、别名、地区、层级）"))

    def _show_overview_if_due(self) -> None:
        """The overview (figures, three matplotlib charts) is computed when its tab is current: the status tab
        opens without paying for it."""
        if self._overview_frame is None or self.status is None or self.tabs.currentWidget() is not self.overview:
            return
        frame, self._overview_frame = self._overview_frame, None
        self.overview.show_overview(compute(self.status, frame))

    def _refilter(self) -> None:
        if self.status is None:
            return
        shown = self.status.filtered(self.region.currentData(), self.level.currentData(), self.state.currentData())
        self.model.set_frame(shown.assign(imported_at=shown["imported_at"].str[:16].str.replace("T", " ")))
        c = self.status.counts()
        self.counts.setText(tr("显示 {shown}/{n} 个机关；", shown=len(shown), n=len(self.status.agencies))
                            + "，".join(f"{tr(s)} {c[s]}" for s in STATUSES)
                            + tr("；未匹配的报告 {u} 份", u=c["未匹配"]))

    def _offer_candidates(self, roster: list[RosterEntry] | None = None) -> None:
        self.link_to.clear()
        row = self.unmatched_view.currentIndex().row()
        candidates = list(self.unmatched.row(row)["candidates"]) if row >= 0 else []
        for name in candidates:
            self.link_to.addItem(name)
        others = [e.agency for e in (roster if roster is not None else self.workspace.office.roster())
                  if e.agency not in candidates]
        if candidates and others:
            self.link_to.insertSeparator(len(candidates))
        self.link_to.addItems(others)

    def selected_row(self) -> pd.Series | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _selected_report(self) -> int | None:
        row = self.selected_row()
        if row is None or row["report"] != row["report"] or row["report"] is None:
            self._say(tr("请先选择一个已报送的机关"))
            return None
        return int(row["report"])

    def _say(self, message: str, error: bool = False) -> None:
        if self.property("headless"):
            self.setProperty("last_message", message)
            return
        (QMessageBox.warning if error else QMessageBox.information)(self, tr("年报审核台"), message)

    # -- actions -----------------------------------------------------------------------------------

    def open_selected(self) -> None:
        report = self._selected_report()
        if report is not None:
            self.reportRequested.emit(report)

    def compare_selected(self) -> CompareDialog | None:
        report = self._selected_report()
        if report is None:
            return None
        dialog = CompareDialog(self.workspace, report, self)
        if not self.property("headless"):
            dialog.show()
        return dialog

    def versions_selected(self) -> VersionsDialog | None:
        report = self._selected_report()
        if report is None:
            return None
        dialog = VersionsDialog(self.workspace, report, self)
        if not self.property("headless"):
            dialog.show()
        return dialog

    def link_selected(self) -> None:
        index = self.unmatched_view.currentIndex()
        agency = self.link_to.currentText()
        if not index.isValid() or not agency:
            self._say(tr("请先选择一份未匹配的报告和要关联的机关"))
            return
        try:
            self.workspace.office.link(int(self.unmatched.row(index.row())["report"]), agency, self.reviewer,
                                       tr("在本年度报送情况中关联"))
        except (OfficeError, WorkspaceError) as e:
            self._say(str(e), error=True)
            return
        self.refresh(keep_year=True)

    def import_roster(self, path: str | None = None) -> None:
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, tr("导入名单"), "", tr("名单 (*.xlsx *.xls *.csv)"))
            if not path:
                return
        try:
            change = self.workspace.office.set_roster(read_roster(path), self.reviewer, tr("导入名单 {f}", f=path))
        except (RosterError, OfficeError, WorkspaceError) as e:
            self._say(str(e), error=True)
            return
        self.refresh()
        self._say(change.summary())

    def _save_path(self, title: str, suggested: str) -> str | None:
        if self.property("headless"):
            return self.property("save_to")
        path, _ = QFileDialog.getSaveFileName(self, tr(title), suggested, tr("Word 文档 (*.docx)"))
        return path or None

    def write_memo(self) -> Path | None:
        report = self._selected_report()
        if report is None:
            return None
        reviewed = self.workspace.load(report)
        path = self._save_path("保存审核意见书", f"{reviewed.report.agency or report}审核意见书.docx")
        if not path:
            return None
        details = ask_memo_details(self.workspace, self.reviewer, self)
        if details is None:
            return None
        try:
            file_name, _ = self.workspace.original(report)
            out = write_memo(reviewed, path, details, file_name)
        except (DocumentError, WorkspaceError) as e:
            self._say(str(e), error=True)
            return None
        self._say(tr("审核意见书已保存：{p}", p=out))
        return out

    def write_bulletin(self) -> Path | None:
        if self.status is None or self.status.year is None:
            self._say(tr("工作区中还没有报告"))
            return None
        path = self._save_path("保存年报审核情况通报", f"{self.status.year}年度年报审核情况通报.docx")
        if not path:
            return None
        office = self.workspace.setting("office.name") or ""
        try:
            frame = self.workspace.office.report_frame(include_figures=True)
            out = write_bulletin(compute(self.status, frame), path,
                                 BulletinDetails(office or BulletinDetails.office))
        except (DocumentError, WorkspaceError) as e:
            self._say(str(e), error=True)
            return None
        self._say(tr("通报已保存：{p}", p=out))
        return out


def show_year(window: QWidget, workspace: Workspace | None, reviewer: str = "",
              open_report=None) -> YearWindow | None:  # noqa: ANN001
    """Open the year's window over the window's workspace (a notice when the window has none)."""
    if workspace is None:
        message = tr("本年度报送情况需要工作区：请用 --workspace 打开工作区，或先导入报告到默认工作区")
        if window.property("headless"):
            window.setProperty("last_message", message)
        else:
            QMessageBox.information(window, tr("年报审核台"), message)
        return None
    dialog = YearWindow(workspace, reviewer, window)
    if open_report is not None:
        dialog.reportRequested.connect(open_report)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog
