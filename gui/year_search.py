"""Search across all reports of the workspace: agency, text, findings (Traditional/Simplified alike)."""
from __future__ import annotations

import pandas as pd
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QLineEdit, QTableView, QVBoxLayout, QWidget

from review.rules import CATALOGUE
from review.workspace import Workspace

from .frame_model import FrameModel
from .i18n import tr


class SearchPane(QWidget):
    """Type and press Enter; double-click a hit to open its report (reportRequested)."""

    reportRequested = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("机关名称、原文中的文字或问题（繁体、简体均可），按 Enter 搜索"))
        self.query.returnPressed.connect(self.run)
        self.count = QLabel()
        self.model = FrameModel({"report": tr("报告"), "agency": tr("机关"), "year": tr("年度"), "where": tr("位置"),
                                 "excerpt": tr("内容")}, parent=self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(lambda index: self.reportRequested.emit(int(self.model.row(index.row())
                                                                                      ["report"])))
        row = QHBoxLayout()
        row.addWidget(self.query)
        row.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.view)

    def run(self) -> None:
        hits = self.workspace.office.search(self.query.text(), {r.id: r.description for r in CATALOGUE})
        self.model.set_frame(pd.DataFrame([h.__dict__ for h in hits],
                                          columns=["report", "agency", "year", "where", "excerpt", "offset"]))
        self.count.setText(tr("{n} 处", n=len(hits)))
