"""Damaged copies (issue 11): PDF text order, converter Markdown, OCR from other tools and crawler text with
glued cells, read through `parser.extract.load`.

The reports and truths are written by tests/data/damaged/make_damaged.py (deterministic) and committed as
tests/data/damaged/6NN_*.txt + .json; the truth is what the report really says. The summary prints the overall
cell accuracy and fails below 97 % or on any confident wrong number (a value that differs from the truth while
its status is "extracted").

    .venv/bin/pytest tests/test_damaged_extract.py -q -rA
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import assert_truth_shape, compare, load_generator, summary, truth_of

DAMAGED = Path(__file__).resolve().parent / "data" / "damaged"
TRUTHS = sorted(DAMAGED.glob("*.json"))


def test_damaged_truth_is_what_the_generator_writes() -> None:
    generated = load_generator(DAMAGED / "make_damaged.py").build_all()
    assert len(TRUTHS) >= 12
    assert sorted(generated) == [p.stem for p in TRUTHS], "rerun tests/data/damaged/make_damaged.py"
    for path in TRUTHS:
        assert_truth_shape(json.loads(path.read_text(encoding="utf-8")), path.name)
        text, truth_text = generated[path.stem]
        assert truth_text == path.read_text(encoding="utf-8"), f"{path.name} differs from the generator"
        assert text == path.with_suffix(".txt").read_text(encoding="utf-8"), f"{path.stem}.txt differs"


def test_damaged_summary_accuracy_and_no_confident_wrong_number(capsys: pytest.CaptureFixture[str]) -> None:
    items = [(p.stem, p.with_suffix(".txt"), truth_of(p)) for p in TRUTHS]
    table, confident = summary("damaged", items)
    with capsys.disabled():
        print(table)
    assert not confident, f"{len(confident)} confident wrong numbers (status 'extracted'):\n" + "\n".join(confident)
    right = total = 0
    for name, path, truth in items:
        diffs, r, t, _ = compare(path, truth)
        right, total = right + r, total + t
        assert not [d for d in diffs if d.split(":")[0] in ("agency", "year", "template")], (name, diffs[:3])
    assert right >= 0.97 * total, f"{right}/{total} cells right"
