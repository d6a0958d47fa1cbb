"""Everything the parser reads from every text report of the corpora, one line per cell, to compare a change
that must not change any reading (a speed-up): run before and after, the two dumps must be byte-identical.

Reads resources/samples/*.txt and tests/data/**/*.txt through parse_bytes (the path a file takes: parse_text,
then another tool's OCR weighed) and prints per report its header (template, agency, year, their spans,
version votes, sections) and per cell key, status, value, unit, printed text and span.
--reverse parses the files in the opposite order (a cache that carried one report's reading into another's
would show as a difference).

Run: .venv/bin/python bench/dump_parse.py > before.txt; (change); .venv/bin/python bench/dump_parse.py > after.txt;
cmp before.txt after.txt
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from parser.extract import parse_bytes  # noqa: E402


def corpus() -> list[Path]:
    """The text reports of the samples and of tests/data, in a fixed order."""
    return sorted((ROOT / "resources" / "samples").glob("*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))


def dump(path: Path) -> list[str]:
    """The lines of one report's reading."""
    name = path.relative_to(ROOT).as_posix()
    r = parse_bytes(path.read_bytes(), path.name, name)
    lines = [f"# {name} template={r.template} agency={r.agency!r} year={r.year} agency_span={r.agency_span} "
             f"year_span={r.year_span} votes={sorted(r.version_votes.items())} sections={sorted(r.sections.items())}"]
    for key, c in r.cells.items():
        lines.append(f"{key}\t{c.status}\t{c.value!r}\t{c.unit}\t{c.text!r}\t{c.span}\t{c.confidence}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--reverse", action="store_true", help="parse in the opposite order (output still sorted)")
    args = ap.parse_args()
    paths = corpus()
    out = {p: dump(p) for p in (reversed(paths) if args.reverse else paths)}
    for p in paths:
        print("\n".join(out[p]))


if __name__ == "__main__":
    main()
