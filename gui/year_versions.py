"""The versions of one agency-year (reports the agency sent again, linked on import or by `resubmit`) and
the value differences between a version and the one before it (the latest two at first; select another
version to compare it with its predecessor)."""
from __future__ import annotations

import pandas as pd
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from review.office.versions import DIFF_COLUMNS, value_diff
from review.workspace import Workspace

from .frame_model import FrameModel, frame_view
from .i18n import tr


class VersionsDialog(QDialog):
    def __init__(self, workspace: Workspace, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.ids = workspace.office.versions(report_id)
        rows = [workspace.replay.row(i, "id, file_name, imported_at, status") for i in self.ids]
        self.versions = pd.DataFrame([{"version": tr("第 {v} 版", v=n + 1), "report": r["id"],
                                       "file_name": r["file_name"],
                                       "imported_at": str(r["imported_at"])[:16].replace("T", " "),
                                       "status": r["status"]} for n, r in enumerate(rows)])
        self.setWindowTitle(tr("报告的版本"))
        versions = FrameModel({"version": tr("版本"), "report": tr("报告"), "file_name": tr("文件"),
                               "imported_at": tr("报送时间"), "status": tr("状态")}, parent=self)
        versions.set_frame(self.versions)
        self.diff_model = FrameModel({"name": tr("单元格"), "old": tr("前一版"), "new": tr("此版")}, parent=self)
        self.diff = pd.DataFrame(columns=DIFF_COLUMNS)
        self.diff_title = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("共 {n} 个版本（旧版本的更正、决定和签发保留在其审计日志中）；选中一个版本，"
                                   "下方列出它与前一版的数值差异", n=len(self.ids))))
        self.versions_view = frame_view(versions, 2, fit=True)
        layout.addWidget(self.versions_view, 1)
        layout.addWidget(self.diff_title)
        layout.addWidget(frame_view(self.diff_model, 0, fit=True), 2)
        self.versions_view.selectionModel().currentRowChanged.connect(lambda current, _p: self.compare(current.row()))
        self.versions_view.selectRow(len(self.ids) - 1)
        if len(self.ids) == 1:
            self.compare(0)
        self.resize(760, 560)

    def compare(self, index: int) -> None:
        """Show the value differences between version `index` (0: the first) and the one before it."""
        if index <= 0:
            self.diff = pd.DataFrame(columns=DIFF_COLUMNS)
            self.diff_title.setText(tr("只有一个版本") if len(self.ids) == 1 else tr("第 1 版是最早的版本"))
        else:
            old, new = self.ids[index - 1], self.ids[index]
            self.diff = value_diff(self.workspace.load(old).report, self.workspace.load(new).report)
            self.diff_title.setText(tr("第 {a} 版（报告 {old}）→ 第 {b} 版（报告 {new}）的数值差异：{n} 处",
                                       a=index, b=index + 1, old=old, new=new, n=len(self.diff)))
        self.diff_model.set_frame(self.diff)
