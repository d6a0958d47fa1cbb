"""The per-report sheets look like the printed format; marks, comments and safety of every sheet."""
import zipfile

import openpyxl
import pytest
from conftest import SAMPLE_FILES, truth

from parser.model import Report
from review.export import SUMMARY, export_workbook, sheet_names
from review.export.report_sheet import cell_marks
from review.export.style import FILL_CORRECTED, FILL_ERROR, FILL_MISSING, FILL_WARNING, text_width
from review.findings import ERROR, FAIL, WARNING, Finding
from review.state import ACCEPTED, POSTPONED, Decision, ReviewedReport, SignOff


def from_truth(path, **kw) -> Report:
    t = truth(path)
    args = {"agency": t["agency"], "year": t["year"], "source": path.name} | kw
    return Report.from_values(t["values"], t["template"], **args)


def find(ws, text):
    hits = [c for row in ws.iter_rows() for c in row if c.value == text]
    assert hits, f"{text!r} is not on {ws.title}"
    return hits[0]


def span(ws, cell) -> tuple[int, int]:
    """(rows, columns) a cell covers (1, 1 when not merged)."""
    for r in ws.merged_cells.ranges:
        if cell.coordinate in r:
            return r.max_row - r.min_row + 1, r.max_col - r.min_col + 1
    return 1, 1


def fill(cell) -> str:
    return cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type == "solid" else ""


@pytest.fixture
def workbook(tmp_path):
    def export(items):
        out = tmp_path / "out.xlsx"
        export_workbook(items, out)
        return openpyxl.load_workbook(out), out
    return export


def test_table_three_has_the_printed_two_level_header_and_grouped_rows(workbook):
    wb, _ = workbook([ReviewedReport(from_truth(SAMPLE_FILES[2]))])
    ws = wb["神池县教育科技局2023"]
    applicants = find(ws, "申请人情况")
    assert span(ws, applicants) == (1, 7)
    assert span(ws, find(ws, "法人或其他组织")) == (1, 5)
    natural, total = find(ws, "自然人"), [c for r in ws.iter_rows() for c in r if c.value == "总计"][0]
    assert span(ws, natural) == (2, 1) and span(ws, total) == (2, 1)
    kinds = [ws.cell(natural.row + 1, natural.column + i).value for i in range(1, 6)]
    assert kinds == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    corner = ws.cell(applicants.row, 1)
    assert corner.value.startswith("（本列数据的勾稽关系为") and span(ws, corner) == (3, 8)
    results = find(ws, "三、本年度办理结果")
    assert span(ws, results)[0] == 22  # （一）…（七）: 2 + 8 + 3 + 5 + 3 + 1 rows
    assert span(ws, find(ws, "（三）不予公开")) == (8, 1)
    assert span(ws, find(ws, "（六）其他处理")) == (3, 1)
    not_held = find(ws, "1.本机关不掌握相关政府信息")
    values = [ws.cell(not_held.row, natural.column + i).value for i in range(7)]
    assert values == [1, 0, 0, 0, 0, 0, 1]
    assert ws.cell(not_held.row, natural.column).alignment.horizontal == "right"
    assert ws.cell(not_held.row, natural.column).border.left.style == "thin"
    label_end = ws.cell(not_held.row, natural.column - 1)  # the last column a merged row label covers
    assert label_end.coordinate in ws.merged_cells and label_end.border.right.style == "thin"
    assert label_end.border.top.style == "thin" and label_end.border.bottom.style == "thin"


def test_table_four_is_one_row_of_fifteen_under_a_two_level_header(workbook):
    wb, _ = workbook([ReviewedReport(from_truth(SAMPLE_FILES[0]))])
    ws = wb["乌苏市教科局2024"]
    review, litigation = find(ws, "行政复议"), find(ws, "行政诉讼")
    assert span(ws, review) == (2, 5) and span(ws, litigation) == (1, 10)
    assert span(ws, find(ws, "未经复议直接起诉")) == (1, 5) and span(ws, find(ws, "复议后起诉")) == (1, 5)
    labels = [ws.cell(review.row + 2, c).value for c in range(1, 16)]
    assert labels == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    numbers = [ws.cell(review.row + 3, c).value for c in range(1, 16)]
    t = truth(SAMPLE_FILES[0])["values"]
    assert numbers == [t[f"appeals/{r}/{c}"] for r in ("review", "litigation_direct", "litigation_after_review")
                       for c in ("upheld", "corrected", "other", "pending", "total")]


