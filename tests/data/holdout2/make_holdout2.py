# ruff: noqa: E501
"""Second holdout: reports as DOCUMENTS (HTML, DOCX, PDF) read through `parser.extract.load`.

Written without looking at the parser. `build_all(folder)` writes every document into `folder` and
returns {name: (path, truth JSON text)}; the truth JSON files are committed beside this script
(`python tests/data/holdout2/make_holdout2.py` rewrites them). The documents themselves are generated
at test time (no binaries in the repository). Truth: what a careful reader reads off the document;
a cell printed empty is None (not 0). It is never adjusted to the parser.
"""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from holdout2_base import (  # noqa: E402
    SECTION,
    Cell,
    Printed,
    active_blocks,
    active_table,
    appeals_labelled,
    appeals_table,
    make_values,
    narrative,
    request_body,
    request_head,
)
from holdout2_extra import EXTRA  # noqa: E402
from holdout2_more import MORE  # noqa: E402
from holdout2_writers import to_docx, to_html, to_pdf_ruled, to_pdf_unruled  # noqa: E402

KEY_ORDER: dict[str, list[str]] = {}


def _key_order(template: str) -> list[str]:
    if template not in KEY_ORDER:
        root = HERE.parents[2]
        sys.path.insert(0, str(root))
        from parser.template import version  # the format as data (resources/template.json), not parser logic

        KEY_ORDER[template] = version(template).cell_keys()
    return KEY_ORDER[template]


def truth(agency: str, year: int, template: str, p: Printed) -> dict:
    values = p.truth()
    order = _key_order(template)
    assert set(values) == set(order), set(values) ^ set(order)
    return {"agency": agency, "year": year, "template": template, "values": {k: values[k] for k in order}, "findings": []}


def standard(agency: str, year: int, template: str, p: Printed, *, active=None, requests=None, appeals=None,
             lead: list | None = None, title_lines: list[str] | None = None) -> list:
    """Title, the six sections, the three tables (overridable), narrative from the values."""
    n = narrative(agency, year, p.values)
    doc: list = [*(title_lines or [f"{agency}{year}年政府信息公开工作年度报告"]), *(lead or []), n["intro"],
                 SECTION["one"], n["overview"], SECTION["two"]]
    doc += active if active is not None else [active_table(template, p)]
    doc.append(SECTION["three"])
    doc += requests if requests is not None else [request_head() + request_body(template, p)]
    doc.append(SECTION["four"])
    doc += appeals if appeals is not None else [appeals_table(p)]
    doc += [SECTION["five"], n["problems"], SECTION["six"], n["other"]]
    return doc


Report = tuple[str, bytes, dict]


# ---- web pages ------------------------------------------------------------------------------------

def h01_cms_th_thead() -> Report:
    agency, year = "杭州市西湖区市场监督管理局", 2023
    p = Printed(make_values(1, "2021", 60, fee=0.0))
    doc = standard(agency, year, "2021", p)
    return "h01_cms_th_thead_chrome.html", to_html(doc, th=True, thead=3, p_in_td=True), truth(agency, year, "2021", p)


def h02_gbk_nbsp_zero_2019() -> Report:
    agency, year = "上海市嘉定区人民政府", 2020
    v = make_values(2, "2019", 140, regulations=True, procurement=(14, 2510000.0))
    v["active/procurement/amount"] = 251.0
    p = Printed(v, printed={"active/procurement/amount": "2510000元"}).blank_zeros("requests/").blank_zeros("appeals/")
    p.blank_subrow_totals("2019")
    doc = standard(agency, year, "2019", p)
    return "h02_gbk_nbsp_zeros_2019.html", to_html(doc, charset="gbk", th=False, p_in_td=False), truth(agency, year, "2019", p)


def h03_br_labels_layout_table() -> Report:
    agency, year = "南京市鼓楼区宁海路街道办事处", 2022
    p = Printed(make_values(3, "2021", 9))
    head = [[Cell(JIGOU_BR, rowspan=3, colspan=3), Cell("申请人情况", colspan=7)],
            [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("总计", rowspan=2)],
            [Cell(t) for t in ["商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其他"]]]
    body = request_body("2021", p, label=lambda s: s.replace("（区分处理的", "\n（区分处理的").replace("、行政机关不再", "、\n行政机关不再"))
    doc = standard(agency, year, "2021", p, requests=[head + body])
    return "h03_br_labels_layout_table.html", to_html(doc, th=False, wrap_layout=True, br="<br/>"), truth(agency, year, "2021", p)


