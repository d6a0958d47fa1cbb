"""The office's year at province scale: `status` of a 10,000-report workspace (target ≤ 1 s), the
overview figures (≤ 1 s) and the bulletin for about 2,000 agencies (≤ 10 s).

    .venv/bin/python bench/bench_year.py                      # a cloned 10,000-report workspace in /tmp
    .venv/bin/python bench/bench_year.py --province /tmp/province   # bench/province.py's full build

By default the workspace is made quickly: one real import per layout of bench/province.py, then one row
per planned report (its agency as printed, its year, distinct bytes) cloned from the import of its
layout, with about every 20th report signed off and every 20th returned. `status`, the overview and the
bulletin read only the rows' cached summaries, so the clone measures them as a parsed workspace would.
"""
from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import province  # noqa: E402

from review.office.roster import read_roster  # noqa: E402
from review.workspace import Workspace  # noqa: E402


def cloned(folder: Path, n: int) -> Path:
    ws_path = folder / f"cloned-{n}.sqlite"
    if ws_path.is_file():
        return ws_path
    folder.mkdir(parents=True, exist_ok=True)
    roster, planned = province.plan(n)
    province.write_roster(folder / "roster.csv", roster)
    pool = province.layouts()
    by_format = {t: [lay for lay in pool if lay.template == t] for t in ("2019", "2021")}
    tmp = ws_path.with_suffix(".part")
    for p in folder.glob(tmp.name + "*"):
        p.unlink()
    seeds = folder / "seeds"
    seeds.mkdir(exist_ok=True)
    with Workspace(tmp) as ws:
        ws.office.set_roster(read_roster(folder / "roster.csv"), "基准")
        seed_of: dict[str, int] = {}
        for lay in pool:
            p = seeds / lay.name
            p.write_text(lay.text, encoding="utf-8")
            seed_of[lay.name], _ = ws.import_file(p)
        rows = []
        for k, (agency, year) in enumerate(planned):
            lay = province._pick(by_format["2019" if year <= 2020 else "2021"], agency.name)
            printed = agency.alias if agency.alias and k % 17 == 5 else agency.name
            status = {1: "已签发", 2: "已退回"}.get(int(hashlib.sha256(str(k).encode()).hexdigest()[:6], 16) % 20)
            rows.append((hashlib.sha256(f"{k}:{printed}:{year}".encode()).hexdigest(), f"{k:05d}.txt", printed, year,
                         status, seed_of[lay.name]))
        with ws.store.transaction() as tx:
            tx.execute("UPDATE reports SET removed_at = '2025-01-01T00:00:00+00:00'")  # the seeds themselves
            tx.executemany(
                "INSERT INTO reports (sha256, file_name, origin, data, imported_at, agency, year, template, text,"
                " parsed, file_format, status, open_errors, open_warnings, figures)"
                " SELECT ?, ?, origin, data, imported_at, ?, ?, template, text, parsed, file_format,"
                " coalesce(?, status), open_errors, open_warnings, figures FROM reports WHERE id = ?", rows)
    tmp.rename(ws_path)
    for suffix in ("-wal", "-shm", ".lock"):
        Path(str(tmp) + suffix).unlink(missing_ok=True)
    return ws_path


