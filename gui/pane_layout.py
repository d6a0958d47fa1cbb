"""The review window's layout: the text and findings on the left of the tables (splitters), the reports
dock, and the sizes remembered between runs (gui/window_settings.py); the first run fits 1366×768.

A mixin of gui/main_window.MainWindow; the panes it places are created by the window.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QLabel, QSplitter, QVBoxLayout, QWidget

from .i18n import tr
from .signed_state import SignedBanner


class PaneLayout:
    """Places the window's panes and remembers their sizes (mixed into MainWindow)."""

    def _build_layout(self) -> None:
        self.left_split = QSplitter(Qt.Orientation.Vertical, self)
        self.left_split.addWidget(self.source_pane)
        self.left_split.addWidget(self.findings_pane)
        self.left_split.setStretchFactor(0, 3)
        self.left_split.setStretchFactor(1, 2)
        right = QWidget(self)
        box = QVBoxLayout(right)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(0)
        box.addWidget(self.header_fields)
        self.signed_banner = SignedBanner(self)
        box.addWidget(self.signed_banner)
        # what the last paste or fast entry placed (or why it was refused), until the next one
        self.notice = QLabel(self)
        self.notice.setObjectName("entryNotice")
        self.notice.setWordWrap(True)
        self.notice.hide()
        box.addWidget(self.notice)
        box.addWidget(self.verification.panel)
        box.addWidget(self.tables, 1)
        self.main_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_split.setObjectName("mainSplit")
        self.main_split.addWidget(self.left_split)
        self.main_split.addWidget(right)
        self.main_split.setStretchFactor(0, 2)
        self.main_split.setStretchFactor(1, 3)
        self.main_split.setChildrenCollapsible(False)
        self.setCentralWidget(self.main_split)

        # the open reports; the workspace's batch queue replaces this widget (set_report_pane)
        self.report_dock = QDockWidget(tr("报告"), self)
        self.report_dock.setObjectName("reportDock")
        self.report_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable)
        self.report_dock.setWidget(self.report_list)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.report_dock)
        # a dock below (the audit log) spans the text and the tables only: the reports keep their height
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.LeftDockWidgetArea)

    def set_report_pane(self, widget: QWidget) -> None:
        """Put another widget (e.g. the workspace's batch queue) where the open-reports list is."""
        self.report_dock.setWidget(widget)

    def add_bottom_dock(self, dock: QDockWidget, height: int = 160) -> None:
        """Dock a pane below the text and tables (hidden at first): placed and sized as the reviewer left
        it, else `height` pixels high the first time it is shown (the findings list keeps its rows)."""
        if self.restoreDockWidget(dock):  # as stored by the last saveState (before it is added: else always True)
            return
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, dock)
        dock.hide()

        def first_shown(visible: bool) -> None:
            if visible and not getattr(dock, "_sized", False):
                dock._sized = True  # type: ignore[attr-defined]
                QTimer.singleShot(0, lambda: self.resizeDocks([dock], [height], Qt.Orientation.Vertical))

        dock.visibilityChanged.connect(first_shown)

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main_split": self.main_split, "left_split": self.left_split}

    def _restore_settings(self) -> None:
        self._fill_recent_menu()
        if not self.memory.restore(self, self._splitters()):  # first run: fit an office laptop, 1366×768
            self.resize(1366, 768)
            self.resizeDocks([self.report_dock], [215], Qt.Orientation.Horizontal)
            self.main_split.setSizes([410, 740])
            self.left_split.setSizes([340, 380])

    def save_settings(self) -> None:
        self.memory.save(self, self._splitters())