def test_table_two_blocks_in_both_formats(workbook):
    wb, _ = workbook([ReviewedReport(from_truth(SAMPLE_FILES[0])), ReviewedReport(from_truth(SAMPLE_FILES[4]))])
    ws = wb["乌苏市教科局2024"]
    heading = find(ws, "第二十条第（一）项")
    assert span(ws, heading) == (1, 15)
    assert [ws.cell(heading.row + 1, c).value for c in (1, 4, 8, 12)] == ["信息内容", "本年制发件数", "本年废止件数",
                                                                           "现行有效件数"]
    fees = find(ws, "行政事业性收费")
    assert ws.cell(fees.row, 4).value == pytest.approx(63.6773) and span(ws, ws.cell(fees.row, 4)) == (1, 12)
    old = wb["乌苏市教育和科学技术局2020"]
    procurement = find(old, "政府集中采购")
    t = truth(SAMPLE_FILES[4])["values"]
    assert old.cell(procurement.row, 4).value == t["active/procurement/count"]
    assert old.cell(procurement.row, 10).value == pytest.approx(797.58) == t["active/procurement/amount"]
    assert find(old, "（六）其他处理").column == 2  # the 2019 format's single row
    assert "2019年版" in old["A2"].value


def test_corrected_cell_is_filled_and_its_comment_has_printed_value_reviewer_and_time(workbook):
    report = from_truth(SAMPLE_FILES[2])
    report.cells["requests/total/natural_person"].correct(1, "李审核", "漏计", "2024-03-01T09:30:00+00:00")
    wb, _ = workbook([ReviewedReport(report)])
    ws = wb["神池县教育科技局2023"]
    total_row = find(ws, "（七）总计").row
    cell = ws.cell(total_row, 9)
    assert cell.value == 1 and fill(cell) == FILL_CORRECTED.fgColor.rgb[-6:]
    text = cell.comment.text
    assert "报告原文：0" in text and "李审核" in text and "2024-03-01 09:30:00" in text and "0 → 1" in text
    assert ws.cell(total_row, 10).comment is None and fill(ws.cell(total_row, 10)) == ""


def test_open_findings_are_marked_accepted_ones_are_not(workbook):
    report = from_truth(SAMPLE_FILES[2])
    error = Finding("requests.results_total", ERROR, FAIL,
                    ("requests/total/natural_person", "requests/granted/natural_person"),
                    "表三（七）总计·自然人：各项办理结果之和为 1，报告填写 0", 0, 1,
                    suggestion={"requests/unable.not_held/natural_person": 0})
    warning = Finding("x.warn", WARNING, FAIL, ("requests/new_received/total",), "警告说明")
    half = Finding("appeals.half_missing", WARNING, FAIL, ("appeals/review/upheld", "appeals/review/total"), "缺一半")
    accepted = Finding("x.accepted", ERROR, FAIL, ("requests/carried_over/total",), "已接受的错误")
    decisions = {accepted.id: Decision(accepted.id, ACCEPTED, "机关确认", "王"),
                 warning.id: Decision(warning.id, POSTPONED, "待核实", "王")}
    wb, _ = workbook([ReviewedReport(report, [error, warning, accepted, half], decisions)])
    ws = wb["神池县教育科技局2023"]
    total = ws.cell(find(ws, "（七）总计").row, 9)
    assert fill(total) == FILL_ERROR.fgColor.rgb[-6:] and "报告填写 0" in total.comment.text
    suggested = ws.cell(find(ws, "1.本机关不掌握相关政府信息").row, 9)
    assert fill(suggested) == FILL_ERROR.fgColor.rgb[-6:] and "建议改为 0" in suggested.comment.text
    granted = ws.cell(find(ws, "（一）予以公开").row, 9)
    assert fill(granted) == "" and granted.comment is None  # an addend, not the cell reported on
    new = ws.cell(find(ws, "一、本年新收政府信息公开申请数量").row, 15)
    assert fill(new) == FILL_WARNING.fgColor.rgb[-6:] and "暂缓：待核实" in new.comment.text
    carried = ws.cell(find(ws, "二、上年结转政府信息公开申请数量").row, 15)
    assert fill(carried) == "" and carried.comment is None
    appeals_values = find(ws, "行政复议").row + 3  # not a sum: every cell it names is marked
    assert fill(ws.cell(appeals_values, 1)) == fill(ws.cell(appeals_values, 5)) == FILL_WARNING.fgColor.rgb[-6:]
    assert fill(ws.cell(appeals_values, 2)) == ""
    legend = [c.value for c in ws[3] if c.value]
    assert legend[0] == "图例" and any("已更正" in v for v in legend) and any("错误" in v for v in legend)
    assert find(ws, "已接受：机关确认")  # the findings under the tables carry the decision


