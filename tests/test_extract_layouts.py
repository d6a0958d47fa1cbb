"""Table layouts as copies give them: each test is a small piece of a real layout."""
from parser.extract import parse_text

HEAD = "XX县教育局2023年政府信息公开工作年度报告\n\n三、收到和处理政府信息公开申请情况\n"


def cells(text, prefix="requests/"):
    report = parse_text(text)
    return {k[len(prefix):]: (c.value, c.status) for k, c in report.cells.items() if k.startswith(prefix)}


def test_row_per_line_with_tabs_and_rowspan_labels_only_on_the_first_row():
    got = cells(HEAD + "三、本年度办理结果\t（一）予以公开\t5\t1\t0\t0\t0\t0\t6\n"
                "（三）不予公开\t1.属于国家秘密\t2\t0\t0\t0\t0\t0\t2\n"
                "2.其他法律行政法规禁止公开\t1\t0\t0\t0\t0\t0\t1\n")
    assert got["granted/total"] == (6, "extracted")
    assert got["denied.state_secret/natural_person"] == (2, "extracted")
    assert got["denied.law_prohibited/total"] == (1, "extracted")


def test_zeros_left_blank_in_a_grid_are_blank_not_missing():
    got = cells(HEAD + "一、本年新收政府信息公开申请数量\t806\t50\t\t\t2\t1\t859\n"
                "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t3\t\t\t\t\t\t\n"
                "（三）不予公开\t1.属于国家秘密\t\t\t\t\t\t\t\n")
    assert got["new_received/research"] == (None, "blank")
    assert got["new_received/total"] == (859, "extracted")
    assert got["partially_granted/natural_person"] == (3, "extracted")
    assert got["partially_granted/total"] == (None, "blank")
    assert got["denied.state_secret/total"] == (None, "blank")
    assert got["denied.law_prohibited/total"] == (None, "missing")


def test_one_cell_per_line_with_blank_lines_between_cells():
    cells_in_order = ["（一）予以公开", "4", "0", "0", "0", "1", "0", "5", "（二）部分公开", *"1000001"]
    text = HEAD + "\n\n".join(cells_in_order)
    got = cells(text)
    assert got["granted/legal_service"] == (1, "extracted")
    assert got["granted/total"] == (5, "extracted")
    assert got["partially_granted/total"] == (1, "extracted")


def test_pipe_separated_cells_and_markdown_tables():
    got = cells(HEAD + "| 一、本年新收政府信息公开申请数量 | 3746 | 63 | 0 | 0 | 19 | 2 | 3830 |\n"
                "|---|---|---|---|---|---|---|---|\n（一）予以公开 |\n12 |\n1 |\n0 |\n0 |\n0 |\n0 |\n13 |\n")
    assert got["new_received/total"] == (3830, "extracted")
    assert got["granted/natural_person"] == (12, "extracted")
    assert got["granted/total"] == (13, "extracted")


def test_pdf_like_rows_with_numbers_after_the_label_and_a_label_continued_below():
    got = cells(HEAD + "（二）部分公开（区分处理的，只计这一情形，不计 3 0 0 0 0 0 3\n其他情形）\n"
                "（三）不予公开 1.属于国家秘密 0 0 0 0 0 0 0\n")
    assert got["partially_granted/total"] == (3, "extracted")
    assert got["denied.state_secret/total"] == (0, "extracted")


def test_total_left_blank_on_a_sub_row():
    got = cells(HEAD + "（一）予以公开\n258\n12\n0\n0\n1\n1\n（二）部分公开\n3\n0\n0\n0\n0\n0\n3\n")
    assert got["granted/other_org"] == (1, "extracted")
    assert got["granted/total"] == (None, "blank")
    assert got["partially_granted/total"] == (3, "extracted")


def test_number_split_by_a_space_is_joined_only_when_the_row_proves_it():
    got = cells(HEAD + "一、本年新收政府信息公开申请数量\n1 2 0 0 0 0 0 12\n")
    assert got["new_received/natural_person"] == (12, "repaired")
    got = cells(HEAD + "一、本年新收政府信息公开申请数量\n1 2 0 0 0 0 0 5\n")
    assert got["new_received/natural_person"] == (None, "missing"), "never guess"


def test_ocr_damaged_labels_and_values():
    got = cells(HEAD + "（四）无价提供\t1.本机关不掌握相关政府信息\tl\t0\t0\t0\t0\t0\t1\n"
                "（五）不予处理\t1.住房举报投诉类申请\t０\tO\t0\t0\t0\t0\t0\n")
    assert got["unable.not_held/natural_person"] == (1, "repaired")
    assert got["not_processed.petition/natural_person"] == (0, "repaired")
    assert got["not_processed.petition/commercial"] == (0, "repaired")


def test_long_explanations_in_labels_and_blank_marks():
    got = cells("XX市人民政府2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
                "信息内容 | 本年新制作数量 | 本年新公开数量 | 对外公开总数量 | |\n"
                "规章(设区的市、自治州人民政府应提供相关数据) | 0 | 0 | 0 | |\n"
                "规范性文件 | 2 | 2 | 19 | |\n第二十条第（五）项\n行政许可 | 8 | -5 | - | |\n", "active/")
    assert got["regulations/total"] == (0, "extracted")
    assert got["normative_documents/total"] == (19, "extracted")
    assert got["licensing/change"] == (-5, "extracted")
    assert got["licensing/decisions"] == (None, "blank")


def test_an_unknown_row_is_not_taken_for_a_template_row():
    got = cells("XX市人民政府2020年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n"
                "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n"
                "其他主动公开文件\t186\t86\t255\n", "active/")
    assert all(v == (None, "missing") for v in got.values())


def test_a_damaged_cell_keeps_its_text_and_its_row_stays_aligned():
    got = cells(HEAD + "（一）予以公开\t3\t2a\t0\t0\t0\t0\t5\n")
    assert got["granted/commercial"] == (None, "missing"), "not read: no value, and not a confident one"
    assert got["granted/total"] == (5, "extracted")
    report = parse_text(HEAD + "（一）予以公开\t3\t2a\t0\t0\t0\t0\t5\n")
    assert report.cells["requests/granted/commercial"].text == "2a"
    from review.rules import check

    assert [f.cells for f in check(report) if f.rule == "value.not_number"] == [("requests/granted/commercial",)]


def test_tables_printed_column_by_column():
    rows = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开"]
    columns = {"自然人": [5, 1, 4], "商业企业": [1, 0, 1], "科研机构": [0, 0, 0], "社会公益组织": [0, 0, 0],
               "法律服务机构": [2, 0, 2], "其他": [0, 0, 0], "总计": [8, 1, 7]}
    text = HEAD + "申请人情况\n" + "\n".join(rows) + "\n\n" + "\n\n".join(
        h + "\n" + "\n".join(map(str, v)) for h, v in columns.items())
    got = cells(text)
    assert got["new_received/total"] == (8, "extracted")
    assert got["carried_over/natural_person"] == (1, "extracted")
    assert got["granted/legal_service"] == (2, "extracted")
    assert got["partially_granted/total"] == (None, "missing")
