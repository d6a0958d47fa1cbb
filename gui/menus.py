"""The review window's menus and actions; every key comes from gui/shortcuts.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from .export import export_to_excel
from .i18n import tr
from .shortcuts import sequences, shortcut

if TYPE_CHECKING:
    from .main_window import MainWindow


Slot = Callable[[], object]


def _action(
    w: MainWindow,
    actions: dict[str, QAction],
    id_: str,
    slot: Slot,
    text: str | None = None,
    owner: QWidget | None = None,
) -> QAction:
    """An action with its keys from gui/shortcuts.py; with `owner`, the keys work only inside that pane."""
    s = shortcut(id_)
    action = QAction(tr(text or s.description), w)
    action.setShortcuts(sequences(id_))
    action.setToolTip(f"{tr(s.description)}（{s.keys[0]}）")
    action.triggered.connect(slot)
    if owner is not None:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    (owner or w).addAction(action)
    actions[id_] = action
    return action


def build_menus(w: MainWindow) -> tuple[dict[str, QAction], QMenu]:
    """The menu bar; every key comes from gui/shortcuts.py. Returns the actions by id and the recent-files menu."""
    actions: dict[str, QAction] = {}

    def act(id_: str, slot: Slot, text: str | None = None, owner: QWidget | None = None) -> QAction:
        return _action(w, actions, id_, slot, text, owner)

    mb = w.menuBar()
    file_menu = mb.addMenu(tr("文件(&F)"))
    file_menu.addAction(act("open", w.open_dialog, "打开报告…"))
    recent_menu = file_menu.addMenu(tr("最近打开"))
    file_menu.addAction(act("close_report", w.close_current, "关闭当前报告"))
    file_menu.addSeparator()
    file_menu.addAction(act("export_current", lambda: export_to_excel(w, False), "导出当前报告到 Excel…"))
    file_menu.addAction(act("export_all", lambda: export_to_excel(w, True), "导出全部报告到 Excel…"))
    file_menu.addSeparator()
    file_menu.addAction(tr("审核人姓名…"), w.ask_reviewer)
    file_menu.addSeparator()
    file_menu.addAction(act("quit", w.close, "退出"))

    edit = mb.addMenu(tr("编辑(&E)"))
    undo = w.undo_group.createUndoAction(w, tr("撤销"))
    undo.setShortcuts(sequences("undo"))
    redo = w.undo_group.createRedoAction(w, tr("重做"))
    redo.setShortcuts(sequences("redo"))
    actions.update(undo=undo, redo=redo)
    edit.addActions([undo, redo])
    edit.addSeparator()
    edit.addAction(act("restore_printed", w.restore_printed, "恢复原文数值"))
    edit.addAction(act("make_blank", w.make_blank, "置为空白", owner=w.tables))
    edit.addAction(act("fill_zero", w.fill_zero, "全部置 0", owner=w.tables))
    edit.addSeparator()
    edit.addAction(act("find", w.text_pane.open_find, "在原文中查找…"))

    review = mb.addMenu(tr("审核(&R)"))
    review.addAction(act("next_finding", lambda: w.step_finding(True), "下一条问题"))
    review.addAction(act("previous_finding", lambda: w.step_finding(False), "上一条问题"))
    review.addSeparator()
    review.addAction(act("accept_suggestion_anywhere", w.accept_suggestion, "采纳建议更正"))
    review.addAction(act("accept_as_is", w.accept_as_is, "按原样接受…"))
    review.addAction(act("postpone", w.postpone, "稍后处理"))
    review.addAction(act("reopen", w.reopen, "撤回决定"))
    review.addSeparator()
    review.addAction(act("verify_uncertain", w.verification.start, "核对存疑单元格"))
    act("accept_suggestion", w.accept_suggestion, owner=w.findings_pane.view)

    view = mb.addMenu(tr("视图(&V)"))
    view.addAction(act("next_report", lambda: w.report_list.step(True), "下一份报告"))
    view.addAction(act("previous_report", lambda: w.report_list.step(False), "上一份报告"))
    view.addSeparator()
    view.addAction(act("focus_findings", lambda: w.findings_pane.view.setFocus(), "转到问题列表"))
    view.addAction(act("focus_tables", w._focus_tables, "转到表格"))
    view.addAction(act("focus_text", w.source_pane.focus_text, "转到原文"))
    view.addSeparator()
    view.addAction(w.report_dock.toggleViewAction())

    help_menu = mb.addMenu(tr("帮助(&H)"))
    help_menu.addAction(act("help", w.show_help, "快捷键与图例"))
    return actions, recent_menu
