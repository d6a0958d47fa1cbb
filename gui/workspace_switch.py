"""File → 新建工作区 / 打开工作区 / 打开共享工作区 / 最近的工作区: another workspace in the same window.

The current workspace is closed cleanly first (every change is already in its journal; the place the
reviewer was at is remembered; its lock is released), then the window is bound to the other one. The
workspaces opened are remembered in the window's settings (a server's address without its password)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QMainWindow, QMenu, QMessageBox

from review.workspace import Workspace, WorkspaceError, is_server_location

from .i18n import tr

RECENT_KEY = "recent_workspaces"
MAX_RECENT = 8


def location_label(location: Path | str) -> str:
    """How a workspace is named in the title and the menu: the file's name, or the server address."""
    return str(location) if is_server_location(str(location)) else Path(location).name


def recent_workspaces(window: QMainWindow) -> list[str]:
    settings = getattr(window, "settings", None)
    value = settings.value(RECENT_KEY, []) if settings is not None else []
    if isinstance(value, str):  # QSettings gives a one-item list back as a string
        value = [value]
    return [str(v) for v in value or [] if v]


def remember_workspace(window: QMainWindow, location: Path | str) -> None:
    """Put a workspace first in the recent list (a server's address is stored without its password)."""
    settings = getattr(window, "settings", None)
    if settings is None:
        return
    text = str(location)
    if is_server_location(text):
        from review.workspace.postgres import redacted

        text = redacted(text)
    else:
        text = str(Path(text).resolve())
    items = [text] + [r for r in recent_workspaces(window) if r != text]
    settings.setValue(RECENT_KEY, items[:MAX_RECENT])
    fill_recent_menu(window)


def recent_menu(window: QMainWindow) -> QMenu:
    """The 最近的工作区 submenu, placed in the File menu after 打开共享工作区 (created once per window)."""
    menu = window.findChild(QMenu, "recentWorkspaces")
    if menu is not None:
        return menu
    menu = QMenu(tr("最近的工作区"), window)
    menu.setObjectName("recentWorkspaces")
    anchor = getattr(window, "actions_by_id", {}).get("open_shared_workspace")
    for top in window.menuBar().actions():
        file_menu = top.menu()
        if file_menu is not None and anchor is not None and anchor in file_menu.actions():
            following = file_menu.actions()[file_menu.actions().index(anchor) + 1:]
            file_menu.insertMenu(following[0] if following else None, menu)
            break
    fill_recent_menu(window, menu)
    return menu


def fill_recent_menu(window: QMainWindow, menu: QMenu | None = None) -> None:
    menu = menu or recent_menu(window)
    menu.clear()
    current = _current(window)
    items = recent_workspaces(window)
    for location in items:
        action = menu.addAction(location_label(location), lambda loc=location: switch_workspace(window, loc))
        action.setToolTip(location)
        action.setEnabled(current is None or not same_location(current.path, location))
    menu.setEnabled(bool(items))


def switch_workspace(window: QMainWindow, location: str) -> Workspace | None:
    """Open `location` (created when new) in this window instead of the current workspace; None when it
    is the same one, cannot be opened (said why; the current one stays) or the reviewer cancels."""
    from .workspace_binding import WorkspaceBinding

    binding: Any = getattr(window, "workspace_binding", None)
    current = _current(window)
    if current is not None and same_location(current.path, location):
        _say(window, tr("该工作区已在本窗口中打开"))
        return None
    unkept = binding.unkept_sessions() if binding is not None else []
    if unkept and not window.property("headless") and QMessageBox.question(
            window, tr("打开工作区"), tr("有 {n} 份报告的更正不在工作区中，换工作区后将丢失。仍要打开吗？",
                                         n=len(unkept))) != QMessageBox.StandardButton.Yes:
        return None
    try:
        workspace = Workspace(location)
    except WorkspaceError as e:
        _say(window, str(e), warn=True)
        return None
    if current is not None:
        remember_workspace(window, current.path)  # to come back to it from the menu
        for dialog in window.findChildren(QDialog):  # the year's window, the roster editor, … of the old one
            if getattr(dialog, "workspace", None) is current:
                dialog.close()
    if binding is None:
        binding = WorkspaceBinding(window, workspace)
        window.workspace_binding = binding
        binding.reopen_last()
    else:
        binding.switch_to(workspace)
    remember_workspace(window, workspace.path)
    update_title(window)
    window.statusBar().showMessage(tr("已打开工作区：{w}", w=str(workspace.path)), 8000)
    return workspace


def update_title(window: QMainWindow) -> None:
    """The title names the workspace too (signed_state sets the report's part)."""
    from . import signed_state

    signed_state.apply(window)


def same_location(current: Path | str, location: str) -> bool:
    if is_server_location(location) or not isinstance(current, Path):
        from review.workspace.postgres import redacted

        return str(current) == redacted(location)
    return current.resolve() == Path(location).resolve()


def _current(window: QMainWindow) -> Workspace | None:
    ws = getattr(getattr(window, "workspace_binding", None), "workspace", None)
    return ws if ws is not None and not ws.closed else None


def _say(window: QMainWindow, message: str, warn: bool = False) -> None:
    if window.property("headless"):
        window.statusBar().showMessage(message, 15000)
    elif warn:
        QMessageBox.warning(window, tr("无法打开工作区"), message)
    else:
        QMessageBox.information(window, tr("年报审核台"), message)
