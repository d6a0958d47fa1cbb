"""Table three with rows' first numbers printed apart from their other six (parser/headsapart.py): a PDF's text of
a web page saved as PDF prints such a number beside or around its label and the other six later."""
from __future__ import annotations

import random

from parser.extract import parse_text
from parser.headsapart import read_heads_apart
from parser.rowmatch import _best_row
from parser.tables import ROW_SCORE
from parser.template import version
from parser.tokens import tokenize

TABLE = version("2021").table("requests")
ROWS = list(TABLE.blocks[0].rows)


def _name_row(labels: list[str]):
    return _best_row(labels, ROWS, None, ROW_SCORE)


def _numbers(seed: int) -> dict[str, list[int]]:
    rng = random.Random(seed)
    out = {}
    for row in ROWS:
        cells = [rng.choice([0, 0, 1, 2, 5, 13]) for _ in range(6)]
        out[row.key] = [*cells, sum(cells)]
    return out


def _text(numbers: dict[str, list[int]], apart: set[str], late: set[str] = frozenset()) -> str:
    """The table printed row by row, the rows in `apart` with their first number beside the label and the other
    six after the next row's label and number (two such rows in a row print both first numbers, then both
    rests); the rows in `late` print their label and first number after the next row's rest."""
    lines: list[str] = []
    pending: list[str] = []  # rests waiting to be printed
    held: list[str] = []  # late rows' label lines
    for row in ROWS:
        cells = [str(n) for n in numbers[row.key]]
        if row.key in apart:
            line = f"{row.label} {cells[0]}"
            (held if row.key in late else lines).append(line)
            pending += cells[1:]
            continue
        lines += pending
        pending = []
        lines += held
        held = []
        lines += [row.label, *cells]
    lines += pending + held
    return "\n".join(lines) + "\n"


def test_rows_read_whole_with_their_first_numbers_apart() -> None:
    numbers = _numbers(1)
    apart = {"granted", "partially_granted", "denied.third_party", "denied.internal_affairs", "unable.not_held"}
    found = read_heads_apart(TABLE, tokenize(_text(numbers, apart)), _name_row)
    assert found is not None
    assert {k: [int(t.text) for t in v] for k, v in found.items()} == numbers


def test_a_first_number_printed_after_later_rows_is_its_labels_row() -> None:
    """A merged group label pushes a row's label down: its label and first number come after the next rows'
    numbers; the label names the row."""
    numbers = _numbers(2)
    apart = {"denied.third_party", "denied.internal_affairs", "not_processed.petition"}
    found = read_heads_apart(TABLE, tokenize(_text(numbers, apart, late={"denied.third_party"})), _name_row)
    assert found is not None
    assert {k: [int(t.text) for t in v] for k, v in found.items()} == numbers


def test_no_reading_when_a_row_does_not_add_up_or_a_number_is_left_over() -> None:
    numbers = _numbers(3)
    apart = {"granted", "unable.unclear"}
    numbers["unable.unclear"][-1] += 1  # the report's own error: the row is not read so, nor the table
    assert read_heads_apart(TABLE, tokenize(_text(numbers, apart)), _name_row) is None
    numbers = _numbers(3)
    assert read_heads_apart(TABLE, tokenize(_text(numbers, apart) + "5\n"), _name_row) is None
    assert read_heads_apart(TABLE, tokenize(_text(numbers, set())), _name_row) is None  # nothing apart


def test_a_first_number_naming_no_row_may_go_to_two_rows_and_then_none_is_read() -> None:
    """A first number apart whose labels name no row (a running head 续表 above it) goes to the next row printed
    apart, by order; when it could be either of two rows' and they would then hold other numbers, the table is not
    read (identical numbers either way, all zeros here, read alike)."""
    def text(head: str, granted: list[str], partial: list[str]) -> str:
        lines = [f"续表\n{head}"]
        for row in ROWS:
            cells = granted if row.key == "granted" else partial if row.key == "partially_granted" else ["0"] * 7
            lines += [row.label, *cells]
        return "\n".join(lines) + "\n"

    # 予以公开 0 0 0 0 0 1 1 whole and 部分公开 1 | 0 0 0 0 0 1, or 予以公开 1 | 0 0 0 0 0 1 and 部分公开 1 0 0 0 0 0 1
    assert read_heads_apart(TABLE, tokenize(text("1", ["0", "0", "0", "0", "0", "1"], ["1", "0", "0", "0", "0", "0",
                                                                                        "1"])), _name_row) is None
    found = read_heads_apart(TABLE, tokenize(text("0", ["0"] * 6, ["0"] * 7)), _name_row)
    assert found is not None and all(t.text == "0" for cells in found.values() for t in cells)


def test_the_web_page_saved_as_pdf_reads_table_three() -> None:
    from pathlib import Path

    from corpus import truth_of

    tools = Path(__file__).resolve().parent / "data" / "damaged_tools"
    for name in ("982_web_pdftotext_ministry", "984_web_pdftotext_2019_province"):
        report = parse_text((tools / f"{name}.txt").read_text(encoding="utf-8"))
        truth = truth_of(tools / f"{name}.json")["values"]
        keys = [k for k in truth if k.startswith("requests/")]
        assert [report.cells[k].value for k in keys] == [truth[k] for k in keys], name
