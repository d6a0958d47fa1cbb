"""Scans of tables as word processors print them. Text tight against the ruling lines (the default cell
padding of LibreOffice and Word: the text at the top left, a line's height per row): printed by LibreOffice and
scanned, such a report lost every number of table two and table four, a digit within a few pixels of a line cut
at the cell's inner margin and then dropped as the end of a ruling line. Tall cells with specks under a number."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont
from scangen import FONT

from parser.ocr.scan import _Writer, read_page

ROWS = [("信息内容", "本年制发件数", "本年废止件数", "现行有效件数"),
        ("规章", "3", "0", "12"),
        ("行政规范性文件", "5", "0", "40"),
        ("行政许可", "7", "", "")]


def tight_table_page(row_height: int = 31, gap: int = 2, dust: int = 0, rows=ROWS) -> np.ndarray:
    """An A4 page at 200 dpi: a ruled table of 1 px lines, each cell's text `gap` px below its top line and
    8 px right of its left line (21 px digits in rows of 31 px, as LibreOffice prints 10.5 pt text)."""
    page = Image.new("RGB", (1654, 2339), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(FONT, 26)
    x0, y0, widths = 230, 500, [300, 300, 300, 300]
    xs = [x0 + sum(widths[:i]) for i in range(len(widths) + 1)]
    for r, row in enumerate(rows):
        top = y0 + r * row_height
        for c, text in enumerate(row):
            if text:
                left, upper, _, _ = draw.textbbox((0, 0), text, font=font)
                draw.text((xs[c] + 8 - left, top + 1 + gap - upper), text, fill="black", font=font)
    for r in range(len(rows) + 1):
        draw.line([(xs[0], y0 + r * row_height), (xs[-1], y0 + r * row_height)], fill="black", width=1)
    for x in xs:
        draw.line([(x, y0), (x, y0 + len(rows) * row_height)], fill="black", width=1)
    rng = np.random.default_rng(7)
    for r in range(1, len(rows)):  # grey specks under the print of every number cell, as a scan's dust or JPEG
        for c in range(1, len(widths)):
            for _ in range(dust):
                x = int(rng.integers(xs[c] + 6, xs[c + 1] - 6))
                top = y0 + r * row_height + (34 if rows[r][c] else 6)  # under the print, if any
                y = int(rng.integers(top, y0 + (r + 1) * row_height - 6))
                draw.rectangle([x, y, x + 3, y + 3], fill=(150, 150, 150))
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


def test_specks_under_a_number_in_a_tall_cell_are_not_read_with_it():
    """Table three's cells are tall (their row's label wraps): specks of dust or JPEG noise below a number
    made lines of their own, joined to the number's line into one tall crop that read as nothing (the cell
    missing), or read as a line of '.' beside it (the row lost)."""
    out = _Writer()
    read_page(tight_table_page(row_height=140, gap=6, dust=12), out)
    lines = "".join(out.parts).splitlines()
    assert "规章\t3\t0\t12" in lines, lines
    assert "行政规范性文件\t5\t0\t40" in lines, lines


def test_dust_scattered_over_cells_printed_empty_leaves_them_empty():
    """Cells printed empty (an agency leaves its zeros blank) under a scan's dust: read as empty, not as
    unreadable ink (which left each such cell missing: a 150 dpi office scan of sample 001 lost 121 cells)."""
    rows = [ROWS[0], ("规章", "3", "", ""), ("行政规范性文件", "", "", "40")]
    out = _Writer()
    read_page(tight_table_page(row_height=140, gap=6, dust=12, rows=rows), out)
    lines = "".join(out.parts).splitlines()
    assert "规章\t3\t\t" in lines and "行政规范性文件\t\t\t40" in lines, lines


def test_a_glyph_broken_into_small_pieces_is_not_taken_for_dust():
    """Small marks lying together (a digit a light scan broke up) are print: read, or unreadable, never
    an empty cell."""
    page = tight_table_page(rows=[ROWS[0], ("规章", "", "", "")])
    page = page.copy()
    x, y = 230 + 300 + 12, 500 + 31 + 8  # the second row's first number cell
    for dy in range(0, 18, 4):  # a '1' in pieces: a column of short strokes 1 px apart
        page[y + dy:y + dy + 3, x:x + 3] = 0
    out = _Writer()
    read_page(page, out)
    [row] = [line for line in "".join(out.parts).splitlines() if line.startswith("规章")]
    assert row.split("\t")[1] != "", row
