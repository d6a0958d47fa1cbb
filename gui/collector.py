"""Python's garbage cycles collected on the GUI thread only.

CPython collects reference cycles in whichever thread happens to allocate past a threshold. When that
is a background thread (the import, the export, the page renderer) and a cycle holds a Qt object that
lives on the GUI thread (a dialog, a model, a signal's closure), the object is destroyed off its
thread and Qt aborts the whole program. So once a program starts background threads, automatic
collection is switched off and a timer on the GUI thread collects instead, generation by generation
with CPython's own thresholds (the pattern of pyqtgraph's GarbageCollector).
"""
from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

INTERVAL_MS = 500  # how often the GUI thread looks at the allocation counts


class GuiThreadCollector(QObject):
    """Collects cycles from the GUI thread's event loop; automatic collection is off while it runs."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.thresholds = gc.get_threshold()
        self.collections = 0  # how many times the timer collected
        self.timer = QTimer(self)
        self.timer.setInterval(INTERVAL_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def stop(self) -> None:
        """Back to automatic collection (the application is quitting)."""
        self.timer.stop()
        gc.collect()
        gc.enable()

    def check(self) -> None:
        """Collect the oldest generation whose count passed its threshold (as CPython would have)."""
        counts = gc.get_count()
        generation = -1
        for g in range(3):
            if self.thresholds[g] and counts[g] > self.thresholds[g]:
                generation = g
        if generation >= 0:
            gc.collect(generation)
            self.collections += 1


def collect_on_gui_thread() -> GuiThreadCollector | None:
    """Make sure garbage is collected on the GUI thread only (idempotent). Call it on the GUI thread before
    starting a background thread; None without an application (no Qt object to protect)."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    if QThread.currentThread() is not app.thread():
        raise RuntimeError("collect_on_gui_thread must be called on the GUI thread")
    collector = app.findChild(GuiThreadCollector)
    if collector is None:
        collector = GuiThreadCollector(app)
        app.aboutToQuit.connect(collector.stop)
    if not collector.timer.isActive():
        collector.start()
    return collector
