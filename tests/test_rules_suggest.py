"""Suggested corrections: one damaged cell is named and, where the equations pin it, restored.

Every numeric cell of tables `requests` and `appeals` is changed, one at a time, in consistent
reports (the samples, the fixture corpus, and generated reports with realistic non-zero figures).
"""
from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_rules_data import FIXTURES, SAMPLES, consistent_values, make_report

from parser.extract import load
from parser.model import Report
from review.findings import FAIL
from review.rules import check
from review.rules.equations import equations
from review.suggest import Equation, propose

ARITHMETIC = ("requests.row_total", "requests.results_total", "requests.balance", "appeals.row_total")


def _arith(report: Report):
    return [f for f in check(report, strict=True) if f.rule in ARITHMETIC and f.status == FAIL]


def _consistent_reports() -> list[tuple[str, Report]]:
    out = [(f"generated-{t}-{s}", make_report(consistent_values(s, t), t)) for s in range(3) for t in ("2021",)]
    out.append(("generated-2019", make_report(consistent_values(7, "2019"), "2019")))
    for path in sorted(SAMPLES.glob("*.txt")) + sorted(FIXTURES.glob("*.txt")):
        report = load(path)
        if path.name.startswith("002_"):  # consistent once its damaged row is corrected (as proposed)
            for c in ("natural_person", "total"):
                report.cells[f"requests/unable.not_held/{c}"].value = 0
        keys = [k for k in report.cells if k.startswith(("requests/", "appeals/"))]
        if all(report.cells[k].value is not None for k in keys) and not _arith(report):
            out.append((path.stem, report))
    return out


REPORTS = _consistent_reports()


def test_there_are_consistent_reports_with_non_zero_figures():
    names = [n for n, _ in REPORTS]
    assert all(any(n.startswith(p) for n in names) for p in ("000", "002", "003"))
    nonzero = [n for n, r in REPORTS
               if sum(bool(c.value) for k, c in r.cells.items() if k.startswith("requests/")) > 20]
    assert len(nonzero) >= 4, names


@pytest.mark.parametrize("name,report", REPORTS, ids=[n for n, _ in REPORTS])
def test_every_single_damaged_cell_is_named_and_restored(name, report):
    rng = random.Random(name)
    keys = [k for k in report.cells if k.startswith(("requests/", "appeals/"))]
    for key in keys:
        cell = report.cells[key]
        original = cell.value
        damaged = original + rng.choice([1, 2, 3, 7, 10]) if original < 3 or rng.random() < 0.5 else original - 1
        cell.value = damaged
        try:
            failing = _arith(report)
        finally:
            cell.value = original
        naming = [f for f in failing if key in f.cells]
        assert naming, f"{name}: changing {key} {original} → {damaged} went unnoticed"
        suggestions = {k: v for f in failing for k, v in (f.suggestion or {}).items()}
        if key.startswith("requests/"):
            # every cell of table three sits in two equalities that share only it: the correction is unique
            assert suggestions == {key: original}, f"{name}: {key} {original} → {damaged}: {suggestions}"
            assert any("均要求该格为" in f.message for f in naming)
        else:
            # a cell of table four sits in one equality only: which cell is wrong is not determined,
            # so nothing is proposed, but the alternatives (the original value among them) are named
            assert suggestions == {}
            assert any("不能唯一确定" in f.message and f"应为 {original:g}" in f.message for f in naming), \
                [f.message for f in naming]


def _extra_not_held(values: dict) -> Report:
    for c in ("natural_person", "total"):
        values[f"requests/unable.not_held/{c}"] += 1  # one extra application in 不掌握, totals untouched
    return make_report(values)


def test_002_style_two_cell_fix_is_unique_when_the_columns_hold_nothing_else():
    values = {k: (0 if k.startswith("requests/") else v) for k, v in consistent_values(0).items()}
    failing = _arith(_extra_not_held(values))
    assert {f.rule for f in failing} == {"requests.results_total"}
    got = {k: v for f in failing for k, v in (f.suggestion or {}).items()}
    assert got == {"requests/unable.not_held/natural_person": 0, "requests/unable.not_held/total": 0}


