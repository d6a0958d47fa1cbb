"""Table three's numbers printed in column chunks (pdfminer.six's text, parser/columnchunks.py): hand-made streams
of a table whose every equation holds, printed as bands of rows, each band's columns one after another."""
from __future__ import annotations

import pytest

from parser.columnchunks import _GiveUp, _Search, read_column_chunks
from parser.equations import equations, result_rows
from parser.placed import is_missing
from parser.template import version
from parser.tokens import tokenize

VERSION = version("2021")
TABLE = VERSION.table("requests")
ROWS = [r.key for r in TABLE.blocks[0].rows]
NCOLS = len(TABLE.blocks[0].columns)
EQS = equations(VERSION, "requests")


def _table(results: dict[str, list[int]], carried_over: list[int], carried_forward: list[int]) -> list[list[int]]:
    """The grid of a report whose every equation holds: the results' applicant cells given (the rest 0), each
    row's total their sum, （七）总计 the results' sum, 一、本年新收 what the balance leaves."""
    def row(cells: list[int]) -> list[int]:
        return [*cells, sum(cells)]

    grid = {key: row(results.get(key, [0] * (NCOLS - 1))) for key in result_rows(VERSION)}
    grid["total"] = [sum(grid[k][c] for k in result_rows(VERSION)) for c in range(NCOLS)]
    grid["carried_over"], grid["carried_forward"] = row(carried_over), row(carried_forward)
    grid["new_received"] = [t + f - o for t, f, o in zip(grid["total"], grid["carried_forward"],
                                                         grid["carried_over"], strict=True)]
    assert all(v >= 0 for v in grid["new_received"])
    return [grid[key] for key in ROWS]


def _printed(grid: list[list[int]], chunks: list[tuple[int, int, int]]) -> str:
    """pdfminer's text of the grid: each chunk (first row, end row, column) a column's cells top to bottom, a
    cell a line, blank lines between."""
    cells = [(r, c) for a, b, c in chunks for r in range(a, b)]
    assert sorted(cells) == sorted((r, c) for r in range(len(ROWS)) for c in range(NCOLS))
    return "\n\n".join(str(grid[r][c]) for r, c in cells) + "\n"


def _bands_in_turn(*bands: tuple[int, int]) -> list[tuple[int, int, int]]:
    return [(a, b, c) for a, b in bands for c in range(NCOLS)]


def _read(text: str) -> dict[str, list[int | None]]:
    """Row key → its numbers read (None: missing)."""
    found = read_column_chunks(TABLE, EQS, tokenize(text)) or {}
    return {key: [None if is_missing(t) else int(t.text) for t in cells] for key, cells in found.items()}


DENSE = _table({"granted": [371, 10, 1, 0, 6, 10], "partially_granted": [85, 5, 0, 0, 3, 1],
                "denied.third_party": [38, 1, 0, 0, 2, 0], "unable.not_held": [263, 4, 0, 0, 6, 4],
                "unable.unclear": [41, 3, 0, 0, 2, 0], "not_processed.petition": [55, 4, 0, 0, 2, 0],
                "other.other": [48, 2, 0, 0, 2, 2]}, [105, 4, 0, 0, 3, 3], [25, 3, 0, 0, 1, 3])


def test_a_page_each_of_column_chunks_is_read_whole() -> None:
    """The first page's two rows, each column's two cells in turn, then the next page's 23 rows the same way."""
    text = _printed(DENSE, _bands_in_turn((0, 2), (2, 25)))
    assert _read(text) == dict(zip(ROWS, DENSE, strict=True))


def test_chunks_of_two_bands_interleaved_are_read_whole() -> None:
    """The second page's rows in two bands (results, then 总计 and 结转), the columns' chunks of the two bands
    interleaved two columns at a time: natural_person's and commerce's cells of rows 3–23, then of rows 24–25,
    then the next two columns' …"""
    chunks = _bands_in_turn((0, 2))
    for pair in ((0, 1), (2, 3), (4, 5), (6,)):
        chunks += [(2, 23, c) for c in pair] + [(23, 25, c) for c in pair]
    assert _read(_printed(DENSE, chunks)) == dict(zip(ROWS, DENSE, strict=True))


