"""The rules on the sample reports and the fixture corpus, parsed as users get them."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from parser.extract import load
from review.findings import CANNOT_ASSESS, ERROR, FAIL
from review.rules import CATALOGUE, catalogue_markdown, check, has_errors

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "resources" / "samples"
FIXTURES = ROOT / "tests" / "data" / "reports"
ARITHMETIC = ("requests.row_total", "requests.results_total", "requests.balance", "appeals.row_total")


def sample(prefix: str):
    return load(next(SAMPLES.glob(f"{prefix}_*.txt")))


def by_rule(findings, rule_id):
    return [f for f in findings if f.rule == rule_id]


def test_catalogue_covers_the_spec():
    spec = ROOT.parent / "shared" / "spec" / "rules.md"  # the team's shared folder beside the checkout
    if not spec.exists():
        pytest.skip("shared/spec/rules.md is not beside this checkout")
    # plain ids, and ids still marked `…` (new) in the shared spec (read-only here) once they are built
    ids = set(re.findall(r"^\| `?((?:requests|appeals|value|active|form|text|years)\.[a-z_]+)`?(?: \(new\))? \|",
                         spec.read_text(), re.M))
    ours = {r.id for r in CATALOGUE}
    assert ids and ids == ours
    assert len(ours) == len(CATALOGUE)
    for r in CATALOGUE:
        assert r.severity in ("error", "warning", "info")
        assert re.search(r"[\u4e00-\u9fff]", r.description) and "\n" not in r.description


def test_catalogue_markdown_lists_every_rule():
    md = catalogue_markdown()
    assert md.startswith("| 规则 | 级别 | 说明 |")
    for r in CATALOGUE:
        assert f"`{r.id}`" in md


def test_002_results_total_fails_with_the_minimal_correction():
    report = sample("002")
    findings = check(report, strict=True)
    failed = {f.cells[0]: f for f in by_rule(findings, "requests.results_total") if f.status == FAIL}
    assert set(failed) == {"requests/total/natural_person", "requests/total/total"}
    for column in ("natural_person", "total"):
        f = failed[f"requests/total/{column}"]
        assert (f.reported, f.computed) == (0, 1)
        assert f.severity == ERROR
        assert f"requests/unable.not_held/{column}" in f.cells
        assert f.suggestion == {f"requests/unable.not_held/{column}": 0}
        assert "唯一" in f.message and "改为 0" in f.message
    message = failed["requests/total/natural_person"].message
    assert message.startswith("表三（七）总计·自然人：各项办理结果之和为 1，报告填写 0")
    # no other arithmetic failure
    assert not [f for f in findings if f.rule in ARITHMETIC and f.rule != "requests.results_total"]


def test_002_narrative_says_no_application_was_received():
    report = sample("002")
    (f,) = by_rule(check(report, strict=True), "text.no_requests")
    assert f.status == FAIL and f.severity == ERROR
    assert f.sentence == "全年我局未收到政府信息公开申请报告。"
    assert report.text[f.sentence_span[0]:f.sentence_span[1]] == f.sentence
    assert "requests/unable.not_held/natural_person" in f.cells and f.computed == 1


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_consistent_samples_have_no_error(prefix):
    findings = check(sample(prefix), strict=True)
    assert not has_errors(findings), [f.message for f in findings]
    assert not [f for f in findings if f.severity == ERROR]


def test_001_tables_are_not_assessable_and_name_the_blank_cells():
    report = sample("001")
    findings = check(report, strict=True)
    assert not [f for f in findings if f.rule in ARITHMETIC and f.status == FAIL]
    for rule_id in ARITHMETIC:
        found = by_rule(findings, rule_id)
        assert found and all(f.status == CANNOT_ASSESS and f.severity != ERROR for f in found)
        named = {k for f in found for k in f.cells}
        assert all(report.cells[k].value is None for k in named)
    row_totals = {k for f in by_rule(findings, "requests.row_total") for k in f.cells}
    assert {"requests/new_received/total", "requests/unable.not_held/natural_person"} <= row_totals
    assert len(row_totals) == 175  # every cell of table three is named
    empty = {f.cells and f.cells[0].split("/")[0] for f in by_rule(findings, "form.tables_empty")}
    assert {"requests", "appeals"} <= empty
    assert len(findings) < 20  # compact: not one finding per blank cell


def test_004_reports_the_missing_review_half():
    report = sample("004")
    findings = check(report, strict=True)
    (f,) = by_rule(findings, "appeals.half_missing")
    assert f.status == FAIL and f.severity == "warning"
    assert set(f.cells) == {f"appeals/review/{c}" for c in ("upheld", "corrected", "other", "pending", "total")}
    assert "行政复议" in f.message and (f.reported, f.computed) == (10, 15)
    assert not [x for x in findings if x.rule in ARITHMETIC and x.status == FAIL]
    assert not has_errors(findings)


def test_every_finding_is_well_formed_on_every_report():
    files = sorted(SAMPLES.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))
    for path in files:
        report = load(path)
        for f in check(report, strict=True):
            assert f.status in (FAIL, CANNOT_ASSESS)
            assert re.search(r"[\u4e00-\u9fff]", f.message), f.message
            assert all(k in report.cells for k in f.cells), (path.name, f.rule, f.cells)
            assert len(set(f.cells)) == len(f.cells)
            if f.sentence_span:
                a, b = f.sentence_span
                assert report.text[a:b] == f.sentence
            if f.suggestion:
                assert set(f.suggestion) <= set(f.cells)
            json.dumps(f.to_dict(), ensure_ascii=False)


def _fixture_truth(path: Path) -> dict:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


@pytest.mark.skipif(not FIXTURES.exists(), reason="fixture corpus not generated")
def test_fixture_arithmetic_error_is_found_and_corrected():
    path = next(FIXTURES.glob("030_*.txt"), None)
    if path is None:
        pytest.skip("no arithmetic-error fixture")
    truth = _fixture_truth(path)
    report = load(path)
    findings = [f for f in check(report, strict=True) if f.rule in ARITHMETIC and f.status == FAIL]
    assert findings
    proposals = {k: v for f in findings for k, v in (f.suggestion or {}).items()}
    for key, value in proposals.items():  # the correction restores a consistent table
        report.cells[key].value = value
    assert not [f for f in check(report, strict=True) if f.rule in ARITHMETIC and f.status == FAIL], truth["findings"]
