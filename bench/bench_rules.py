"""Rule time per report (target < 1 ms without failures) and `check` on 1,000 reports in one call.

Run: .venv/bin/python bench/bench_rules.py [-n 1000] [--no-cli]

1. Per report (samples and the fixture corpus, parsed once): median time of `check(report)` with a
   cold narrative cache (the first check of a report) and a warm one (the GUI's re-check after a
   correction). Reports with failures also run the correction search.
2. Rules only, 1,000 report models (the parsed reports cycled, every fourth with one damaged cell).
3. End to end: `python main.py check DIR --json` on 1,000 distinct files (parse + rules + JSON).
"""
from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parser.extract import load  # noqa: E402
from review.rules import check  # noqa: E402
from review.rules.context import _view  # noqa: E402

FILES = sorted((ROOT / "resources" / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "reports")
                                                                         .glob("*.txt"))


def per_report() -> list:
    reports = [load(p) for p in FILES]
    for r in reports:
        check(r)  # warm imports and template caches
    print(f"{'report':<40}{'findings':>9}{'cold ms':>9}{'warm ms':>9}")
    colds, warms = [], []
    for p, r in zip(FILES, reports, strict=True):
        cold, warm = [], []
        for _ in range(30):
            _view.cache_clear()
            s = time.perf_counter()
            findings = check(r)
            cold.append((time.perf_counter() - s) * 1000)
            s = time.perf_counter()
            check(r)
            warm.append((time.perf_counter() - s) * 1000)
        fails = sum(f.status == "fail" for f in findings)
        colds.append(statistics.median(cold))
        warms.append(statistics.median(warm))
        print(f"{p.name[:39]:<40}{fails:>9}{colds[-1]:>9.3f}{warms[-1]:>9.3f}")
    clean = [c for c, r in zip(colds, reports, strict=True)
             if not any(f.status == "fail" and f.rule.split(".")[0] in ("requests", "appeals") for f in check(r))]
    print(f"median over {len(colds)} reports: cold {statistics.median(colds):.3f} ms, warm "
          f"{statistics.median(warms):.3f} ms; without arithmetic failures: max cold {max(clean):.3f} ms "
          f"(target < 1 ms)")
    return reports


def many_models(reports: list, n: int) -> None:
    rng = random.Random(1)
    batch = []
    for i in range(n):
        r = reports[i % len(reports)]
        damaged = None
        if i % 4 == 0:
            keys = [k for k, c in r.cells.items() if k.startswith("requests/") and c.value is not None]
            if keys:
                damaged = rng.choice(keys)
        batch.append((r, damaged))
    s = time.perf_counter()
    count = 0
    for r, key in batch:
        _view.cache_clear()
        if key:
            old = r.cells[key].value
            r.cells[key].value = old + 3
            count += len(check(r))
            r.cells[key].value = old
        else:
            count += len(check(r))
    el = time.perf_counter() - s
    print(f"rules on {n} report models (every 4th damaged): {el:.2f} s, {el / n * 1000:.2f} ms per report, "
          f"{count} findings")


def cli(n: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts = [p.read_bytes() for p in FILES]
        for i in range(n):
            (folder / f"{i:04d}.txt").write_bytes(texts[i % len(texts)] + f"\n编号 {i}\n".encode())
        s = time.perf_counter()
        r = subprocess.run([sys.executable, str(ROOT / "main.py"), "check", str(folder), "--json"], cwd=ROOT,
                           capture_output=True)
        el = time.perf_counter() - s
    print(f"`main.py check` on {n} files: {el:.1f} s (exit {r.returncode}, {len(r.stdout) / 1e6:.1f} MB JSON)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("-n", type=int, default=1000)
    ap.add_argument("--no-cli", action="store_true")
    args = ap.parse_args()
    reports = per_report()
    many_models(reports, args.n)
    if not args.no_cli:
        cli(args.n)


if __name__ == "__main__":
    main()