def test_a_table_read_row_by_row_is_one_of_the_placements() -> None:
    text = _printed(DENSE, _bands_in_turn(*[(r, r + 1) for r in range(len(ROWS))]))
    assert _read(text) == dict(zip(ROWS, DENSE, strict=True))


def test_cells_that_another_placement_gives_other_numbers_stay_missing() -> None:
    """A report of one request (a 1 under 1.属于国家秘密, natural_person), printed in three bands one after another:
    with the bands cut elsewhere the 1 is 予以公开's, every equation holding as well. Those cells are left missing;
    the cells every placement reads alike are read, none of them wrong."""
    grid = _table({"denied.state_secret": [1, 0, 0, 0, 0, 0]}, [0] * 6, [0] * 6)
    read = _read(_printed(grid, _bands_in_turn((0, 8), (8, 15), (15, 25))))
    wrong = [(key, c) for key, cells in read.items() for c, v in enumerate(cells)
             if v is not None and v != grid[ROWS.index(key)][c]]
    assert not wrong
    for key in ("granted", "denied.state_secret"):
        assert read[key][0] is None and read[key][-1] is None
    assert read["new_received"] == grid[0] and read["carried_forward"] == [0] * NCOLS


def test_numbers_that_no_placement_adds_up_read_nothing() -> None:
    """A 1 where every other number is 0 (its row's total 0): no placement lets every equation hold."""
    grid = [[0] * NCOLS for _ in ROWS]
    grid[ROWS.index("granted")][0] = 1
    assert read_column_chunks(TABLE, EQS, tokenize(_printed(grid, _bands_in_turn((0, 25))))) is None


def test_too_many_or_too_few_numbers_read_nothing() -> None:
    text = _printed(DENSE, _bands_in_turn((0, 2), (2, 25)))
    assert read_column_chunks(TABLE, EQS, tokenize(text + "7\n")) is None  # one more, none another table's
    assert read_column_chunks(TABLE, EQS, tokenize(text.split("\n\n", 1)[1])) is None


def test_the_search_gives_up_past_its_budget() -> None:
    grid = DENSE
    numbers = [int(x) for x in _printed(grid, _bands_in_turn((0, 2), (2, 25))).split()]
    keys = [[f"requests/{r}/{c.key}" for c in TABLE.blocks[0].columns] for r in ROWS]
    assert _Search(numbers, keys, EQS, 2, [1000]).run()
    with pytest.raises(_GiveUp):
        _Search(numbers, keys, EQS, 4, [10]).run()


@pytest.mark.parametrize("reversed_", [False, True])
def test_a_table_whose_headings_print_the_applicants_in_another_order_is_not_placed(reversed_: bool) -> None:
    """Every equation holds whatever the applicants' order: under headings printed 其他 法律服务机构 … 自然人 总计
    (the format's order reversed) the numbers placed in the format's columns would each be another's. Read in
    the format's order only."""
    from parser.extract import parse_text
    from parser.model import UNCERTAIN

    headings = [c.label for c in TABLE.blocks[0].columns]
    if reversed_:
        headings = [*reversed(headings[:-1]), headings[-1]]
    numbers = _printed(DENSE, _bands_in_turn((0, 2), (2, 25)))
    text = "\n\n".join(["某县人民政府2021年政府信息公开工作年度报告", "三、收到和处理政府信息公开申请情况",
                        "申请人情况", *headings, numbers, "四、政府信息公开行政复议、行政诉讼情况"])
    cells = {k: c for k, c in parse_text(text).cells.items() if k.startswith("requests/")}
    if reversed_:
        assert all(c.status == "missing" for c in cells.values())
    else:
        assert [(c.value, c.status) for c in cells.values()] == [(v, UNCERTAIN) for row in DENSE for v in row]


# ---- table two: no equations, so only what every placement reads alike -----------------------------------------

def _blocks_read(template: str, lines: list[str], read: frozenset[str] = frozenset()) -> dict[str, list[str | None]]:
    from parser.columnchunks import read_headed_blocks

    table = version(template).table("active")
    found = read_headed_blocks(table, tokenize("\n\n".join(lines) + "\n"), set(read))
    return {row.key: [None if is_missing(t) else t.text for t in cells] for row, cells in found}


_HEADINGS_2021 = ["规章", "行政规范性文件", "本年制发件数", "本年废止件数", "现行有效件数"]


