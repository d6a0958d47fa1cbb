"""A province's year: import, export, queue and window on a workspace of 10,000 reports (bench/province.py).

Run: .venv/bin/python bench/bench_province.py /tmp/province [-n 10000] [--only export,open,import,queue,window]
     .venv/bin/python bench/bench_province.py /tmp/province --reuse --only export,open   # no generation

Each measurement runs in a fresh process and reports its wall time, CPU time (its worker processes
included) and peak resident memory (getrusage), so one step's memory is not counted in another's; the
load average is printed beside them (wall time on a shared machine is not the work). Targets (issue 15):
  export of 10,000 ≤ 150 s and ≤ 1 GB; the summary workbook opens with openpyxl / pandas ≤ 10 s;
  import of 10,000 ≤ 40 s; queue filter/search ≤ 50 ms; the window opens on the workspace ≤ 1 s, ≤ 500 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STEPS = ("export", "open", "import", "queue", "window")


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


def child_peak_mb() -> float:
    """The largest peak resident memory of a finished worker process."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (on a shared machine, wall time is not the work)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def step_export(folder: Path) -> dict:
    from review.export import WorkspaceSource, export_archive
    from review.export.source import roster_regions
    from review.workspace import Workspace

    out = folder / "export" / "省年报.xlsx"
    out.parent.mkdir(exist_ok=True)
    t, c = time.perf_counter(), cpu_seconds()
    with Workspace(folder / "workspace.sqlite") as ws:
        result = export_archive(WorkspaceSource(ws, roster_regions(ws)), out, workers=None)
    took = time.perf_counter() - t
    volumes = [out.parent / v for v in result.volumes]
    own = resource.getrusage(resource.RUSAGE_SELF)
    return {"seconds": took, "cpu": cpu_seconds() - c, "parent_cpu": own.ru_utime + own.ru_stime,
            "peak_mb": peak_mb(), "worker_peak_mb": child_peak_mb(), "reports": result.reports,
            "volumes": len(volumes),
            "summary_mb": out.stat().st_size / 1e6, "volumes_mb": sum(v.stat().st_size for v in volumes) / 1e6,
            "largest_volume_mb": max((v.stat().st_size for v in volumes), default=0) / 1e6}


def step_open(folder: Path) -> dict:
    import openpyxl
    import pandas as pd

    from review.export import SUMMARY

    summary = folder / "export" / "省年报.xlsx"
    t, c = time.perf_counter(), cpu_seconds()
    wb = openpyxl.load_workbook(summary, read_only=True)
    rows = sum(1 for _ in wb[SUMMARY].iter_rows(values_only=True)) - 2
    openpyxl_s, openpyxl_cpu = time.perf_counter() - t, cpu_seconds() - c
    t, c = time.perf_counter(), cpu_seconds()
    for ws in wb.worksheets:  # every sheet: the lists too
        for _ in ws.iter_rows(values_only=True):
            pass
    all_s, all_cpu = openpyxl_s + time.perf_counter() - t, openpyxl_cpu + cpu_seconds() - c
    del wb
    t, c = time.perf_counter(), cpu_seconds()
    frame = pd.read_excel(summary, sheet_name=SUMMARY, header=1)
    pandas_s, pandas_cpu = time.perf_counter() - t, cpu_seconds() - c
    t, c = time.perf_counter(), cpu_seconds()
    fast = pd.read_excel(summary, sheet_name=SUMMARY, header=1, engine="calamine")
    calamine_s, calamine_cpu = time.perf_counter() - t, cpu_seconds() - c
    return {"openpyxl_seconds": openpyxl_s, "openpyxl_cpu": openpyxl_cpu, "all_seconds": all_s, "all_cpu": all_cpu,
            "pandas_seconds": pandas_s, "pandas_cpu": pandas_cpu,
            "calamine_seconds": calamine_s, "calamine_cpu": calamine_cpu, "rows": rows,
            "pandas_rows": len(frame), "calamine_rows": len(fast), "peak_mb": peak_mb()}


