"""Holdout: reports written WITHOUT looking at the parser, in layouts and damage the tuned corpus lacks.

tests/data/holdout/NNN_*.txt + .json come from tests/data/holdout/make_holdout.py (deterministic).
The truth is what a careful reader reads off the text; it is never adjusted to the parser.
Each report is compared cell by cell; the summary prints the overall cell accuracy and fails on
any confident wrong number (a value that differs from the truth while its status is "extracted").

    .venv/bin/pytest tests/test_holdout_extract.py -q -rA
"""
from __future__ import annotations

from pathlib import Path

import pytest
from corpus import assert_truth_shape, compare, load_generator, summary, truth_of

HOLDOUT = Path(__file__).resolve().parent / "data" / "holdout"
REPORTS = sorted(HOLDOUT.glob("*.txt"))








def test_holdout_is_large_enough() -> None:
    assert len(REPORTS) >= 15
    for path in REPORTS:
        truth = truth_of(path)
        assert_truth_shape(truth, path.name)


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.stem)
def test_holdout_report(path: Path) -> None:
    diffs, right, total, _ = compare(path, truth_of(path))
    assert not diffs, f"{path.name}: {right}/{total} cells right, {len(diffs)} differences\n" + "\n".join(diffs)


def test_holdout_summary_no_confident_wrong_number(capsys: pytest.CaptureFixture[str]) -> None:
    table, confident = summary("holdout", [(p.stem, p, truth_of(p)) for p in REPORTS])
    with capsys.disabled():
        print(table)
    assert not confident, f"{len(confident)} confident wrong numbers (status 'extracted'):\n" + "\n".join(confident)


def test_holdout_files_are_what_the_generator_writes() -> None:
    module = load_generator(HOLDOUT / "make_holdout.py")
    built = module.build_all()
    assert sorted(built) == [p.stem for p in REPORTS]
    for name, (data, truth_json) in built.items():
        assert (HOLDOUT / f"{name}.txt").read_bytes() == data, f"{name}.txt differs: rerun make_holdout.py"
        assert (HOLDOUT / f"{name}.json").read_text(encoding="utf-8") == truth_json, f"{name}.json differs"
