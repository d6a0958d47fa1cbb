"""Damaged rows read to the last recoverable cell, never guessed (issue 11): glued crawler cells split only
where the digits and the equations allow one split, a number an OCR damaged flagged by the arithmetic."""
from __future__ import annotations

from pathlib import Path

from parser.equations import Equation, lone_culprits
from parser.extract import parse_text
from parser.glued import GluedRow, splits
from parser.template import version

DAMAGED = Path(__file__).resolve().parent / "data" / "damaged"
APPLICANTS = ("natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org")
# a small agency's table three (natural person, commercial enterprise; the other columns 0): every equation holds
ROWS = {"new_received": (24, 5), "carried_over": (3, 0), "granted": (12, 3), "partially_granted": (4, 0),
        "unable.not_held": (7, 1), "other.other": (2, 0), "total": (25, 4), "carried_forward": (2, 1)}


def glued_report(drop: str = "", twice: str = "", normative: str = "行政规范性文件8855698", sep: str = "",
                 overview: str = "本馆坚持以公开为常态、不公开为例外。") -> str:
    """A 2021 report as a crawler saved it: every table row's cells glued to its label (sep="": no separator)."""
    req = version("2021").table("requests")
    lines = ["某某县档案馆2021年政府信息公开工作年度报告", "一、总体情况", overview,
             "二、主动公开政府信息情况", "第二十条第（一）项", "信息内容本年制发件数本年废止件数现行有效件数",
             "规章000", normative, "第二十条第（五）项", "信息内容本年处理决定数量", "行政许可1234",
             "三、收到和处理政府信息公开申请情况",
             "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"]
    for row in (r for b in req.blocks for r in b.rows):
        a, b = ROWS.get(row.key, (0, 0))
        line = sep.join([row.label, *map(str, (a, b, 0, 0, 0, 0, a + b))])
        if row.key != drop:
            lines += [line] * (2 if row.key == twice else 1)
    lines += ["四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "无。",
              "六、其他需要报告的事项", "无。"]
    return "\n".join(lines) + "\n"


def _row(digits: str, kinds: tuple[str, ...], groups: tuple[tuple[int, bool], ...]) -> GluedRow:
    return GluedRow(tuple(f"c{i}" for i in range(len(kinds))), kinds, digits, groups)


def test_glued_digits_split_every_admissible_way() -> None:
    assert splits(_row("1000001", ("count",) * 7, ((7, True),))) == [("1", "0", "0", "0", "0", "0", "1")]
    assert len(splits(_row("8855698", ("count",) * 3, ((1, False),) * 3))) == 15
    assert splits(_row("12", ("count",) * 3, ((1, False),) * 3)) == []  # fewer digits than cells
    assert splits(_row("45+2300", ("count", "signed", "count"), ((1, False),) * 3)) == [
        ("45", "+2", "300"), ("45", "+230", "0")]  # no leading zeros: +23/00 is no split


def test_glued_rows_split_by_arithmetic_are_certain_only_when_every_equation_confirms() -> None:
    report = parse_text(glued_report())
    for key, (a, b) in ROWS.items():
        cells = [report.cells[f"requests/{key}/{c}"] for c in (*APPLICANTS, "total")]
        assert [c.value for c in cells] == [a, b, 0, 0, 0, 0, a + b], key
        assert {c.status for c in cells} == {"repaired"}, key  # row, column and balance equations all hold
    assert report.cells["active/licensing/decisions"].value == 1234
    assert report.cells["active/regulations/in_force"].value == 0  # 规章000: three digits, three cells
    # (七)总计 lost: the column totals cannot confirm the rows any more, each split by its own total
    lost = parse_text(glued_report(drop="total"))
    assert lost.cells["requests/granted/natural_person"].value == 12
    assert lost.cells["requests/granted/natural_person"].status == "uncertain"
    assert lost.cells["requests/total/natural_person"].status == "missing"


def test_glued_row_with_many_splits_stays_missing_and_keeps_its_text() -> None:
    report = parse_text(glued_report())
    for col in ("issued", "repealed", "in_force"):
        cell = report.cells[f"active/normative_documents/{col}"]
        assert (cell.value, cell.status, cell.text) == (None, "missing", "8855698")
    one_way = parse_text(glued_report(normative="行政规范性文件519"))
    assert [one_way.cells[f"active/normative_documents/{c}"].value for c in ("issued", "repealed", "in_force")] \
        == [5, 1, 9]


def test_unsplittable_glued_row_is_explained_by_the_rules() -> None:
    from review.rules import check

    messages = [f.message for f in check(parse_text(glued_report())) if f.rule == "value.not_number"]
    assert len(messages) == 3 and all("连在一起（“8855698”）" in m and "无法唯一拆分" in m for m in messages)


