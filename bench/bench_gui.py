"""Review window timings: opening a report (read, parse, check, build and paint every pane), one
edit on table three (re-check plus repaint of the tables, the findings list and the text marks), and
the page view of a PDF input: rendering a page (in the worker thread), a click on a cell's box (reveal
in every pane + repaint), a finding revealed on its page, turning to a rendered page.

Run: .venv/bin/python bench/bench_gui.py     (targets: open < 300 ms, edit < 16 ms, one frame at 60 Hz;
                                              page view's own reactions < 16 ms)
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
sys.path.insert(0, str(ROOT / "tests"))  # pagegen: a PDF printing a report's tables, with the cells' boxes
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


def bench_page_view(window: MainWindow, app, tmp: str, runs: int = 40) -> dict[str, list[float]]:
    from pagegen import boxed_pdf
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtGui import QMouseEvent

    from gui.page_render import PageRenderer
    from parser.extract import load

    report = load(SAMPLES[1])
    pdf = Path(tmp) / "scan.pdf"
    pdf.write_bytes(boxed_pdf(report))
    out: dict[str, list[float]] = {}
    for dpi in (100, 150, 200):
        times = []
        for _ in range(5):
            renderer = PageRenderer()
            renderer.open(pdf.read_bytes())
            renderer.wait_opened()
            start = time.perf_counter()
            renderer.render_now(0, dpi)
            times.append((time.perf_counter() - start) * 1000)
            renderer.close()
        out[f"render an A4 page at {dpi} dpi (worker thread)"] = times
    times = []
    for _ in range(5):  # a scanned page fed sideways, shown upright: the same rendering, transposed
        renderer = PageRenderer()
        renderer.open(pdf.read_bytes(), turns=[1])
        renderer.wait_opened()
        start = time.perf_counter()
        renderer.render_now(0, 200)
        times.append((time.perf_counter() - start) * 1000)
        renderer.close()
    out["render an A4 page fed sideways, shown upright, at 200 dpi (worker thread)"] = times
    session = window.add_report(report, str(pdf))
    view = window.page_view
    while view.page_count == 0 or view._pixmap.pixmap().isNull():
        app.processEvents()
        time.sleep(0.005)
    view.repaint()
    canvas = view.canvas
    keys = ["requests/new_received/natural_person", "requests/granted/total"]
    clicks = []
    for i in range(runs):
        box = session.report.cells[keys[i % 2]].box
        canvas.ensureVisible(box[0], box[1], box[2] - box[0], box[3] - box[1])
        app.processEvents()
        pos = QPointF(canvas.mapFromScene((box[0] + box[2]) / 2, (box[1] + box[3]) / 2))
        start = time.perf_counter()
        for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
            event = QMouseEvent(kind, pos, canvas.viewport().mapToGlobal(pos), Qt.MouseButton.LeftButton,
                                Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
            app.sendEvent(canvas.viewport(), event)
        app.processEvents()  # the panes repaint what changed, as in the running program
        view.canvas.viewport().repaint()
        clicks.append((time.perf_counter() - start) * 1000)
        assert window.tables.selected_keys() == [keys[i % 2]], "the click did not select the cell"
    out["click a box: reveal in every pane + repaint"] = clicks
    own = []
    for i in range(runs):
        start = time.perf_counter()
        view.show_cells([keys[i % 2]], keys)
        view.canvas.viewport().repaint()
        own.append((time.perf_counter() - start) * 1000)
    out["the page view's part of it (boxes restyled + page repainted)"] = own
    reveals = []
    for i in range(runs):
        finding = session.findings[i % len(session.findings)]
        start = time.perf_counter()
        window.reveal_finding(finding)
        view.canvas.viewport().repaint()
        reveals.append((time.perf_counter() - start) * 1000)
    out["reveal a finding (all panes, page outlined)"] = reveals
    turns = []
    for _ in range(runs):
        start = time.perf_counter()
        view.go_to(2 if view.page == 1 else 1)
        app.processEvents()
        view.canvas.viewport().repaint()
        turns.append((time.perf_counter() - start) * 1000)
    out["turn to a page rendered before (cache)"] = turns
    window.close_current()

    from parser.model import UNCERTAIN

    report = load(SAMPLES[1])
    pdf.write_bytes(boxed_pdf(report))
    unsure = [k for k in report.cells if k.startswith(("requests/", "appeals/"))][:runs]
    for key in unsure:
        report.cells[key].status = report.cells[key].parsed_status = UNCERTAIN
    window.add_report(report, str(pdf))
    view.settle()
    loop = window.verification
    loop.start()
    steps = []
    for _ in range(len(unsure) - 1):
        start = time.perf_counter()
        loop.enter()  # Enter: confirm, re-check, reveal the next cell, cut its snippet
        app.processEvents()
        steps.append((time.perf_counter() - start) * 1000)
    assert sum(report.cells[k].status != UNCERTAIN for k in unsure) == len(unsure) - 1
    out["verification: Enter → next uncertain cell shown (incl. its snippet)"] = steps
    loop.stop()
    window.close_current()
    return out


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
        pages = bench_page_view(window, app, tmp)
        for label, t in pages.items():
            print(f"{label}: median {statistics.median(t):.1f} ms, max {max(t):.1f} ms (n={len(t)})")
        reactions = [statistics.median(t) for label, t in pages.items() if "part" in label or "turn" in label]
        worst_open = max(opened.values())
        ok = worst_open < 300 and statistics.median(edits) < 16 and max(reactions) < 16
        print(f"targets (open < 300 ms, edit < 16 ms, page view's own reactions < 16 ms): {'met' if ok else 'NOT met'}")
        window.close()


if __name__ == "__main__":
    main()