JIGOU_BR = "（本列数据的勾稽关系为：第一项加第二项之和，\n等于第三项加第四项之和）"


def h04_four_small_tables_labelled_appeals() -> Report:
    agency, year = "浙江省自然资源厅", 2024
    p = Printed(make_values(4, "2021", 260, regulations=True, appeals=6, fee=1286.35))
    blocks = active_blocks("2021", p)
    doc = standard(agency, year, "2021", p, active=blocks, appeals=[appeals_labelled(p)])
    return "h04_four_small_tables_labelled_appeals.html", to_html(doc, th=True, thead=0), truth(agency, year, "2021", p)


def h05_header_total_first() -> Report:
    """Table 三's header arranged differently: 总计 spans all three header rows at the far right,
    申请人情况 over 自然人 and the organisations only, 自然人 spans two rows."""
    agency, year = "四川省成都市锦江区人民政府", 2021
    p = Printed(make_values(5, "2021", 85, appeals=3))
    head = [[Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowspan=3, colspan=3),
             Cell("申请人情况", colspan=6), Cell("总计", rowspan=3)],
            [Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5)],
            [Cell(t) for t in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]]
    doc = standard(agency, year, "2021", p, requests=[head + request_body("2021", p)])
    return "h05_header_total_spans_three_rows.html", to_html(doc, th=False, p_in_td=True, thead=3), truth(agency, year, "2021", p)


def h06_word_saved_html() -> Report:
    """A page pasted from Word: mso classes, <span> runs splitting numbers, <o:p>, &nbsp; padding."""
    agency, year = "湖北省宜昌市夷陵区小溪塔街道办事处", 2025
    p = Printed(make_values(6, "2021", 14, appeals=1))
    import re
    from html import escape

    from holdout2_writers import html_table

    def msoify(html: str) -> str:
        def cell(m: re.Match) -> str:
            text = m.group(2)
            if text == "&nbsp;":
                return f'{m.group(1)}<p class="MsoNormal" align="center"><span lang="EN-US">&nbsp;<o:p></o:p></span></p></td>'
            if text.isdigit() and len(text) >= 2:
                text = f'<span lang="EN-US" style="font-size:10.5pt">{text[0]}</span><span lang="EN-US" style="font-size:10.5pt">{text[1:]}</span>'
            else:
                text = f'<span style="font-family:仿宋_GB2312">{text}</span>'
            return f'{m.group(1)}<p class="MsoNormal" align="center">{text}<o:p></o:p></p></td>'
        return re.sub(r'(<td[^>]*>)(.*?)</td>', cell, html)

    doc = standard(agency, year, "2021", p)
    parts = []
    for block in doc:
        if isinstance(block, str):
            parts.append(("raw", f'<p class="MsoNormal" style="text-indent:32.0pt"><span style="font-family:仿宋_GB2312">{escape(block)}</span><span lang="EN-US"><o:p></o:p></span></p>'))
        else:
            parts.append(("raw", msoify(html_table(block, th=False, attrs=' class="MsoNormalTable" border="1" cellspacing="0" cellpadding="0"'))))
    return "h06_word_saved_html_spans.html", to_html(parts, chrome=True), truth(agency, year, "2021", p)


def h07_result_row_full_width() -> Report:
    """三、本年度办理结果 as a full-width row of its own (no rowspan); group labels in their own column."""
    agency, year = "广西壮族自治区民政厅", 2022
    p = Printed(make_values(7, "2021", 120, regulations=True, appeals=4))
    body = request_body("2021", p)
    flat: list[list[Cell]] = []
    for row in body:
        if row[0].text == "三、本年度办理结果":
            flat.append([Cell("三、本年度办理结果", colspan=10)])
            row = row[1:]
        cells = []
        for c in row:
            if c.rowspan > 1 or c.colspan == 2:  # group label column keeps its rowspan; 2-wide labels become 3-wide
                cells.append(Cell(c.text, rowspan=c.rowspan, colspan=c.colspan + (1 if c.colspan == 2 else 0)))
            elif c.text.startswith(("1.", "2.", "3.", "4.", "5.", "6.", "7.", "8.")):
                cells.append(Cell(c.text, colspan=2))
            else:
                cells.append(c)
        flat.append(cells)
    doc = standard(agency, year, "2021", p, requests=[request_head() + flat])
    return "h07_result_heading_full_row.html", to_html(doc, th=True, thead=3), truth(agency, year, "2021", p)


# ---- Word -----------------------------------------------------------------------------------------