def test_002_style_damage_is_not_pinned_when_other_rows_could_absorb_it():
    # with other non-zero result rows, taking one application off any of them balances as well
    failing = _arith(_extra_not_held(consistent_values(0)))
    assert failing and not any(f.suggestion for f in failing)
    assert all("不能唯一确定" in f.message for f in failing)


def test_two_independent_damaged_cells_are_both_restored():
    values = consistent_values(3)
    report = make_report(values)
    a, b = "requests/granted/commercial", "requests/not_processed.duplicate/research"
    report.cells[a].value += 5
    report.cells[b].value += 2
    got = {k: v for f in _arith(report) for k, v in (f.suggestion or {}).items()}
    assert got == {a: values[a], b: values[b]}


def test_no_proposal_when_ambiguous_or_blank():
    eq = Equation("t:x", ("t",), ("a", "b"), "行合计")
    p = propose([eq], {"t": 5, "a": 1, "b": 1})
    assert p is not None and not p.unique and len(p.alternatives) == 3
    assert propose([eq], {"t": 5, "a": None, "b": 1}) is None  # nothing known about a blank equation
    assert propose([eq], {"t": 2, "a": 1, "b": 1}) is None  # nothing fails


def test_negative_corrections_are_not_proposed():
    rows = Equation("r", ("t",), ("a", "b"), "行合计")
    col = Equation("c", ("u",), ("a",), "列合计")
    # a must be 1 by the row (t - b) and 1 by the column: unique
    assert propose([rows, col], {"t": 4, "a": 9, "b": 3, "u": 1}).changes == {"a": 1}
    # the only single-cell fix would make a negative: none proposed at size one
    p = propose([rows], {"t": 1, "a": 0, "b": 3})
    assert p is not None and all(v is None or v >= 0 for alt in p.alternatives for v in alt.values())


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 10_000), pick=st.integers(0, 10_000), delta=st.integers(1, 50))
def test_property_single_damage_in_table_three_is_restored(seed, pick, delta):
    values = consistent_values(seed)
    report = make_report(values)
    keys = [k for k in report.cells if k.startswith("requests/")]
    key = keys[pick % len(keys)]
    report.cells[key].value += delta
    p = propose(equations(report.version, "requests"), {k: c.value for k, c in report.cells.items()})
    assert p is not None and p.changes == {key: values[key]}


def test_solver_is_bounded_on_a_badly_damaged_table():
    values = consistent_values(11)
    report = make_report(values)
    rng = random.Random(5)
    for key in rng.sample([k for k in report.cells if k.startswith("requests/")], 30):
        report.cells[key].value += rng.randint(1, 9)
    start = time.perf_counter()
    findings = _arith(report)
    assert findings and time.perf_counter() - start < 2.0


def test_blank_sub_row_totals_are_filled_from_the_equations():
    values = consistent_values(8)
    blanked = [f"requests/{r}/total" for r in result_rows_of(make_report(values))]
    report = make_report({k: (None if k in blanked else v) for k, v in values.items()})
    findings = [f for f in check(report, strict=True) if f.rule in ARITHMETIC]
    assert findings and all(f.status == "cannot_assess" for f in findings)
    fills = {k: v for f in findings for k, v in (f.suggestion or {}).items()}
    assert fills == {k: values[k] for k in blanked}
    assert any("可推出" in f.message for f in findings)
    for k, v in fills.items():  # accepting the fills leaves nothing to report
        report.cells[k].value = v
    assert not [f for f in check(report, strict=True) if f.rule in ARITHMETIC]


def test_no_fill_over_a_printed_inconsistency():
    values = consistent_values(8)
    values["requests/granted/natural_person"] += 1  # breaks the printed figures
    values["requests/partially_granted/total"] = None
    report = make_report(values)
    assert not [f for f in check(report, strict=True) if f.status == "cannot_assess" and f.suggestion]


def result_rows_of(report: Report) -> list[str]:
    from review.rules.equations import result_rows

    return result_rows(report.version)
