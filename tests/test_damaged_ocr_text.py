"""Text another tool recognised from page images (Tesseract and the like, issue 11): its misreadings of table
cells — a lone D, Q or 了 where a number was printed — and how much of its text is certain.

    .venv/bin/pytest tests/test_damaged_ocr_text.py -q
"""
from __future__ import annotations

from pathlib import Path

from corpus import truth_of

from parser.model import UNCERTAIN

TOOLS_DIR = Path(__file__).resolve().parent / "data" / "damaged_tools"


def test_an_ocrs_letters_in_a_numbers_place_are_cells_not_labels() -> None:
    """Tesseract reads a printed 0 as D (or a stray letter such as Q, or a character such as 了) standing alone
    among a row's numbers. A lone D is 0, as O, o, l and I are read (repaired, never certain); another lone
    letter, or a character between two numbers or right after the rule read as a pipe after the label, is a
    number the OCR garbled, left missing with its text. None
    is a label that cuts the row and shifts the rows after it (a row's numbers were given to the row before)."""
    from parser.extract import parse_bytes

    name = "785_tesseract_psm4_2019_township"
    text = (TOOLS_DIR / f"{name}.txt").read_text(encoding="utf-8")
    truth = truth_of(TOOLS_DIR / f"{name}.json")["values"]
    for printed, damaged in (("秘密   0   0   0   0   0   0   0", "秘密   0   0   0   0   D   0   0"),
                             ("过程性信息 | 0   0   0   0   0   0   0", "过程性信息 | 0   0   Q   0   0   0   0"),
                             ("投诉类申请 | 1   0   0   0   0   0   1", "投诉类申请 | l   0   0   D   0   0   1"),
                             ("掌握相关政 | 3   0   0   0   0   0   3", "掌握相关政 | 3   0   了   0   0   0   3"),
                             ("安全一稳定 | 1   0   0   0   0   0   1", "安全一稳定 | 了   0   0   0   0   0   1")):
        assert printed in text
        text = text.replace(printed, damaged, 1)
    report = parse_bytes(text.encode("utf-8"), f"{name}.txt")
    garbled = {"requests/denied.process_info/research": "Q", "requests/unable.not_held/research": "了",
               "requests/denied.three_safety/natural_person": "了"}
    for key, printed in garbled.items():
        assert (report.cells[key].value, report.cells[key].text) == (None, printed), key
    wrong = [k for k in truth if k.startswith("requests/") and report.cells[k].value != truth[k]]
    assert sorted(wrong) == sorted(garbled)
    for key in ("requests/denied.state_secret/legal_service", "requests/not_processed.petition/social_welfare"):
        assert (report.cells[key].value, report.cells[key].text) == (0, "D"), key
        assert report.cells[key].status != "extracted", key


def test_another_tools_ocr_rows_adding_up_alone_are_not_confirmed() -> None:
    """In another tool's OCR text a row that adds up in itself may be another row's numbers (a garbled label
    moved it): only when every equation a cell takes part in is read and holds is it certain. One row lost
    (秘密's numbers), every column sum of table three's results is unknown: no result row is certain, though
    each adds up; the rows of the balance and table four, all their equations read and holding, stay certain."""
    from parser.extract import parse_bytes

    name = "785_tesseract_psm4_2019_township"
    text = (TOOLS_DIR / f"{name}.txt").read_text(encoding="utf-8")
    assert "\n秘密   0   0   0   0   0   0   0\n" in text
    report = parse_bytes(text.replace("\n秘密   0   0   0   0   0   0   0\n", "\n秘密\n", 1).encode("utf-8"),
                         f"{name}.txt")
    read = {k: c.status for k, c in report.cells.items() if k.startswith("requests/") and c.value is not None}
    balance = ("requests/new_received/", "requests/carried_over/", "requests/carried_forward/")
    assert len(read) == 154 and {s for k, s in read.items() if not k.startswith(balance)} == {UNCERTAIN}
    # the balance (new + carried over = handled + carried forward) does not take the lost row: read, it holds
    assert {s for k, s in read.items() if k.startswith(balance)} == {"extracted"}
    assert report.cells["appeals/review/total"].status == "extracted"


