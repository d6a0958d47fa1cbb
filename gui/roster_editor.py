"""Editing the roster in the window: agencies, aliases (；-separated), 地区 and 层级 in a table; saving
replaces the roster, and every difference is written to the office log like any other change."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from review.office.roster import RosterEntry, split_aliases
from review.office.store import OfficeError
from review.workspace import Workspace, WorkspaceError

from .i18n import tr

HEADERS = ("机关", "别名（以；分隔）", "地区", "层级")


class RosterEditor(QDialog):
    def __init__(self, workspace: Workspace, reviewer: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.reviewer = reviewer
        self.setWindowTitle(tr("编辑报送名单"))
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels([tr(h) for h in HEADERS])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        for e in workspace.office.roster():
            self.add_row(e)
        add = QPushButton(tr("新增机关"))
        add.clicked.connect(lambda: self.add_row(RosterEntry("")))
        remove = QPushButton(tr("删除所选机关"))
        remove.clicked.connect(self.remove_selected)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("保存（写入记录）"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("取消"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch()
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("报告按机关名称或别名匹配（繁简、空格、标点不计）；审核人员关联的名称也作为别名保留。")))
        layout.addWidget(self.table)
        layout.addLayout(row)
        self.resize(900, 560)

    def add_row(self, e: RosterEntry) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for c, text in enumerate((e.agency, "；".join(e.aliases), e.region, e.level)):
            self.table.setItem(r, c, QTableWidgetItem(text))

    def remove_selected(self) -> None:
        for r in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(r)

    def entries(self) -> list[RosterEntry]:
        out: dict[str, RosterEntry] = {}
        for r in range(self.table.rowCount()):
            cells = [(self.table.item(r, c).text() if self.table.item(r, c) else "").strip() for c in range(4)]
            if not cells[0]:
                continue
            e = out.setdefault(cells[0], RosterEntry(cells[0], [], cells[2], cells[3]))
            e.aliases += [a for a in split_aliases(cells[1]) if a not in e.aliases and a != e.agency]
        return list(out.values())

    def save(self) -> None:
        linked = {a for a, _agency, source in self.workspace.office.aliases() if source == "link"}
        entries = [RosterEntry(e.agency, [a for a in e.aliases if a not in linked], e.region, e.level)
                   for e in self.entries()]
        try:
            change = self.workspace.office.set_roster(entries, self.reviewer, tr("在窗口中编辑名单"))
        except (OfficeError, WorkspaceError) as e:
            self._say(str(e), True)
            return
        self._say(change.summary())
        self.accept()

    def _say(self, message: str, error: bool = False) -> None:
        self.setProperty("last_message", message)
        if not self.property("headless"):
            (QMessageBox.warning if error else QMessageBox.information)(self, tr("年报审核台"), message)