def test_glued_row_split_by_the_counts_the_narrative_states_is_uncertain() -> None:
    report = parse_text(glued_report(overview="本年制发行政规范性文件88件，废止55件，现行有效698件。"))
    cells = [report.cells[f"active/normative_documents/{c}"] for c in ("issued", "repealed", "in_force")]
    assert [(c.value, c.status, c.text) for c in cells] == [(88, "uncertain", "88"), (55, "uncertain", "55"),
                                                            (698, "uncertain", "698")]
    wrong = parse_text(glued_report(overview="本年制发行政规范性文件87件，废止55件，现行有效698件。"))
    assert [wrong.cells[f"active/normative_documents/{c}"].value for c in ("issued", "repealed", "in_force")] \
        == [None, None, None]  # the narrative fits no split: no choice made


def test_same_glued_row_printed_twice_belongs_to_neither() -> None:
    report = parse_text(glued_report(twice="granted"))
    assert report.cells["requests/granted/natural_person"].value is None
    assert report.cells["requests/partially_granted/natural_person"].value == 4


def test_dropped_digit_singled_out_by_the_equations_is_uncertain() -> None:
    eqs = (Equation("row", ("t",), ("a", "b"), "行合计"), Equation("col", ("u",), ("a", "c"), "列合计"),
           Equation("row2", ("v",), ("c", "d"), "行合计"))
    values = {"t": 1075, "a": 166, "b": 9, "u": 1070, "c": 4, "v": 5, "d": 1}
    assert lone_culprits(eqs, values) == {"a": 1066}
    assert lone_culprits(eqs, values | {"v": 6}) == {}  # another equation fails too: no lone cell
    text = glued_report(sep=" ").replace("（一）予以公开 12 3", "（一）予以公开 122 3")  # an OCR doubled a digit
    report = parse_text(text)
    damaged = [(c.key, c.value) for c in report.cells.values() if c.status == "uncertain"]
    assert damaged == [("requests/granted/natural_person", 122)]


def test_ocr_d_for_zero_after_a_digit() -> None:
    from parser.values import read_value

    assert (read_value("8D").value, read_value("8D").status) == (80, "repaired")
    # a lone D in a number's place is 0, as a lone O or l is 0 or 1 (issue 11: O/o/D for 0); repaired, not certain
    assert (read_value("D").value, read_value("D").status) == (0, "repaired")
    assert read_value("DD") is None and read_value("AD") is None


def test_table_three_read_out_of_line_is_uncertain_not_certain() -> None:
    from parser.doubts import flag_doubtful
    from parser.model import Cell

    report = parse_text(glued_report(sep=" "))
    flag_doubtful(report.cells, version("2021"))
    assert {c.status for k, c in report.cells.items() if k.startswith("requests/")} == {"extracted"}
    rows = [r.key for b in version("2021").table("requests").blocks for r in b.rows]
    shifted = dict(report.cells)
    for above, below in zip(rows, rows[1:], strict=False):  # every row given the values of the row below it
        for col in (*APPLICANTS, "total"):
            old = report.cells[f"requests/{below}/{col}"]
            key = f"requests/{above}/{col}"
            shifted[key] = Cell(key, old.value, old.text, old.span, old.status)
    flag_doubtful(shifted, version("2021"))
    assert {c.status for k, c in shifted.items() if k.startswith("requests/")} == {"uncertain"}


def test_agency_misread_once_in_the_title_is_spelt_as_elsewhere() -> None:
    text = "沐阳县农业农村局2022年政府信息公开工作年度报告\n一、总体情况\n2022年，沭阳县农业农村局坚持公开。\n" \
           "如有疑问，请与沭阳县农业农村局办公室联系。\n"
    report = parse_text(text)
    assert report.agency == "沭阳县农业农村局"
    assert text[slice(*report.agency_span)] == "沭阳县农业农村局"
    assert parse_text(text.replace("沭阳", "沐阳")).agency == "沐阳县农业农村局"  # spelt so throughout: as printed


def test_glued_rows_with_signs_decimals_and_empty_cells_are_explained_as_glued() -> None:
    """A crawler's glued rows the arithmetic leaves ambiguous: 2019's 本年增/减 (49-14620), a count glued to an
    amount (14318.56), a half-blank row keeping its &nbsp; (12319\xa0212): the rule says the digits are glued,
    not that the cell holds something other than a number."""
    from review.rules import check

    tools = Path(__file__).resolve().parent / "data" / "damaged_tools"
    messages = {f.cells[0]: f.message for name in ("744_lxml_glued_2019_province", "747_lxml_glued_half_blank")
                for f in check(parse_text((tools / f"{name}.txt").read_text(encoding="utf-8")))
                if f.rule == "value.not_number"}
    for key, printed in (("active/other_services/decisions", "49-14620"), ("active/procurement/amount", "14318.56"),
                         ("requests/granted/natural_person", "12319\xa0212")):
        assert f"连在一起（“{printed}”）" in messages[key] and "无法唯一拆分" in messages[key], messages.get(key)
    assert not any("不是数字" in m for m in messages.values())


