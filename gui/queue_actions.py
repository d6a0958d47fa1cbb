"""What a reviewer does to a report as a whole from the batch queue: see its versions and their value
differences, record it as the new version of another report, take it out of the workspace (soft delete)
and put it back. Each asks for confirmation and a reason, and is written to the office log (the report's
audit log shows it). The queue's context menu and the 工作区 menu both use these."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMenu, QMessageBox, QWidget

from review.office.store import OfficeError
from review.workspace import QueueRow, WorkspaceError

from .batch_queue import BatchQueue
from .i18n import tr

if TYPE_CHECKING:
    from .year_versions import VersionsDialog


class QueueActions(QObject):
    """Signal removed(id) after a report left the workspace (the window closes it if open); 打开 in the
    context menu goes through the queue's reportOpened."""

    removed = Signal(int)

    def __init__(self, queue: BatchQueue, reviewer: Callable[[], str], headless: Callable[[], bool]) -> None:
        super().__init__(queue)
        self.queue = queue
        self.reviewer = reviewer
        self.headless = headless  # tests and screenshots: no modal dialog is shown
        self.last_dialog: VersionsDialog | None = None
        queue.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        queue.table.customContextMenuRequested.connect(self._menu_at)

    # -- the context menu ------------------------------------------------------------------------------

    def menu_for(self, report_id: int) -> QMenu:
        """The context menu of one queue row (its actions enabled as they apply)."""
        row = next((r for r in self.queue.model.all_rows if r.report_id == report_id), None)
        menu = QMenu(self.queue)
        opened = menu.addAction(tr("打开报告"), lambda: self.queue.reportOpened.emit(report_id))
        versions = menu.addAction(tr("版本与差异…"), lambda: self.show_versions(report_id))
        versions.setEnabled(self.queue.model.versions.get(report_id, (1, 1))[1] > 1)
        menu.addSeparator()
        newer = menu.addAction(tr("记为另一份报告的新版本（重新报送）…"), lambda: self.mark_new_version(report_id))
        assign = menu.addAction(tr("分配给…"), lambda: self.assign(report_id))
        remove = menu.addAction(tr("移出工作区…"), lambda: self.remove(report_id))
        restore = menu.addAction(tr("恢复到工作区…"), lambda: self.restore(report_id))
        removed = row is not None and row.removed
        linked = row is None or row.replaces is not None
        for action, enabled in ((opened, not removed), (newer, not removed and not linked), (remove, not removed),
                                (assign, not removed),
                                (restore, removed)):
            action.setEnabled(enabled)
        return menu

    def _menu_at(self, pos: QPoint) -> None:
        index = self.queue.table.indexAt(pos)
        if not index.isValid():
            return
        self.queue.table.setCurrentIndex(index)
        self.menu_for(self.queue.current_report_id()).exec(self.queue.table.viewport().mapToGlobal(pos))

    # -- the actions -----------------------------------------------------------------------------------

    def show_versions(self, report_id: int) -> VersionsDialog | None:
        from .year_versions import VersionsDialog  # pandas: loaded when versions are shown, not with the window

        ws = self.queue.workspace
        if ws is None:
            return None
        self.last_dialog = VersionsDialog(ws, report_id, self.queue.window())
        if not self.headless():
            self.last_dialog.show()
        return self.last_dialog

    def remove(self, report_id: int, reason: str | None = None) -> bool:
        """Take a report out of the workspace after confirmation with a reason (kept and restorable)."""
        row = self._row(report_id)
        if row is None:
            return False
        if reason is None:
            reason = self._ask_reason(tr("移出工作区"), tr(
                "把“{agency}”（{file}）移出工作区？\n原文件和全部记录都保留，勾选队列上方的“显示已移除”后可恢复。\n"
                "理由（必填）：", agency=row.agency or tr("（未识别机关）"), file=row.file_name))
            if reason is None:
                return False
        if not self._do(lambda ws: ws.office.remove_report(report_id, self.reviewer(), reason)):
            return False
        self.removed.emit(report_id)
        self._done(tr("报告 {id} 已移出工作区（可恢复）", id=report_id))
        return True

    def assign(self, report_id: int, name: str | None = None) -> bool:
        """Assign a report to a reviewer in advance (asked for: a name used before, or a new one; the first
        choice ends the assignment); logged in the report's office log with who assigned it."""
        row = self._row(report_id)
        if row is None:
            return False
        if name is None:
            ws = self.queue.workspace
            known = sorted({*(ws.office.assignments().values() if ws is not None else ()), self.reviewer()} - {""})
            choices = [tr("（取消分配）"), *known]
            label, ok = QInputDialog.getItem(self.queue.window(), tr("分配给…"), tr(
                "“{agency}”（{file}）分配给哪位审核人？可键入新的姓名：", agency=row.agency or tr("（未识别机关）"),
                file=row.file_name), choices, choices.index(row.assignee) if row.assignee in choices else 0, True)
            if not ok:
                return False
            name = "" if label == choices[0] else label.strip()
        chosen = name
        if not self._do(lambda ws: ws.office.assign([report_id], chosen, self.reviewer())):
            return False
        self._done(tr("报告 {id} 已分配给 {name}", id=report_id, name=chosen) if chosen
                   else tr("报告 {id} 已取消分配", id=report_id))
        return True

    def restore(self, report_id: int, reason: str | None = None) -> bool:
        if reason is None:
            reason = self._ask_reason(tr("恢复到工作区"),
                                      tr("把报告 {id} 恢复到工作区？\n理由（必填）：", id=report_id))
            if reason is None:
                return False
        if not self._do(lambda ws: ws.office.restore_report(report_id, self.reviewer(), reason)):
            return False
        self._done(tr("报告 {id} 已恢复到工作区", id=report_id))
        return True

    def restore_any(self) -> bool:
        """Choose one of the removed reports and restore it (the 工作区 menu)."""
        ws = self.queue.workspace
        removed = ws.office.removed_reports() if ws is not None else []
        if not removed:
            self._say(tr("工作区中没有已移出的报告"))
            return False
        labels = [tr("报告 {id}：{agency} {year}（{file}）", id=r["report"], agency=r["agency"] or "",
                     year=r["year"] or "", file=r["file_name"]) for r in removed]
        label, ok = QInputDialog.getItem(self.queue.window(), tr("恢复到工作区"), tr("已移出的报告："), labels, 0,
                                         False)
        return ok and self.restore(removed[labels.index(label)]["report"])

    def mark_new_version(self, report_id: int, old_id: int | None = None, reason: str | None = None) -> bool:
        """This report is the agency's corrected report replacing `old_id` (chosen among the same year's)."""
        row = self._row(report_id)
        if row is None:
            return False
        if old_id is None:
            model = self.queue.model
            others = [r for r in model.all_rows if r.report_id != report_id and r.year == row.year
                      and not r.removed and r.report_id not in model.replaced]
            others.sort(key=lambda r: (r.agency != row.agency, r.agency or "", r.report_id))
            if not others:
                self._say(tr("同一年度没有可替换的其他报告"))
                return False
            labels = [tr("报告 {id}：{agency}（{file}）", id=r.report_id, agency=r.agency or "", file=r.file_name)
                      for r in others]
            label, ok = QInputDialog.getItem(self.queue.window(), tr("记为新版本"), tr(
                "“{agency}”（{file}）替换哪一份报告？", agency=row.agency or "", file=row.file_name), labels, 0, False)
            if not ok:
                return False
            old_id = others[labels.index(label)].report_id
        if reason is None:
            reason = self._ask_reason(tr("记为新版本"), tr(
                "把报告 {new} 记为报告 {old} 的新版本？旧版本的更正、决定和签发保留在其审计日志中。\n理由（必填）：",
                new=report_id, old=old_id))
            if reason is None:
                return False
        target = old_id
        if not self._do(lambda ws: ws.office.mark_resubmission(report_id, target, self.reviewer(), reason)):
            return False
        self._done(tr("报告 {new} 已记为报告 {old} 的新版本", new=report_id, old=old_id))
        return True

    # -- helpers ---------------------------------------------------------------------------------------

    def _row(self, report_id: int | None) -> QueueRow | None:
        return next((r for r in self.queue.model.all_rows if r.report_id == report_id), None)

    def _ask_reason(self, title: str, label: str) -> str | None:
        """The reason typed in a dialog (asked again while empty); None when cancelled."""
        while True:
            text, ok = QInputDialog.getText(self.queue.window(), title, label, QLineEdit.EchoMode.Normal)
            if not ok:
                return None
            if text.strip():
                return text.strip()
            label = label if label.startswith(tr("请填写理由。")) else tr("请填写理由。") + label

    def _do(self, change: Callable[[object], None]) -> bool:
        ws = self.queue.workspace
        if ws is None:
            return False
        try:
            change(ws)
        except (OfficeError, WorkspaceError) as e:
            self._say(str(e), warn=True)
            return False
        return True

    def _done(self, message: str) -> None:
        self.queue.refresh()
        self._say(message)

    def _say(self, message: str, warn: bool = False) -> None:
        window: QWidget = self.queue.window()
        status = getattr(window, "statusBar", None)
        if status is not None:
            status().showMessage(message, 10000)
        if warn and not self.headless():
            QMessageBox.warning(window, tr("年报审核台"), message)
