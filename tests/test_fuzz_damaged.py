"""The parser never raises and never stalls on damaged text: the committed corpora damaged by
tests/textmutations.py (bench/fuzz_parse.py runs thousands of such cases and times each), and the minimal
texts of what that fuzzing found."""
from __future__ import annotations

import os
import random
import re
import signal
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textmutations import mutated, seeds

from parser import boxtable, column_headings
from parser.boxtable import _columns
from parser.doubts import recognised_by_ocr
from parser.extract import parse_bytes, parse_text
from parser.glued import GluedRow, splits
from parser.reader import ReadError
from parser.template import version
from parser.tokens import VALUE, Token
from parser.unlabelled import between_neighbours
from parser.values import read_value
from review.rules import check

DATA = Path(__file__).resolve().parent / "data"

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "40"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(seeds()) - 1), st.randoms(use_true_random=False), st.integers(1, 12))
def test_damaged_corpora_parse_and_check(i, rnd, n):
    text = mutated(i, random.Random(rnd.getrandbits(64)), n)
    try:
        report = parse_bytes(text.encode("utf-8"), "damaged.txt")
    except ReadError as e:  # the title and tables cut away: a one-line reason, not a traceback
        assert str(e) and "\n" not in str(e)
        return
    check(report, strict=True)
    for cell in report.cells.values():
        if cell.span:
            assert 0 <= cell.span[0] <= cell.span[1] <= len(text)


class _CountingList(list):
    """A list that counts how often its items are looked up."""

    lookups = 0

    def __getitem__(self, i):
        self.lookups += 1
        return super().__getitem__(i)


def test_runs_between_two_read_rows_are_weighed_once():
    # Found by bench/fuzz_parse.py: a 1.6 MB line of numbers (a laid-out row repeated) became thousands of
    # runs without a label before the first read row; each run looked at every other one (quadratic: the
    # parse never ended). The runs between two read rows are now counted once for all of them.
    rows = [r for b in version("2021").table("requests").blocks for r in b.rows]
    n = 300
    items = _CountingList([([], [Token(VALUE, "1", k, k + 1, k)]) for k in range(n)] + [(["x"], [])])
    placed = between_neighbours(items, list(range(n)), {rows[2].key: n}, rows, {r.key: 7 for r in rows},
                                 "requests", None)
    assert placed == []
    assert items.lookups <= 2 * n


def test_a_huge_number_in_a_short_row_is_no_error():
    # Found by bench/fuzz_parse.py (OverflowError, elsewhere MemoryError or seconds): the search for a short
    # row's columns kept the sums an equation can still reach as the bits of an int, one bit per unit between
    # the least and the most; a 126-digit number asked for that many bits. It now gives up such a search.
    text = ("一、本年新收政府信息公开申请数量 402 65 1 3 35 3 509\n二、上年结转政府信息公开申请数量 22 7 1 1 1 32\n"
            "的，只计这一情形，不计其\n7\n" + "3" * 126)
    report = parse_bytes(text.encode("utf-8"), "huge.txt")
    check(report, strict=True)
    assert report.cells["requests/new_received/natural_person"].value == 402


def test_a_number_of_thousands_of_digits_in_any_cell_is_no_error():
    # int() refuses strings of more than 4,300 digits: the table readers that add a row's numbers (table three's
    # row totals, table four's groups, whole rows and columns) raised ValueError on such a cell. A count has 15
    # digits at most (parser.values.count_of); a longer run is no count, and the row is read no other way.
    huge = "9" * 5000
    for name in ("756_html2text_city_thousands", "702_pdftotext_ministry", "792_office_pdftotext_ministry"):
        text = (DATA / "damaged_tools" / f"{name}.txt").read_text(encoding="utf-8")
        for match in list(re.finditer(r"(?<![\d.])\d+(?![\d.])", text))[::9]:
            report = parse_bytes((text[:match.start()] + huge + text[match.end():]).encode("utf-8"), "huge.txt")
            check(report, strict=True)


