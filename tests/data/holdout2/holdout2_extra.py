# ruff: noqa: E501
"""Second holdout, harder documents: Word-saved HTML with spacer rows, a Word table whose grid has a
sliver column (cells not aligned across rows) plus a table nested in a layout table, and a 2019-format PDF
with centred numbers, a running head and a table continued over a page."""
from __future__ import annotations

import io

from holdout2_base import Cell, Printed, active_table, appeals_table, make_values, request_body, request_head
from holdout2_writers import _grid_width, docx_table, html_table, to_html, to_pdf_ruled


def h21_word_html_spacer_rows(standard, truth):
    """HTML saved by Word: every table ends with a zero-height row of empty cells fixing the column widths
    (<![if !supportMisalignedColumns]>), and the 2019 format with signed changes."""
    agency, year = "江西省九江市濂溪区人民政府办公室", 2020
    v = make_values(21, "2019", 33, regulations=False, procurement=(9, 797.58))
    v["active/licensing/change"], v["active/coercion/change"] = -3, 2
    p = Printed(v, printed={"active/licensing/change": "-3", "active/coercion/change": "+2", "active/procurement/amount": "797.58万元"})
    doc = standard(agency, year, "2019", p)
    blocks = []
    for block in doc:
        if isinstance(block, list):
            html = html_table(block, th=False, attrs=' class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 style="border-collapse:collapse"')
            spacer = ("<![if !supportMisalignedColumns]><tr height=0>" + "<td width=56 style='border:none'></td>" * _grid_width(block)
                      + "</tr><![endif]>")
            blocks.append(("raw", html.replace("\n</tbody>", "\n" + spacer + "\n</tbody>")))
        else:
            blocks.append(block)
    return "h21_word_html_spacer_rows_2019.html", to_html(blocks, chrome=False), truth(agency, year, "2019", p)


def _sliver_requests(p: Printed) -> list[list[Cell]]:
    """Table 三 on an 11-column grid: in the header 其他 takes grid column 8 and 总计 columns 9-10; in the
    data rows 其他 takes columns 8-9 and 总计 column 10 (a sliver column 9 left by editing in Word)."""
    head = request_head()
    head[0][1] = Cell("申请人情况", colspan=8)
    head[1][2] = Cell("总计", rowspan=2, colspan=2)
    body = []
    for row in request_body("2021", p):
        values = row[-7:]
        body.append(row[:-7] + values[:5] + [Cell(values[5].text, colspan=2), values[6]])
    return head + body


def d22_word_sliver_column_nested(standard, truth):
    import docx

    agency, year = "天津市滨海新区应急管理局", 2021
    v = make_values(22, "2021", 27, appeals=2, fee=0.0)
    p = Printed(v)
    doc = standard(agency, year, "2021", p, requests=["SLIVER"], appeals=["NESTED"])
    document = docx.Document()
    for block in doc:
        if block == "SLIVER":
            docx_table(document, _sliver_requests(p))
        elif block == "NESTED":  # table 四 inside a one-cell layout table with a caption paragraph
            outer = document.add_table(rows=1, cols=1)
            cell = outer.cell(0, 0)
            cell.text = "单位：件"
            docx_table(cell, appeals_table(p))
        elif isinstance(block, str):
            document.add_paragraph(block)
        else:
            docx_table(document, block)
    out = io.BytesIO()
    document.save(out)
    return "d22_word_sliver_grid_column_nested_table.docx", out.getvalue(), truth(agency, year, "2021", p)


def p23_pdf_2019_centred_running_head(standard, truth):
    agency, year = "内蒙古自治区鄂尔多斯市伊金霍洛旗人民政府", 2020
    v = make_values(23, "2019", 58, regulations=True, appeals=2, procurement=(31, 2364.5))
    v["active/punishment/change"] = -4
    p = Printed(v, printed={"active/punishment/change": "-4"})
    head, body = request_head(), request_body("2019", p)
    cut = 13  # new, carried, 三 (一)(二), (三) 1-8, (四) 1 | (四) 2-3 ...
    first, second = [list(r) for r in body[:cut]], [list(r) for r in body[cut:]]
    first[2][0] = Cell(first[2][0].text, rowspan=cut - 2)
    first[12][0] = Cell(first[12][0].text, rowspan=1)
    second[0][:0] = [Cell("三、本年度办理结果", rowspan=len(second) - 1), Cell("（四）无法提供", rowspan=2)]
    doc = standard(agency, year, "2019", p, requests=[head + first, ("break",), head + second])
    widths = {1: [34, 34, 82] + [46.4] * 7, 2: [34, 34, 82] + [46.4] * 7}
    pdf = to_pdf_ruled(doc, col_widths=widths, center_numbers=True,
                       running=f"{agency}{year}年政府信息公开工作年度报告    发布日期：2021-01-28")
    return "p23_pdf_2019_centred_running_head_over_page.pdf", pdf, truth(agency, year, "2019", p)


