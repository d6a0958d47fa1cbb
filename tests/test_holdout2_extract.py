"""Second holdout: reports as DOCUMENTS (web pages, Word files, PDFs) through the whole read path.

The documents are generated at test time by tests/data/holdout2/make_holdout2.py (deterministic; written
without looking at the parser); the truth is committed beside it as tests/data/holdout2/*.json and is
never adjusted to the parser. Each report is read with `parser.extract.load(path)` and compared cell by
cell; the summary prints the overall cell accuracy and fails on any confident wrong number (a value that
differs from the truth while its status is "extracted").

    .venv/bin/pytest tests/test_holdout2_extract.py -q -rA
"""
from __future__ import annotations

import importlib.util
import json
import math
from pathlib import Path

import pytest

from parser.extract import load
from parser.template import version

HOLDOUT2 = Path(__file__).resolve().parent / "data" / "holdout2"
TRUTHS = sorted(HOLDOUT2.glob("*.json"))


def _generator():
    spec = importlib.util.spec_from_file_location("make_holdout2", HOLDOUT2 / "make_holdout2.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return _generator().build_all(tmp_path_factory.mktemp("holdout2"))


def _same(want, got) -> bool:
    """Numbers compare by value (12 == 12.0); None (nothing printed / found) never equals 0."""
    if want is None or got is None:
        return want is None and got is None
    if isinstance(got, bool) or not isinstance(got, int | float):
        return False
    return math.isclose(float(want), float(got), rel_tol=0, abs_tol=1e-9)


def _compare(path: Path) -> tuple[list[str], int, int, list[str]]:
    """(differences, cells right, cells total, confident wrong cells) of one document."""
    truth = json.loads((HOLDOUT2 / f"{path.stem}.json").read_text(encoding="utf-8"))
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


def test_holdout2_truth_is_complete_and_what_the_generator_writes(documents) -> None:
    assert len(TRUTHS) >= 15
    assert sorted(documents) == [p.stem for p in TRUTHS], "rerun tests/data/holdout2/make_holdout2.py"
    years, suffixes = set(), set()
    for path in TRUTHS:
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert list(truth) == ["agency", "year", "template", "values", "findings"]
        assert list(truth["values"]) == version(truth["template"]).cell_keys(), path.name
        assert documents[path.stem][1] == path.read_text(encoding="utf-8"), f"{path.name} differs from the generator"
        years.add(truth["year"])
        suffixes.add(documents[path.stem][0].suffix)
    assert suffixes == {".html", ".docx", ".pdf"}
    assert years == set(range(2019, 2026))


@pytest.mark.parametrize("stem", [p.stem for p in TRUTHS])
def test_holdout2_document(stem: str, documents) -> None:
    path = documents[stem][0]
    diffs, right, total, _ = _compare(path)
    assert not diffs, f"{path.name}: {right}/{total} cells right, {len(diffs)} differences\n" + "\n".join(diffs)


def test_holdout2_summary_no_confident_wrong_number(documents, capsys: pytest.CaptureFixture[str]) -> None:
    right = total = 0
    confident: list[str] = []
    lines = []
    for stem in sorted(documents):
        path = documents[stem][0]
        diffs, r, t, c = _compare(path)
        right, total = right + r, total + t
        confident += c
        header = [d.split(":")[0] for d in diffs if d.split(":")[0] in ("agency", "year", "template")]
        lines.append(f"  {path.name:50s} {r:4d}/{t}  header {'WRONG ' + ','.join(header) if header else 'ok'}")
    with capsys.disabled():
        print(f"\nholdout2: {len(documents)} documents, {right}/{total} cells right = {100 * right / total:.2f}%")
        print("\n".join(lines))
        print(f"confident wrong numbers: {len(confident)}")
        print("\n".join(confident[:80]))
    assert not confident, f"{len(confident)} confident wrong numbers (status 'extracted'):\n" + "\n".join(confident)
