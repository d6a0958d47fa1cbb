"""Workspace import benchmark: distinct reports into a fresh workspace, and the GUI import's event loop.

Run: .venv/bin/python bench/bench_import.py [-n 1000] [--province] [--no-gui] [--stages N] [--scans N]

    .venv/bin/python bench/bench_import.py -n 10000 --province --no-gui    # issue 15: ≤ 40 s on 2 cores
    .venv/bin/python bench/bench_import.py -n 20 --gui-only                # a small import in the window
    .venv/bin/python bench/bench_import.py --scans 20                      # issue 10: 20 scans, OCR in workers

With --scans N the files are N scanned reports instead (tests/scangen.py: the samples drawn in the
official layout, each with one kind of damage, as image-only PDF, multi-page TIFF or a photo's pages as
JPEG in a PDF), imported in the window only; the event loop must never stall 100 ms or more.

Reports are generated from the five samples by changing the agency (and, for 2021-format samples,
the year), plus a serial line, so every file has distinct bytes; with --province, a province's years
(bench/province.py: about 2,000 agencies × 2020–2024, layouts from the samples and fixtures). Prints:
import wall and CPU time (this process and the worker processes apart) with the load average, re-import
time (all duplicates), time to rebuild every reviewed report, stored JSON reload vs reparse per report,
the CPU time of each stage of one report's import measured on the first --stages files, and (with Qt)
the longest event-loop stall while the import dialog's worker thread imports.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import pickle
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

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


def make_scans(folder: Path, n: int) -> list[Path]:
    """Write n scanned reports with distinct bytes: the samples' truths, one kind of damage each (seeded by
    the file's number), alternately an image-only PDF and a multi-page TIFF."""
    sys.path.insert(0, str(ROOT / "tests"))
    import scangen

    folder.mkdir(parents=True, exist_ok=True)
    truths = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((SAMPLES / "truth").glob("*.json"))]
    kinds = ["office", "stamp", "skew", "blur", "speckle", "jpeg", "photo", "clean"]
    out = []
    for k in range(n):
        truth, kind = truths[k % len(truths)], kinds[k % len(kinds)]
        pages = scangen.damaged(scangen.report_pages(truth), kind, seed=k)
        p = folder / f"{k:03d}_{truth['agency']}_{kind}.{'tif' if k % 2 else 'pdf'}"
        p.write_bytes(scangen.to_tiff(pages) if k % 2 else scangen.to_pdf(pages))
        out.append(p)
    return out


