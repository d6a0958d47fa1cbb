"""Table three printed with its columns in another order than the format's (总计 first, 自然人 last, the five
organisations reversed): read in the order its header names every column, when the rows add up so; left
unread as before when the header does not name them all unambiguously or the rows add up only in the
format's order; table two's columns swapped (2019: 对外公开总数量 first) likewise. Each copy is built in the
shapes copies give it: tab text, a Markdown pipe table, space-aligned text, one space between cells."""
from __future__ import annotations

import pytest

from parser.extract import parse_text
from parser.template import version

HEAD = ("XX县教育局2023年政府信息公开工作年度报告\n\n"
        "三、收到和处理政府信息公开申请情况\n")
ROWS = version("2021").table("requests").blocks[0].rows
COLUMNS = [c.label for c in version("2021").table("requests").blocks[0].columns]  # 自然人 … 其他 总计
TOTAL_FIRST_PERSON_LAST = (6, 1, 2, 3, 4, 5, 0)  # the column printed first, second, … (format's indexes)
REVERSED = (5, 4, 3, 2, 1, 0, 6)  # 其他 法律服务机构 社会公益组织 科研机构 商业企业 自然人 总计


def _numbers() -> dict[str, list[int]]:
    """Row key → its seven numbers in the format's order; every equation of the table holds, no two columns
    alike."""
    out: dict[str, list[int]] = {}
    results = [r.key for r in ROWS if r.key not in ("new_received", "carried_over", "total", "carried_forward")]
    for i, key in enumerate(results):
        out[key] = [(i * 7 + j * 3) % 11 + 2 * j for j in range(6)]
    out["total"] = [sum(out[k][j] for k in results) for j in range(6)]
    out["carried_over"] = [j + 1 for j in range(6)]
    out["carried_forward"] = [2 * j for j in range(6)]
    out["new_received"] = [out["total"][j] + out["carried_forward"][j] - out["carried_over"][j] for j in range(6)]
    return {k: [*v, sum(v)] for k, v in out.items()}


NUMBERS = _numbers()


