"""F1: the review workflow, every key, the cell marks and every rule, in one window that scrolls
(fits a 768-pixel-high screen) and stays open beside the work (not modal)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .i18n import severity_name, tr
from .marks import legend_html
from .shortcuts import help_html

WORKFLOW = (
    ("打开报告", "文件 → 打开（Ctrl+O，可多选），或把文件、文件夹拖进窗口。"
                 "有工作区时，每一次修改、决定和签发都立即保存。"),
    ("逐条处理问题", "按 F8 转到下一条未处理的问题（Shift+F8 上一条），焦点随之进入问题列表："
                     "出错的单元格、原文中的数字和建议同时显示。"),
    ("决定", "有建议更正时按 Enter（或任意位置 Ctrl+Enter）采纳，整条建议作为一步撤销；"
             "确认报送数据无误时按 F9“按原样接受”并选择理由；F7 稍后处理。"
             "处理后自动转到下一条问题，Enter / F9 可以一直按下去。"),
    ("改正数值", "在表格中直接键入数字并按 Enter；Delete 置为空白，Ctrl+R 恢复原文数值。"
                 "输入 1.5、−3 等不能填入的值时，编辑框保持打开并说明原因。"),
    ("录入损坏的表格", "从原文或 PDF 复制几行（可带行名，制表符、空格或逗号分隔均可）后在表格中按 Ctrl+V，"
                       "窗口说明放入了哪些行；也可在一行的第一格键入“1 0 0 0 0 0 1”后按 Enter 填满该行；"
                       "选中多格后键入数值并按 Ctrl+Enter 一次填入；Ctrl+0 把本表空白格全部置 0。"
                       "只填各部分时，总计由等式推出，作为建议出现在问题列表中（不会自动填入）。"),
    ("签发", "工作区 → 签发 / 退回（Ctrl+Shift+S）。仍有未处理的错误时不能签发，对话框逐条列出，双击转到该问题。"
             "已签发或退回的报告只读（标题与表格上方的横幅注明），需“重新打开”后才能修改。"),
    ("导出", "文件 → 导出 Excel（Ctrl+E 当前报告，Ctrl+Shift+E 全部报告或整个工作区）。"),
)


def workflow_html() -> str:
    items = "".join(f"<li><b>{tr(step)}</b>：{tr(text)}</li>" for step, text in WORKFLOW)
    return f"<ol>{items}</ol>"


def rules_html() -> str:
    """Every rule of the catalogue: id, level and what it checks (the same list as `main.py rules`)."""
    try:
        from review.rules import CATALOGUE
    except Exception:  # noqa: BLE001 - help still opens when the rules cannot be loaded
        return f"<p>{tr('审核规则暂不可用。')}</p>"
    rows = "".join(
        f"<tr><td style='padding:2px 10px 2px 0'><code>{r.id}</code></td>"
        f"<td style='padding:2px 10px 2px 0'>{severity_name(r.severity)}</td>"
        f"<td>{tr(r.description)}{tr('（需上一年度报告）') if r.needs_previous else ''}</td></tr>"
        for r in CATALOGUE
    )
    note = tr("规则所需的单元格空白或未找到时，该规则报告“无法核对”并列出这些单元格（按警告列出），从不把空白当作 0。")
    return f"<table>{rows}</table><p>{note}</p>"


def help_page() -> str:
    return (
        f"<h3>{tr('审核流程')}</h3>{workflow_html()}"
        f"<h3>{tr('快捷键')}</h3>{help_html()}"
        f"<h3>{tr('单元格标记')}</h3>{legend_html()}"
        f"<h3>{tr('审核规则')}</h3>{rules_html()}"
    )


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("帮助：审核流程、快捷键与规则"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)
        self.browser.setHtml(help_page())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("关闭"))
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(self.browser, 1)
        box.addWidget(buttons)
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.resize(*fitting_size(parent))


def fitting_size(parent: QWidget | None) -> tuple[int, int]:
    """At most 760×640, and inside the screen (a 1366×768 laptop leaves room for the taskbar)."""
    screen = (parent.screen() if parent is not None else None) or QGuiApplication.primaryScreen()
    avail = screen.availableGeometry() if screen is not None else None
    width, height = 760, 640
    if avail is not None:
        width, height = min(width, avail.width() - 40), min(height, avail.height() - 80)
    return width, height