def _never_hangs(seconds: float):
    """Raise in the test instead of running on when a call takes far longer than any report's parse."""
    def alarm(*_):
        raise TimeoutError("hang")
    signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def test_a_spaced_line_of_numbers_after_pipes_is_weighed_at_once():
    # Found by bench/fuzz_parse.py (16 s for one report): the pattern of an OCR's row with its rules read as
    # pipes (款 | 1 | 1  1 …) had the space before a number as \s+\|?\s*, which a line of numbers set three
    # spaces apart and ending in a word split in 3^n ways (14 numbers: 0.8 s, 16: 7.9 s, 30: never ends).
    line = "行政法规禁 | 1 | 1" + "   1" * 30
    _never_hangs(10)
    try:
        assert not recognised_by_ocr("\n".join([line + " 项"] * 3))
        assert recognised_by_ocr("\n".join([line] * 3))  # the same rows ending in a number: an OCR's
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_a_ruled_block_whose_bars_do_not_line_up_is_left_at_its_first_other_width(monkeypatch):
    # Found by bench/fuzz_parse.py (a ruled table's row repeated into one very long line: 30 s and more): the
    # block's cells were all gathered before its lines' widths were compared; a block of lines of two widths
    # is no grid, known at its first line of another width.
    measured = []
    monkeypatch.setattr(boxtable, "_columns", lambda line: measured.append(line) or _columns(line))
    block = [(0, "┌──┬──┐"), (8, "│1 │2 │" * 50)] + [(9 + k, "│1 │2 │") for k in range(100)]
    assert boxtable._rows(block, True) is None
    assert len(measured) == 2


def test_a_number_beyond_any_float_is_no_value():
    # Found by bench/fuzz_parse.py: a 400-digit number was read as the value inf; the rules adding up its row
    # then raised (OverflowError: cannot convert Infinity to integer ratio). It is no count of anything.
    assert read_value("9" * 400) is None
    text = ("一、本年新收政府信息公开申请数量 402 65 1 3 35 3 " + "9" * 400 + "\n"
            "二、上年结转政府信息公开申请数量 22 7 1 1 1 0 32\n")
    check(parse_bytes(text.encode("utf-8"), "inf.txt"), strict=True)


class _CountingPattern:
    """A compiled pattern that counts its matches."""

    def __init__(self, pattern):
        self.pattern, self.calls = pattern, 0

    def match(self, text):
        self.calls += 1
        return self.pattern.match(text)


def test_a_long_run_of_labels_is_read_from_its_end_only(monkeypatch):
    # Found by bench/fuzz_parse.py (a pipe table's heading row repeated into one long line: 250 ms for a 19 KB
    # report): before each row of table three the labels were stripped of group words all through, hundreds
    # of them for every row, though a row is named by the last nine at most.
    pattern = _CountingPattern(column_headings._GROUP_NUMBER)
    monkeypatch.setattr(column_headings, "_GROUP_NUMBER", pattern)
    text = ("| 一、本年新收政府信息公开申请数量 | 23 | 14 | 0 | 1 | 4 | 2 | 44 |\n"
            + "| 列1 | 列2 | 列3 | 列4 | 列5 | 列6 | 列7 | 列8 |" * 180)
    parse_text(text)
    assert pattern.calls < 10_000  # 257,753 before


def test_glued_digits_are_split_into_cells_of_fifteen_digits_at_most():
    # Found by bench/fuzz_parse.py (a 4.6 KB report: 250 ms): the search for the cells of a row printed with
    # its digits glued tried every piece up to the end of the digits, each piece a longer string to match,
    # hundreds of characters for a line of digits: no count is so long.
    row = GluedRow(("a", "b"), ("count", "count"), "1" * 3000, ((2, False),))
    assert splits(row) == []
    row = GluedRow(("a", "b"), ("count", "count"), "1" + "2" * 15, ((2, False),))
    assert len(splits(row)) == 15 and ("1", "2" * 15) in splits(row)  # fifteen digits still a cell's
