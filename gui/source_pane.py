"""The source pane: 页面 (the original page) and 文字 (the text) tabs for PDF and image inputs; the text
alone for text, web and Word inputs. The original bytes come from the workspace when the report is
kept in one (it stores them), else from the file the report was opened from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QWidget

from parser.pages import is_image, is_pdf
from parser.reader import MAX_BYTES

from .i18n import tr
from .page_view import PageView
from .session import ReportSession
from .text_pane import TextPane


def original_bytes(session: ReportSession, workspace: object | None) -> bytes | None:
    """The file the report was read from, when it is a PDF or an image (else None: no pages to show)."""
    data = None
    report_id = getattr(session.reviewed, "report_id", None)
    if workspace is not None and report_id is not None:
        try:
            data = workspace.original(report_id)[1]  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 - a workspace that cannot give the bytes: the text still shows
            data = None
    if data is None:
        path = Path(session.path or "")
        try:
            if path.is_file() and path.stat().st_size <= MAX_BYTES:
                with path.open("rb") as f:
                    head = f.read(1024)
                    data = head + f.read() if is_pdf(head) or is_image(head) else None
        except OSError:
            data = None
    return data if data is not None and (is_pdf(data) or is_image(data)) else None


class SourcePane(QTabWidget):
    def __init__(self, text_pane: TextPane, page_view: PageView, workspace: Callable[[], object | None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace  # the window's workspace when one is bound (it keeps the originals)
        self.setObjectName("sourcePane")
        self.setDocumentMode(True)
        self.text_pane, self.page_view = text_pane, page_view
        self.addTab(page_view, tr("页面"))
        self.addTab(text_pane, tr("文字"))
        self.session: ReportSession | None = None
        self.set_pages(False)

    @property
    def has_pages(self) -> bool:
        return self.isTabVisible(0)

    def set_pages(self, shown: bool) -> None:
        """With pages: both tabs, the page first. Without: the text only, no tab bar."""
        self.setTabVisible(0, shown)
        self.tabBar().setVisible(shown)
        self.setCurrentIndex(0 if shown else 1)

    def set_session(self, session: ReportSession | None) -> None:
        """Show this report's source; its page bytes are read once the window has settled (a workspace
        sets the report's id just after showing it)."""
        self.session = session
        self.page_view.set_source(None, None)
        self.set_pages(False)
        if session is not None:
            QTimer.singleShot(0, lambda s=session: self.load_pages(s))

    def load_pages(self, session: ReportSession) -> None:
        if session is not self.session or self.page_view.report is session.report:
            return
        data = original_bytes(session, self.workspace())
        if data is not None:
            self.page_view.set_source(data, session.report)
            self.set_pages(True)

    def focus_text(self) -> None:
        self.setCurrentWidget(self.text_pane)
        self.text_pane.text.setFocus()
