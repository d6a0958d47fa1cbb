"""This year's report beside last year's, per cell, with the change; the cells of failing years.* rules
marked (years.jump, a likely unit or typing slip, in amber)."""
from __future__ import annotations

import pandas as pd
from PySide6.QtWidgets import QCheckBox, QDialog, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from review.office.compare import JUMP, YEARS_RULE, compare
from review.workspace import Workspace

from .frame_model import FrameModel
from .i18n import tr

MARK_COLOURS = {JUMP: "#ffe699", YEARS_RULE: "#ffc7ce"}


def _colour(row: pd.Series) -> str | None:
    return MARK_COLOURS.get(row["mark"])


class CompareDialog(QDialog):
    def __init__(self, workspace: Workspace, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        this = workspace.load(report_id)
        agency, year = this.report.agency, this.report.year
        ids = workspace.replay.same_agency_ids(agency, year - 1 if year is not None else None)
        last = workspace.replay.current(ids[-1])[1] if ids else None
        self.setWindowTitle(tr("本年与上年对比：{agency}", agency=agency or tr("（机关未识别）")))
        self.frame = compare(this, last)
        labels = {JUMP: tr("变化异常"), YEARS_RULE: tr("跨年度不符")}
        self.frame["mark_text"] = self.frame["mark"].map(labels).fillna("")
        heading = tr("{year} 年度与上一年度（{last}）", year=year, last=tr("报告 {id}", id=ids[-1]) if ids else
                     tr("工作区中没有上一年度报告"))
        self.model = FrameModel({"name": tr("单元格"), "last": tr("上年"), "this": tr("本年"), "change": tr("变化"),
                                 "mark_text": tr("标记")}, _colour, self)
        self.only_changed = QCheckBox(tr("只显示有变化或有标记的单元格"))
        self.only_changed.toggled.connect(self._refilter)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().hide()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(heading))
        layout.addWidget(self.only_changed)
        layout.addWidget(self.view)
        self.resize(760, 620)
        self._refilter()

    def _refilter(self) -> None:
        f = self.frame
        if self.only_changed.isChecked():
            f = f[(f["change"].fillna(0) != 0) | (f["mark"] != "") | (f["last"].isna() != f["this"].isna())]
        self.model.set_frame(f)