def step_import(folder: Path) -> dict:
    from review.workspace import Workspace

    with tempfile.TemporaryDirectory(dir=folder) as tmp:
        t = time.perf_counter()
        with Workspace(Path(tmp) / "import.sqlite") as ws:
            result = ws.import_paths([folder / "reports"], workers=None)
        took = time.perf_counter() - t
    return {"seconds": took, "cpu": cpu_seconds(), "peak_mb": peak_mb(), "summary": result.summary()}


def step_queue(folder: Path) -> dict:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from gui.batch_queue import BatchQueue
    from review.workspace import Workspace

    app = QApplication.instance() or QApplication([])
    with Workspace(folder / "workspace.sqlite") as ws:
        t = time.perf_counter()
        queue = BatchQueue(ws)
        queue.resize(800, 600)
        queue.show()
        app.processEvents()
        load_ms = (time.perf_counter() - t) * 1000
        timings, cpu = {}, {}

        def timed(label: str, action) -> None:  # noqa: ANN001
            t, c = time.perf_counter(), time.process_time()
            action()
            app.processEvents()
            timings[label], cpu[label] = (time.perf_counter() - t) * 1000, (time.process_time() - c) * 1000

        for label, text in (("search 安泽县", "安泽县"), ("search 教育", "教育"), ("search none", "不存在的机关"),
                            ("clear", "")):
            timed(label, lambda text=text: queue.search.setText(text))
        timed("status filter", lambda: queue.status_filter.setCurrentIndex(1))
        order = queue.table.horizontalHeader().sortIndicatorOrder()
        timed("sort by agency", lambda: queue.table.sortByColumn(0, order))
        shown = queue.proxy.rowCount()
        queue.close()
    return {"load_ms": load_ms, "ms": timings, "cpu_ms": cpu, "rows": queue.model.rowCount(), "shown": shown,
            "peak_mb": peak_mb()}


def step_window(folder: Path) -> dict:
    """The review window as `main.py --workspace X` opens it, from before its first import to its first paint
    (a Paint event of the window), in a fresh process: wall and CPU time, peak memory, and whether the
    year's libraries (pandas, matplotlib, python-docx) stayed unloaded."""
    start, start_cpu = time.perf_counter(), time.process_time()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from argparse import Namespace

    from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSettings

    from gui.app import application, open_window

    class FirstPaint(QObject):
        at: float | None = None
        cpu = 0.0

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and self.at is None:
                self.at, self.cpu = time.perf_counter(), time.process_time()
            return False

    app = application()
    with tempfile.TemporaryDirectory() as tmp:
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, tmp)
        QCoreApplication.setOrganizationName("bench")
        painted = FirstPaint()
        app.installEventFilter(painted)  # the window's widgets paint after it is shown and the queue loaded
        t = time.perf_counter()
        window = open_window(Namespace(workspace=str(folder / "workspace.sqlite"), paths=[], demo=False))
        window.setProperty("headless", True)
        opened = time.perf_counter() - t
        while painted.at is None and time.perf_counter() - t < 30:
            app.processEvents()
        first_paint, cpu = (painted.at or time.perf_counter()) - start, painted.cpu - start_cpu
        heavy = [m for m in ("pandas", "matplotlib", "docx") if m in sys.modules]
        if window.workspace_binding is not None:
            window.workspace_binding.close()
        window.close()
    return {"seconds": first_paint, "cpu": cpu, "open_seconds": opened, "peak_mb": peak_mb(), "loaded": heavy}


