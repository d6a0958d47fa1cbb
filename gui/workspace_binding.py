"""Binds a Workspace to the MainWindow: queue pane, audit log, import / sign-off / reopen, and persistence.

The window stays ignorant of SQLite. WorkspaceBinding(window, workspace):
- puts the batch queue above the window's open-reports list (one dock), double-click opens a report;
- opens a report with its stored decisions and sign-off, the rules bound to its previous year;
- imports a report the window opens from a file and shows the workspace's copy instead (nothing unkept);
- gives each open report the workspace's journal, so every edit (review.commands) is committed at once;
- reloads an open report when its log changed outside its undo stack (an undo in the audit view);
- adds a 工作区 menu: import files / a folder (worker thread), sign off, reopen, show the audit log;
- shows the audit log of the current report in a dock, and says when signed values were altered.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QMessageBox

from review.commands import same_value
from review.workspace import ImportResult, Workspace, WorkspaceError, is_server_location

from .audit_view import AuditView
from .batch_queue import BatchQueue
from .demo import DemoActions
from .i18n import tr
from .import_dialog import ImportDialog, choose_files, choose_folder
from .queue_actions import QueueActions
from .report_list import SESSION_ROLE
from .shortcuts import sequences
from .signoff_dialog import ReopenDialog, SignoffDialog


def open_workspace(path: str | None, parent: QMainWindow | None = None,
                   opener: Callable[[Path], Workspace] | None = None) -> Workspace | None:
    """Open the workspace (default: in the user's data directory; `opener`: how, e.g. gui.demo.open_demo);
    on refusal say why in a message box."""
    try:
        return opener(Path(path)) if opener is not None and path else Workspace(path)
    except WorkspaceError as e:
        if parent is not None and not parent.property("headless"):
            QMessageBox.warning(parent, tr("无法打开工作区"), str(e))
        elif parent is not None:
            parent.statusBar().showMessage(str(e), 15000)
        return None


POLL_MS = 3000  # a shared workspace's queue follows the other reviewers' changes this often


class WorkspaceBinding(QObject):
    def __init__(self, window: QMainWindow, workspace: Workspace, demo: bool = False) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.demo = demo  # the demo workspace of the bundled samples (gui/demo.py): labelled everywhere
        self.sessions: dict[int, object] = {}  # report id → ReportSession
        self._ids: dict[int, int] = {}  # id(session) → report id
        self._imports: list[ImportDialog] = []
        settings = getattr(window, "settings", None)
        self.settings = settings

        self.queue = BatchQueue(workspace, window)
        self.queue.set_compact(True)
        self.queue_actions = QueueActions(self.queue, lambda: getattr(window, "reviewer", "") or "",
                                          lambda: bool(window.property("headless")))
        self.queue_actions.removed.connect(self.close_report)
        self.queue.reviewer = lambda: getattr(window, "reviewer", "") or ""  # whose reports 我的 shows
        # one list: the queue (its current row is the report shown); the window's list of open reports
        # stays behind it, hidden, holding their sessions
        window.set_report_pane(self.queue)
        window.report_list.setParent(window)
        window.report_list.hide()

        self.audit = AuditView(workspace, window, settings=settings)
        self.audit_dock = QDockWidget(tr("审计日志"), window)
        self.audit_dock.setObjectName("auditDock")
        self.audit_dock.setWidget(self.audit)
        window.add_bottom_dock(self.audit_dock)  # where the reviewer left it (QSettings), else hidden
        self.audit.reportChanged.connect(self.reload)

        # 工作区 goes before 帮助, which stays last
        bar = window.menuBar()
        help_menu = next((a for a in bar.actions() if a.text() == tr("帮助(&H)")), None)
        menu = QMenu(tr("工作区(&W)"), window)
        if help_menu is not None:
            bar.insertMenu(help_menu, menu)
        else:
            bar.addMenu(menu)
        self.import_files_action = menu.addAction(tr("导入报告文件…"), self.import_files)
        self.import_folder_action = menu.addAction(tr("导入文件夹…"), self.import_folder)
        menu.addSeparator()
        self.signoff_action = menu.addAction(tr("签发 / 退回当前报告…"), self.sign_off_current)
        self.signoff_action.setShortcuts(sequences("sign_off"))
        self.reopen_action = menu.addAction(tr("重新打开当前报告…"), self.reopen_current)
        self.take_over_action = menu.addAction(tr("接手当前报告（他人正在审核）…"), self.take_over_current)
        menu.addSeparator()
        self.versions_action = menu.addAction(tr("当前报告的版本与差异…"), self._on_current(
            self.queue_actions.show_versions))
        self.new_version_action = menu.addAction(tr("把当前报告记为新版本（重新报送）…"), self._on_current(
            self.queue_actions.mark_new_version))
        self.remove_action = menu.addAction(tr("把当前报告移出工作区…"), self._on_current(self.queue_actions.remove))
        self.restore_action = menu.addAction(tr("恢复已移出的报告…"), self.queue_actions.restore_any)
        menu.addSeparator()
        menu.addAction(self.audit_dock.toggleViewAction())
        menu.addSeparator()
        self.demo_actions = DemoActions(self, open_workspace)
        self.demo_action = menu.addAction("", self.demo_actions.trigger)
        self.set_demo(demo)

        self.queue.reportOpened.connect(self.open_report)
        window.report_list.session_chosen.connect(self._session_shown)
        self._opening = False
        rows = window.report_list.model()
        rows.rowsInserted.connect(self._sessions_added)
        rows.rowsAboutToBeRemoved.connect(self._sessions_removed)
        for session in window.sessions():  # opened before the workspace was bound
            QTimer.singleShot(0, lambda s=session: self._adopt(s))
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.close)

        # on a server others change statuses too: poll the workspace's change stamp (one indexed query)
        self._stamp: tuple[int, int] | None = None
        self.poll_timer = QTimer(self)
        self.poll_timer.setInterval(POLL_MS)
        self.poll_timer.timeout.connect(self.poll)
        if is_server_location(str(workspace.path)):
            self._stamp = self._read_stamp()
            self.poll_timer.start()

    def _read_stamp(self) -> tuple[int, int] | None:
        try:
            return self.workspace.change_stamp()
        except WorkspaceError as e:  # the server went away: say so, try again at the next tick
            self.window.statusBar().showMessage(str(e), POLL_MS * 2)
            return None

    def poll(self) -> bool:
        """Refresh the queue when the workspace changed since the last look (also by another reviewer);
        True when it did."""
        if self.workspace.closed:
            self.poll_timer.stop()
            return False
        stamp = self._read_stamp()
        if stamp is None or stamp == self._stamp:
            return False
        self._stamp = stamp
        self.queue.refresh()
        return True

    # -- opening -------------------------------------------------------------------------------------

    def open_report(self, report_id: int) -> object:
        """Show a workspace report in the window (or bring it forward if already open); returns its session."""
        if report_id in self.sessions:
            session = self.sessions[report_id]
            self.window.report_list.select(session)
            return session
        reviewed = self.workspace.load(report_id)
        holder = self.workspace.claim(report_id, getattr(self.window, "reviewer", "") or tr("未署名"))
        self.workspace.set_setting("last_report", str(report_id))
        self._opening = True
        try:
            session = self.window.add_report(reviewed.report, reviewed.report.source)
        finally:
            self._opening = False
        session.reviewed.decisions.update(reviewed.decisions)
        session.reviewed.signoff = reviewed.signoff
        session.reviewed.report_id = report_id
        session.reviewed.hash_mismatch = reviewed.hash_mismatch
        session.held_by = holder  # another reviewer edits it: read-only here (the banner says who)
        session.demo = self.demo
        session.checker = self.workspace.rules_for(report_id)
        session.journal = self.workspace.journal_for(report_id)
        session.recheck()
        self.sessions[report_id] = session
        self._ids[id(session)] = report_id
        session.changed.connect(lambda _keys, r=report_id: self._changed(r))
        session.header_changed.connect(self.queue.refresh)  # the agency or year may move it and link another year
        session.changed.emit(set())  # repaint with the stored decisions
        self._session_shown(session)
        return session

    def step_report(self, forward: bool) -> bool:
        """Ctrl+PgDown / Ctrl+PgUp: the next (previous) report of the queue as shown; False when the queue
        shows none."""
        rid = self.queue.next_report_id(self.current_report_id(), 1 if forward else -1)
        if rid is None:
            if self.queue.visible_report_ids():
                self.window.statusBar().showMessage(tr("已是队列中的最后一份") if forward else tr("已是队列中的第一份"),
                                                    4000)
                return True
            return False
        self.open_report(rid)
        return True

    def _sessions_added(self, _parent: object, first: int, last: int) -> None:
        """A report opened from a file while the workspace is bound: import it, so its review is kept."""
        if self._opening:
            return
        for row in range(first, last + 1):
            session = self.window.report_list.item(row).data(SESSION_ROLE)
            QTimer.singleShot(0, lambda s=session: self._adopt(s))

    def _sessions_removed(self, _parent: object, first: int, last: int) -> None:
        for row in range(first, last + 1):
            rid = self._ids.pop(id(self.window.report_list.item(row).data(SESSION_ROLE)), None)
            if rid is not None:
                self.sessions.pop(rid, None)
                if not self.workspace.closed:
                    self.workspace.release(rid)  # others may edit it now

    def _adopt(self, session: object) -> None:
        """Replace a session opened from a file by the workspace's copy of that file (imported if new)."""
        from parser.reader import ReadError

        if id(session) in self._ids or session not in self.window.sessions() or getattr(session, "demo", False):
            return  # the bundled samples stay out of the reviewer's workspace
        path = Path(getattr(session, "path", "") or "")
        if not path.is_file() or session.undo_stack.count():
            return  # nothing to import, or already edited: leave it (the window warns before losing it)
        try:
            self.workspace.reviewer = self.window.reviewer
            rid, _added = self.workspace.import_file(path)
        except (ReadError, WorkspaceError) as e:
            self.window.show_error(str(e))
            return
        self.window.undo_group.removeStack(session.undo_stack)
        self.window.report_list.remove(session)
        self.queue.refresh()
        self.open_report(rid)

    def reopen_last(self) -> bool:
        """Show the report last opened in this workspace (else the first in the queue); False if empty."""
        ids = self.workspace.report_ids()
        if not ids:
            return False
        last = self.workspace.setting("last_report")
        session = self.open_report(int(last) if last and last.isdigit() and int(last) in ids else ids[0])
        if last and last.isdigit() and int(last) in ids:
            self._restore_place(session)
        return True

    def remember_place(self) -> None:
        """Where the reviewer is: the report, its table tab and the finding (shown again at the next start)."""
        rid = self.current_report_id()
        if rid is None or self.workspace.closed:
            return
        view = self.window.tables.current_view()
        finding = self.window.findings_pane.current()
        self.workspace.set_setting("last_report", str(rid))
        self.workspace.set_setting("last_table", view.report_model.table.key if view is not None else "")
        self.workspace.set_setting("last_finding", finding.id if finding is not None else "")

    def _restore_place(self, session: object) -> None:
        table = self.workspace.setting("last_table") or ""
        wanted = self.workspace.setting("last_finding") or ""
        finding = next((f for f in session.findings if f.id == wanted), None)
        if finding is not None and self.window.findings_pane.select(finding):
            return  # selecting the finding reveals it, its table tab included
        view = self.window.tables.views.get(table)
        if view is not None:
            self.window.tables.setCurrentWidget(view)

    def current_report_id(self) -> int | None:
        session = getattr(self.window, "session", None)
        return self._ids.get(id(session)) if session is not None else None

    def _session_shown(self, session: object) -> None:
        rid = self._ids.get(id(session))
        if rid is None:
            self.audit.show_report(None)
            return
        self.queue.select_report(rid)
        reviewed = session.reviewed
        self.audit.show_report(rid)
        if reviewed.signoff is not None:
            what = tr("已退回") if reviewed.signoff.outcome == "退回" else tr("已签发")
            self.window.statusBar().showMessage(
                tr("此报告{what}，只读；如需修改请先“重新打开”").format(what=what), 8000)
        if self.audit.warning.isVisible():
            self.audit_dock.show()

    # -- keeping the window and the workspace in step ---------------------------------------------------

    def reload(self, report_id: int) -> None:
        """The workspace's copy of a report changed outside the window's undo stack (an undo in the audit
        view): show the stored values, decisions and sign-off in its open session, if any."""
        session = self.sessions.get(report_id)
        if session is None:
            self._changed(report_id)
            return
        stored = self.workspace.load(report_id)
        report, fresh = session.report, stored.report
        keys = {k for k, c in fresh.cells.items() if k not in report.cells or not same_value(report.cells[k].value,
                                                                                              c.value)}
        report.cells.update({k: fresh.cells[k] for k in keys})
        header = False
        for field in ("agency", "year", "template"):
            if getattr(report, field) != getattr(fresh, field):
                setattr(report, field, getattr(fresh, field))
                header = True
        session.reviewed.decisions.clear()
        session.reviewed.decisions.update(stored.decisions)
        session.reviewed.signoff = stored.signoff
        session.reviewed.hash_mismatch = stored.hash_mismatch
        session.after_change(keys, header=header)  # repaints, and through `changed` refreshes queue and log

    def _changed(self, report_id: int) -> None:
        self.queue.refresh_report(report_id)
        if self.current_report_id() == report_id:
            self.audit.show_report(report_id)

    # -- actions -------------------------------------------------------------------------------------

    def import_paths(self, paths: list[str]) -> ImportDialog | None:
        if not paths:
            return None
        if self.demo:  # the reviewer's own reports never go into the demo
            self.demo_actions.open_own(paths)
            return None
        if not self.window.ensure_reviewer():  # an import is a change: its audit row names the reviewer
            return None
        self.workspace.reviewer = self.window.reviewer
        dialog = ImportDialog(self.workspace, paths, self.window)
        dialog.importFinished.connect(lambda _result: self.queue.refresh())
        self._imports.append(dialog)
        dialog.finished.connect(lambda _code, d=dialog: d in self._imports and self._imports.remove(d))
        dialog.start()
        return dialog

    def import_and_open(self, paths: list[Path]) -> ImportDialog | None:
        """Files opened in the window that are read from their pages (PDF, images; a scan by OCR): imported
        by the import dialog, its workers reading them, then the first of them that was read shown."""
        dialog = self.import_paths([str(p) for p in paths])
        if dialog is not None:
            dialog.importFinished.connect(lambda result: self._show_first(paths, result))
        return dialog

    def _show_first(self, paths: list[Path], result: ImportResult) -> None:
        read = {Path(p): rid for p, rid in result.added + result.duplicates}
        first = next((read[p] for p in paths if p in read), None)
        if first is not None and not self.workspace.closed:
            self.open_report(first)

    def import_files(self) -> None:
        self.import_paths(choose_files(self.window))

    def import_folder(self) -> None:
        self.import_paths(choose_folder(self.window))

    def sign_off_current(self) -> None:
        rid = self.current_report_id() or self.queue.current_report_id()
        if rid is None:
            self.window.statusBar().showMessage(tr("请先在工作区中打开一份报告"), 5000)
            return
        dialog = SignoffDialog(self.workspace, rid, self.window, settings=self.settings)
        dialog.signedOff.connect(lambda r, s: self._signed(r, s))
        dialog.findingWanted.connect(lambda f, r=rid: self._show_finding(r, f))
        dialog.exec()

    def _show_finding(self, report_id: int, finding: object) -> None:
        """A finding chosen in the sign-off dialog: its report shown, the finding selected and revealed."""
        self.open_report(report_id)
        pane = self.window.findings_pane
        if pane.select(finding):
            pane.view.setFocus()

    def reopen_current(self) -> None:
        rid = self.current_report_id() or self.queue.current_report_id()
        if rid is None:
            return
        dialog = ReopenDialog(self.workspace, rid, self.window, settings=self.settings)
        dialog.reopened.connect(lambda r: self._signed(r, None))
        dialog.exec()

    def _signed(self, report_id: int, signoff: object) -> None:
        session = self.sessions.get(report_id)
        if session is not None:
            session.reviewed.signoff = signoff
            session.changed.emit(set())
        self._changed(report_id)

    def take_over_current(self) -> bool:
        """Edit the current report although another reviewer has it open (after a confirmation; logged).
        Their later edits of a cell changed here are refused (they see this one first)."""
        rid = self.current_report_id()
        session = self.sessions.get(rid) if rid is not None else None
        holder = getattr(session, "held_by", None)
        if session is None or holder is None:
            self.window.statusBar().showMessage(tr("当前报告没有被他人审核，无需接手"), 5000)
            return False
        if not self.window.property("headless") and QMessageBox.question(
                self.window, tr("接手审核"),
                tr("{who} 正在审核此报告。接手后两人都可修改，同一单元格后改的一方会被提示刷新；"
                   "接手将记入记录。确定接手吗？", who=holder)) != QMessageBox.StandardButton.Yes:
            return False
        try:
            self.workspace.office.take_over(rid, getattr(self.window, "reviewer", ""), holder)
        except WorkspaceError as e:
            self.window.statusBar().showMessage(str(e), 15000)
            return False
        session.held_by = None
        session.changed.emit(set())  # banner and actions: editable here now
        return True

    def _on_current(self, act: Callable[[int], object]) -> Callable[[], None]:
        """A menu slot applying `act` to the current report (the one shown, else the one selected in the queue)."""
        def slot() -> None:
            rid = self.current_report_id() or self.queue.current_report_id()
            if rid is None:
                self.window.statusBar().showMessage(tr("请先在队列中选择一份报告"), 8000)
                return
            act(rid)
        return slot

    def close_report(self, report_id: int) -> None:
        """Close a report's open session (it left the workspace); everything it did is already committed."""
        session = self.sessions.get(report_id)
        if session is None:
            return
        self.window.undo_group.removeStack(session.undo_stack)
        self.window.report_list.remove(session)
        if not self.window.report_list.count():
            self.window.show_session(None)
        session.deleteLater()

    def unkept_sessions(self) -> list[object]:
        """Open reports whose edits no workspace keeps (opened from a file and edited before being imported;
        the bundled samples are a demo and never kept)."""
        return [s for s in self.window.sessions() if id(s) not in self._ids and not getattr(s, "demo", False)
                and s.undo_stack.index()]

    def switch_to(self, workspace: Workspace, demo: bool = False) -> None:
        """Bind this window to another workspace in place: remember the place in the current one, close its
        reports (every change is already committed), release and close it, then show the other one's queue
        and its last report. `demo`: it is the demo workspace (gui/demo.py)."""
        self.detach()
        self.attach(workspace, demo)

    def detach(self) -> None:
        self._let_go()
        for session in list(self.window.sessions()):
            self.window.undo_group.removeStack(session.undo_stack)
            self.window.report_list.remove(session)  # releases the workspace's claim on it
            session.deleteLater()
        self.window.show_session(None)
        self.sessions.clear()
        self._ids.clear()
        self.workspace.close()

    def attach(self, workspace: Workspace, demo: bool) -> None:
        self.workspace = workspace
        self.set_demo(demo)
        self.audit.workspace = workspace
        self.audit.show_report(None)
        self.queue.set_workspace(workspace)
        self._stamp = None
        if is_server_location(str(workspace.path)):
            self._stamp = self._read_stamp()
            self.poll_timer.start()
        self.reopen_last()

    def set_demo(self, demo: bool) -> None:
        """Label the window for the demo workspace (or not) and name the 工作区 menu's demo action."""
        self.demo = demo
        self.window.report_dock.setWindowTitle(tr("样例工作区") if demo else tr("工作区"))
        self.demo_action.setText(tr("重置样例工作区…") if demo else tr("打开样例工作区"))

    def close(self) -> None:
        """Stop any import between two files, then close the workspace (everything is already committed)."""
        self._let_go()
        self.workspace.close()

    def _let_go(self) -> None:
        """Stop polling and importing, and remember where the reviewer was."""
        self.poll_timer.stop()
        for dialog in list(self._imports):
            dialog.stop()
        if not self.workspace.closed:
            self.remember_place()
