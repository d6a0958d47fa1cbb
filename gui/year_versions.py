"""The versions of one agency-year (reports the agency sent again, linked by `resubmit`) and the value
differences between the latest two."""
from __future__ import annotations

import pandas as pd
from PySide6.QtWidgets import QDialog, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from review.office.versions import value_diff
from review.workspace import Workspace

from .frame_model import FrameModel
from .i18n import tr


class VersionsDialog(QDialog):
    def __init__(self, workspace: Workspace, report_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        ids = workspace.office.versions(report_id)
        rows = [workspace.replay.row(i, "id, file_name, imported_at, status") for i in ids]
        self.versions = pd.DataFrame([{"report": r["id"], "file_name": r["file_name"],
                                       "imported_at": str(r["imported_at"])[:16].replace("T", " "),
                                       "status": r["status"]} for r in rows])
        self.setWindowTitle(tr("报告的版本"))
        versions = FrameModel({"report": tr("报告"), "file_name": tr("文件"), "imported_at": tr("报送时间"),
                               "status": tr("状态")}, parent=self)
        versions.set_frame(self.versions)
        self.diff = (value_diff(workspace.load(ids[-2]).report, workspace.load(ids[-1]).report)
                     if len(ids) > 1 else pd.DataFrame(columns=["key", "name", "old", "new"]))
        diff = FrameModel({"name": tr("单元格"), "old": tr("旧版本"), "new": tr("新版本")}, parent=self)
        diff.set_frame(self.diff)
        layout = QVBoxLayout(self)
        for title, model, stretch in ((tr("共 {n} 个版本（旧版本的更正、决定和签发保留在其审计日志中）", n=len(ids)),
                                       versions, 1),
                                      (tr("最新两版的数值差异：{n} 处", n=len(self.diff)) if len(ids) > 1
                                       else tr("只有一个版本"), diff, 2)):
            view = QTableView()
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(1 if model is versions else 0,
                                                         QHeaderView.ResizeMode.Stretch)
            layout.addWidget(QLabel(title))
            layout.addWidget(view, stretch)
        self.resize(720, 560)
