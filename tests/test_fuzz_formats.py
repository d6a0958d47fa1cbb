"""Hypothesis fuzzing of reading and parsing: random and mutated inputs in every format, no exception.

A failure to read must be a ReadError with a one-line reason; whatever is read must parse.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from functools import cache

import docgen
from conftest import SAMPLE_FILES, SAMPLES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parser.extract import parse_text
from parser.formats.grid import SourceCell, layout
from parser.reader import INTERNAL_ERROR, ReadError, text_from_bytes

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))  # FUZZ_EXAMPLES=2000 for a long hunt
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
NAMES = st.sampled_from(["r.txt", "r.html", "r.htm", "r.docx", "r.pdf", "r.doc", "r.wps", "r", "r.mht"])
SAMPLE_TEXTS = [p.read_text(encoding="utf-8") for p in SAMPLE_FILES]
REPORT_CHARS = st.sampled_from(sorted(set("".join(SAMPLE_TEXTS)) | set("<>/=\"'&;#{}\\%") | {"\t", "\n", "\r"}))


def read_and_parse(data: bytes, name: str) -> None:
    """The contract: text comes back and parses, or a ReadError with a one-line reason."""
    try:
        text = text_from_bytes(data, name)
    except ReadError as e:
        reason = str(e)
        assert reason and "\n" not in reason and "Traceback" not in reason
        assert not reason.startswith(INTERNAL_ERROR), reason  # a reader bug caught by the safety net
        return
    assert isinstance(text, str) and text
    report = parse_text(text, name)
    for cell in report.cells.values():
        if cell.span:
            assert 0 <= cell.span[0] <= cell.span[1] <= len(text)


@cache
def documents() -> dict[str, bytes]:
    truth = json.loads(sorted((SAMPLES / "truth").glob("*.json"))[2].read_text(encoding="utf-8"))
    doc = docgen.official_report(truth)
    return {"r.html": docgen.to_html(doc, "gbk"), "r.docx": docgen.to_docx(doc), "r.pdf": docgen.to_pdf(doc)}


@FUZZ
@given(st.binary(max_size=4000), NAMES)
def test_random_bytes(data, name):
    read_and_parse(data, name)


@FUZZ
@given(st.sampled_from([b"%PDF-1.4\n", b"PK\x03\x04", docgen.OLE2_MAGIC, b"{\\rtf1", b"<html>", b"\xef\xbb\xbf",
                        b"\xff\xfe", b"MIME-Version: 1.0\nContent-Type: multipart/related\n\n"]),
       st.binary(max_size=3000), NAMES)
def test_random_bytes_behind_a_format_magic(magic, data, name):
    read_and_parse(magic + data, name)


@FUZZ
@given(st.text(REPORT_CHARS, max_size=3000), st.sampled_from(["utf-8", "gb18030", "utf-16"]), NAMES)
def test_random_report_like_text(text, encoding, name):
    read_and_parse(text.encode(encoding, errors="replace"), name)


def _mutate(lines: list[str], ops: list[tuple[int, int, int]]) -> list[str]:
    lines = list(lines)
    for op, i, j in ops:
        if not lines:
            break
        i, j = i % len(lines), j % len(lines)
        if op == 0:
            del lines[i]
        elif op == 1:
            lines.insert(j, lines[i])
        elif op == 2:
            lines[i], lines[j] = lines[j], lines[i]
        elif op == 3 and lines[i]:  # delete a character
            k = j % len(lines[i])
            lines[i] = lines[i][:k] + lines[i][k + 1:]
        elif op == 4 and lines[i]:  # duplicate a character
            k = j % len(lines[i])
            lines[i] = lines[i][:k] + lines[i][k] + lines[i][k:]
        elif op == 5 and len(lines[i]) > 1:  # swap two characters
            k = j % (len(lines[i]) - 1)
            lines[i] = lines[i][:k] + lines[i][k + 1] + lines[i][k] + lines[i][k + 2:]
    return lines


OPS = st.lists(st.tuples(st.integers(0, 5), st.integers(0, 10_000), st.integers(0, 10_000)), max_size=40)


@FUZZ
@given(st.integers(0, len(SAMPLE_TEXTS) - 1), OPS)
def test_mutated_sample_texts(index, ops):
    text = "\n".join(_mutate(SAMPLE_TEXTS[index].split("\n"), ops))
    read_and_parse(text.encode("utf-8"), "mutated.txt")


@FUZZ
@given(st.integers(0, len(SAMPLE_TEXTS) - 1), OPS, st.sampled_from(["r.html", "r.docx"]))
def test_mutated_samples_as_documents(index, ops, name):
    doc = docgen.from_text("\n".join(_mutate(SAMPLE_TEXTS[index].split("\n"), ops)))
    data = docgen.to_html(doc) if name.endswith("html") else docgen.to_docx(doc)
    read_and_parse(data, name)


@FUZZ
@given(OPS)
def test_mutated_html_markup(ops):
    page = documents()["r.html"].decode("gb18030")
    chunks = page.replace(">", ">\n").split("\n")  # tags and text as separate pieces to drop/duplicate/swap
    read_and_parse("".join(_mutate(chunks, ops)).encode("gb18030"), "r.html")


@FUZZ
@given(OPS)
def test_mutated_docx_body_xml(ops):
    data = documents()["r.docx"]
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        members = {i.filename: z.read(i.filename) for i in z.infolist()}
    xml = members["word/document.xml"].decode("utf-8")
    members["word/document.xml"] = "><".join(_mutate(xml.split("><"), ops)).encode("utf-8")
    read_and_parse(docgen.zip_bytes(members), "r.docx")


@settings(max_examples=max(EXAMPLES // 2, 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["r.docx", "r.pdf", "r.html"]),
       st.lists(st.tuples(st.integers(0, 1 << 30), st.integers(0, 255)), min_size=1, max_size=20))
def test_flipped_bytes_in_documents(name, flips):
    data = bytearray(documents()[name])
    for position, value in flips:
        data[position % len(data)] = value
    read_and_parse(bytes(data), name)


SPANS = st.one_of(st.integers(-5, 5).map(str), st.sampled_from(["", "x", "2;", " 3 ", "99999", "1e9", "0x10"]))


@FUZZ
@given(st.lists(st.lists(st.tuples(st.text("规章0123", max_size=4), SPANS, SPANS), max_size=8), max_size=12))
def test_tables_with_any_spans(rows):
    cells = "".join("<tr>" + "".join(f"<td rowspan='{r}' colspan='{c}'>{t}</td>" for t, r, c in row) + "</tr>"
                    for row in rows)
    page = f"<html><body><p>某县2023年政府信息公开工作年度报告</p><table>{cells}</table></body></html>"
    read_and_parse(page.encode(), "r.html")


@FUZZ
@given(st.lists(st.lists(st.tuples(st.integers(1, 6), st.integers(1, 6)), min_size=1, max_size=6), max_size=8))
def test_grid_layout_places_every_cell_once(rows):
    source = [[SourceCell(f"{r}.{c}", rs, cs) for c, (rs, cs) in enumerate(row)] for r, row in enumerate(rows)]
    grid = layout(source)
    assert len(grid) == len(rows)
    assert len({len(row) for row in grid}) <= 1
    placed = [text for row in grid for text in row if text]
    assert sorted(placed) == sorted(cell.text for row in source for cell in row)
