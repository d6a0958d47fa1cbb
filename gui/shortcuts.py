"""Every keyboard shortcut of the review window, in one place (also the source of Help → 快捷键)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QKeySequence

from .i18n import tr


@dataclass(frozen=True)
class Shortcut:
    id: str
    keys: tuple[str, ...]  # portable QKeySequence strings; the first is shown in menus
    description: str  # Chinese, translated when shown

    def sequences(self) -> list[QKeySequence]:
        return [QKeySequence(k) for k in self.keys]


SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut("next_finding", ("F8",), "下一条未处理的问题"),
    Shortcut("previous_finding", ("Shift+F8",), "上一条未处理的问题"),
    Shortcut("accept_suggestion", ("Return", "Enter"), "采纳当前问题的建议更正（在问题列表中）"),
    Shortcut(
        "accept_suggestion_anywhere",
        ("Ctrl+Return", "Ctrl+Enter"),
        "采纳当前问题的建议更正（任意位置）；正在编辑单元格时：把键入的数值填入所有选中的单元格",
    ),
    Shortcut("accept_as_is", ("F9",), "确认当前问题按原样接受，并填写理由（如：已与报送单位核实）"),
    Shortcut("postpone", ("F7",), "当前问题稍后处理（不算已处理）"),
    Shortcut("reopen", ("Shift+F9",), "撤回对当前问题的决定"),
    Shortcut("restore_printed", ("Ctrl+R",), "恢复所选单元格的原文数值"),
    Shortcut("make_blank", ("Delete",), "将所选单元格置为空白"),
    Shortcut("edit_cell", ("F2",), "编辑所选单元格（也可直接键入数字）"),
    Shortcut(
        "row_entry", ("Space",), "在一行的第一格键入以空格分隔的一行数字（如 1 0 0 0 0 0 1），按 Enter 填满该行"
    ),
    Shortcut("fill_zero", ("Ctrl+0",), "全部置 0：所选单元格，未选多格时为本表所有空白或未找到的单元格"),
    Shortcut("paste", ("Ctrl+V",), "粘贴多行数值（制表符、空格或逗号分隔，可带行名），并说明放入了哪些格"),
    Shortcut("undo", ("Ctrl+Z",), "撤销"),
    Shortcut("redo", ("Ctrl+Shift+Z", "Ctrl+Y"), "重做"),
    Shortcut("find", ("Ctrl+F",), "在原文中查找"),
    Shortcut("find_next", ("F3",), "查找下一个"),
    Shortcut("find_previous", ("Shift+F3",), "查找上一个"),
    Shortcut("close_find", ("Esc",), "关闭查找栏"),
    Shortcut("verify_uncertain", ("F4",), "逐个核对存疑或未读出数字的单元格：对照原件页面，Enter 确认，键入数字更正"),
    Shortcut("page_previous", ("PgUp",), "上一页（在页面视图中）"),
    Shortcut("page_next", ("PgDown",), "下一页（在页面视图中）"),
    Shortcut("zoom_in", ("Ctrl++", "Ctrl+="), "放大页面"),
    Shortcut("zoom_out", ("Ctrl+-",), "缩小页面"),
    Shortcut("fit_width", ("Ctrl+2",), "页面适合宽度"),
    Shortcut("open", ("Ctrl+O",), "打开报告（可多选）"),
    Shortcut("close_report", ("Ctrl+W",), "关闭当前报告"),
    Shortcut("export_current", ("Ctrl+E",), "把当前报告导出为 Excel"),
    Shortcut("export_all", ("Ctrl+Shift+E",), "把全部报告（有工作区时为整个工作区）导出为 Excel"),
    Shortcut("next_report", ("Ctrl+PgDown",), "下一份报告"),
    Shortcut("previous_report", ("Ctrl+PgUp",), "上一份报告"),
    Shortcut("focus_findings", ("Alt+1",), "转到问题列表"),
    Shortcut("focus_tables", ("Alt+2",), "转到表格"),
    Shortcut("focus_text", ("Alt+3",), "转到原文"),
    Shortcut("sign_off", ("Ctrl+Shift+S",), "签发或退回当前报告（工作区菜单）"),
    Shortcut("help", ("F1",), "快捷键与单元格标记图例"),
    Shortcut("quit", ("Ctrl+Q",), "退出"),
)

_BY_ID = {s.id: s for s in SHORTCUTS}


def shortcut(id: str) -> Shortcut:
    return _BY_ID[id]


def sequences(id: str) -> list[QKeySequence]:
    return _BY_ID[id].sequences()


def help_html() -> str:
    """The shortcut table shown in Help."""
    def keys(s: Shortcut) -> str:
        return " / ".join(QKeySequence(k).toString(QKeySequence.SequenceFormat.NativeText) for k in s.keys)

    rows = "".join(
        f"<tr><td style='padding:2px 12px 2px 0'><b>{keys(s)}</b></td><td>{tr(s.description)}</td></tr>"
        for s in SHORTCUTS
    )
    return f"<table>{rows}</table>"
