"""The 年度 menu of the review window: the year's window, search, roster, memo and bulletin. The window
lends its workspace (when one is bound) and its reviewer; reports open through its workspace binding."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMainWindow, QMessageBox

from review.workspace import WorkspaceError, is_server_location

from .i18n import tr
from .roster_editor import RosterEditor
from .workspace_switch import switch_workspace

if TYPE_CHECKING:
    from .year_window import YearWindow


def year_handlers(window: QMainWindow) -> dict[str, Any]:
    def workspace() -> Any:
        return getattr(getattr(window, "workspace_binding", None), "workspace", None)

    def open_report(report_id: int) -> None:
        binding = getattr(window, "workspace_binding", None)
        if binding is not None:
            binding.open_report(report_id)

    def year(tab: int = 0) -> YearWindow | None:
        from .year_window import show_year  # charts and documents load when the year is opened

        dialog = show_year(window, workspace(), getattr(window, "reviewer", ""), open_report)
        if dialog is not None:
            dialog.tabs.setCurrentIndex(tab)
        window.setProperty("year_window", dialog)
        return dialog

    def roster() -> None:
        dialog = year()
        if dialog is not None:
            dialog.import_roster()

    def bulletin() -> None:
        dialog = year(1)
        if dialog is not None:
            dialog.write_bulletin()

    def memo() -> None:
        from review.office.memo import write_memo  # python-docx: loaded when a memo is written
        from review.office.official import DocumentError

        from .memo_dialog import ask_memo_details

        binding = getattr(window, "workspace_binding", None)
        report_id = binding.current_report_id() if binding is not None else None
        if report_id is None:
            QMessageBox.information(window, tr("年报审核台"),
                                    tr("审核意见书需要工作区中的报告：请先在工作区中打开一份报告"))
            return
        ws = binding.workspace
        reviewed = ws.load(report_id)
        path, _ = QFileDialog.getSaveFileName(window, tr("保存审核意见书"),
                                              f"{reviewed.report.agency or report_id}审核意见书.docx",
                                              tr("Word 文档 (*.docx)"))
        if not path:
            return
        details = ask_memo_details(ws, getattr(window, "reviewer", ""), window)
        if details is None:
            return
        try:
            file_name, _ = ws.original(report_id)
            write_memo(reviewed, path, details, file_name)
        except (DocumentError, WorkspaceError) as e:
            QMessageBox.warning(window, tr("年报审核台"), str(e))

    def other_workspace(new: bool) -> str | None:
        """Choose a workspace file and open it in this window instead of the current one."""
        if new:
            path, _ = QFileDialog.getSaveFileName(window, tr("新建工作区"), "年报审核.sqlite", tr("工作区 (*.sqlite)"))
            if path and Path(path).exists():
                QMessageBox.warning(window, tr("年报审核台"), tr("该文件已存在，请用“打开工作区…”：{p}", p=path))
                return None
        else:
            path, _ = QFileDialog.getOpenFileName(window, tr("打开工作区"), "", tr("工作区 (*.sqlite);;所有文件 (*)"))
        if path and switch_workspace(window, path) is not None:
            return path
        return None

    def shared_workspace() -> QInputDialog:
        """Ask for the address of a shared workspace on the office's PostgreSQL server, then open it in this
        window instead of the current workspace."""
        dialog = QInputDialog(window)
        dialog.setWindowTitle(tr("打开共享工作区"))
        dialog.setLabelText(tr("共享工作区的地址（由单位的数据库管理员提供）：\n"
                               "postgresql://用户名@服务器[:端口]/数据库名\n"
                               "密码可写在地址中（用户名:密码@），或保存在本机的 .pgpass 文件中"))
        dialog.setTextValue(window.property("shared_workspace_url") or "postgresql://")
        dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
        dialog.setOkButtonText(tr("打开"))
        dialog.setCancelButtonText(tr("取消"))
        dialog.resize(560, dialog.sizeHint().height())
        dialog.textValueSelected.connect(open_shared)
        window.setProperty("shared_workspace_dialog", dialog)
        if not window.property("headless"):
            dialog.open()
        return dialog

    def open_shared(url: str) -> None:
        url = url.strip()
        if not is_server_location(url):
            _warn(window, tr("地址应以 postgresql:// 开头，例如 postgresql://审核员@192.168.1.10/nianbao"))
            return
        window.setProperty("shared_workspace_url", url)
        switch_workspace(window, url)

    def edit_roster() -> None:
        ws = workspace()
        if ws is None:
            from .year_window import show_year

            show_year(window, None)
            return
        dialog = RosterEditor(ws, getattr(window, "reviewer", ""), window)
        window.setProperty("roster_editor", dialog)
        if not window.property("headless"):
            dialog.exec()

    return {"year_status": year, "year_search": lambda: year(2), "import_roster": roster, "memo_current": memo,
            "bulletin": bulletin, "new_workspace": lambda: other_workspace(True),
            "open_workspace": lambda: other_workspace(False), "open_shared_workspace": shared_workspace,
            "edit_roster": edit_roster}


def _warn(window: QMainWindow, message: str, title: str | None = None) -> None:
    """A warning box; in a headless window (tests, screenshots) the status bar says it instead."""
    if window.property("headless"):
        window.statusBar().showMessage(message, 15000)
    else:
        QMessageBox.warning(window, title or tr("年报审核台"), message)
