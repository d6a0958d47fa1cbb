"""The open reports (left pane): agency, year and open findings of each; choosing one shows it.

A simple list on purpose: the workspace's batch queue can take its place in MainWindow.report_dock.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from .i18n import tr
from .marks import SEVERITY_GLYPHS
from .session import ReportSession

SESSION_ROLE = Qt.ItemDataRole.UserRole + 20


def report_title(session: ReportSession) -> str:
    r = session.report
    title = r.agency or Path(r.source).name or tr("（未识别机关）")
    return tr("【样例】{t}", t=title) if session.demo else title


def report_summary(session: ReportSession) -> str:
    r = session.report
    year = tr("{y} 年度", y=r.year) if r.year else tr("年度未识别")
    c = session.counts()
    if not session.rules_available:
        state = tr("未检查")
    elif any(c.values()):
        state = "  ".join(f"{SEVERITY_GLYPHS[k]}{n}" for k, n in c.items() if n)
    elif session.findings:
        state = tr("✓ 问题均已处理")
    else:
        state = tr("✓ 未发现问题")
    return f"{year} · {state}"


class ReportList(QListWidget):
    session_chosen = Signal(object)  # ReportSession

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportList")
        self.setWordWrap(True)
        self.setUniformItemSizes(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.currentItemChanged.connect(self._on_current)

    def sessions(self) -> list[ReportSession]:
        return [self.item(i).data(SESSION_ROLE) for i in range(self.count())]

    def add(self, session: ReportSession) -> None:
        item = QListWidgetItem()
        item.setData(SESSION_ROLE, session)
        self.addItem(item)
        self._update(item)
        session.changed.connect(lambda _k, it=item: self._update(it))
        session.header_changed.connect(lambda it=item: self._update(it))

    def remove(self, session: ReportSession) -> None:
        for i in range(self.count()):
            if self.item(i).data(SESSION_ROLE) is session:
                self.takeItem(i)
                return

    def select(self, session: ReportSession) -> None:
        for i in range(self.count()):
            if self.item(i).data(SESSION_ROLE) is session:
                self.setCurrentRow(i)
                return

    def step(self, forward: bool) -> None:
        if self.count():
            self.setCurrentRow((self.currentRow() + (1 if forward else -1)) % self.count())

    def _update(self, item: QListWidgetItem) -> None:
        session: ReportSession = item.data(SESSION_ROLE)
        item.setText(f"{report_title(session)}\n{report_summary(session)}")
        item.setToolTip(session.report.source)

    def _on_current(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is not None:
            self.session_chosen.emit(current.data(SESSION_ROLE))
