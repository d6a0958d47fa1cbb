"""Third holdout: reports as COPIED TEXT (a web page, Word/WPS document, PDF viewer page or WeChat article
selected and pasted into a .txt), read through `parser.extract.load`.

The reports and truths are written by tests/data/holdout3/make_holdout3.py (deterministic, never imports the
parser) and committed as tests/data/holdout3/NNN_*.txt + .json; the truth is what a careful reader reads off
the text and is never adjusted to the parser. The summary prints the overall cell accuracy and fails on any
confident wrong number (a value that differs from the truth while its status is "extracted").

    .venv/bin/pytest tests/test_holdout3_extract.py -q -rA
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import assert_truth_shape, compare, load_generator, summary, truth_of

HOLDOUT3 = Path(__file__).resolve().parent / "data" / "holdout3"
TRUTHS = sorted(HOLDOUT3.glob("*.json"))






def test_holdout3_truth_is_complete_and_what_the_generator_writes() -> None:
    module = load_generator(HOLDOUT3 / "make_holdout3.py")
    generated = module.build_all()
    assert len(TRUTHS) >= 20
    assert sorted(generated) == [p.stem for p in TRUTHS], "rerun tests/data/holdout3/make_holdout3.py"
    years = set()
    for path in TRUTHS:
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert_truth_shape(truth, path.name)
        text, truth_text = generated[path.stem]
        assert truth_text == path.read_text(encoding="utf-8"), f"{path.name} differs from the generator"
        assert text == path.with_suffix(".txt").read_text(encoding="utf-8"), f"{path.stem}.txt differs"
        years.add(truth["year"])
    assert years == set(range(2019, 2026))


@pytest.mark.parametrize("stem", [p.stem for p in TRUTHS])
def test_holdout3_report(stem: str) -> None:
    diffs, right, total, _ = compare(HOLDOUT3 / f"{stem}.txt", truth_of(HOLDOUT3 / f"{stem}.txt"))
    assert not diffs, f"{stem}: {right}/{total} cells right, {len(diffs)} differences\n" + "\n".join(diffs)


def test_holdout3_summary_no_confident_wrong_number(capsys: pytest.CaptureFixture[str]) -> None:
    table, confident = summary("holdout3", [(p.stem, p.with_suffix(".txt"), truth_of(p)) for p in TRUTHS])
    with capsys.disabled():
        print(table)
    assert not confident, f"{len(confident)} confident wrong numbers (status 'extracted'):\n" + "\n".join(confident)
