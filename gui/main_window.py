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
from PySide6.QtGui import QCloseEvent, QUndoGroup
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from review.findings import Finding

from .commands import CorrectCells
from .decisions import FindingDecisions
from .export import export_to_excel
from .findings_pane import FindingsPane
from .header_fields import HeaderFields
from .help_dialog import HelpDialog
from .i18n import tr
from .menus import build_menus
from .open_reports import OpenReports
from .page_view import PageView
from .pane_layout import PaneLayout
from .report_list import ReportList
from .reveal import cell_at, reveal_spans
from .reviewer import ReviewerName
from .session import ReportSession
from .source_pane import SourcePane
from .tables_view import TablesView
from .text_pane import ERROR_UNDERLINE, REVEAL_OTHER, REVEAL_PRIMARY, TextPane, char_format
from .verification import Verification
from .window_settings import WindowSettings
from .year_actions import year_handlers

if TYPE_CHECKING:
    from review.export.source import ExportSource


class MainWindow(OpenReports, PaneLayout, ReviewerName, FindingDecisions, QMainWindow):
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

        self._build_layout()

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
            "verify_uncertain": self.verification.start, "next_report": lambda: self.step_report(True),
            "previous_report": lambda: self.step_report(False),
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
