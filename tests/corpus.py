"""Comparing a parsed report with the truth a careful reader wrote for it (the test corpora)."""
from __future__ import annotations

import json
import math
from pathlib import Path

from parser.extract import load


def truth_of(path: Path) -> dict:
    """The truth JSON beside a report (same stem)."""
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def same(want, got) -> bool:
    """Numbers compare by value (12 == 12.0); None (nothing printed / found) never equals 0."""
    if want is None or got is None:
        return want is None and got is None
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    return math.isclose(float(want), float(got), rel_tol=0, abs_tol=1e-9)


def compare(path: Path, truth: dict, name: str | None = None) -> tuple[list[str], int, int, list[str]]:
    """(differences, cells right, cells total, confident wrong cells) of the report at `path`.

    A confident wrong cell has a value that differs from the truth while its status is "extracted"."""
    name = name or path.stem
    report = load(path)
    diffs = [f"{f}: expected {truth[f]!r}, extracted {getattr(report, f)!r}"
             for f in ("agency", "year", "template") if truth[f] != getattr(report, f)]
    right, confident = 0, []
    for key, want in truth["values"].items():
        cell = report.cells.get(key)
        got = cell.value if cell else None
        if cell is not None and same(want, got):
            right += 1
            continue
        shown = "no such cell" if cell is None else f"{got!r} (printed {cell.text!r}, {cell.status})"
        diffs.append(f"{key}: expected {want!r}, extracted {shown}")
        if cell is not None and cell.status == "extracted":
            confident.append(f"{name} {key}: expected {want!r}, extracted {got!r} (printed {cell.text!r})")
    extra = sorted(set(report.cells) - set(truth["values"]))
    if extra:
        diffs.append(f"cells not in the {truth['template']} format: {', '.join(extra[:5])}…")
    return diffs, right, len(truth["values"]), confident


def summary(corpus: str, items: list[tuple[str, Path, dict]]) -> tuple[str, list[str]]:
    """(a printable accuracy table, the confident wrong cells) over (name, report path, truth) items."""
    right = total = 0
    confident: list[str] = []
    lines = []
    for name, path, truth in items:
        diffs, r, t, c = compare(path, truth, name)
        right, total = right + r, total + t
        confident += c
        header_ok = not any(d.split(":")[0] in ("agency", "year", "template") for d in diffs)
        lines.append(f"  {name:55s} {r:4d}/{t}  header {'ok' if header_ok else 'WRONG'}")
    head = f"\n{corpus}: {len(items)} reports, {right}/{total} cells right = {100 * right / max(total, 1):.2f}%"
    tail = f"confident wrong numbers: {len(confident)}"
    return "\n".join([head, *lines, tail, *confident[:60]]), confident


def load_generator(path: Path):
    """The generator module of a corpus (tests/data/*/make_*.py), loaded from its file."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assert_truth_shape(truth: dict, name: str) -> None:
    """A truth file has the samples' fields and every cell key of its format, in key order."""
    from parser.template import version

    assert list(truth) == ["agency", "year", "template", "values", "findings"], name
    assert list(truth["values"]) == version(truth["template"]).cell_keys(), name


def with_known_gaps(stems: list[str], known_gaps: dict[str, str]) -> list:
    """pytest parameters: the reports with a known gap are strict xfails (a fix makes the test say so)."""
    import pytest

    return [pytest.param(s, marks=pytest.mark.xfail(reason=known_gaps[s], strict=True)) if s in known_gaps else s
            for s in stems]