def test_blank_and_missing_cells_are_empty_missing_ones_grey(workbook):
    report = from_truth(SAMPLE_FILES[4])  # 行政复议 half of table four is missing
    assert report.cells["appeals/review/total"].status == "missing"
    wb, _ = workbook([ReviewedReport(report)])
    ws = wb["乌苏市教育和科学技术局2020"]
    values_row = find(ws, "行政复议").row + 3
    assert ws.cell(values_row, 1).value is None and fill(ws.cell(values_row, 1)) == FILL_MISSING.fgColor.rgb[-6:]
    assert ws.cell(values_row, 6).value == 0 and fill(ws.cell(values_row, 6)) == ""


def test_marks_prefer_errors_to_corrections():
    report = from_truth(SAMPLE_FILES[0])
    report.cells["requests/total/total"].correct(5, "张", "", "2024-01-01T00:00:00+00:00")
    f = Finding("r", ERROR, FAIL, ("requests/total/total",), "错")
    color, lines = cell_marks(ReviewedReport(report, [f]))["requests/total/total"]
    assert color is FILL_ERROR and len(lines) == 3  # printed value, the correction, the finding


def test_no_cell_is_ever_a_formula(workbook):
    nasty = ["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-2", "@SUM(A1)", "=1+1", "\t=1"]
    report = from_truth(SAMPLE_FILES[0], agency=nasty[0], source=nasty[1])
    report.cells["requests/total/total"].correct(3, nasty[3], nasty[4], "2024-01-01T00:00:00+00:00")
    f = Finding(nasty[2], ERROR, FAIL, ("requests/total/total",), nasty[4])
    d = Decision(f.id, POSTPONED, nasty[5], nasty[2])
    wb, out = workbook([ReviewedReport(report, [f], {f.id: d}, SignOff("通过", nasty[3], nasty[4], nasty[0]))])
    seen = set()
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f", (ws.title, c.coordinate, c.value)
                if isinstance(c.value, str):
                    seen.add(c.value)
    assert set(nasty) <= seen
    with zipfile.ZipFile(out) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in z.read(name) and b"<f " not in z.read(name)


def test_control_characters_are_dropped_not_fatal(workbook):
    report = from_truth(SAMPLE_FILES[0], agency="乌苏市\x0c教科局\x01")
    wb, _ = workbook([ReviewedReport(report)])
    assert wb[SUMMARY]["A3"].value == "乌苏市教科局"


def test_sheet_names_are_valid_and_unique():
    def item(agency, year=2023, source="a.txt"):
        return ReviewedReport(Report.from_values({}, "2021", agency=agency, year=year, source=source))

    long = "新疆维吾尔自治区伊犁哈萨克自治州奎屯市教育和科学技术局"
    names = sheet_names([item("汇总", None), item("a[b]:c*d?e/f\\g"), item(long), item(long),
                         item(None, None, "x/y.txt"), item("History", None), item("history", None),
                         item("'引号'", None), item(None, None, ""),
                         item("ABC"), item("abc")])
    assert names[0] == "汇总（2）"
    assert names[1] == "abcdefg2023"
    assert names[2] == (long + "2023")[:31] and names[3] == (long + "2023")[:28] + "（2）"
    assert names[4] == "y" and names[5] == "History（2）" and names[6] == "history（3）"
    assert names[7] == "引号" and names[8] == "报告9"
    assert names[9] == "ABC2023" and names[10] == "abc2023（2）"
    for n in names:
        assert len(n) <= 31 and not set(n) & set("[]:*?/\\")
    assert len({n.lower() for n in names}) == len(names)