def test_a_blocks_numbers_after_its_headings_read_where_every_placement_agrees() -> None:
    """pdfminer: 本年制发件数 / 本年废止件数 / 现行有效件数 / 0 / 18 / 0 / 6 / 0 / 52 — each column's two cells in turn,
    but read row by row (or interleaved) they would be other cells' too: the first and the last cell alone are
    the same in every placement."""
    read = _blocks_read("2021", [*_HEADINGS_2021, "0", "18", "0", "6", "0", "52"])
    assert read == {"regulations": ["0", None, None], "normative_documents": [None, None, "52"]}


def test_a_block_of_zeros_and_a_column_of_one_cell_a_row_are_read_whole() -> None:
    decisions = "本年处理决定数量"
    read = _blocks_read("2021", [*_HEADINGS_2021, *["0"] * 6, decisions, "5400", decisions, "900", "9"])
    assert read == {"regulations": ["0"] * 3, "normative_documents": ["0"] * 3, "punishment": ["900"],
                    "coercion": ["9"]}  # 行政许可 (one cell) is the row reader's
    assert "regulations" not in _blocks_read("2021", [*_HEADINGS_2021, *["0"] * 6], frozenset({"regulations"}))


def test_blocks_under_the_same_headings_share_their_runs_only_when_there_are_as_many() -> None:
    """2019: 行政许可/其他对外管理服务事项 and 行政处罚/行政强制 print the same headings (上一年项目数量 本年增/减
    处理决定数量). Two runs of zeros: whichever is whose, zeros. One run (the other's numbers printed elsewhere,
    among table three's): it may be either block's, so neither is read."""
    heads = ["上一年项目数量", "本年增/减", "处理决定数量"]
    both = _blocks_read("2019", [*heads, *["0"] * 6, *heads, *["0"] * 6])
    assert both["licensing"] == both["coercion"] == ["0"] * 3
    one = _blocks_read("2019", [*heads, "62", "49", "2", "-1", "1400", "4620", *heads, "61", "79"])
    assert not {"licensing", "other_services", "punishment", "coercion"} & set(one)


def test_a_result_counted_under_a_total_of_zeros_is_placed_by_the_other_equations() -> None:
    """Sample 002's table three (pdfminer's text of it: 881): one request held (本机关不掌握 1 … 1) while （七）总计
    and every other row are 0. No placement lets the results' column totals hold — the report's own error,
    for the rules to find; with as few bands, every other equation holding places the two 1s (a column's
    results add up the same whichever result row they are in)."""
    grid = [[0] * NCOLS for _ in ROWS]
    held = ROWS.index("unable.not_held")
    grid[held][0] = grid[held][-1] = 1
    read = _read(_printed(grid, _bands_in_turn((0, 2), (2, 25))))
    assert read == dict(zip(ROWS, grid, strict=True))


def test_a_columns_first_two_rows_bound_its_results_as_they_come() -> None:
    """Every count is 0 or more: 一、本年新收 + 二、上年结转 = （七）总计 + 四、结转 and （七）总计 = the results'
    sum, so once a column's first two rows are printed no result below them may exceed their sum — checked as
    the results come, not only when （七）总计 is printed. A row's total bounds nothing before it is printed (it
    comes last)."""
    from parser.columnchunks import _bounds

    at = {k: (r, c) for r, row in enumerate(ROWS) for c, col in enumerate(TABLE.blocks[0].columns)
          for k in [f"requests/{row}/{col.key}"]}
    eqs = list(EQS)
    found = {tuple(eqs[n].id for n in parts): needs for parts, needs in _bounds(eqs, at)}
    assert found[("requests.results_total:commercial", "requests.balance:commercial")] == [(1, 2)]
    assert found[("requests.balance:commercial",)] == [(1, 2)]
    assert not [ids for ids in found if len(ids) == 1 and ids[0].startswith("requests.row_total")]


def test_a_number_of_thousands_of_digits_is_no_count() -> None:
    """A damaged copy may print a line of 5,000 digits (beyond Python's 4,300 for int()): not a cell, never an
    exception."""
    text = _printed(DENSE, _bands_in_turn((0, 2), (2, 25))).replace("371", "3" * 5000, 1)
    assert read_column_chunks(TABLE, EQS, tokenize(text)) is None
