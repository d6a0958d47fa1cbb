"""What the review window remembers between runs (QSettings): geometry, docks, splitter sizes, recent files."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

MAX_RECENT = 10


class WindowSettings:
    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def recent_files(self) -> list[str]:
        value = self.settings.value("recent_files", [])
        return [value] if isinstance(value, str) else list(value or [])

    def remember(self, path: str) -> None:
        """Put a file at the top of the recent list (absolute path, no duplicates, at most MAX_RECENT)."""
        path = str(Path(path).resolve())
        recent = [path] + [p for p in self.recent_files() if p != path]
        self.settings.setValue("recent_files", recent[:MAX_RECENT])

    def restore(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
        """Restore the stored layout; False when nothing is stored yet (first run)."""
        stored = self.settings.value("geometry") is not None
        for key, restore in (
            ("geometry", window.restoreGeometry),
            ("window_state", window.restoreState),
            *((name, s.restoreState) for name, s in splitters.items()),
        ):
            value = self.settings.value(key)
            if isinstance(value, QByteArray):
                restore(value)
        return stored

    def save(self, window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
        self.settings.setValue("geometry", window.saveGeometry())
        self.settings.setValue("window_state", window.saveState())
        for name, s in splitters.items():
            self.settings.setValue(name, s.saveState())
        self.settings.sync()