def test_frozen_headers_print_setup_and_widths(workbook):
    wb, _ = workbook([ReviewedReport(from_truth(p)) for p in SAMPLE_FILES])
    summary = wb[SUMMARY]
    assert summary.freeze_panes == "C3" and summary.print_title_rows == "$1:$2"
    assert summary.column_dimensions["A"].width >= text_width("阿合奇县教育和科学技术局")
    for name in ("问题清单", "修改记录", "签发"):
        assert wb[name].freeze_panes == "B2"
    for ws in wb.worksheets:
        assert ws.page_setup.orientation == "landscape" and int(ws.page_setup.paperSize) == 9  # A4
        if ws.title != SUMMARY:
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1
    for name in ("问题清单", "修改记录", "签发"):  # long cell keys never spill past the table when printed
        ws = wb[name]
        assert ws.print_area == f"'{name}'!$A$1:${ws.cell(1, ws.max_column).column_letter}${max(ws.max_row, 1)}"
        assert all(ws.row_dimensions[r].height for r in range(2, ws.max_row + 1))
    report = wb["神池县教育科技局2023"]
    assert report.freeze_panes == "A3" and report.print_title_rows == "$1:$2"
    long_label = find(report, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")
    assert report.row_dimensions[long_label.row].height > report.row_dimensions[long_label.row + 1].height


def test_cjk_counts_double():
    assert text_width("总计") == 4 and text_width("ab1") == 3 and text_width("（一）") == 6


def test_a_report_of_unknown_format_still_exports(workbook):
    report = Report("odd.txt", "随便一段文字", None, None, None, {})
    wb, _ = workbook([ReviewedReport(report)])
    ws = wb["odd"]
    assert "未能识别本报告使用的格式" in ws["A5"].value
    assert wb[SUMMARY]["A3"].value is None and wb[SUMMARY]["C3"].value is None


def test_merged_ranges_never_overlap(workbook):
    report = from_truth(SAMPLE_FILES[2])
    findings = [Finding("r", ERROR, FAIL, ("requests/total/total",), "很长的说明" * 40)]
    wb, _ = workbook([ReviewedReport(report, findings), ReviewedReport(from_truth(SAMPLE_FILES[4]))])
    for ws in wb.worksheets:
        seen: dict[tuple[int, int], str] = {}
        for r in ws.merged_cells.ranges:
            for cell in r.cells:
                assert cell not in seen, f"{ws.title}: {r.coord} overlaps {seen[cell]}"
                seen[cell] = r.coord


def test_links_reach_sheets_whose_names_hold_a_quote(workbook):
    wb, _ = workbook([ReviewedReport(from_truth(SAMPLE_FILES[0], agency="区'教育局"))])
    assert wb.sheetnames[4] == "区'教育局2024"
    link = wb[SUMMARY].cell(3, 11)
    assert link.value == "区'教育局2024" and link.hyperlink.location == "'区''教育局2024'!A1"


def test_rows_never_exceed_excels_height_limit(workbook):
    findings = [Finding("r", ERROR, FAIL, ("requests/total/total",), "极长的说明。" * 2000)]
    wb, _ = workbook([ReviewedReport(from_truth(SAMPLE_FILES[2]), findings)])
    for ws in wb.worksheets:
        assert all((d.height or 0) <= 409 for d in ws.row_dimensions.values()), ws.title


def test_a_finding_on_a_whole_table_marks_every_cell_and_explains_the_first(workbook):
    keys = tuple(f"appeals/{r}/{c}" for r in ("review", "litigation_direct", "litigation_after_review")
                 for c in ("upheld", "corrected", "other", "pending", "total"))
    empty = Finding("form.tables_empty", ERROR, FAIL, keys, "表四印出了栏目，但没有数值")
    wb, _ = workbook([ReviewedReport(from_truth(SAMPLE_FILES[0]), [empty])])
    ws = wb["乌苏市教科局2024"]
    row = find(ws, "行政复议").row + 3
    assert all(fill(ws.cell(row, c)) == FILL_ERROR.fgColor.rgb[-6:] for c in range(1, 16))
    assert [c for c in range(1, 16) if ws.cell(row, c).comment] == [1, 2, 3]