def _report(order: tuple[int, ...], shape: str, header: list[list[str]] | None = None,
            numbers_order: tuple[int, ...] | None = None) -> str:
    """The report with table three's header lines (default: one line naming the columns in `order`) and its
    rows' numbers printed in `numbers_order` (default `order`), one row a line, cells separated as `shape`."""
    header = header if header is not None else [[COLUMNS[j] for j in order]]
    numbers_order = numbers_order or order

    def line(cells: list[str]) -> str:
        if shape == "tab":
            return "\t".join(cells)
        if shape == "pipe":
            return "| " + " | ".join(cells) + " |"
        if shape == "space":  # one space between cells: the header line is one label
            return " ".join(cells)
        return "    ".join(cells)  # space-aligned

    lines = [line(["（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "申请人情况"])]
    lines += [line(["", *cells]) for cells in header]
    if shape == "pipe":
        lines.insert(1, "|" + "---|" * (len(header[0]) + 1))
    for row in ROWS:
        lines.append(line([row.label, *(str(NUMBERS[row.key][j]) for j in numbers_order)]))
    return HEAD + "\n".join(lines) + "\n"


def _cells(text: str) -> dict[str, tuple[int | float | None, str]]:
    report = parse_text(text)
    return {k: (c.value, c.status) for k, c in report.cells.items() if k.startswith("requests/")}


def _expected() -> dict[str, tuple[int, str]]:
    columns = version("2021").table("requests").blocks[0].columns
    return {f"requests/{r.key}/{c.key}": (NUMBERS[r.key][j], "extracted") for r in ROWS for j, c in enumerate(columns)}


def _wrong(got: dict[str, tuple[int | float | None, str]]) -> list[str]:
    """Cells given a number other than the truth's (whatever their status)."""
    want = _expected()
    return [k for k, (value, _) in got.items() if value is not None and value != want[k][0]]


@pytest.mark.parametrize("shape", ["tab", "pipe", "spaces", "space"])
@pytest.mark.parametrize("order", [TOTAL_FIRST_PERSON_LAST, REVERSED, (6, 0, 1, 2, 3, 4, 5)],
                         ids=["total_first_person_last", "reversed", "total_first"])
def test_columns_in_another_order_read_by_their_headings(order: tuple[int, ...], shape: str) -> None:
    assert _cells(_report(order, shape)) == _expected()


def test_wrapped_headings_on_the_line_below_and_the_group_heading_above() -> None:
    header = [["", "法人或其他组织"],
              ["总计", "商业企业", "科研机构", "社会公益组", "法律服务机", "其他", "自然人"],
              ["", "", "", "织", "构"]]
    assert _cells(_report(TOTAL_FIRST_PERSON_LAST, "tab", header)) == _expected()


@pytest.mark.parametrize("shape", ["tab", "pipe"])
def test_two_level_header_the_group_heading_over_its_five_columns(shape: str) -> None:
    order = (6, 5, 4, 3, 2, 1, 0)  # 总计, the organisations from 其他 to 商业企业, 自然人
    header = [["总计", "法人或其他组织", "", "", "", "", "自然人"],
              ["", "其他", "法律服务机构", "社会公益组织", "科研机构", "商业企业", ""]]
    if shape == "tab":  # a tab copy drops the empty cells a merged heading leaves
        header = [["总计", "法人或其他组织", "自然人"],
                  ["", "其他", "法律服务机构", "社会公益组织", "科研机构", "商业企业"]]
    assert _cells(_report(order, shape, header)) == _expected()


def test_header_repeated_on_the_next_page_and_the_columns_numbered_under_it() -> None:
    lines = _report(TOTAL_FIRST_PERSON_LAST, "tab").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("\t总计"))
    text = "\n".join([*lines[:at + 1], "\t1\t2\t3\t4\t5\t6\t7", *lines[at + 1:at + 12], "- 2 -", lines[at],
                      *lines[at + 12:]])
    assert _cells(text) == _expected()


def test_a_page_number_between_the_table_s_title_and_its_header() -> None:
    text = _report(TOTAL_FIRST_PERSON_LAST, "tab").replace("申请情况\n", "申请情况\n12\n", 1)
    assert _cells(text) == _expected()


def test_rows_whose_labels_the_copy_lost_are_not_read_in_the_format_s_order() -> None:
    """Every label lost but （七）总计's (a PDF printing its merged label cells elsewhere): the rows' numbers are
    one run of lines under the header; no number is given a column by the format's order."""
    lines = _report(TOTAL_FIRST_PERSON_LAST, "tab").rstrip("\n").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("一、"))
    rows = [line.split("\t", 1)[1] for line in lines[at:]]
    text = "\n".join([*lines[:at], *rows[:-2], "（七）总计\t" + rows[-2], rows[-1], "四、结转下年度继续办理"]) + "\n"
    got = _cells(text)
    assert not _wrong(got)
    assert got["requests/total/total"] == _expected()["requests/total/total"]


def test_the_format_s_two_level_header_reads_as_before() -> None:
    header = [["自然人", "法人或其他组织", "总计"],
              ["", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
    assert _cells(_report(tuple(range(7)), "tab", header)) == _expected()


def test_a_heading_missing_leaves_the_rows_unread() -> None:
    """社会公益组织 not printed: which column the third number is, the header does not say."""
    header = [["总计", "商业企业", "科研机构", "法律服务机构", "其他", "自然人"]]
    got = _cells(_report(TOTAL_FIRST_PERSON_LAST, "tab", header))
    assert not _wrong(got)
    assert not any(status == "extracted" for _, status in got.values())


@pytest.mark.parametrize("header", [
    [["总计", "商业企业", "科研机构", "社会公益组织", "其他", "其他", "自然人"]],  # 其他 twice, 法律服务机构 never
    [[COLUMNS[j] for j in TOTAL_FIRST_PERSON_LAST], [COLUMNS[j] for j in REVERSED]],  # two lines disagree
], ids=["a_column_named_twice", "two_heading_lines_disagree"])
def test_an_ambiguous_header_leaves_the_rows_unread_as_before(header: list[list[str]]) -> None:
    got = _cells(_report(TOTAL_FIRST_PERSON_LAST, "tab", header))
    assert not _wrong(got)
    assert not any(status == "extracted" for _, status in got.values())


def test_numbers_adding_up_only_in_the_format_s_order_are_not_moved() -> None:
    """The header says 总计 first, but the numbers are printed in the format's order (总计 last): the header is
    not the rows' order, the rows are not read by it."""
    got = _cells(_report(TOTAL_FIRST_PERSON_LAST, "tab", numbers_order=tuple(range(7))))
    assert not _wrong(got)


@pytest.mark.parametrize("shape", ["tab", "pipe"])
def test_no_header_and_the_rows_adding_up_to_their_first_number_leave_them_unread(shape: str) -> None:
    """No heading printed (the copy lost the header) and every row's first number the sum of the others: 总计
    is printed first, in an order nothing names; read in the format's order every cell would be wrong."""
    got = _cells(_report((6, 0, 1, 2, 3, 4, 5), shape, header=[[""]]))
    assert not _wrong(got)
    assert not any(status == "extracted" for _, status in got.values())


@pytest.mark.parametrize("shape", ["tab", "pipe", "spaces", "space"])
def test_2019_table_two_columns_swapped_read_by_their_headings(shape: str) -> None:
    lines = [["第二十条第（一）项"], ["信息内容", "对外公开总数量", "本年新制作数量", "本年新公开数量"],
             ["规章", "31", "5", "4"], ["规范性文件", "57", "12", "11"],
             ["第二十条第（五）项"], ["信息内容", "处理决定数量", "上一年项目数量", "本年增/减"],
             ["行政许可", "595", "67", "+3"], ["其他对外管理服务事项", "1475", "81", "-2"]]
    sep = {"tab": "\t", "spaces": "    ", "space": " "}.get(shape)
    text = "XX县住房局2020年政府信息公开工作年度报告\n\n二、主动公开政府信息情况\n" + "\n".join(
        sep.join(cells) if sep else "| " + " | ".join(cells) + " |" for cells in lines) + "\n"
    got = {k: (c.value, c.status) for k, c in parse_text(text).cells.items() if c.value is not None}
    assert got == {f"active/{k}": (v, "extracted") for k, v in {
        "regulations/made": 5, "regulations/published": 4, "regulations/total": 31,
        "normative_documents/made": 12, "normative_documents/published": 11, "normative_documents/total": 57,
        "licensing/previous": 67, "licensing/change": 3, "licensing/decisions": 595,
        "other_services/previous": 81, "other_services/change": -2, "other_services/decisions": 1475}.items()}
