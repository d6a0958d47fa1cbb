"""Scans of tables whose print sits tight against the ruling lines, as a word processor lays out a table with
its default cell padding (LibreOffice and Word: the text at the top left, a line's height per row). Printed
by LibreOffice and scanned, such a report lost every number of table two and table four: a digit within a
few pixels of a line was cut at the cell's inner margin and then dropped as the end of a ruling line."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from scangen import FONT

from parser.ocr.scan import _Writer, read_page

ROWS = [("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "3", "0", "12"),
        ("行政规范性文件", "5", "0", "40"),
        ("行政许可", "7", "", "")]


def tight_table_page(row_height: int = 31, gap: int = 2) -> np.ndarray:
    """An A4 page at 200 dpi: a ruled table of 1 px lines, each cell's text `gap` px below its top line and
    8 px right of its left line (21 px digits in rows of 31 px, as LibreOffice prints 10.5 pt text)."""
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 26)
    x0, y0, widths = 230, 500, [300, 300, 300, 300]
    xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
    for r, row in enumerate(ROWS):
        top = y0 + r * row_height
        for c, text in enumerate(row):
            if text:
                left, upper, _, _ = draw.textbbox((0, 0), text, font=font)
                draw.text((xs[c] + 8 - left, top + 1 + gap - upper), text, fill="black", font=font)
    for r in range(len(ROWS) + 1):
        draw.line([(xs[0], y0 + r * row_height), (xs[-1], y0 + r * row_height)], fill="black", width=1)
    for x in xs:
        draw.line([(x, y0), (x, y0 + len(ROWS) * row_height)], fill="black", width=1)
    return np.asarray(page)


def test_numbers_printed_tight_against_the_lines_are_read():
    out = _Writer()
    read_page(tight_table_page(), out)
    lines = "".join(out.parts).splitlines()
    assert "规章\t3\t0\t12" in lines, lines
    assert "行政规范性文件\t5\t0\t40" in lines, lines
    assert any(line.startswith("行政许可\t7") for line in lines), lines


def test_the_ends_of_ruling_lines_are_still_no_print():
    """Empty cells stay empty: the stubs of the lines around them are not read as marks (a 1 or a dash)."""
    out = _Writer()
    read_page(tight_table_page(), out)
    [last] = [line for line in "".join(out.parts).splitlines() if line.startswith("行政许可")]
    assert last.split("\t")[1:] in (["7", "", ""], ["7"]), last