def cpu() -> tuple[float, float]:
    """CPU seconds of this process and of its finished child processes (the import's workers)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def bench_core(files: list[Path], folder: Path, work: Path, workers: int | None = None) -> None:
    from parser.extract import parse_text
    from review.workspace import Workspace, report_from_json

    ws_path = work / "bench.sqlite"
    with Workspace(ws_path) as ws:
        load = os.getloadavg()[0]
        t, (own, children) = time.perf_counter(), cpu()
        result = ws.import_paths([folder], workers=workers)
        el = time.perf_counter() - t
        own, children = cpu()[0] - own, cpu()[1] - children
        print(f"import {len(files)} reports: {el:.2f} s wall ({el / len(files) * 1000:.2f} ms per report), CPU "
              f"{own + children:.1f} s = importing process {own:.1f} s + read workers {children:.1f} s; "
              f"{result.summary()}; file {ws_path.stat().st_size / 1048576:.1f} MB; workers: "
              f"{'auto' if workers is None else workers} on {os.cpu_count()} CPUs; load average {load:.1f} before, "
              f"{os.getloadavg()[0]:.1f} after")
        sys.stdout.flush()
        t = time.perf_counter()
        again = ws.import_paths([folder])
        print(f"re-import (all duplicates): {time.perf_counter() - t:.2f} s; {again.summary()}")
        if len(files) <= 2000:  # every report rebuilt in one process: a minute for a province, not the import
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


def bench_stages(files: list[Path]) -> None:
    """CPU time of each stage of one report's import, in one process, on these files (in order, so that
    last year's report is there as in an import of a province's folder)."""
    from parser.extract import parse_bytes
    from review.rules import check
    from review.state import ReviewedReport
    from review.workspace import Workspace
    from review.workspace.codec import report_to_json
    from review.workspace.reading import ReadFile, read_file

    stages: dict[str, float] = {}

    def timed(stage: str, fn, *args, **kwargs):
        t = time.process_time()
        out = fn(*args, **kwargs)
        stages[stage] = stages.get(stage, 0.0) + time.process_time() - t
        return out

    latest: dict[tuple[str, int], ReadFile] = {}
    rows = []
    with tempfile.TemporaryDirectory() as tmp, Workspace(Path(tmp) / "stages.sqlite") as ws:
        key_of = ws.replay.agency_key
        for f in files:
            data = timed("read file", f.read_bytes)
            sha = timed("SHA-256", _sha256, data)
            report = timed("worker: parse", parse_bytes, data, f.name)
            own = timed("worker: rules (all but years.*)", check, report, None, previous_searched=True, years=False)
            timed("worker: report → JSON", report_to_json, report)
            read = read_file(data, f.name, True)
            blob = timed("worker: send result (pickle)", pickle.dumps, read)
            read = timed("importer: receive result (unpickle)", pickle.loads, blob)
            key = timed("importer: identity key (fold, roster)", key_of, read.agency)
            view = timed("importer: light view of the report", read.view)
            prev = latest.get((key, read.year - 1)) if key and read.year else None
            prev_view = prev.view() if prev is not None else None
            years = timed("importer: years.* rules", check, view, prev_view, previous_searched=True, years=True)
            summary = timed("importer: queue summary", _summary, ReviewedReport(view, own + years))
            latest[(key, read.year)] = read
            rows.append((sha, f.name, data, read, summary))
        t = time.process_time()
        with ws.store.transaction() as tx:
            for sha, name, data, read, summary in rows:
                rid = tx.insert("INSERT INTO reports (sha256, file_name, origin, data, imported_at, agency, year,"
                                " template, text, parsed, file_format, status, open_errors, open_warnings, figures)"
                                " VALUES (?, ?, ?, ?, '', ?, ?, ?, ?, ?, 'TXT', ?, ?, ?, ?)",
                                (sha, name, name, data, read.agency, read.year, read.template, read.text,
                                 read.parsed, *summary))
                tx.execute("INSERT INTO journal (report_id, kind, time) VALUES (?, 'import', '')", (rid,))
        stages["importer: SQLite writes (one transaction)"] = time.process_time() - t
    n = len(files)
    print(f"CPU per report by stage ({n} reports, one process; load average {os.getloadavg()[0]:.1f}):")
    for side in ("", "worker", "importer"):
        part = {k: v for k, v in stages.items() if k.split(":")[0] == side or (not side and ":" not in k)}
        for k, v in part.items():
            print(f"  {k:45s} {v / n * 1000:6.3f} ms")
        if side:
            print(f"  {side + ' total':45s} {sum(part.values()) / n * 1000:6.3f} ms")


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _summary(reviewed) -> tuple:
    from review.figures import figures_json

    return (reviewed.status, *reviewed.counts().values(), figures_json(reviewed))


def bench_gui(folder: Path, work: Path) -> float:
    """Import through gui.import_dialog's worker thread; return the longest event-loop gap in ms."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from gui.import_dialog import ImportDialog
    from review.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    ws = Workspace(work / "gui.sqlite")
    clock, gaps, last, at = QElapsedTimer(), [], [0], []
    clock.start()

    def beat() -> None:
        now = clock.elapsed()
        gaps.append(now - last[0])
        at.append(now)
        last[0] = now

    heartbeat = QTimer(interval=10)
    heartbeat.timeout.connect(beat)
    dialog = ImportDialog(ws, [str(folder)])
    done = []
    dialog.importFinished.connect(done.append)
    dialog.importFinished.connect(lambda _r: app.quit())
    load = os.getloadavg()[0]
    t, (own, children) = time.perf_counter(), cpu()
    last[0] = clock.elapsed()
    heartbeat.start()
    dialog.start()
    app.exec()
    heartbeat.stop()
    el = time.perf_counter() - t
    own, children = cpu()[0] - own, cpu()[1] - children
    ws.close()
    start = at[0] - gaps[0] if at else 0
    longest = sorted(zip(gaps, at, strict=True), reverse=True)[:5]
    gaps.sort()
    worst = gaps[-1] if gaps else 0
    p99 = gaps[int(len(gaps) * 0.99)] if gaps else 0
    print(f"GUI import (worker thread): {el:.2f} s wall, CPU {own:.2f} s window process (event loop and import "
          f"thread) + {children:.2f} s read workers; {done[0].summary()}; event loop: {len(gaps)} heartbeats "
          f"every 10 ms, longest gap {worst} ms, 99th percentile {p99} ms, gaps over 100 ms: "
          f"{sum(g > 100 for g in gaps)}; load average {load:.1f} before, {os.getloadavg()[0]:.1f} after on "
          f"{os.cpu_count()} CPUs")
    print("  longest gaps (ms, ending at s after the start): " + ", ".join(f"{g} at {(t - start) / 1000:.1f}"
                                                                        for g, t in longest))
    return worst


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--no-gui", action="store_true")
    ap.add_argument("--gui-only", action="store_true")
    ap.add_argument("--workers", type=int, default=None, help="parse processes (default: one per spare CPU, as the"
                    " import command and the import dialog do)")
    ap.add_argument("--province", action="store_true", help="a province's reports (bench/province.py)")
    ap.add_argument("--stages", type=int, default=300, metavar="N", help="CPU per stage on the first N files (0: no)")
    ap.add_argument("--scans", type=int, default=0, metavar="N", help="N scanned reports instead, imported in the"
                    " window only (OCR)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "reports"
        if args.scans:
            t = time.perf_counter()
            files = make_scans(folder, args.scans)
            print(f"{len(files)} scans drawn in {time.perf_counter() - t:.1f} s")
            bench_gui(folder, work)
            return
        if args.province:
            from province import make_reports as province_reports

            files = province_reports(folder, args.n)
        else:
            files = make_reports(folder, args.n)
        if not args.gui_only:
            bench_core(files, folder, work, args.workers)
            if args.stages:
                bench_stages(files[:args.stages])
        if not args.no_gui:
            bench_gui(folder, work)


if __name__ == "__main__":
    main()
