"""The review window's menus as a table of actions; every key comes from gui/shortcuts.py.

`MENUS` lists each menu's entries by action id (None: a separator; RECENT: the recently opened files).
The window says what each id does (`handlers`), which ready-made actions it has (undo/redo from its undo
group, a dock's toggle) and which pane an id's keys are limited to (`owners`); this module knows no window
and no pane. Ids with a handler but no menu entry are keyboard-only actions (Return in the findings list)."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMenu, QWidget

from .i18n import tr
from .shortcuts import SHORTCUTS, sequences, shortcut

Slot = Callable[[], object]
RECENT = "recent_files"

MENUS: tuple[tuple[str, tuple[str | None, ...]], ...] = (
    ("文件(&F)", ("open", RECENT, "close_report", None, "new_workspace", "open_workspace", "open_shared_workspace",
                None, "export_current", "export_all", None, "reviewer", None,
                "quit")),
    ("编辑(&E)", ("undo", "redo", None, "restore_printed", "make_blank", "fill_zero", None, "find")),
    ("审核(&R)", ("next_finding", "previous_finding", None, "accept_suggestion_anywhere", "accept_as_is", "postpone",
                "reopen", None, "verify_uncertain")),
    ("年度(&Y)", ("year_status", "year_search", None, "import_roster", "edit_roster", None, "memo_current",
                "bulletin")),
    ("视图(&V)", ("next_report", "previous_report", None, "focus_findings", "focus_tables", "focus_text", None,
                "report_dock")),
    ("帮助(&H)", ("help",)),
)

# the menu text, where it is not the shortcut's description (or the action has no key)
TEXTS = {
    "open": "打开报告…", RECENT: "最近打开", "close_report": "关闭当前报告",
    "export_current": "导出当前报告到 Excel…", "export_all": "导出全部报告到 Excel…", "reviewer": "审核人姓名…",
    "quit": "退出", "undo": "撤销", "redo": "重做", "restore_printed": "恢复原文数值", "make_blank": "置为空白",
    "fill_zero": "全部置 0", "find": "在原文中查找…", "next_finding": "下一条问题", "previous_finding": "上一条问题",
    "accept_suggestion_anywhere": "采纳建议更正", "accept_as_is": "按原样接受…", "postpone": "稍后处理",
    "reopen": "撤回决定", "verify_uncertain": "核对存疑单元格", "next_report": "下一份报告",
    "previous_report": "上一份报告", "focus_findings": "转到问题列表", "focus_tables": "转到表格",
    "focus_text": "转到原文", "help": "快捷键与图例", "year_status": "本年度报送与审核情况…",
    "new_workspace": "新建工作区…", "open_workspace": "打开工作区…",
    "open_shared_workspace": "打开共享工作区…", "edit_roster": "编辑报送名单…",
    "year_search": "搜索全部报告…", "import_roster": "导入报送名单…", "memo_current": "当前报告的审核意见书…",
    "bulletin": "年报审核情况通报…",
}

_KEYED = {s.id for s in SHORTCUTS}


def _action(window: QMainWindow, id_: str, slot: Slot, owner: QWidget | None) -> QAction:
    """An action with its keys from gui/shortcuts.py (if it has any); with `owner`, the keys work only in that pane."""
    action = QAction(tr(TEXTS.get(id_) or shortcut(id_).description), window)
    if id_ in _KEYED:
        s = shortcut(id_)
        action.setShortcuts(sequences(id_))
        action.setToolTip(f"{tr(s.description)}（{s.keys[0]}）")
    action.triggered.connect(slot)
    if owner is not None:
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
    (owner or window).addAction(action)
    return action


def build_menus(window: QMainWindow, handlers: Mapping[str, Slot], ready: Mapping[str, QAction] | None = None,
                owners: Mapping[str, QWidget] | None = None) -> tuple[dict[str, QAction], QMenu]:
    """The menu bar from `MENUS`. Returns the actions by id and the (empty) recently-opened menu."""
    ready, owners = ready or {}, owners or {}
    actions: dict[str, QAction] = {}
    for id_, action in ready.items():
        if id_ in _KEYED:
            action.setShortcuts(sequences(id_))
        actions[id_] = action
    for id_, slot in handlers.items():
        actions[id_] = _action(window, id_, slot, owners.get(id_))
    recent = QMenu(tr(TEXTS[RECENT]), window)
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(tr(title))
        for id_ in entries:
            if id_ is None:
                menu.addSeparator()
            elif id_ == RECENT:
                menu.addMenu(recent)
            else:
                menu.addAction(actions[id_])
    return actions, recent
