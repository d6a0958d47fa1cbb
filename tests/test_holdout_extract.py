"""Holdout: reports written WITHOUT looking at the parser, in layouts and damage the tuned corpus lacks.

tests/data/holdout/NNN_*.txt + .json come from tests/data/holdout/make_holdout.py (deterministic).
The truth is what a careful reader reads off the text; it is never adjusted to the parser.
Each report is compared cell by cell; the summary prints the overall cell accuracy and fails on
any confident wrong number (a value that differs from the truth while its status is "extracted").

    .venv/bin/pytest tests/test_holdout_extract.py -q -rA
"""
from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

from parser.extract import load
from parser.template import version

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout"
REPORTS = sorted(HOLDOUT.glob("*.txt"))


def _truth(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def _same(want, got) -> bool:
    """Numbers compare by value (12 == 12.0); None (nothing printed / found) never equals 0."""
    if want is None or got is None:
        return want is None and got is None
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    return math.isclose(float(want), float(got), rel_tol=0, abs_tol=1e-9)


def _compare(path: Path) -> tuple[list[str], int, int, list[str]]:
    """(differences, cells right, cells total, confident wrong cells) of one report."""
    truth = _truth(path)
    report = load(path)
    diffs = [f"{f}: expected {truth[f]!r}, extracted {getattr(report, f)!r}"
             for f in ("agency", "year", "template") if truth[f] != getattr(report, f)]
    right, confident = 0, []
    for key, want in truth["values"].items():
        cell = report.cells.get(key)
        got = cell.value if cell else None
        if cell is not None and _same(want, got):
            right += 1
            continue
        shown = "no such cell" if cell is None else f"{got!r} (printed {cell.text!r}, {cell.status})"
        diffs.append(f"{key}: expected {want!r}, extracted {shown}")
        if cell is not None and cell.status == "extracted":
            confident.append(f"{path.stem} {key}: expected {want!r}, extracted {got!r} (printed {cell.text!r})")
    return diffs, right, len(truth["values"]), confident


def test_holdout_is_large_enough() -> None:
    assert len(REPORTS) >= 15
    for path in REPORTS:
        truth = _truth(path)
        assert list(truth) == ["agency", "year", "template", "values", "findings"]
        assert list(truth["values"]) == version(truth["template"]).cell_keys(), path.name


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_holdout_report(path: Path) -> None:
    diffs, right, total, _ = _compare(path)
    assert not diffs, f"{path.name}: {right}/{total} cells right, {len(diffs)} differences\n" + "\n".join(diffs)


def test_holdout_summary_no_confident_wrong_number(capsys: pytest.CaptureFixture[str]) -> None:
    right = total = 0
    confident: list[str] = []
    lines = []
    for path in REPORTS:
        diffs, r, t, c = _compare(path)
        right, total = right + r, total + t
        confident += c
        header_ok = not any(d.split(":")[0] in ("agency", "year", "template") for d in diffs)
        lines.append(f"  {path.stem:45s} {r:4d}/{t}  header {'ok' if header_ok else 'WRONG'}")
    with capsys.disabled():
        print(f"\nholdout: {len(REPORTS)} reports, {right}/{total} cells right = {100 * right / total:.2f}%")
        print("\n".join(lines))
        print(f"confident wrong numbers: {len(confident)}")
        print("\n".join(confident[:60]))
    assert not confident, f"{len(confident)} confident wrong numbers (status 'extracted'):\n" + "\n".join(confident)


def test_holdout_files_are_what_the_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_holdout", HOLDOUT / "make_holdout.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built = module.build_all()
    assert sorted(built) == [p.stem for p in REPORTS]
    for name, (data, truth_json) in built.items():
        assert (HOLDOUT / f"{name}.txt").read_bytes() == data, f"{name}.txt differs: rerun make_holdout.py"
        assert (HOLDOUT / f"{name}.json").read_text(encoding="utf-8") == truth_json, f"{name}.json differs"
