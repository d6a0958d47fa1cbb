"""Reading time and peak memory per format: a report as HTML, DOCX and PDF, and 50 MB inputs.

Run: .venv/bin/python bench/bench_formats.py
Peak memory is the Python heap peak during reading (tracemalloc), the input bytes excluded.
"""
from __future__ import annotations

import json
import resource
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import docgen  # noqa: E402

from parser.reader import ReadError, text_from_bytes  # noqa: E402


def measure(data: bytes, name: str, runs: int) -> tuple[float, float, str]:
    times = []
    for _ in range(runs):
        s = time.perf_counter()
        try:
            text_from_bytes(data, name)
        except ReadError:
            pass
        times.append((time.perf_counter() - s) * 1000)
    tracemalloc.start()
    try:
        text_from_bytes(data, name)
        outcome = "read"
    except ReadError as e:
        outcome = str(e)[:40]
    peak = tracemalloc.get_traced_memory()[1] / 1048576
    tracemalloc.stop()
    return statistics.median(times), peak, outcome


def main() -> None:
    truth = json.loads(sorted((ROOT / "resources" / "samples" / "truth").glob("*.json"))[2].read_text("utf-8"))
    report = docgen.official_report(truth)
    sample = (ROOT / "resources" / "samples" / "002_4baf6e6a93faded0.txt").read_text("utf-8")
    cases = [
        ("text (UTF-8)", sample.encode(), "r.txt", 20),
        ("text (GBK)", sample.encode("gb18030"), "r.txt", 20),
        ("HTML (GBK, merged cells)", docgen.to_html(report, "gbk"), "r.html", 20),
        ("DOCX (merged cells)", docgen.to_docx(report), "r.docx", 20),
        ("PDF (3 pages, reportlab)", docgen.to_pdf(report, page_numbers=True), "r.pdf", 5),
        ("50 MB text", sample.encode() * (50 * 1048576 // len(sample.encode())), "big.txt", 3),
        ("50 MB DOCX (big image)", docgen.docx_with_big_image(docgen.from_text(sample), 50), "big.docx", 3),
        ("30 MB DOCX bomb (zeros)", docgen.docx_bomb(30), "bomb.docx", 3),
        ("40 MB HTML (inline images)", docgen.to_html(docgen.from_text(sample)).replace(
            b"<body>", b"<body><img src='data:image/png;base64," + b"QUJD" * (10 << 20) + b"'>", 1), "page.html", 3),
    ]
    print(f"{'input':<28}{'MB':>7}{'median ms':>11}{'peak MB':>9}  outcome")
    for label, data, name, runs in cases:
        ms, peak, outcome = measure(data, name, runs)
        print(f"{label:<28}{len(data) / 1048576:>7.2f}{ms:>11.1f}{peak:>9.1f}  {outcome}")
    print(f"process peak RSS (inputs included): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
