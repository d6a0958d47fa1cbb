"""What the window's parts may ask of the review window, as a Protocol.

gui/main_window.py composes the parts (the verification loop, …); a part is handed the window and types
it with this Protocol instead of importing main_window, so no part and the window import each other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from review.findings import Finding

    from .session import ReportSession


class ReviewWindow(Protocol):
    session: ReportSession | None

    def statusBar(self) -> QStatusBar: ...

    def reveal(self, keys: list[str], finding: Finding | None = None, source: str = "") -> None:
        """Show these cells in every pane (the one reveal path)."""

    def focus_tables(self) -> None:
        """Put the keyboard focus in the current table."""
