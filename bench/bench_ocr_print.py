"""OCR of reports as an office prints them: written as a Word document, printed to PDF by LibreOffice (not by
the test suite's own drawer, tests/scangen.py), rasterised at a scanner's resolution, damaged, then read.

Word and LibreOffice lay a table out their own way: rows one line high with the text at the top left against
the lines, narrow columns whose labels wrap one character a line, table three over three pages. This is the
check of the OCR on layouts it was not written against.

Run: .venv/bin/python bench/bench_ocr_print.py [--dpi 150,200,300] [--kinds clean,office] [truth.json …]
     (default: the five samples; LibreOffice's `soffice` must be installed: apt-get install libreoffice-writer)
Prints per report and damage: cells right, wrong values not marked uncertain (must be 0), uncertain, missing,
CPU time; then the totals per resolution.
"""
from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import docgen  # noqa: E402
import scangen  # noqa: E402

from parser.extract import parse_bytes  # noqa: E402
from parser.model import MISSING, UNCERTAIN  # noqa: E402
from parser.pages import Pages  # noqa: E402


def printed(truth: dict, folder: Path, stem: str) -> bytes:
    """The report as LibreOffice prints its Word document to PDF."""
    docx = folder / f"{stem}.docx"
    docx.write_bytes(docgen.to_docx(docgen.official_report(truth)))
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(folder), str(docx)],
                   check=True, capture_output=True, timeout=300)
    return (folder / f"{stem}.pdf").read_bytes()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("truths", nargs="*", help="truth files (default: the five samples)")
    ap.add_argument("--dpi", default="150,200,300")
    ap.add_argument("--kinds", default="clean,office", help=f"of {', '.join(scangen.DAMAGE)}")
    a = ap.parse_args()
    if shutil.which("soffice") is None:
        sys.exit("需要 LibreOffice（soffice）：apt-get install libreoffice-writer")
    paths = [Path(p) for p in a.truths] or sorted((ROOT / "resources/samples/truth").glob("*.json"))
    with tempfile.TemporaryDirectory() as tmp:
        pdfs = {p.stem[:24]: (json.loads(p.read_text("utf-8")), printed(json.loads(p.read_text("utf-8")),
                                                                          Path(tmp), p.stem[:24])) for p in paths}
        for dpi in map(int, a.dpi.split(",")):
            right = total = wrong = 0
            for stem, (truth, pdf) in pdfs.items():
                pages = Pages(pdf)
                try:
                    images = [pages.render(i, dpi) for i in range(pages.count)]
                finally:
                    pages.close()
                for kind in a.kinds.split(","):
                    c = time.process_time()
                    report = parse_bytes(scangen.to_pdf(scangen.damaged(images, kind, seed=3), dpi), f"{stem}.pdf")
                    ok, bad = scangen.score(report, truth)
                    statuses = [cell.status for cell in report.cells.values()]
                    right, total, wrong = right + ok, total + len(truth["values"]), wrong + len(bad)
                    print(f"{dpi} dpi {stem:<24} {kind:<7} {len(images)} pages  right {ok}/{len(truth['values'])}"
                          f"  wrong-certain {len(bad)}  uncertain {statuses.count(UNCERTAIN)}"
                          f"  missing {statuses.count(MISSING)}  CPU {time.process_time() - c:.1f} s", flush=True)
                    for line in bad[:3]:
                        print(f"    {line}")
            print(f"{dpi} dpi: cells right {right}/{total} = {100 * right / max(total, 1):.2f} %,"
                  f" wrong values not marked uncertain {wrong}", flush=True)


if __name__ == "__main__":
    main()
