# ruff: noqa: E501
"""Second holdout, harder documents: Word-saved HTML with spacer rows, a Word table whose grid has a
sliver column (cells not aligned across rows) plus a table nested in a layout table, and a 2019-format PDF
with centred numbers, a running head and a table continued over a page."""
from __future__ import annotations

import io

from holdout2_base import Cell, Printed, appeals_table, make_values, request_body, request_head
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


EXTRA = [h21_word_html_spacer_rows, d22_word_sliver_column_nested, p23_pdf_2019_centred_running_head]
