"""Issue 10: a page fed sideways or upside down into the scanner (or a phone photo taken in landscape) is
turned upright before its tables are searched, and every box read from it is given on the page as scanned.
Before, such a page's tables were not found at all: bench_ocr --reports 6 --kinds turned,landscape read
0 of 1,198 cells."""
from __future__ import annotations

import json

import numpy as np
import pytest
import scangen
from conftest import SAMPLE_FILES, SAMPLES

from parser.extract import parse_bytes


def _truth(n: int) -> dict:
    return json.loads((SAMPLES / "truth" / f"{SAMPLE_FILES[n].stem}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("degrees", [0, 90, 180, 270])
def test_the_quarter_turns_that_make_a_scanned_page_upright_are_found(degrees):
    """No table reading: the page of running text and the page of tables alone, scanned in the office and
    turned counter-clockwise by `degrees`, are found to need that turn undone (np.rot90 counter-clockwise)."""
    import cv2

    from parser.ocr.orient import quarter_turns
    from parser.ocr.ruling import binarise

    for n, page in ((1, 0), (4, 1)):  # sample 001's first page (text and table one), 004's second (tables)
        shot = scangen.turned(scangen.damaged([scangen.report_pages(_truth(n))[page]], "office", seed=n)[0], degrees)
        gray = cv2.medianBlur(np.asarray(shot)[:, :, 0], 3)
        assert quarter_turns(gray, binarise(gray)) == (4 - degrees // 90) % 4, (n, page)


def test_a_blank_page_is_left_as_it_is():
    from parser.ocr.orient import quarter_turns

    gray = np.full((2339, 1654), 255, dtype=np.uint8)
    gray[1000:1003, 200:1400] = 0  # a ruling line alone says nothing about which way is up
    assert quarter_turns(gray, 255 - gray) == 0


@pytest.mark.parametrize("turns", [1, 2, 3])
def test_a_box_on_the_upright_page_is_given_on_the_page_as_scanned(turns):
    """No OCR: the pixels inside a box of the page turned upright are those inside the box taken back onto
    the page as scanned (then turned), at points (72 per 200 px)."""
    from parser.ocr.orient import turn_back
    from parser.ocr.scan import DPI, _to_points

    rng = np.random.default_rng(turns)
    scanned = rng.integers(0, 255, (300, 200), dtype=np.uint8)
    upright = np.rot90(scanned, turns)
    convert = _to_points(upright.shape, 0.0, original=scanned.shape, unturn=turn_back(turns, scanned.shape))
    box = (30, 50, 90, 70)  # x0, y0, x1, y1 on the upright page, pixels
    x0, y0, x1, y1 = (round(v * DPI / 72) for v in convert(box))
    assert np.array_equal(np.rot90(scanned[y0:y1, x0:x1], turns), upright[50:70, 30:90])


def test_a_report_fed_sideways_and_upside_down_is_read_to_exact_cells_on_the_pages_as_scanned():
    """Sample 004 (2019 format), an office scan whose three pages were fed a quarter, a half and three
    quarters round, as a TIFF: every cell right, and each cell's box on the turned page where its cell is."""
    import docgen

    truth = _truth(4)
    degrees = (90, 180, 270)
    pages = [scangen.turned(p, d) for p, d in
             zip(scangen.damaged(scangen.report_pages(truth), "office", seed=4), degrees, strict=True)]
    report = parse_bytes(scangen.to_tiff(pages), "turned.tif")
    right, wrong_certain = scangen.score(report, truth)
    assert wrong_certain == [] and right == len(truth["values"])
    assert report.page_turns == [3, 2, 1]  # kept for the page view: np.rot90 makes each page upright again
    printed = parse_bytes(docgen.to_pdf(docgen.official_report(truth)), "printed.pdf").cells
    w, h = (v * 72 / scangen.DPI for v in scangen.report_pages(truth)[0].size)  # points
    placed = 0
    for key, cell in report.cells.items():
        if cell.value is None or cell.box is None:
            continue
        x0, y0, x1, y1 = printed[key].box
        x, y = (x0 + x1) / 2, (y0 + y1) / 2
        x, y = {90: (y, w - x), 180: (w - x, h - y), 270: (h - y, x)}[degrees[cell.page - 1]]  # turned as scanned
        assert cell.page == printed[key].page, key
        assert cell.box[0] <= x <= cell.box[2] and cell.box[1] <= y <= cell.box[3], (key, (x, y), cell.box)
        placed += 1
    assert placed >= 0.97 * len(truth["values"])