def d08_word_template_paragraphs() -> Report:
    agency, year = "国家林业和草原局", 2023
    p = Printed(make_values(8, "2021", 520, regulations=True, appeals=9))
    body = request_body("2021", p, label=lambda s: s.replace("（区分处理的", "\n（区分处理的").replace("、行政机关不再", "、\n行政机关不再")
                        .replace("1.属于", "1.属于\n").replace("三、", "三、\n"))
    doc = standard(agency, year, "2021", p, requests=[request_head(split_br=True) + body])
    return "d08_word_merged_multi_paragraph_cells.docx", to_docx(doc, paragraphs=True), truth(agency, year, "2021", p)


def d09_word_split_table_repeated_header() -> Report:
    agency, year = "江苏省苏州市人民政府办公室", 2022
    p = Printed(make_values(9, "2021", 310, appeals=5))
    head, body = request_head(), request_body("2021", p)
    # the first part ends after （三）不予公开 8.; its rowspans are cut at the page break as Word does
    cut = 12
    first, second = [list(r) for r in body[:cut]], [list(r) for r in body[cut:]]
    first[2][0] = Cell(first[2][0].text, rowspan=cut - 2)
    second[0].insert(0, Cell("三、本年度办理结果", rowspan=len(second) - 1))
    doc = standard(agency, year, "2021", p, requests=[head + first, ("break",), "续表", head + second])
    return "d09_word_table_split_header_repeated.docx", to_docx(doc, header_rows={1: 3, 2: 3}), truth(agency, year, "2021", p)


def d10_word_numbered_sections() -> Report:
    agency, year = "北京市海淀区教育委员会", 2024
    p = Printed(make_values(10, "2021", 75, appeals=2))
    doc = standard(agency, year, "2021", p, appeals=[appeals_labelled(p)])
    doc = [("§" + b.split("、", 1)[1]) if isinstance(b, str) and b in SECTION.values() else b for b in doc]
    return "d10_word_auto_numbered_headings.docx", to_docx(doc, numbered_sections=True), truth(agency, year, "2021", p)


def d11_word_2019_county() -> Report:
    agency, year = "河南省兰考县人民政府", 2020
    v = make_values(11, "2019", 40, procurement=(23, 1468.27))
    v["active/licensing/change"], v["active/punishment/change"] = -6, 3
    p = Printed(v, printed={"active/punishment/change": "+3"})
    doc = standard(agency, year, "2019", p)
    return "d11_word_2019_format_county.docx", to_docx(doc), truth(agency, year, "2019", p)


def d12_word_fullwidth_digits() -> Report:
    agency, year = "广东省深圳市福田区卫生健康局", 2021
    v = make_values(12, "2021", 48, appeals=2, fee=0.0)
    full = str.maketrans("0123456789", "０１２３４５６７８９")
    p = Printed(v, printed={k: str(n).translate(full) for k, n in v.items()
                            if k.startswith("requests/new_received/") or k.startswith("active/")})
    doc = standard(agency, year, "2021", p)
    return "d12_word_fullwidth_digits.docx", to_docx(doc), truth(agency, year, "2021", p)


# ---- PDF ------------------------------------------------------------------------------------------

def p13_pdf_ruled_continued() -> Report:
    """Table 三 continued over a page break: the first page ends inside （三）不予公开, the next page repeats
    the three header rows and goes on (the merged 三、本年度办理结果 label cut in two, as Word exports it)."""
    agency, year = "山东省生态环境厅", 2023
    p = Printed(make_values(13, "2021", 190, regulations=True, appeals=5, fee=3.5))
    widths = {1: [34, 30, 86] + [46.4] * 7, 2: [34, 30, 86] + [46.4] * 7}
    head, body = request_head(), request_body("2021", p)
    cut = 8  # new, carried, granted, partially, denied 1-4 | denied 5-8 ...
    first, second = [list(r) for r in body[:cut]], [list(r) for r in body[cut:]]
    first[2][0] = Cell(first[2][0].text, rowspan=cut - 2)
    first[4][0] = Cell(first[4][0].text, rowspan=4)
    second[0][:0] = [Cell("三、本年度办理结果", rowspan=len(second) - 1), Cell("（三）不予公开", rowspan=4)]
    doc = standard(agency, year, "2021", p, requests=[head + first, ("break",), head + second])
    return "p13_pdf_ruled_table_over_page.pdf", to_pdf_ruled(doc, col_widths=widths), truth(agency, year, "2021", p)


