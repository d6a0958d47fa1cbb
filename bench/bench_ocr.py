"""OCR of scans: time per page and per report (OCR + parse + check), peak memory, and accuracy over a set of
generated test scans (tests/scangen.py: the samples and reports full of numbers from the test corpus, in the
official layout, both format versions, each with one kind of damage).

Run: .venv/bin/python bench/bench_ocr.py [--reports N] [--kinds photo,steep,lightdesk,turned,landscape]
Prints: the engine's loading time, then per-page median and max, per-report time for 3-page reports (wall
clock and CPU time of all the process's threads, the engine loaded), the load average, peak RSS, cells
right %, the count of wrong values not marked uncertain (must be 0), uncertain cells, and accuracy per kind
of damage. Wall times depend on the machine's load: run it on an otherwise idle machine (2 cores).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import scangen  # noqa: E402

from parser.extract import parse_bytes  # noqa: E402
from parser.model import UNCERTAIN  # noqa: E402
from parser.ocr import engine, scan  # noqa: E402
from parser.reader import ReadError  # noqa: E402
from review.rules import check  # noqa: E402

KINDS = ["office", "stamp", "skew", "blur", "speckle", "jpeg", "photo", "clean", "turned"]


def truths(n: int) -> list[tuple[str, dict]]:
    """The five samples, then reports of the corpus with many numbers, alternating format versions."""
    samples = sorted((ROOT / "resources/samples/truth").glob("*.json"))
    out = [(p.stem[:3], json.loads(p.read_text("utf-8"))) for p in samples]
    busy: dict[str, list[tuple[str, dict]]] = {"2019": [], "2021": []}
    for p in sorted((ROOT / "tests/data").rglob("*.json")):
        try:
            t = json.loads(p.read_text("utf-8"))
        except (ValueError, UnicodeDecodeError):
            continue
        if isinstance(t, dict) and t.get("template") in busy and t.get("agency") and t.get("year") and \
                sum(1 for v in t.get("values", {}).values() if v) >= 30:
            busy[t["template"]].append((p.stem, t))
    mixed = [x for pair in zip(busy["2021"], busy["2019"], strict=False) for x in pair]
    return (out + mixed)[:n]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reports", type=int, default=10)
    ap.add_argument("--kinds", default=",".join(KINDS), help=f"damage kinds in turn (of {', '.join(scangen.DAMAGE)})")
    args = ap.parse_args()
    kinds = args.kinds.split(",")
    if unknown := [k for k in kinds if k not in scangen.DAMAGE]:
        ap.error(f"unknown damage kind: {', '.join(unknown)}")
    load_before = os.getloadavg()
    s, c = time.perf_counter(), time.process_time()
    engine._engine()
    print(f"engine loaded in {time.perf_counter() - s:.2f} s (CPU {time.process_time() - c:.2f} s), once per process")
    page_times: list[tuple[float, float]] = []
    real = scan.read_page

    def timed(rgb, out):
        s, c = time.perf_counter(), time.process_time()
        real(rgb, out)
        page_times.append((time.perf_counter() - s, time.process_time() - c))

    scan.read_page = timed
    report_times: list[tuple[int, float, float]] = []
    cells = right = wrong = uncertain = 0
    by_kind: dict[str, list[int]] = {}
    wrong_examples: list[str] = []
    for n, (name, truth) in enumerate(truths(args.reports)):
        kind = kinds[n % len(kinds)]
        pages = scangen.damaged(scangen.report_pages(truth), kind, seed=n)
        data = scangen.to_tiff(pages) if n % 2 else scangen.to_pdf(pages)
        s, c = time.perf_counter(), time.process_time()
        try:
            report = parse_bytes(data, f"{name}.{'tif' if n % 2 else 'pdf'}")
            check(report)
        except ReadError as e:
            print(f"  {name} [{kind}]: {e}")
            report = None
        report_times.append((len(pages), time.perf_counter() - s, time.process_time() - c))
        ok, bad = scangen.score(report, truth) if report else (0, [])
        unc = sum(1 for c in report.cells.values() if c.status == UNCERTAIN) if report else 0
        total = len(truth["values"])
        cells, right, wrong, uncertain = cells + total, right + ok, wrong + len(bad), uncertain + unc
        k = by_kind.setdefault(kind, [0, 0, 0])
        k[0], k[1], k[2] = k[0] + total, k[1] + ok, k[2] + len(bad)
        wrong_examples += [f"{name} [{kind}] {b}" for b in bad[:3]]
        print(f"  {name:<40} {truth['template']} {kind:<8} {len(pages)} pages {report_times[-1][1]:6.1f} s "
              f"(CPU {report_times[-1][2]:5.1f} s)  "
              f"right {ok}/{total}  uncertain {unc}  wrong-certain {len(bad)}")
    three = [(t, c) for p, t, c in report_times if p == 3]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    walls, cpus = [t for t, _ in page_times], [c for _, c in page_times]
    print(f"load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after (2 cores; wall times are "
          f"inflated by a loaded machine, CPU times much less)")
    print(f"pages: {len(page_times)}; per page median {statistics.median(walls):.2f} s, max {max(walls):.2f} s "
          f"(target ≤ 3 s median); CPU median {statistics.median(cpus):.2f} s")
    if three:
        print(f"3-page report (OCR + parse + check): median {statistics.median(t for t, _ in three):.2f} s, "
              f"max {max(t for t, _ in three):.2f} s (target ≤ 8 s); CPU median "
              f"{statistics.median(c for _, c in three):.2f} s")
    print(f"peak memory (RSS): {peak:.0f} MB")
    print(f"cells right: {right}/{cells} = {100 * right / max(cells, 1):.2f} % (target ≥ 97 %); "
          f"wrong values not marked uncertain: {wrong} (must be 0); uncertain cells: {uncertain}")
    for kind, (t, ok, bad) in by_kind.items():
        print(f"  {kind:<8} right {100 * ok / max(t, 1):6.2f} %  wrong-certain {bad}")
    for line in wrong_examples[:20]:
        print("  wrong:", line)


if __name__ == "__main__":
    main()
