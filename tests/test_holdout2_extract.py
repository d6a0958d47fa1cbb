"""Second holdout: reports as DOCUMENTS (web pages, Word files, PDFs) through the whole read path.

The documents are generated at test time by tests/data/holdout2/make_holdout2.py (deterministic; written
without looking at the parser); the truth is committed beside it as tests/data/holdout2/*.json and is
never adjusted to the parser. Each report is read with `parser.extract.load(path)` and compared cell by
cell; the summary prints the overall cell accuracy and fails on any confident wrong number (a value that
differs from the truth while its status is "extracted").

    .venv/bin/pytest tests/test_holdout2_extract.py -q -rA
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from corpus import assert_truth_shape, compare, load_generator, summary, truth_of

HOLDOUT2 = Path(__file__).resolve().parent / "data" / "holdout2"
TRUTHS = sorted(HOLDOUT2.glob("*.json"))


def _generator():
    module = load_generator(HOLDOUT2 / "make_holdout2.py")
    return module


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return _generator().build_all(tmp_path_factory.mktemp("holdout2"))






def test_holdout2_truth_is_complete_and_what_the_generator_writes(documents) -> None:
    assert len(TRUTHS) >= 15
    assert sorted(documents) == [p.stem for p in TRUTHS], "rerun tests/data/holdout2/make_holdout2.py"
    years, suffixes = set(), set()
    for path in TRUTHS:
        truth = json.loads(path.read_text(encoding="utf-8"))
        assert_truth_shape(truth, path.name)
        assert documents[path.stem][1] == path.read_text(encoding="utf-8"), f"{path.name} differs from the generator"
        years.add(truth["year"])
        suffixes.add(documents[path.stem][0].suffix)
    assert suffixes == {".html", ".docx", ".pdf"}
    assert years == set(range(2019, 2026))


@pytest.mark.parametrize("stem", [p.stem for p in TRUTHS])
def test_holdout2_document(stem: str, documents) -> None:
    path = documents[stem][0]
    diffs, right, total, _ = compare(path, truth_of(HOLDOUT2 / path.name))
    assert not diffs, f"{path.name}: {right}/{total} cells right, {len(diffs)} differences\n" + "\n".join(diffs)


def test_holdout2_summary_no_confident_wrong_number(documents, capsys: pytest.CaptureFixture[str]) -> None:
    items = [(s, documents[s][0], truth_of(HOLDOUT2 / f"{s}.json")) for s in sorted(documents)]
    table, confident = summary("holdout2", items)
    with capsys.disabled():
        print(table)
    assert not confident, f"{len(confident)} confident wrong numbers (status 'extracted'):\n" + "\n".join(confident)
