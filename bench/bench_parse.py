"""Parse time per report and reports per second on one core; CLI start-up time of `extract`.

Run: .venv/bin/python bench/bench_parse.py
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parser.extract import parse_text  # noqa: E402
from parser.reader import decode  # noqa: E402


def main() -> None:
    samples = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    texts = [decode(p.read_bytes()) for p in samples]
    for t in texts:
        parse_text(t)  # warm caches (OpenCC, template)
    print(f"{'report':<32}{'KB':>6}{'median ms':>11}{'min ms':>9}")
    for p, t in zip(samples, texts, strict=True):
        runs = []
        for _ in range(50):
            s = time.perf_counter()
            parse_text(t)
            runs.append((time.perf_counter() - s) * 1000)
        print(f"{p.name:<32}{len(t.encode()) / 1024:>6.1f}{statistics.median(runs):>11.2f}{min(runs):>9.2f}")
    others = sorted((ROOT / "tests" / "data").glob("*/*.txt"))
    once = []
    for p in others:  # each parsed once: labels and cells it has not seen before
        t = decode(p.read_bytes())
        s = time.perf_counter()
        parse_text(t)
        once.append((time.perf_counter() - s) * 1000)
    if once:
        print(f"{len(once)} other reports parsed once each: median {statistics.median(once):.2f} ms, "
              f"max {max(once):.2f} ms")
    n = 500
    s = time.perf_counter()
    for i in range(n):
        parse_text(texts[i % len(texts)])
    el = time.perf_counter() - s
    print(f"throughput: {n / el:.0f} reports/s ({el / n * 1000:.2f} ms per report, one core)")
    starts = []
    for _ in range(5):
        s = time.perf_counter()
        subprocess.run([sys.executable, "main.py", "extract", str(samples[0]), "--json"], cwd=ROOT,
                       capture_output=True, check=True)
        starts.append(time.perf_counter() - s)
    print(f"CLI `extract --json` one file, wall time: median {statistics.median(starts) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