def p24_pdf_unruled_centred_labels(standard, truth):
    """A borderless Word table exported to PDF: wrapped labels vertically centred on their row, so a long
    label has a line ABOVE its numbers and one below; the group labels (（三）不予公开 …) stand in their own
    column level with the middle of the group."""
    from holdout2_base import SECTION, narrative, results
    from holdout2_writers import to_pdf_unruled

    agency, year = "吉林省长春市朝阳区司法局", 2024
    p = Printed(make_values(24, "2021", 21, appeals=1))
    n = narrative(agency, year, p.values)
    items: list = [f"{agency}{year}年政府信息公开工作年度报告", n["intro"], SECTION["one"], n["overview"], SECTION["two"]]
    xs = [56, 300, 370, 440]
    for row in active_table("2021", p):
        items.append([(x, c.text) for x, c in zip(xs, row, strict=False)])
    items.append(SECTION["three"])
    vx = [262 + 38 * i for i in range(7)]
    items += [[(56, "（本列数据的勾稽关系为：第一项加第二项之和，"), (262, "申请人情况")],
              [(56, "等于第三项加第四项之和）"), (262, "自然人"), (300, "法人或其他组织"), (490, "总计")],
              [(x, t) for x, t in zip(vx[1:6], ["商业企业", "科研机构", "公益组织", "法律服务", "其他"], strict=True)]]
    shown: set[str] = set()
    for key in ["new_received", "carried_over", *(k for k, _, _ in results("2021")), "carried_forward"]:
        label = {"new_received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
                 "carried_forward": "四、结转下年度继续办理"}.get(key) or next(o for k, _, o in results("2021") if k == key)
        group = next((g for k, g, _ in results("2021") if k == key), "")
        numbers = [(x, p(f"requests/{key}/{c}")) for x, c in zip(vx, ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"], strict=True)]
        lines = [label[i:i + 13] for i in range(0, len(label), 13)]
        x_label = 56 if key in ("new_received", "carried_over", "carried_forward") else (150 if group else 100)
        mid = (len(lines) - 1) // 2
        for i, line in enumerate(lines):
            row = [(x_label, line)]
            if i == mid:
                row += numbers
            items.append(row)
        if group and group not in shown and key in ("denied.internal_affairs", "unable.needs_creation", "not_processed.publication", "other.no_fee"):
            shown.add(group)
            items.append([(100, group)])
        if key == "unable.not_held":  # the merged 三、本年度办理结果 label, centred on the 22 result rows
            items.append([(56, "三、本年度")])
            items.append([(56, "办理结果")])
    items.append(SECTION["four"])
    ax = [56 + 33 * i for i in range(15)]
    items += [[(56, "行政复议"), (221, "行政诉讼")], [(221, "未经复议直接起诉"), (386, "复议后起诉")],
              [(x, h) for x, h in zip(ax, ["维持", "纠正", "其他", "未结", "总计"] * 3, strict=True)],
              [(x, c.text) for x, c in zip(ax, appeals_table(p)[3], strict=True)]]
    items += [SECTION["five"], n["problems"], SECTION["six"], n["other"]]
    return "p24_pdf_unruled_centred_wrapped_labels.pdf", to_pdf_unruled(items), truth(agency, year, "2021", p)


def d25_word_justified_labels(standard, truth):
    """Word labels justified with ideographic spaces (自　然　人, 总　　计, （七）总　计), table 四's header with
    行政复议 spanning two rows, a 2025 report of a township."""
    from holdout2_writers import to_docx

    agency, year = "贵州省遵义市播州区鸭溪镇人民政府", 2025
    p = Printed(make_values(25, "2021", 7, appeals=1))
    head = request_head()
    head[1][0] = Cell("自　然　人", rowspan=2)
    head[1][2] = Cell("总　　计", rowspan=2)
    body = request_body("2021", p, label=lambda s: s.replace("（七）总计", "（七）总　　计").replace("（一）予以公开", "（一）予　以　公　开"))
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总　计"]
    appeals = [[Cell("行政复议", rowspan=2, colspan=5), Cell("行政诉讼", colspan=10)],
               [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
               [Cell(h) for h in heads * 3],
               appeals_table(p)[3]]
    doc = standard(agency, year, "2021", p, requests=[head + body], appeals=[appeals])
    return "d25_word_justified_labels_appeals_header.docx", to_docx(doc), truth(agency, year, "2021", p)


EXTRA = [h21_word_html_spacer_rows, d22_word_sliver_column_nested, p23_pdf_2019_centred_running_head,
         p24_pdf_unruled_centred_labels, d25_word_justified_labels]
