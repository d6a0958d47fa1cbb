"""MainWindow: composes the panes and runs the review loop; the panes live in their own modules.

┌ 报告 (dock) ┐┌ 原文 (text pane) ──────┐┌ 机关 · 年度 · 格式 ─────────────┐
│ open reports││ line numbers, find      ││ 表二 | 表三 | 表四 (tabs)          │
│ (the queue  │├ 问题 (findings) ───────┤│ printed layout, marked cells       │
│  goes here) ││ counts, filter, actions ││                                    │
└─────────────┘└─────────────────────────┘└────────────────────────────────────┘
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QUndoGroup
from PySide6.QtWidgets import (
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from parser.model import Report
from review.findings import Finding

from . import signed_state
from .commands import CorrectCells
from .decisions import FindingDecisions
from .export import export_to_excel
from .findings_pane import FindingsPane
from .header_fields import HeaderFields
from .help_dialog import HelpDialog
from .i18n import tr
from .loading import load_report, report_files
from .menus import build_menus
from .page_view import PageView
from .report_list import ReportList
from .reveal import cell_at, reveal_spans
from .reviewer import ReviewerName
from .session import ReportSession
from .signed_state import SignedBanner
from .source_pane import SourcePane
from .tables_view import TablesView
from .text_pane import ERROR_UNDERLINE, REVEAL_OTHER, REVEAL_PRIMARY, TextPane, char_format
from .verification import Verification
from .window_settings import WindowSettings

if TYPE_CHECKING:
    from review.export.source import ExportSource
from .year_actions import year_handlers

FILE_FILTER = "报告文件 (*.txt *.text *.htm *.html *.docx *.pdf);;所有文件 (*)"


class MainWindow(ReviewerName, FindingDecisions, QMainWindow):
    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.settings = settings if settings is not None else QSettings()
        self.memory = WindowSettings(self.settings)
        # who signs every correction and decision: asked at the first edit, never the OS login
        self.reviewer = str(self.settings.value("reviewer", "") or "")
        self.session: ReportSession | None = None
        self.undo_group = QUndoGroup(self)
        self._revealing = False
        self.help_dialog: HelpDialog | None = None
        self.workspace_binding: object | None = None  # set when a workspace keeps every change (gui.app)
        self.setWindowTitle(tr("年报审核台"))
        self.setAcceptDrops(True)

        self.text_pane = TextPane(self)
        self.findings_pane = FindingsPane(self)
        self.header_fields = HeaderFields(self)
        self.tables = TablesView(self)
        self.report_list = ReportList(self)
        self.page_view = PageView(self)
        self.source_pane = SourcePane(self.text_pane, self.page_view, self._workspace, self)
        self.verification = Verification(self)  # F4: the uncertain cells one by one, beside their page

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

        self.open_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.open_label)
        self.reviewer_label = QLabel(self)
        self.reviewer_label.setObjectName("reviewerLabel")
        self.statusBar().addPermanentWidget(self.reviewer_label)
        self._show_reviewer()
        self._build_actions()
        self._connect()
        self._restore_settings()
        self.show_session(None)

    # --- construction --------------------------------------------------------------------------
    def _build_actions(self) -> None:
        """What each action of gui/menus.py does in this window, and the pane its keys are limited to."""
        handlers = {
            "open": self.open_dialog, "close_report": self.close_current,
            "export_current": lambda: self.export_excel(False), "export_all": lambda: self.export_excel(True),
            "reviewer": self.ask_reviewer, "quit": self.close, "restore_printed": self.restore_printed,
            "make_blank": self.make_blank, "fill_zero": self.fill_zero, "find": self.text_pane.open_find,
            "next_finding": lambda: self.step_finding(True), "previous_finding": lambda: self.step_finding(False),
            "accept_suggestion_anywhere": self.accept_suggestion, "accept_suggestion": self.accept_suggestion,
            "accept_as_is": self.accept_as_is, "postpone": self.postpone, "reopen": self.reopen,
            "verify_uncertain": self.verification.start, "next_report": lambda: self.report_list.step(True),
            "previous_report": lambda: self.report_list.step(False),
            "focus_findings": lambda: self.findings_pane.view.setFocus(), "focus_tables": self.focus_tables,
            "focus_text": self.source_pane.focus_text, "help": self.show_help,
        }
        handlers.update(year_handlers(self))  # the office's year (gui/year_actions.py)
        ready = {"undo": self.undo_group.createUndoAction(self, tr("撤销")),
                 "redo": self.undo_group.createRedoAction(self, tr("重做")),
                 "report_dock": self.report_dock.toggleViewAction()}
        owners = {"make_blank": self.tables, "fill_zero": self.tables, "accept_suggestion": self.findings_pane.view}
        self.actions_by_id, self.recent_menu = build_menus(self, handlers, ready, owners)

    def export_source(self, everything: bool) -> ExportSource:
        """The current report, or all: the whole workspace (read in batches, volumes by the roster's 地区)
        when bound, else the open reports."""
        from review.export.source import ListSource, WorkspaceSource, roster_regions  # openpyxl: when exporting

        if not everything:
            return ListSource([self.session.reviewed] if self.session is not None else [])
        binding = self.workspace_binding
        if binding is not None:
            return WorkspaceSource(binding.workspace, roster_regions(binding.workspace))
        return ListSource([s.reviewed for s in self.sessions()])

    def export_excel(self, everything: bool) -> Path | None:
        """File → 导出 Excel: ask where, write the archive; returns the file written, or None."""
        return export_to_excel(self, self.export_source(everything), self.settings)

    def _connect(self) -> None:
        self.findings_pane.finding_chosen.connect(self.reveal_finding)
        self.findings_pane.accept_suggestion.connect(self.accept_suggestion)
        self.findings_pane.accept_as_is.connect(self.accept_as_is)
        self.findings_pane.postpone.connect(self.postpone)
        self.findings_pane.reopen.connect(self.reopen)
        self.tables.cell_chosen.connect(lambda key: self.reveal([key], source="table"))
        self.tables.message.connect(self.show_notice)
        self.text_pane.text.position_clicked.connect(self._text_clicked)
        self.page_view.cell_clicked.connect(lambda key: self.reveal([key], source="page"))
        self.header_fields.span_wanted.connect(self._show_span)
        self.report_list.session_chosen.connect(self.show_session)

    def show_notice(self, message: str) -> None:
        """Say what an entry placed or why it was refused: above the tables and in the status bar."""
        self.statusBar().showMessage(message, 8000)
        self.notice.setText(message)
        self.notice.setToolTip(message)
        self.notice.show()

    def _workspace(self) -> object | None:
        return getattr(self.workspace_binding, "workspace", None)

    def set_report_pane(self, widget: QWidget) -> None:
        """Put another widget (e.g. the workspace's batch queue) where the open-reports list is."""
        self.report_dock.setWidget(widget)

    # --- reports -------------------------------------------------------------------------------
    def sessions(self) -> list[ReportSession]:
        return self.report_list.sessions()

    def add_report(
        self, report: Report, path: str | None = None, show: bool = True, demo: bool = False
    ) -> ReportSession:
        """Add an already-parsed report to the open ones and show it (also used by the workspace).
        `demo`: a bundled sample, shown as such and never imported into the reviewer's workspace."""
        session = ReportSession(report, reviewer=self.reviewer, parent=self)
        session.demo = demo
        session.name_wanted = self.ensure_reviewer
        session.path = path or report.source
        self.undo_group.addStack(session.undo_stack)
        session.changed.connect(lambda _k, s=session: self._session_changed(s))
        session.refused.connect(lambda why: self.statusBar().showMessage(why, 8000))
        self.report_list.add(session)
        if show:
            self.report_list.select(session)
        return session

    def open_paths(self, paths: list[str]) -> list[ReportSession]:
        """Open files and folders; unreadable ones are reported in one message, the rest still open."""
        files, errors = report_files([str(p) for p in paths])
        opened = []
        for p in files:
            existing = next((s for s in self.sessions() if Path(s.path) == p), None)
            report, error = (None, "") if existing else load_report(p)
            if existing is not None or report is not None:
                opened.append(existing or self.add_report(report, str(p), show=False))
                self._remember_recent(str(p))
            else:
                errors.append(error)
        if opened:  # show the first of them (building the panes once, not once per file)
            self.report_list.select(opened[0])
        if errors:
            self.show_error("\n".join(errors))
        return opened

    def show_error(self, message: str) -> None:
        self.statusBar().showMessage(message.splitlines()[0], 10000)
        if self.isVisible() and not self.property("headless"):
            QMessageBox.warning(self, tr("部分文件未能打开"), message)

    def open_dialog(self) -> None:
        start = str(self.settings.value("last_dir", "") or "")
        files, _ = QFileDialog.getOpenFileNames(self, tr("打开报告"), start, tr(FILE_FILTER))
        if files:
            self.settings.setValue("last_dir", str(Path(files[0]).parent))
            self.open_paths(files)

    def close_current(self) -> None:
        s = self.session
        if s is None:
            return
        if self.workspace_binding is None and s.undo_stack.index() and not self.property("headless"):
            answer = QMessageBox.question(
                self, tr("关闭报告"), tr("这份报告的更正和决定未保存到工作区，关闭后将丢失。仍要关闭吗？")
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.undo_group.removeStack(s.undo_stack)
        self.report_list.remove(s)
        if not self.report_list.count():
            self.show_session(None)
        s.deleteLater()

    def show_session(self, session: ReportSession | None) -> None:
        self.session = session
        self.notice.hide()
        self.undo_group.setActiveStack(session.undo_stack if session else None)
        self.verification.session_changed()
        self.text_pane.text.set_report_text(session.report.text if session else "")
        self.source_pane.set_session(session)
        self.header_fields.set_session(session)
        self.tables.set_session(session)
        self.findings_pane.set_session(session)
        if session is not None:
            self._mark_text()
        self._update_status()
        signed_state.apply(self)

    def _session_changed(self, session: ReportSession) -> None:
        if session is self.session:
            self._mark_text()
            self.page_view.refresh()
            self._update_status()
            signed_state.apply(self)

    def _update_status(self) -> None:
        s = self.session
        if s is None:
            self.open_label.setText(tr("未打开报告"))
            return
        c = s.counts()
        n = sum(c.values())
        if not s.rules_available:
            self.open_label.setText(tr("审核规则暂不可用"))
        elif s.check_error:
            self.open_label.setText(tr("审核规则运行出错，结果未更新（{e}）", e=s.check_error[:60]))
        elif n:
            self.open_label.setText(
                tr("未处理问题 {n} 条（错误 {e}，警告 {w}，提示 {i}）", n=n, e=c["error"], w=c["warning"], i=c["info"])
            )
        elif s.findings:
            self.open_label.setText(tr("全部问题已处理"))
        else:
            self.open_label.setText(tr("未发现问题"))

    def _mark_text(self) -> None:
        """Underline the source of every cell with an open error, and the sentence of a narrative claim the
        tables contradict, so the text shows the problems too."""
        s = self.session
        if s is None:
            return
        spans = []
        for f in s.open_findings():
            if f.severity == "error":
                spans += [s.report.cells[k].span for k in f.subjects if k in s.report.cells]
                spans.append(f.sentence_span)
        spans = sorted({sp for sp in spans if sp})
        if spans != self.text_pane.text.highlighted("marks"):
            self.text_pane.text.set_layer("marks", spans, char_format(underline=ERROR_UNDERLINE))

    # --- reveal: one path for findings, cells and text -------------------------------------------
    def reveal_finding(self, finding: Finding) -> None:
        self.reveal(
            list(finding.subjects) + [k for k in finding.cells if k not in finding.subjects],
            finding=finding,
            source="findings",
        )

    def reveal(self, keys: list[str], finding: Finding | None = None, source: str = "") -> None:
        """Show these cells everywhere: selected in the table, their spans highlighted and scrolled to in
        the text, their finding current in the list. `source` is the pane that asked (left as it is)."""
        s = self.session
        if s is None or self._revealing:
            return
        self._revealing = True
        try:
            primary = list(finding.subjects) if finding else keys[:1]
            if source != "table":
                self.tables.select_cells(primary or keys)
            self.page_view.show_cells(primary or keys[:1], keys)
            strong, weak = reveal_spans(s.report, keys, primary, finding)
            text = self.text_pane.text
            text.set_layer("reveal_other", weak, char_format(REVEAL_OTHER))
            text.set_layer("reveal", strong, char_format(REVEAL_PRIMARY, bold=True))
            if strong and source != "text":
                text.scroll_to(min(a for a, _ in strong))
            elif weak and source != "text":
                text.scroll_to(min(a for a, _ in weak))
            if source != "findings" and keys:
                related = s.findings_of(keys[0])
                best = next((f for f in related if keys[0] in f.subjects and s.is_open(f)), None)
                self.findings_pane.select(best or (related[0] if related else None), emit=False)
            if keys and source != "findings":
                self.statusBar().showMessage(s.display_name(keys[0]), 4000)
        finally:
            self._revealing = False

    def _show_span(self, span: tuple[int, int]) -> None:
        text = self.text_pane.text
        text.set_layer("reveal_other", [], char_format(REVEAL_OTHER))
        text.set_layer("reveal", [span], char_format(REVEAL_PRIMARY, bold=True))
        text.scroll_to(span[0])

    def _text_clicked(self, offset: int) -> None:
        s = self.session
        if s is None:
            return
        key = cell_at(s.report, offset)
        if key is not None:
            self.reveal([key], source="text")

    # --- review actions ------------------------------------------------------------------------
    def current_finding(self) -> Finding | None:
        return self.findings_pane.current()

    def step_finding(self, forward: bool = True) -> None:
        f = self.findings_pane.step(forward)
        if f is None:
            self.statusBar().showMessage(tr("没有未处理的问题"), 4000)
        else:
            self.findings_pane.select(f)
            # the loop goes on from the list: Enter accepts, F9 accepts as is, F7 postpones
            self.findings_pane.view.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def accept_suggestion(self) -> None:
        s, f = self.session, self.current_finding()
        if s is None or f is None:
            return
        if not f.suggestion:
            self.statusBar().showMessage(tr("这条问题没有可采纳的建议更正"), 4000)
            return
        changes = f.changes_to_accept()  # every cell of the correction, one undo step (not only this finding's)
        s.push(CorrectCells(s, changes, tr("采纳建议：{m}", m=f.message), tr("采纳建议更正")))
        self._show_next(f)

    def _show_next(self, done: Finding) -> None:
        """After a finding is dealt with, show the one the list moved on to (the keyboard review loop)."""
        current = self.current_finding()
        if current is not None and current.id != done.id:
            self.reveal_finding(current)

    def _selected_cells(self) -> list[str]:
        return self.tables.selected_keys()

    def restore_printed(self) -> None:
        s = self.session
        if s is None:
            return
        changes = {
            k: s.report.cells[k].parsed_value
            for k in self._selected_cells()
            if s.report.cells[k].value != s.report.cells[k].parsed_value
        }
        if changes:
            s.push(CorrectCells(s, changes, tr("恢复原文数值"), tr("恢复原文数值")))

    def make_blank(self) -> None:
        s = self.session
        if s is None:
            return
        changes = {k: None for k in self._selected_cells() if s.report.cells[k].value is not None}
        if changes:
            s.push(CorrectCells(s, changes, tr("置为空白"), tr("置为空白")))

    def fill_zero(self) -> None:
        self.tables.fill_zero()

    def focus_tables(self) -> None:
        view = self.tables.current_view()
        if view is not None:
            view.setFocus()

    def show_help(self) -> None:
        """F1: the workflow, keys, marks and rules in a window that scrolls (kept, not modal)."""
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(self)
        self.help_dialog.show()
        self.help_dialog.raise_()

    # --- files, drag and drop, settings ---------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_paths(paths)

    def recent_files(self) -> list[str]:
        return self.memory.recent_files()

    def _remember_recent(self, path: str) -> None:
        self.memory.remember(path)
        self._fill_recent_menu()

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for p in self.recent_files():
            self.recent_menu.addAction(Path(p).name, lambda p=p: self.open_paths([p])).setToolTip(p)
        self.recent_menu.setEnabled(bool(self.recent_files()))

    def _splitters(self) -> dict[str, QSplitter]:
        return {"main_split": self.main_split, "left_split": self.left_split}

    def _restore_settings(self) -> None:
        self._fill_recent_menu()
        if not self.memory.restore(self, self._splitters()):  # first run: fit an office laptop, 1366×768
            self.resize(1366, 768)
            self.resizeDocks([self.report_dock], [170], Qt.Orientation.Horizontal)
            self.main_split.setSizes([430, 770])
            self.left_split.setSizes([340, 380])

    def save_settings(self) -> None:
        self.memory.save(self, self._splitters())

    def unsaved_corrections(self) -> int:
        """Changes made in this window that no workspace keeps (they are lost when the window closes)."""
        if self.workspace_binding is not None:
            return 0
        return sum(s.undo_stack.index() for s in self.sessions())

    def closeEvent(self, event: QCloseEvent) -> None:
        n = self.unsaved_corrections()
        if n and not self.property("headless"):
            answer = QMessageBox.question(
                self,
                tr("关闭审核台"),
                tr(
                    "本次有 {n} 项更正或决定未保存到工作区，关闭后将丢失。\n"
                    "（用 --workspace 打开工作区可随时保存。）\n\n仍要关闭吗？",
                    n=n,
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        remember = getattr(self.workspace_binding, "remember_place", None)
        if remember is not None:  # the report, table and finding to come back to
            remember()
        self.save_settings()
        super().closeEvent(event)
