"""Excel export of a large batch: 1,000 reports (the five samples repeated, with findings and some
corrections), one sheet each plus 汇总/问题清单/修改记录/签发. Target: under 30 s here.

Run: .venv/bin/python bench/bench_export.py [N]
"""
from __future__ import annotations

import copy
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parser.extract import load  # noqa: E402
from review.export import export_workbook  # noqa: E402
from review.rules import check  # noqa: E402
from review.state import ReviewedReport  # noqa: E402


def batch(n: int) -> list[ReviewedReport]:
    samples = sorted((ROOT / "resources" / "samples").glob("*.txt"))
    parsed = [load(p) for p in samples]
    items = []
    for i in range(n):
        report = copy.deepcopy(parsed[i % len(parsed)])
        if i % 4 == 0:  # a quarter of the batch carries a reviewer's correction (fill + comment + audit row)
            key = "requests/new_received/natural_person"
            stamp = f"2024-01-{i % 28 + 1:02d}T08:00:00+00:00"
            report.cells[key].correct((report.cells[key].value or 0) + 1, "基准测试", "核对原件", stamp)
        items.append(ReviewedReport(report, check(report)))
    return items


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    s = time.perf_counter()
    items = batch(n)
    prep = time.perf_counter() - s
    findings = sum(len(i.findings) for i in items)
    with tempfile.TemporaryDirectory() as d:
        out = Path(d) / "batch.xlsx"
        s = time.perf_counter()
        export_workbook(items, out)
        took = time.perf_counter() - s
        size = out.stat().st_size
    print(f"reports: {n}, findings: {findings} (parse+check copies: {prep:.1f} s)")
    print(f"export: {took:.1f} s ({took / n * 1000:.1f} ms per report), file {size / 1e6:.1f} MB; target < 30 s:"
          f" {'OK' if took < 30 else 'TOO SLOW'}")


if __name__ == "__main__":
    main()
