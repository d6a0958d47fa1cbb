"""Workspace import benchmark: 1,000 distinct reports into a fresh workspace, and the GUI import's event loop.

Run: .venv/bin/python bench/bench_import.py [-n 1000] [--no-gui]

Reports are generated from the five samples by changing the agency (and, for 2021-format samples,
the year), plus a serial line, so every file has distinct bytes. Prints: import time, re-import time
(all duplicates), time to rebuild every reviewed report, stored JSON reload vs reparse per report,
and (with Qt) the longest event-loop stall while the import dialog's worker thread imports.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "resources" / "samples"
COUNTIES = ("安泽县", "浮山县", "古县", "吉县", "乡宁县", "大宁县", "隰县", "永和县", "蒲县", "汾西县",
            "洪洞县", "襄汾县", "翼城县", "曲沃县", "侯马市", "霍州市", "尧都区", "平遥县", "介休市", "灵石县")
SUFFIXES = ("教育局", "教育科技局", "教育和体育局", "教育和科学技术局", "卫生健康委员会")


def make_reports(folder: Path, n: int) -> list[Path]:
    """Write n report files with distinct bytes, varied from the sample reports."""
    folder.mkdir(parents=True, exist_ok=True)
    samples = []
    for p in sorted(SAMPLES.glob("*.txt")):
        truth = json.loads((SAMPLES / "truth" / (p.stem + ".json")).read_text(encoding="utf-8"))
        samples.append((p.read_text(encoding="utf-8"), truth["agency"], truth["year"], truth["template"]))
    out = []
    for k in range(n):
        text, agency, year, template = samples[k % len(samples)]
        name = COUNTIES[(k // len(samples)) % len(COUNTIES)] + SUFFIXES[(k // (len(samples) * len(COUNTIES))) % 5]
        text = text.replace(agency, name)
        if template == "2021":
            text = text.replace(str(year), str(2021 + (k // 7) % 4))
        text += f"\n（编号 {k:05d}）\n"
        p = folder / f"{k:05d}_{name}.txt"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    return out


def bench_core(files: list[Path], folder: Path, work: Path, workers: int | None = None) -> None:
    from parser.extract import parse_text
    from review.workspace import Workspace, report_from_json

    ws_path = work / "bench.sqlite"
    with Workspace(ws_path) as ws:
        t = time.perf_counter()
        result = ws.import_paths([folder], workers=workers)
        el = time.perf_counter() - t
        print(f"import {len(files)} reports: {el:.2f} s ({el / len(files) * 1000:.1f} ms per report); "
              f"{result.summary()}; file {ws_path.stat().st_size / 1048576:.1f} MB; parse workers: "
              f"{'auto' if workers is None else workers}; load average {os.getloadavg()[0]:.1f}")
        t = time.perf_counter()
        again = ws.import_paths([folder])
        print(f"re-import (all duplicates): {time.perf_counter() - t:.2f} s; {again.summary()}")
        t = time.perf_counter()
        reviewed = ws.reviewed_reports()
        print(f"reviewed_reports() of {len(reviewed)}: {time.perf_counter() - t:.2f} s")
        t = time.perf_counter()
        ws.queue()
        print(f"queue(): {(time.perf_counter() - t) * 1000:.0f} ms")
        rows = ws.store.query("SELECT parsed, text FROM reports LIMIT 200")
    t = time.perf_counter()
    for r in rows:
        report_from_json(r["parsed"], r["text"])
    from_json = (time.perf_counter() - t) / len(rows) * 1000
    t = time.perf_counter()
    for r in rows:
        parse_text(r["text"])
    reparse = (time.perf_counter() - t) / len(rows) * 1000
    print(f"reload one report: stored JSON {from_json:.2f} ms, reparse {reparse:.2f} ms")


def bench_gui(folder: Path, work: Path) -> float:
    """Import through gui.import_dialog's worker thread; return the longest event-loop gap in ms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from gui.import_dialog import ImportDialog
    from review.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    ws = Workspace(work / "gui.sqlite")
    clock, gaps, last = QElapsedTimer(), [], [0]
    clock.start()

    def beat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        last[0] = now

    heartbeat = QTimer(interval=10)
    heartbeat.timeout.connect(beat)
    dialog = ImportDialog(ws, [str(folder)])
    done = []
    dialog.importFinished.connect(done.append)
    dialog.importFinished.connect(lambda _r: app.quit())
    t = time.perf_counter()
    last[0] = clock.elapsed()
    heartbeat.start()
    dialog.start()
    app.exec()
    heartbeat.stop()
    el = time.perf_counter() - t
    ws.close()
    gaps.sort()
    worst = gaps[-1] if gaps else 0
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0
    print(f"GUI import (worker thread): {el:.2f} s, {done[0].summary()}; event loop: {len(gaps)} heartbeats "
          f"every 10 ms, longest gap {worst} ms, 99th percentile {p99} ms, gaps over 100 ms: "
          f"{sum(g > 100 for g in gaps)}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    return worst


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--no-gui", action="store_true")
    ap.add_argument("--gui-only", action="store_true")
    ap.add_argument("--workers", type=int, default=None, help="parse processes (default: one per spare CPU, as the"
                    " import command and the import dialog do)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "reports"
        files = make_reports(folder, args.n)
        if not args.gui_only:
            bench_core(files, folder, work, args.workers)
        if not args.no_gui:
            bench_gui(folder, work)


if __name__ == "__main__":
    main()
