"""Fifth holdout (adversarial): copies built to provoke confident wrong numbers — a cell lost in the middle of a
row, 序号/备注 columns, columns and rows printed in another order, a footnote marker or page footer among the
cells, thousands separators, percentages and dates in cells, another agency's table quoted in the narrative —
read through `parser.extract.load`.

The reports and truths are written by tests/data/holdout5/make_holdout5.py (deterministic, never imports the
parser) and committed as tests/data/holdout5/NNN_*.txt + .json; the truth is what a careful reader reads off
the text (null where that reader cannot place a value) and is never adjusted to the parser. The summary prints
the overall cell accuracy and fails on any confident wrong number (a value that differs from the truth while
its status is "extracted").

    .venv/bin/pytest tests/test_holdout5_extract.py -q -rA
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import assert_truth_shape, compare, load_generator, summary, truth_of, with_known_gaps

HOLDOUT5 = Path(__file__).resolve().parent / "data" / "holdout5"
TRUTHS = sorted(HOLDOUT5.glob("*.json"))


def test_holdout5_truth_is_complete_and_what_the_generator_writes() -> None:
    module = load_generator(HOLDOUT5 / "make_holdout5.py")
    generated = module.build_all()
    assert len(TRUTHS) >= 10
    assert sorted(generated) == [p.stem for p in TRUTHS], "rerun tests/data/holdout5/make_holdout5.py"
    for path in TRUTHS:
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert_truth_shape(truth, path.name)
        text, truth_text = generated[path.stem]
        assert truth_text == path.read_text(encoding="utf-8"), f"{path.name} differs from the generator"
        assert text == path.with_suffix(".txt").read_text(encoding="utf-8"), f"{path.stem}.txt differs"


# Known gaps: these cells come out missing (never wrong); strict, so a fix makes the test say so.
KNOWN_GAPS = {
    "507_thousands_separators": "'1, 234' (a space after the thousands comma) in a one-number row",
}


@pytest.mark.parametrize("stem", with_known_gaps([p.stem for p in TRUTHS], KNOWN_GAPS))
def test_holdout5_report(stem: str) -> None:
    diffs, right, total, _ = compare(HOLDOUT5 / f"{stem}.txt", truth_of(HOLDOUT5 / f"{stem}.txt"))
    assert not diffs, f"{stem}: {right}/{total} cells right, {len(diffs)} differences\n" + "\n".join(diffs)


def test_holdout5_summary_no_confident_wrong_number(capsys: pytest.CaptureFixture[str]) -> None:
    table, confident = summary("holdout5", [(p.stem, p.with_suffix(".txt"), truth_of(p)) for p in TRUTHS])
    with capsys.disabled():
        print(table)
    assert not confident, f"{len(confident)} confident wrong numbers (status 'extracted'):\n" + "\n".join(confident)