def test_rows_printed_out_of_order_put_every_cell_in_doubt() -> None:
    """An OCR's boxes sorted by their top print a row's numbers out of order (5 / 规章 / 47 / 1): read as printed,
    its rows of tables three and four do not add up. Three such rows or more (and at least 10 % of the rows with
    numbers) are more than a report's own errors: every cell of the report is uncertain, its numbers kept. One
    or two rows not adding up are the report's errors, read as printed."""
    import re

    from parser.model import EXTRACTED, UNCERTAIN

    tools = Path(__file__).resolve().parent / "data" / "damaged_tools"
    text = (tools / "756_html2text_city_thousands.txt").read_text(encoding="utf-8")

    def reverse_numbers(line: str) -> str:
        cells = line.rstrip().split("|")
        numbers = [c for c in cells if c.strip().isdigit()]
        return "|".join([*cells[:len(cells) - len(numbers)], *reversed(numbers)]) + "  "

    lines = text.split("\n")
    rows = [i for i, line in enumerate(lines) if re.search(r"(上年结转|予以公开|部分公开|本机关不掌握)", line)]
    assert len(rows) == 4
    two = list(lines)
    for i in rows[:2]:
        two[i] = reverse_numbers(two[i])
    report = parse_text("\n".join(two))
    assert report.cells["requests/carried_over/natural_person"].value == 115  # reversed as printed
    assert report.cells["active/normative_documents/issued"].status == EXTRACTED  # (table three's columns fail)
    four = list(lines)
    for i in rows:
        four[i] = reverse_numbers(four[i])
    report = parse_text("\n".join(four))
    assert report.cells["requests/carried_over/natural_person"].value == 115
    assert all(c.status == UNCERTAIN for c in report.cells.values() if c.value is not None)


def test_a_label_cut_after_its_numbering_and_first_character_names_its_row() -> None:
    """An OCR's boxes of a narrow label column print a row's label two characters a line (1.属 / 于国 / 家秘 / 密),
    the numbers after the first line: the numbering and the first character name the one row of the table
    printed so; a numbering and first character two rows share name none."""
    from parser.rowmatch import _best_row

    rows = list(version("2021").table("requests").blocks[0].rows)
    named = {label: getattr(_best_row([label], rows, None, 72), "key", None)
             for label in ("1.属", "2.其", "5.属", "1.本", "3.补", "2.重", "3.要", "4.无", "1.申", "2.申", "3.其")}
    assert named == {"1.属": "denied.state_secret", "2.其": "denied.law_prohibited", "5.属": "denied.internal_affairs",
                     "1.本": "unable.not_held", "3.补": "unable.unclear", "2.重": "not_processed.duplicate",
                     "3.要": "not_processed.publication", "4.无": "not_processed.massive",
                     "1.申": "other.no_correction", "2.申": "other.no_fee", "3.其": "other.other"}
    # after a group label an OCR garbled (（六） read K)), the numbering inside the label
    assert _best_row(["K) 1.申"], rows, None, 72).key == "other.no_correction"
    shared = [r for r in rows if r.key in ("denied.state_secret", "unable.not_held")]
    assert _best_row(["1."], shared, None, 72) is None
    text = "三、收到和处理政府信息公开申请情况\n1.属\n1 0 0 0 0 0 1\n于国\n家秘\n密\n"
    assert parse_text(text).cells["requests/denied.state_secret/natural_person"].value == 1


def test_a_stray_number_before_table_four_puts_it_in_doubt() -> None:
    """A page's bare number after table four's title (LibreOffice's PDF, pdftotext: 四、…情况 / 2 / 行政复议 / …)
    shifts its numbers by one: read so, two of its three groups do not add up to their totals, as a report's
    own error rarely makes them; its cells are then uncertain, not certain and wrong."""
    from parser.model import UNCERTAIN

    tools = Path(__file__).resolve().parent / "data" / "damaged_tools"
    text = (tools / "792_office_pdftotext_ministry.txt").read_text(encoding="utf-8")
    title = "四、政府信息公开行政复议、行政诉讼情况\n"
    report = parse_text(text.replace(title, title + "2\n"))
    read = [c for k, c in report.cells.items() if k.startswith("appeals/") and c.value is not None]
    assert read and all(c.status == UNCERTAIN for c in read)
    clean = parse_text(text)
    assert [clean.cells[f"appeals/review/{c}"].value for c in ("upheld", "corrected", "other", "pending", "total")] \
        == [1, 3, 1, 0, 5]
