"""Damaged rows read to the last recoverable cell, never guessed (issue 11): glued crawler cells split only
where the digits and the equations allow one split, a number an OCR damaged flagged by the arithmetic."""
from __future__ import annotations

from pathlib import Path

from parser.equations import Equation, lone_culprits
from parser.extract import parse_text
from parser.glued import GluedRow, splits

DAMAGED = Path(__file__).resolve().parent / "data" / "damaged"
GLUED = (DAMAGED / "611_crawler_glued_cells.txt").read_text(encoding="utf-8")


def _row(digits: str, kinds: tuple[str, ...], groups: tuple[tuple[int, bool], ...]) -> GluedRow:
    return GluedRow(tuple(f"c{i}" for i in range(len(kinds))), kinds, digits, groups)


def test_glued_digits_split_every_admissible_way() -> None:
    assert splits(_row("1000001", ("count",) * 7, ((7, True),))) == [("1", "0", "0", "0", "0", "0", "1")]
    assert len(splits(_row("8855698", ("count",) * 3, ((1, False),) * 3))) == 15
    assert splits(_row("12", ("count",) * 3, ((1, False),) * 3)) == []  # fewer digits than cells
    assert splits(_row("45+2300", ("count", "signed", "count"), ((1, False),) * 3)) == [
        ("45", "+2", "300"), ("45", "+230", "0")]  # no leading zeros: +23/00 is no split


def test_glued_row_with_many_splits_stays_missing_and_keeps_its_text() -> None:
    report = parse_text(GLUED.replace("行政规范性文件519", "行政规范性文件8855698"))
    for col in ("issued", "repealed", "in_force"):
        cell = report.cells[f"active/normative_documents/{col}"]
        assert (cell.value, cell.status, cell.text) == (None, "missing", "8855698")
    assert report.cells["active/regulations/issued"].value == 0  # 规章000: three digits, three cells


def test_glued_row_split_by_arithmetic_is_certain_only_when_every_equation_confirms() -> None:
    report = parse_text(GLUED)
    granted = [report.cells[f"requests/granted/{c}"] for c in
               ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total")]
    assert [c.value for c in granted] == [28, 5, 1, 0, 1, 1, 36]
    assert {c.status for c in granted} == {"repaired"}  # row, column and balance equations all hold
    # the (七)总计 row lost: the column totals cannot confirm the rows split by their own total any more
    lost = parse_text(GLUED.replace("（七）总计717104184\n", ""))
    statuses = {lost.cells[f"requests/granted/{c}"].status for c in ("natural_person", "total")}
    assert statuses == {"uncertain"}
    assert lost.cells["requests/total/natural_person"].status == "missing"


def test_same_glued_row_printed_twice_belongs_to_neither() -> None:
    text = GLUED.replace("（七）总计717104184", "（七）总计717104184\n（七）总计717104184")
    report = parse_text(text)
    assert report.cells["requests/total/natural_person"].value is None


def test_dropped_digit_singled_out_by_the_equations_is_uncertain() -> None:
    eqs = (Equation("row", ("t",), ("a", "b"), "行合计"), Equation("col", ("u",), ("a", "c"), "列合计"),
           Equation("row2", ("v",), ("c", "d"), "行合计"))
    values = {"t": 1075, "a": 166, "b": 9, "u": 1070, "c": 4, "v": 5, "d": 1}
    assert lone_culprits(eqs, values) == {"a": 1066}
    assert lone_culprits(eqs, values | {"v": 6}) == {}  # another equation fails too: no lone cell
    report = parse_text((DAMAGED / "610_ocr_dropped_and_doubled_digits.txt").read_text(encoding="utf-8"))
    damaged = [c for c in report.cells.values() if c.status == "uncertain"]
    assert sorted((c.key, c.value) for c in damaged) == [("requests/new_received/natural_person", 166),
                                                          ("requests/partially_granted/natural_person", 1109)]


def test_ocr_d_for_zero_after_a_digit() -> None:
    from parser.values import read_value

    assert (read_value("8D").value, read_value("8D").status) == (80, "repaired")
    assert read_value("D") is None
