"""Parse time per report and reports per second on one core; CLI start-up time of `extract`.

Each figure is given twice: wall time (time.perf_counter) and this process's CPU time (time.process_time),
which a loaded machine inflates less; the load average is printed beside them.

Run: .venv/bin/python bench/bench_parse.py
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parser.extract import parse_text  # noqa: E402
from parser.reader import decode  # noqa: E402


def timed(text: str) -> tuple[float, float]:
    """(wall ms, CPU ms) of one parse."""
    w, c = time.perf_counter(), time.process_time()
    parse_text(text)
    return (time.perf_counter() - w) * 1000, (time.process_time() - c) * 1000


def main() -> None:
    print("load average (1/5/15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    samples = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    texts = [decode(p.read_bytes()) for p in samples]
    for t in texts:
        parse_text(t)  # warm caches (OpenCC, template)
    print(f"{'report':<32}{'KB':>6}{'median ms':>11}{'min ms':>9}{'CPU median ms':>15}")
    for p, t in zip(samples, texts, strict=True):
        runs = [timed(t) for _ in range(50)]
        wall, cpu = [w for w, _ in runs], [c for _, c in runs]
        print(f"{p.name:<32}{len(t.encode()) / 1024:>6.1f}{statistics.median(wall):>11.2f}{min(wall):>9.2f}"
              f"{statistics.median(cpu):>15.2f}")
    others = sorted((ROOT / "tests" / "data").glob("*/*.txt"))
    # each parsed once: labels and cells it has not seen before
    once = [timed(decode(p.read_bytes())) for p in others]
    if once:
        wall, cpu = [w for w, _ in once], [c for _, c in once]
        print(f"{len(once)} other reports parsed once each: median {statistics.median(wall):.2f} ms, "
              f"max {max(wall):.2f} ms; CPU median {statistics.median(cpu):.2f} ms, max {max(cpu):.2f} ms")
    n = 500
    s, c = time.perf_counter(), time.process_time()
    for i in range(n):
        parse_text(texts[i % len(texts)])
    el, cel = time.perf_counter() - s, time.process_time() - c
    print(f"throughput: {n / el:.0f} reports/s ({el / n * 1000:.2f} ms per report, one core; "
          f"CPU {cel / n * 1000:.2f} ms per report)")
    starts, cpus = [], []
    for _ in range(5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        s = time.perf_counter()
        subprocess.run([sys.executable, "main.py", "extract", str(samples[0]), "--json"], cwd=ROOT,
                       capture_output=True, check=True)
        starts.append(time.perf_counter() - s)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    print(f"CLI `extract --json` one file: wall median {statistics.median(starts) * 1000:.0f} ms, "
          f"CPU median {statistics.median(cpus) * 1000:.0f} ms")
    print("load average (1/5/15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))


if __name__ == "__main__":
    main()
