"""Third holdout: reports as COPIED TEXT (a web page, Word/WPS document, PDF viewer page or WeChat article
selected and pasted into a .txt), read through `parser.extract.load`.

The reports and truths are written by tests/data/holdout3/make_holdout3.py (deterministic, never imports the
parser) and committed as tests/data/holdout3/NNN_*.txt + .json; the truth is what a careful reader reads off
the text and is never adjusted to the parser. The summary prints the overall cell accuracy and fails on any
confident wrong number (a value that differs from the truth while its status is "extracted").

    .venv/bin/pytest tests/test_holdout3_extract.py -q -rA
"""
from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

from parser.extract import load
from parser.template import version

HOLDOUT3 = Path(__file__).resolve().parent / "data" / "holdout3"
TRUTHS = sorted(HOLDOUT3.glob("*.json"))


def _same(want, got) -> bool:
    """Numbers compare by value (12 == 12.0); None (nothing printed / found) never equals 0."""
    if want is None or got is None:
        return want is None and got is None
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    return math.isclose(float(want), float(got), rel_tol=0, abs_tol=1e-9)


def _compare(stem: str) -> tuple[list[str], int, int, list[str]]:
    """(differences, cells right, cells total, confident wrong cells) of one report."""
    truth = json.loads((HOLDOUT3 / f"{stem}.json").read_text(encoding="utf-8"))
    report = load(HOLDOUT3 / f"{stem}.txt")
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
            confident.append(f"{stem} {key}: expected {want!r}, extracted {got!r} (printed {cell.text!r})")
    return diffs, right, len(truth["values"]), confident


def test_holdout3_truth_is_complete_and_what_the_generator_writes() -> None:
    spec = importlib.util.spec_from_file_location("make_holdout3", HOLDOUT3 / "make_holdout3.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    generated = module.build_all()
    assert len(TRUTHS) >= 20
    assert sorted(generated) == [p.stem for p in TRUTHS], "rerun tests/data/holdout3/make_holdout3.py"
    years = set()
    for path in TRUTHS:
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert list(truth) == ["agency", "year", "template", "values", "findings"]
        assert list(truth["values"]) == version(truth["template"]).cell_keys(), path.name
        text, truth_text = generated[path.stem]
        assert truth_text == path.read_text(encoding="utf-8"), f"{path.name} differs from the generator"
        assert text == path.with_suffix(".txt").read_text(encoding="utf-8"), f"{path.stem}.txt differs"
        years.add(truth["year"])
    assert years == set(range(2019, 2026))


@pytest.mark.parametrize("stem", [p.stem for p in TRUTHS])
def test_holdout3_report(stem: str) -> None:
    diffs, right, total, _ = _compare(stem)
    assert not diffs, f"{stem}: {right}/{total} cells right, {len(diffs)} differences\n" + "\n".join(diffs)


def test_holdout3_summary_no_confident_wrong_number(capsys: pytest.CaptureFixture[str]) -> None:
    right = total = 0
    confident: list[str] = []
    lines = []
    for path in TRUTHS:
        diffs, r, t, c = _compare(path.stem)
        right, total = right + r, total + t
        confident += c
        header = [d.split(":")[0] for d in diffs if d.split(":")[0] in ("agency", "year", "template")]
        lines.append(f"  {path.stem:55s} {r:4d}/{t}  header {'WRONG ' + ','.join(header) if header else 'ok'}")
    with capsys.disabled():
        print(f"\nholdout3: {len(TRUTHS)} reports, {right}/{total} cells right = {100 * right / total:.2f}%")
        print("\n".join(lines))
        print(f"confident wrong numbers: {len(confident)}")
        print("\n".join(confident[:120]))
    assert not confident, f"{len(confident)} confident wrong numbers (status 'extracted'):\n" + "\n".join(confident)