def run_step(step: str, folder: Path) -> dict:
    """Run one step in a fresh process; its JSON result."""
    out = subprocess.run([sys.executable, __file__, str(folder), "--step", step], capture_output=True, text=True,
                         cwd=ROOT)
    if out.returncode != 0:
        return {"failed": out.stderr.strip().splitlines()[-1:] or [f"exit {out.returncode}"]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--only", default=",".join(STEPS))
    ap.add_argument("--reuse", action="store_true",
                    help="measure the workspace already in the folder as it is (no generation, no check of -n)")
    ap.add_argument("--step", help=argparse.SUPPRESS)
    args = ap.parse_args()
    folder = Path(args.folder)
    if args.step:
        print(json.dumps(globals()[f"step_{args.step}"](folder), ensure_ascii=False))
        return
    if args.reuse:
        if not (folder / "workspace.sqlite").is_file():
            sys.exit(f"no workspace in {folder}: run once without --reuse to generate it")
    else:
        from province import build

        build(folder, args.n)
    print(f"workspace: {folder / 'workspace.sqlite'}; {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    for step in args.only.split(","):
        r = run_step(step, folder)
        if "failed" in r:
            print(f"{step}: FAILED {r['failed']}")
        elif step == "export":
            ok = r["seconds"] <= 150 and r["peak_mb"] + 2 * r["worker_peak_mb"] <= 1024
            print(f"export: {r['seconds']:.1f} s (CPU {r['cpu']:.1f} s, of which the exporting process "
                  f"{r['parent_cpu']:.1f} s), peak RSS {r['peak_mb']:.0f} MB + workers ≤ {r['worker_peak_mb']:.0f} MB "
                  f"each; load average {os.getloadavg()[0]:.1f}; "
                  f"{r['reports']} reports, summary "
                  f"{r['summary_mb']:.1f} MB, {r['volumes']} volumes {r['volumes_mb']:.1f} MB (largest "
                  f"{r['largest_volume_mb']:.1f} MB); target ≤ 150 s, ≤ 1 GB: {'OK' if ok else 'MISSED'}")
        elif step == "open":
            ok = min(r["openpyxl_seconds"], r["calamine_seconds"]) <= 10
            print(f"summary workbook opens: 汇总 read by openpyxl (load_workbook read_only=True, every row) "
                  f"{r['openpyxl_seconds']:.1f} s (CPU {r['openpyxl_cpu']:.1f} s), all its sheets "
                  f"{r['all_seconds']:.1f} s (CPU {r['all_cpu']:.1f} s); pandas"
                  f" {r['pandas_seconds']:.1f} s (CPU {r['pandas_cpu']:.1f} s), pandas engine=calamine "
                  f"{r['calamine_seconds']:.1f} s (CPU {r['calamine_cpu']:.1f} s), {r['pandas_rows']} rows, peak RSS "
                  f"{r['peak_mb']:.0f} MB; target ≤ 10 s: {'OK' if ok else 'MISSED'}")
        elif step == "import":
            print(f"import: {r['seconds']:.1f} s (CPU {r['cpu']:.1f} s, parse workers included), peak RSS "
                  f"{r['peak_mb']:.0f} MB; {r['summary']}; target ≤ 40 s: "
                  f"{'OK' if r['seconds'] <= 40 else 'MISSED'}")
        elif step == "queue":
            worst = max(r["ms"].values())
            detail = ", ".join(f"{k} {v:.0f} ms (CPU {r['cpu_ms'][k]:.0f})" for k, v in r["ms"].items())
            print(f"queue of {r['rows']}: loaded in {r['load_ms']:.0f} ms; {detail}; load average "
                  f"{os.getloadavg()[0]:.1f}; target ≤ 50 ms: "
                  f"{'OK' if worst <= 50 else 'MISSED'}")
        elif step == "window":
            ok = r["seconds"] <= 1 and r["peak_mb"] <= 500
            print(f"window on the workspace: first paint {r['seconds']:.2f} s after the first import (CPU "
                  f"{r['cpu']:.2f} s; open_window {r['open_seconds']:.2f} s), peak RSS {r['peak_mb']:.0f} MB, "
                  f"loaded: {', '.join(r['loaded']) or 'no pandas, matplotlib or docx'}; load average "
                  f"{os.getloadavg()[0]:.1f}; target ≤ 1 s, ≤ 500 MB: {'OK' if ok else 'MISSED'}")
        sys.stdout.flush()
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
