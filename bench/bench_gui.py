"""Review window timings: opening a report (read, parse, check, build and paint every pane) and one
edit on table three (re-check plus repaint of the tables, the findings list and the text marks).

Run: .venv/bin/python bench/bench_gui.py     (targets: open < 300 ms, edit < 16 ms, one frame at 60 Hz)
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QSettings  # noqa: E402

from gui.app import application  # noqa: E402
from gui.main_window import MainWindow  # noqa: E402

SAMPLES = sorted((ROOT / "resources" / "samples").glob("*.txt"))
EDITED = "requests/unable.not_held/natural_person"


def paint(window: MainWindow) -> None:
    """Paint synchronously what an edit changes: the table, the findings list, the text, the status."""
    view = window.tables.current_view()
    if view is not None:
        view.viewport().repaint()
    window.findings_pane.view.viewport().repaint()
    window.findings_pane.repaint()
    window.text_pane.text.viewport().repaint()
    window.statusBar().repaint()


def bench_open(window: MainWindow, app, runs: int = 15) -> dict[str, float]:
    out = {}
    for path in SAMPLES:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            window.open_paths([str(path)])
            app.processEvents()
            paint(window)
            times.append((time.perf_counter() - start) * 1000)
            window.close_current()
            app.processEvents()
        out[path.name] = statistics.median(times)
    return out


def bench_edit(window: MainWindow, app, runs: int = 60) -> list[float]:
    (session,) = window.open_paths([str(SAMPLES[2])])
    view = window.tables.views["requests"]
    window.tables.setCurrentWidget(view)
    index = view.report_model.index_of(EDITED)
    app.processEvents()
    paint(window)
    paints = PaintCounter(view.viewport())
    times, full = [], []
    for i in range(runs):
        before = paints.count
        start = time.perf_counter()
        view.report_model.setData(index, str(2 * i % 5))  # pushes the undo command → rules re-run
        app.processEvents()  # the views repaint what changed, as in the running program
        times.append((time.perf_counter() - start) * 1000)
        assert paints.count > before, "the table was not repainted"
        start = time.perf_counter()
        view.report_model.setData(index, str((2 * i + 1) % 5))
        paint(window)  # worst case: every visible cell, the findings list and the text repainted
        full.append((time.perf_counter() - start) * 1000)
    assert session.undo_stack.count() == 2 * runs  # every edit was a real change
    return times, full


class PaintCounter(QObject):
    def __init__(self, widget) -> None:  # noqa: ANN001
        super().__init__(widget)
        self.count = 0
        widget.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: ANN001
        if event.type() == QEvent.Type.Paint:
            self.count += 1
        return False


def main() -> None:
    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        window = MainWindow(QSettings(str(Path(tmp) / "bench.ini"), QSettings.Format.IniFormat))
        window.setProperty("headless", True)
        window.resize(1366, 768)
        window.show()
        app.processEvents()
        window.open_paths([str(SAMPLES[0])])  # warm caches (template, OpenCC, rules, fonts)
        window.close_current()
        opened = bench_open(window, app)
        print(f"{'open report (read, parse, check, build, paint)':<52}{'median ms':>10}")
        for name, ms in opened.items():
            print(f"  {name:<50}{ms:>10.1f}")
        edits, full = bench_edit(window, app)
        for label, t in (
            ("edit one cell of table three, re-check + repaint", edits),
            ("same, forcing a repaint of every visible pane", full),
        ):
            print(
                f"{label}: median {statistics.median(t):.1f} ms, p90 {sorted(t)[int(len(t) * 0.9)]:.1f} ms, "
                f"max {max(t):.1f} ms (n={len(t)})"
            )
        worst_open = max(opened.values())
        ok = worst_open < 300 and statistics.median(edits) < 16
        print(f"targets (open < 300 ms, edit < 16 ms): {'met' if ok else 'NOT met'}")
        window.close()


if __name__ == "__main__":
    main()
