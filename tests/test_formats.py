"""Every format a report arrives in gives the same text rendering and the same extracted values.

The documents are generated here at run time (tests/docgen.py): the five samples and reports laid out
in the official format with merged cells, as text in several encodings, web pages (UTF-8, GBK),
Word .docx and PDF (reportlab, CJK font).
"""
from __future__ import annotations

import codecs
import json
import re
from functools import cache
from pathlib import Path

import docgen
import pytest
from conftest import SAMPLE_FILES, SAMPLES

from parser.extract import load, parse_text
from parser.reader import read_text, text_from_bytes

TRUTHS = sorted((SAMPLES / "truth").glob("*.json"))
WRITERS = {
    "html-utf8": (lambda d: docgen.to_html(d, "utf-8"), "report.html"),
    "html-gbk": (lambda d: docgen.to_html(d, "gbk"), "report.htm"),
    "html-as-txt": (lambda d: docgen.to_html(d, "utf-8", chrome=False), "report.txt"),
    "docx": (docgen.to_docx, "report.docx"),
    "pdf": (lambda d: docgen.to_pdf(d, page_numbers=True), "report.pdf"),
}


def values(text: str) -> dict:
    report = parse_text(text, "x")
    return {k: (c.value, c.status) for k, c in report.cells.items()} | {
        "agency": report.agency, "year": report.year, "template": report.template}


@cache
def sample_text(path: Path) -> str:
    return path.read_bytes().decode("utf-8")


def nonblank_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# ---- text in every encoding ---------------------------------------------------------------------

ENCODINGS = {
    "gbk": lambda s: s.encode("gb18030"),
    "utf-8-bom": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "utf-16-le-bom": lambda s: s.encode("utf-16"),
    "utf-16-le": lambda s: s.encode("utf-16-le"),
    "utf-16-be": lambda s: s.encode("utf-16-be"),
}


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_text_in_any_encoding_reads_back_and_extracts_the_same(tmp_path, sample, encoding):
    text = sample_text(sample)
    path = tmp_path / sample.name
    path.write_bytes(ENCODINGS[encoding](text))
    assert read_text(path) == text
    assert load(path).to_dict()["cells"] == load(sample).to_dict()["cells"]


# ---- the samples as documents -------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["html-utf8", "html-gbk", "docx"])
def test_sample_as_document_renders_the_same_lines(sample, fmt):
    text = sample_text(sample)
    write, name = WRITERS[fmt]
    rendered = text_from_bytes(write(docgen.from_text(text)), name)
    assert nonblank_lines(rendered) == nonblank_lines("\n".join(docgen.expected_lines(docgen.from_text(text))))


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_sample_as_document_extracts_the_same_values_as_the_text(sample, fmt):
    text = sample_text(sample)
    write, name = WRITERS[fmt]
    rendered = text_from_bytes(write(docgen.from_text(text)), name)
    # the same characters in the same order (PDF rewraps lines, nothing else)
    assert re.sub(r"\s", "", rendered) == re.sub(r"\s", "", text)
    assert values(rendered) == values(text)


# ---- reports in the official layout (merged cells) ----------------------------------------------

@pytest.fixture(params=TRUTHS, ids=lambda p: p.stem[:3])
def truth(request) -> dict:
    return json.loads(request.param.read_text(encoding="utf-8"))


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_official_layout_renders_browser_copy_grid(truth, fmt):
    doc = docgen.official_report(truth)
    write, name = WRITERS[fmt]
    rendered = text_from_bytes(write(doc), name)
    expected = docgen.expected_lines(doc)
    assert nonblank_lines(rendered) == nonblank_lines("\n".join(expected))
    # a merged row label appears once, on the first of its rows
    assert rendered.count("（三）不予公开") == 1
    assert re.search(r"^\t*（三）不予公开\t1\.属于国家秘密\t", rendered, re.M)
    assert re.search(r"^\t+2\.其他法律行政法规禁止公开\t", rendered, re.M)


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_official_layout_extracts_the_same_values_as_its_text(truth, fmt):
    doc = docgen.official_report(truth)
    write, name = WRITERS[fmt]
    rendered = text_from_bytes(write(doc), name)
    assert values(rendered) == values("\n".join(docgen.expected_lines(doc, empty_rows=True)))


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_official_layout_extracts_the_truth(truth, fmt):
    doc = docgen.official_report(truth)
    write, name = WRITERS[fmt]
    report = parse_text(text_from_bytes(write(doc), name), name)
    assert (report.agency, report.year, report.template) == (truth["agency"], truth["year"], truth["template"])
    wrong = {k: (report.value(k), v) for k, v in truth["values"].items() if report.value(k) != v}
    assert wrong == {}


def test_spans_point_into_the_rendered_text():
    truth = json.loads(TRUTHS[2].read_text(encoding="utf-8"))
    rendered = text_from_bytes(docgen.to_docx(docgen.official_report(truth)), "r.docx")
    report = parse_text(rendered, "r.docx")
    for cell in report.cells.values():
        if cell.span:
            assert rendered[cell.span[0]:cell.span[1]] == cell.text


def test_every_sample_file_is_read_unchanged():
    for path in SAMPLE_FILES:
        assert read_text(path) == sample_text(path)
