"""Text PDFs give their cells boxes: every value read from a PDF's text layer carries the page and the
box it was printed in (ruled table cells, and words of text lines), and the box holds that text."""

from __future__ import annotations

import json

import docgen
import pytest
from conftest import SAMPLES

from parser.extract import parse_text
from parser.formats.pdf import pdf_page_text
from parser.layout import place
from parser.model import EXTRACTED, REPAIRED

TRUTHS = sorted((SAMPLES / "truth").glob("*.json"))


def printed_in(pdf: bytes, page: int, box: tuple[float, float, float, float]) -> str:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return doc.pages[page - 1].within_bbox(box).extract_text() or ""


def read(pdf: bytes):
    page_text = pdf_page_text(pdf, "report.pdf")
    report = parse_text(page_text.text, "report.pdf")
    place(report, page_text.runs)
    return report, page_text


@pytest.mark.parametrize("truth", [TRUTHS[0], TRUTHS[2]], ids=lambda p: p.stem[:3])
def test_every_value_of_a_ruled_pdf_table_has_the_box_it_is_printed_in(truth):
    pdf = docgen.to_pdf(docgen.official_report(json.loads(truth.read_text(encoding="utf-8"))), page_numbers=True)
    report, page_text = read(pdf)
    read_cells = [c for c in report.cells.values() if c.status in (EXTRACTED, REPAIRED) and c.value is not None]
    assert len(read_cells) > 100
    assert all(c.page and c.box for c in read_cells)
    assert {c.page for c in read_cells} >= {1, 2}  # the tables run over more than one page
    for cell in read_cells[::7]:  # pdfplumber reading a box is slow: a sample of them
        assert cell.text.strip() in printed_in(pdf, cell.page, cell.box).replace("\n", "")
    # runs never overlap and lie inside the text
    runs = sorted(page_text.runs, key=lambda r: r.start)
    assert all(a.end <= b.start for a, b in zip(runs, runs[1:], strict=False))
    assert runs[-1].end <= len(page_text.text)


def test_numbers_in_text_lines_get_the_box_of_their_word():
    doc = ["某县人民政府2023年政府信息公开工作年度报告", "本年度共收到政府信息公开申请 123 件，已全部办结。",
           "一、总体情况", "自然人\t12\t商业企业\t345"]
    pdf = docgen.to_pdf(doc)
    page_text = pdf_page_text(pdf, "r.pdf")
    text = page_text.text
    for word in ("123", "345"):
        start = text.index(word)
        (run,) = [r for r in page_text.runs if r.start <= start and start + len(word) <= r.end]
        assert run.page == 1 and word in printed_in(pdf, 1, run.box)
        x0, y0, x1, y1 = run.box
        assert x1 - x0 < 60 and y1 - y0 < 20  # the word, not the line