def p14_pdf_2019_township() -> Report:
    agency, year = "云南省大理州宾川县金牛镇人民政府", 2019
    v = make_values(14, "2019", 6, appeals=1, procurement=(3, 12.6))
    p = Printed(v)
    doc = standard(agency, year, "2019", p, title_lines=[f"{agency}", f"{year}年政府信息公开工作年度报告"])
    return "p14_pdf_2019_township_title_split.pdf", to_pdf_ruled(doc), truth(agency, year, "2019", p)


def p15_pdf_narrow_label_columns() -> Report:
    agency, year = "重庆市渝北区住房和城乡建设委员会", 2025
    p = Printed(make_values(15, "2021", 66, appeals=3, fee=0.0))
    blocks = active_blocks("2021", p)
    widths = {4: [22, 22, 60] + [53] * 7}
    doc = standard(agency, year, "2021", p, active=blocks)
    return "p15_pdf_small_tables_narrow_labels.pdf", to_pdf_ruled(doc, col_widths=widths), truth(agency, year, "2021", p)


def p16_pdf_unruled_columns() -> Report:
    agency, year = "安徽省合肥市公安局", 2024
    p = Printed(make_values(16, "2021", 230, appeals=7, regulations=False))
    n = narrative(agency, year, p.values)
    xs = [56, 300, 370, 440]
    items: list = [f"{agency}{year}年政府信息公开工作年度报告", n["intro"], SECTION["one"], n["overview"], SECTION["two"]]
    for block in active_blocks("2021", p):
        for row in block:
            items.append([(x, c.text) for x, c in zip(xs, row, strict=False)])
    items.append(SECTION["three"])
    vx = [250 + 40 * i for i in range(7)]
    items.append([(56, "（本列数据的勾稽关系为：第一项加第二\n项之和，等于第三项加第四项之和）"), (250, "申请人情况")])
    items.append([(250, "自然人"), (290, "法人或其他组织"), (490, "总计")])
    items.append([(x, t) for x, t in zip(vx[1:6], ["商业\n企业", "科研\n机构", "社会公\n益组织", "法律服\n务机构", "其他"], strict=True)])
    for row in request_body("2021", p):
        labels = [c.text for c in row[:-7]]
        label = " ".join(labels)
        wrapped = "\n".join(label[i:i + 16] for i in range(0, len(label), 16))
        items.append([(56, wrapped), *((x, c.text) for x, c in zip(vx, row[-7:], strict=True))])
    items.append(SECTION["four"])
    ax = [56 + 33 * i for i in range(15)]
    items.append([(56, "行政复议"), (221, "行政诉讼")])
    items.append([(221, "未经复议直接起诉"), (386, "复议后起诉")])
    items.append([(x, h) for x, h in zip(ax, ["结果\n维持", "结果\n纠正", "其他\n结果", "尚未\n审结", "总计"] * 3, strict=True)])
    items.append([(x, c.text) for x, c in zip(ax, appeals_table(p)[3], strict=True)])
    items += [SECTION["five"], n["problems"], SECTION["six"], n["other"]]
    return "p16_pdf_unruled_text_columns.pdf", to_pdf_unruled(items), truth(agency, year, "2021", p)


BUILDERS: list[Callable[[], Report]] = [
    h01_cms_th_thead, h02_gbk_nbsp_zero_2019, h03_br_labels_layout_table, h04_four_small_tables_labelled_appeals,
    h05_header_total_first, h06_word_saved_html, h07_result_row_full_width,
    d08_word_template_paragraphs, d09_word_split_table_repeated_header, d10_word_numbered_sections,
    d11_word_2019_county, d12_word_fullwidth_digits,
    p13_pdf_ruled_continued, p14_pdf_2019_township, p15_pdf_narrow_label_columns, p16_pdf_unruled_columns,
]


def truth_json(t: dict) -> str:
    return json.dumps(t, ensure_ascii=False, indent=1) + "\n"


def build_all(folder: Path) -> dict[str, tuple[Path, str]]:
    """Write every document into `folder`; {stem: (path, truth JSON text)}."""
    folder.mkdir(parents=True, exist_ok=True)
    built = {}
    for builder in [*BUILDERS, *(lambda b=b: b(standard, truth) for b in (*MORE, *EXTRA))]:
        name, data, t = builder()
        path = folder / name
        path.write_bytes(data)
        built[path.stem] = (path, truth_json(t))
    return built


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for stem, (_, text) in build_all(Path(tmp)).items():
            (HERE / f"{stem}.json").write_text(text, encoding="utf-8")
            print(stem)