def test_an_ocrs_specks_beside_numbers_are_not_labels() -> None:
    """Tesseract prints a speck of dirt beside a number as a period or a quote (0. / 1. / “3 / 3”). 0. is no
    numbering (they start at 1), nor is a number with a period after another number on its line: both are
    the number, repaired; quotes around a number are noise as ・ and | are. Before, 0. and 1. were labels that
    cut their rows (the rows went missing) and a quoted number was no number; so was 1. right after the
    label."""
    from parser.extract import parse_bytes

    name = "785_tesseract_psm4_2019_township"
    text = (TOOLS_DIR / f"{name}.txt").read_text(encoding="utf-8")
    truth = truth_of(TOOLS_DIR / f"{name}.json")["values"]
    specks = {"秘密   0   0   0   0   0   0   0": "秘密   0.   0   0   0   0   0   0",
              "安全一稳定 | 1   0   0   0   0   0   1": "安全一稳定 | 1.   0   0   0   0   0   1",
              "投诉类申请 | 1   0   0   0   0   0   1": "投诉类申请 | 1   0   0   0   0   0   1.",
              "掌握相关政 | 3   0   0   0   0   0   3": "掌握相关政 | “3   0   0   0   0   0   3”",
              "1  0 0  1  2  0  0 0  1  1  1  1  0  0 2": "1  0 0  1  2  0  0 0  1  1'  1  1  0  0 2"}
    for printed, damaged in specks.items():
        assert printed in text
        text = text.replace(printed, damaged, 1)
    report = parse_bytes(text.encode("utf-8"), f"{name}.txt")
    wrong = [k for k in truth if k.startswith(("requests/", "appeals/")) and report.cells[k].value != truth[k]]
    assert not wrong, wrong
    for key, printed in (("requests/denied.state_secret/natural_person", "0."),
                         ("requests/not_processed.petition/total", "1."),
                         ("requests/denied.three_safety/natural_person", "1."),
                         ("requests/unable.not_held/natural_person", "“3"),
                         ("appeals/litigation_direct/total", "1'")):
        cell = report.cells[key]
        assert cell.text == printed and cell.status != "extracted", key


def test_a_bare_numbering_and_a_money_amount_with_a_period_after_it() -> None:
    from parser.tokens import tokenize
    from parser.values import read_value

    # 3. between a label and the numbers is the row's first number (a numbering is not printed apart from the
    # words it numbers, so the row would have one number too many: the row reader drops it when that adds up);
    # at the start of a line or before words it is a numbering
    assert [t.kind for t in tokenize("秘密   3.   1   0") if t.kind != "eol"] == ["label", "value", "value", "value"]
    assert [t.kind for t in tokenize("秘密   0.   1   0") if t.kind != "eol"] == ["label", "value", "value", "value"]
    assert [t.kind for t in tokenize("3.   其他   1   0") if t.kind != "eol"] == ["label", "label", "value", "value"]
    assert [t.kind for t in tokenize("3.   1   0") if t.kind != "eol"] == ["label", "value", "value"]
    assert (read_value("12.").value, read_value("12.").status) == (12, "repaired")
    assert read_value("8309.", "money") is None  # a money amount may have lost its decimals: not read


def test_ocr_text_is_known_by_its_rules_read_as_pipes_between_numbers_and_headings() -> None:
    """Tesseract reads a table's vertical rules as pipes: between a label and its numbers, between the numbers
    too (行政法规禁 | 0 | 1  0 | 0), and between column headings (维持 | 纠正 | 结果 | 审结). Any of these marks
    the text as OCR, whose numbers no equation checks are uncertain (642 read 6 in table two)."""
    import re

    from parser.doubts import recognised_by_ocr
    from parser.extract import parse_bytes

    # rows lost, the headings' rules alone say it (the default page analysis and psm 4 of an all-zero table)
    for name in ("770_tesseract_county_decimals", "780_tesseract_psm4_county_decimals", "776_tesseract_city_thousands"):
        assert recognised_by_ocr((TOOLS_DIR / f"{name}.txt").read_text(encoding="utf-8")), name
    name = "788_tesseract_psm4_2019_county"
    text = (TOOLS_DIR / f"{name}.txt").read_text(encoding="utf-8")
    ruled = re.sub(r"(?<=\d) {2,}(?=\d)", "  |  ", text)
    assert ruled.count("  |  ") > 100
    report = parse_bytes(ruled.encode("utf-8"), f"{name}.txt")
    cell = report.cells["active/other_services/decisions"]
    assert (cell.value, cell.status) == (6, UNCERTAIN)  # printed 642
    # a web page's menu bar (无障碍 | 长者模式 | English) and a written pipe table (| 规章 | 0 |) are no OCR
    assert not recognised_by_ocr("无障碍 | 长者模式 | English\n维持 | 纠正 | 结果\n网站地图 | 联系我们\n")
    assert not recognised_by_ocr("| 维持 | 纠正 | 结果 |\n| 维持 | 纠正 | 审结 |\n| 规章 | 0 | 0 | 0 |\n")


def test_a_line_of_zeros_cut_short_says_not_which_groups_it_is() -> None:
    """Table four of a report whose 行政复议 cells are blank: Tesseract reads ten zeros on the line (the blank
    cells vanish). Zeros add up in any group, so which two groups they are is not known: none is read (they
    were read as the first two, and 行政复议 was given five zeros it does not print). Ten numbers whose groups
    add up to totals not 0 are still read from the start, uncertain."""
    from parser.extract import parse_bytes

    for name in ("783_tesseract_psm4_2019_blanks_amounts", "773_tesseract_2019_blanks_amounts"):
        text = (TOOLS_DIR / f"{name}.txt").read_text(encoding="utf-8")
        truth = truth_of(TOOLS_DIR / f"{name}.json")["values"]
        report = parse_bytes(text.encode("utf-8"), f"{name}.txt")
        keys = [k for k in truth if k.startswith("appeals/")]
        assert [truth[k] for k in keys[:5]] == [None] * 5
        assert all(report.cells[k].value is None for k in keys), name