def window_figures(ws_path: Path) -> None:
    """The year's window on the workspace (offscreen): status table, overview figures and three charts."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    t = time.perf_counter()
    from gui.year_window import YearWindow

    imports = time.perf_counter() - t
    with Workspace(ws_path) as ws:
        for tab, what in ((0, "the status tab (status table, filters)"),
                          (1, "the overview tab open (status, figures, 3 charts)")):
            t, cpu = time.perf_counter(), time.process_time()
            window = YearWindow(ws)
            window.tabs.setCurrentIndex(tab)  # the overview is computed and drawn when its tab is shown
            window.show()
            app.processEvents()
            opened, cpu = time.perf_counter() - t, time.process_time() - cpu
            window.close()
            print(f"year window with {what}: {opened:6.3f} s wall, {cpu:6.3f} s CPU  (target ≤ 1 s)")
    print(f"(first import of matplotlib's Qt backend and the window modules {imports:.2f} s more)")


SEARCHES = ("教育", "乌苏", "依申请公开", "不予公開", "行政复议", "表三", "小店区", "勾稽", "未收到", "没有这个词",
            "GB/T")


def search_figures(ws_path: Path) -> None:
    """Whole-workspace search (the year window's 搜索全部报告): the index built at the first query, then
    each query (target ≤ 50 ms)."""
    import statistics

    from review.rules import CATALOGUE

    descriptions = {r.id: r.description for r in CATALOGUE}
    with Workspace(ws_path) as ws:
        t, c = time.perf_counter(), time.process_time()
        ws.office.search("预热", descriptions)
        build, build_cpu = time.perf_counter() - t, time.process_time() - c
        ws.office.search("gb", descriptions)  # the lower-cased copy for Latin letters, built once too
        walls, cpus, counts = [], [], []
        for q in SEARCHES:
            t, c = time.perf_counter(), time.process_time()
            counts.append(len(ws.office.search(q, descriptions)))
            walls.append(time.perf_counter() - t)
            cpus.append(time.process_time() - c)
    print(f"search index built at the first query: {build:6.3f} s wall, {build_cpu:6.3f} s CPU")
    print(f"search, {len(SEARCHES)} queries ({min(counts)}–{max(counts)} hits): median "
          f"{statistics.median(walls) * 1000:5.1f} ms wall, {statistics.median(cpus) * 1000:5.1f} ms CPU; "
          f"slowest {max(walls) * 1000:5.1f} ms wall, {max(cpus) * 1000:5.1f} ms CPU  (target ≤ 50 ms)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--province", help="a bench/province.py folder (built if missing) instead of the clone")
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--folder", default="/tmp/bench_year")
    args = ap.parse_args()
    t = time.perf_counter()
    if args.province:
        ws_path = province.build(args.province, args.n)
        with Workspace(ws_path) as ws:
            if not ws.office.roster():
                ws.office.set_roster(read_roster(Path(args.province) / "roster.csv"), "基准")
    else:
        ws_path = cloned(Path(args.folder), args.n)
    print(f"workspace {ws_path} ready in {time.perf_counter() - t:.1f} s")
    Path(args.folder).mkdir(parents=True, exist_ok=True)  # the bulletin's folder (--province builds elsewhere)

    from review.office.bulletin import write_bulletin
    from review.office.overview import overview

    with Workspace(ws_path) as ws:
        ws.replay.refresh_stale()
        reports = len(ws.office.report_frame())
        t, c = time.perf_counter(), time.process_time()
        status = ws.office.year_status()
        t_status, c_status = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        ov = overview(ws.office)
        t_overview, c_overview = time.perf_counter() - t, time.process_time() - c
        t, c = time.perf_counter(), time.process_time()
        out = write_bulletin(ov, Path(args.folder) / "bulletin.docx")
        t_bulletin, c_bulletin = time.perf_counter() - t, time.process_time() - c
    print(f"{reports} reports, roster of {len(status.agencies)} agencies, year {status.year}: "
          f"{status.counts()}")
    print("(wall clock, then CPU time of this process: on a shared machine the CPU time is the steadier figure)")
    print(f"status (in process, workspace open): {t_status:6.3f} s wall, {c_status:6.3f} s CPU  (target ≤ 1 s)")
    print(f"overview figures (in process):       {t_overview:6.3f} s wall, {c_overview:6.3f} s CPU  (target ≤ 1 s)")
    print(f"bulletin for {len(ov.status.agencies)} agencies (charts, tables):  {t_bulletin:6.3f} s wall, "
          f"{c_bulletin:6.3f} s CPU  (target ≤ 10 s)  → {out}")
    search_figures(ws_path)
    window_figures(ws_path)
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    run = subprocess.run([sys.executable, str(ROOT / "main.py"), "status", "--workspace", str(ws_path), "--json"],
                         capture_output=True, cwd=ROOT)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    print(f"`main.py status --json` (whole command, Python start-up and imports included): {wall:6.3f} s wall, "
          f"{cpu:6.3f} s CPU  exit {run.returncode}, {len(run.stdout) // 1024} KiB")


if __name__ == "__main__":
    main()
