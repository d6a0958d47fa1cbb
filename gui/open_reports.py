"""The open reports of the review window: opening files (dialog, drag and drop, recent files), adding
and closing reports, and showing one (every pane set to its session) with its counts in the status bar.

A mixin of gui/main_window.MainWindow; the panes it sets (text, tables, findings, …) are the window's.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from parser.model import Report
from parser.pages import PAGED_SUFFIXES

from . import signed_state
from .i18n import tr
from .import_dialog import file_filter
from .loading import load_report, report_files
from .session import ReportSession


class OpenReports:
    """Which reports are open and which one is shown (mixed into MainWindow)."""

    def sessions(self) -> list[ReportSession]:
        return self.report_list.sessions()

    def add_report(self, report: Report, path: str | None = None, show: bool = True) -> ReportSession:
        """Add an already-parsed report to the open ones and show it (also used by the workspace)."""
        session = ReportSession(report, reviewer=self.reviewer, parent=self)
        session.name_wanted = self.ensure_reviewer
        session.path = path or report.source
        self.undo_group.addStack(session.undo_stack)
        session.changed.connect(lambda _k, s=session: self._session_changed(s))
        session.refused.connect(lambda why: self.statusBar().showMessage(why, 8000))
        self.report_list.add(session)
        if show:
            self.report_list.select(session)
        return session

    def step_report(self, forward: bool) -> None:
        """Ctrl+PgDown / Ctrl+PgUp: the next report — of the workspace's queue as shown, else of the open ones."""
        step = getattr(self.workspace_binding, "step_report", None)
        if step is None or not step(forward):
            self.report_list.step(forward)

    def open_paths(self, paths: list[str]) -> list[ReportSession]:
        """Open files and folders; unreadable ones are reported in one message, the rest still open.
        From the demo workspace they open in the reviewer's own workspace, in a window of its own.
        PDF and image files are imported into the bound workspace by the import dialog (worker processes,
        a progress bar: a scan takes seconds of OCR per page) and shown when read; text files open here."""
        binding = self.workspace_binding
        if getattr(binding, "demo", False):
            binding.demo_actions.open_own(paths)
            return []
        files, errors = report_files([str(p) for p in paths])
        opened = []
        paged = [p for p in files if p.suffix.lower() in PAGED_SUFFIXES
                 and not any(Path(s.path) == p for s in self.sessions())]
        if paged and binding is not None:  # a scan is read by OCR: never here on the window's thread
            binding.import_and_open(paged)
            for p in paged:
                self._remember_recent(str(p))
            files = [p for p in files if p not in paged]
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
        files, _ = QFileDialog.getOpenFileNames(self, tr("打开报告"), start, file_filter())
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

    # --- files: drag and drop, recent ----------------------------------------------------------
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
