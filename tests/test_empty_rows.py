"""Table four's row of numbers printed with every cell empty (an agency with no appeals that leaves the cells
blank): in a document's or a scan's table the row is still there, a line of empty cells. A careful reader
reads fifteen blanks; the parser read none of them (missing), so the rules asked for fifteen values."""
from __future__ import annotations

import json

import docgen
from conftest import SAMPLES

from parser.extract import parse_bytes, parse_text
from parser.model import BLANK, MISSING


def _truth(prefix: str) -> dict:
    return json.loads(next((SAMPLES / "truth").glob(f"{prefix}*.json")).read_text(encoding="utf-8"))


def test_an_empty_row_of_table_four_in_a_web_page_is_fifteen_blanks():
    truth = _truth("001")
    assert all(v is None for k, v in truth["values"].items() if k.startswith("appeals/"))
    report = parse_bytes(docgen.to_html(docgen.official_report(truth)), "001.html")
    appeals = {k: c for k, c in report.cells.items() if k.startswith("appeals/")}
    assert len(appeals) == 15 and all(c.status == BLANK and c.value is None for c in appeals.values()), \
        {k: c.status for k, c in appeals.items()}


def test_a_line_of_empty_cells_of_another_width_places_nothing():
    """Seven empty cells under table four's headings are no row of it: the cells stay missing, never guessed."""
    text = parse_bytes(docgen.to_html(docgen.official_report(_truth("001"))), "001.html").text
    fifteen = "\t" * 14
    assert fifteen in text.split("\n")
    report = parse_text(text.replace("\n" + fifteen + "\n", "\n" + "\t" * 6 + "\n"))
    assert all(c.status == MISSING for k, c in report.cells.items() if k.startswith("appeals/"))
