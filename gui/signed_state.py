"""A signed-off or returned report, visible everywhere: the window title, a banner over the tables,
and every editing action disabled (nothing is typed only to be refused)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLabel, QWidget

from review.state import RETURNED

from .i18n import tr
from .table_model import local_time

if TYPE_CHECKING:
    from .session import ReportSession

# actions that change the report (a signed report is read-only until it is reopened)
EDITING_ACTIONS = (
    "accept_suggestion",
    "accept_suggestion_anywhere",
    "accept_as_is",
    "postpone",
    "reopen",
    "restore_printed",
    "make_blank",
    "fill_zero",
)


DEMO_NOTE = (
    "样例工作区：程序自带的样例报告，用来熟悉审核流程。这里的修改只留在样例工作区，不进入您的工作区和导出；"
    "工作区 → 重置样例工作区可重新开始。文件 → 打开（Ctrl+O）在您自己的工作区中审核报告。"
)


def state_word(session: ReportSession | None) -> str:
    """已签发 / 已退回, or "" while the report is under review."""
    signoff = session.reviewed.signoff if session is not None else None
    if signoff is None:
        return ""
    return tr("已退回") if signoff.outcome == RETURNED else tr("已签发")


class SignedBanner(QLabel):
    """The strip over the tables that says a report is signed off or returned, by whom and when."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signedBanner")
        self.setWordWrap(True)
        self.hide()

    def show_session(self, session: ReportSession | None) -> None:
        signoff = session.reviewed.signoff if session is not None else None
        if session is not None and session.demo and signoff is None:
            self.setProperty("returned", False)
            self.setText(tr(DEMO_NOTE))
            self.show()
            return
        if signoff is None and session is not None and session.held_by is not None:
            self.setText(tr("{who} 正在审核此报告（共享工作区）— 只读：待其关闭该报告后再打开即可修改",
                            who=session.held_by))
            self.show()
            return
        if signoff is None:
            self.hide()
            return
        returned = signoff.outcome == RETURNED
        self.setProperty("returned", returned)
        self.style().unpolish(self)
        self.style().polish(self)
        state = state_word(session) if returned else tr("{s}（{o}）", s=state_word(session), o=tr(signoff.outcome))
        text = tr(
            "{state}　{who}　{time}　— 只读：如需修改，请在“工作区”菜单中重新打开",
            state=state,
            who=signoff.reviewer,
            time=local_time(signoff.time),
        )
        if signoff.reason:
            text += "\n" + tr("理由：{r}", r=signoff.reason)
        if session is not None and session.demo:
            text = tr("【样例工作区】") + text
        self.setText(text)
        self.show()


def apply(window: Any) -> None:
    """Title, banner and actions for the report shown by the MainWindow (call after it changed or was
    signed); typed loosely so that this module does not import the window (no import cycle)."""
    session = window.session
    read_only = session is not None and session.read_only
    window.signed_banner.show_session(session)
    for id_ in EDITING_ACTIONS:
        action = window.actions_by_id.get(id_)
        if action is not None:
            action.setEnabled(session is not None and not read_only)
    window.header_fields.set_read_only(read_only)
    window.findings_pane.set_read_only(read_only)
    title = tr("年报审核台")
    workspace = getattr(getattr(window, "workspace_binding", None), "workspace", None)
    if workspace is not None and not workspace.closed:  # a file by its name, a server by its address
        where = workspace.path
        title = f"{where if isinstance(where, str) else where.name} — {title}"
    if session is not None:
        from .report_list import report_title

        word = tr("样例工作区") if session.demo else state_word(session)
        title = f"{report_title(session)}{f'（{word}）' if word else ''} — {title}"
    window.setWindowTitle(title)
