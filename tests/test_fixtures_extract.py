"""Every test report in tests/data/reports/ must be extracted exactly as its truth file says.

The reports copy the layouts real reports arrive in (see tests/data/make_reports.py and the
hand-written 04x_hand_* files); the truth gives agency, year, format and every cell (null where
nothing is printed). A failure lists each differing key with the expected and the extracted value.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from corpus import assert_truth_shape, compare, load_generator, truth_of

from parser.template import version

DATA = Path(__file__).resolve().parent / "data"
REPORTS = DATA / "reports"
FIXTURES = sorted(REPORTS.glob("*.txt"))
APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]




def test_there_are_enough_fixtures() -> None:
    assert len(FIXTURES) >= 14
    for path in FIXTURES:
        assert path.with_suffix(".json").exists(), f"{path.name} has no truth file"


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_fixture_extracts_exactly(path: Path) -> None:
    diffs, right, total, _ = compare(path, truth_of(path))
    assert not diffs, f"{path.name}: {right}/{total} cells right, {len(diffs)} differences\n" + "\n".join(diffs)


# --- the truth files themselves (these pass now; they keep the corpus honest) -------------------

@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_truth_has_every_key_in_order(path: Path) -> None:
    assert_truth_shape(truth_of(path), path.name)


def _sum_errors(values: dict, template: str) -> list[str]:
    """The format's equations, checked only where every cell involved is printed."""
    errors = []
    rows = [r.key for b in version(template).table("requests").blocks for r in b.rows]
    results = rows[2:rows.index("total")]

    def check(label: str, parts: list, whole) -> None:
        if whole is not None and None not in parts and sum(parts) != whole:
            errors.append(f"{label}: {sum(parts)} != {whole}")
    for row in rows:
        check(f"requests/{row}", [values[f"requests/{row}/{c}"] for c in APPLICANTS], values[f"requests/{row}/total"])
    for col in [*APPLICANTS, "total"]:
        v = {row: values[f"requests/{row}/{col}"] for row in rows}
        check(f"requests column {col}", [v[r] for r in results], v["total"])
        if None not in (v["new_received"], v["carried_over"], v["total"], v["carried_forward"]):
            if v["new_received"] + v["carried_over"] != v["total"] + v["carried_forward"]:
                errors.append(f"requests column {col}: 一+二 != 三+四")
    for row in ("review", "litigation_direct", "litigation_after_review"):
        check(f"appeals/{row}", [values[f"appeals/{row}/{c}"] for c in ("upheld", "corrected", "other", "pending")],
              values[f"appeals/{row}/total"])
    return errors


@pytest.mark.parametrize("path", FIXTURES, ids=lambda p: p.stem)
def test_truth_adds_up_unless_a_finding_says_otherwise(path: Path) -> None:
    truth = truth_of(path)
    errors = _sum_errors(truth["values"], truth["template"])
    if any("add up" in f for f in truth["findings"]):
        assert errors, "the findings report a sum error that the values do not show"
    else:
        assert not errors, errors


def test_generated_fixtures_are_up_to_date() -> None:
    """The committed files are exactly what tests/data/make_reports.py produces (fixed seed)."""
    module = load_generator(DATA / "make_reports.py")
    for name, (data, truth_json) in module.build_all().items():
        assert (REPORTS / f"{name}.txt").read_bytes() == data, f"{name}.txt differs: rerun make_reports.py"
        assert (REPORTS / f"{name}.json").read_text(encoding="utf-8") == truth_json, f"{name}.json differs"
