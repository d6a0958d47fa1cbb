# ruff: noqa: E501
"""Second holdout, more documents: wording variants with dashes for blanks, Word XML features
(tracked changes, row content controls, numbering inside table cells), PDF with thousands separators."""
from __future__ import annotations

import re

from holdout2_base import Cell, Printed, active_table, appeals_table, make_values, request_body
from holdout2_writers import to_docx, to_html, to_pdf_ruled

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def h17_dashes_and_wording(standard, truth):
    """合计 for 总计, 不再受理, 其他法律、行政法规禁止公开, 本年新收到; blank cells printed "—" or "/";
    table 三 with two header rows and an empty corner cell (no 勾稽关系 note)."""
    agency, year = "福建省龙岩市长汀县农业农村局", 2022
    v = make_values(17, "2021", 18, appeals=1)
    printed = {}
    blank = set()
    for k, n in v.items():
        if k.startswith("requests/") and n == 0 and not k.endswith("/total"):
            printed[k] = "—" if "denied" in k or "unable" in k else "/"
            blank.add(k)
    p = Printed(v, printed=printed, blank=blank)
    head = [[Cell("", rowspan=2, colspan=3), Cell("自然人", rowspan=2), Cell("法人或其他组织", colspan=5), Cell("合计", rowspan=2)],
            [Cell(t) for t in ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]]

    def reword(s: str) -> str:
        return (s.replace("（七）总计", "（七）合计").replace("不再处理", "不再受理").replace("其他法律行政法规", "其他法律、行政法规")
                .replace("本年新收政府", "本年新收到政府"))
    doc = standard(agency, year, "2021", p, requests=[head + request_body("2021", p, label=reword)])
    return "h17_dash_blanks_heji_two_header_rows.html", to_html(doc, th=False), truth(agency, year, "2021", p)


def d18_tracked_changes_row_controls(standard, truth):
    """Word with track changes left on (a corrected number: old deleted, new inserted) and the （三）不予公开
    rows inside a repeating-section content control (w:sdt around w:tr)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    agency, year = "湖南省长沙市人力资源和社会保障局", 2023
    v = make_values(18, "2021", 150, regulations=True, appeals=3)
    p = Printed(v)
    changed = {"requests/new_received/natural_person", "requests/granted/natural_person", "active/licensing/decisions"}
    old = {k: str(v[k] + 7) for k in changed}

    def post(document) -> None:
        for tbl in document.tables:
            for tc in tbl._tbl.iter(f"{{{W}}}tc"):
                for r in tc.iter(f"{{{W}}}r"):
                    t = r.find(f"{{{W}}}t")
                    if t is None:
                        continue
                    for k in changed:
                        if t.text == str(v[k]) and k not in done:
                            if _is_cell_for(tbl, tc, k):
                                new = parse_xml(
                                    f'<w:del {nsdecls("w")} w:id="{len(done) + 1}" w:author="办公室" w:date="2024-01-10T09:00:00Z">'
                                    f'<w:r><w:delText>{old[k]}</w:delText></w:r></w:del>')
                                ins = parse_xml(
                                    f'<w:ins {nsdecls("w")} w:id="{len(done) + 11}" w:author="办公室" w:date="2024-01-10T09:00:00Z">'
                                    f'<w:r><w:t>{v[k]}</w:t></w:r></w:ins>')
                                r.addprevious(new)
                                r.addprevious(ins)
                                r.getparent().remove(r)
                                done.add(k)
        # wrap the eight 不予公开 rows of table 三 (rows 5..12 counting the 3 header rows) in one content control
        tbl = document.tables[1]._tbl
        rows = tbl.findall(f"{{{W}}}tr")[7:15]
        sdt = parse_xml(f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="不予公开"/><w:id w:val="1201"/></w:sdtPr><w:sdtContent/></w:sdt>')
        rows[0].addprevious(sdt)
        content = sdt.find(f"{{{W}}}sdtContent")
        for tr in rows:
            content.append(tr)

    done: set[str] = set()
    doc = standard(agency, year, "2021", p)
    return "d18_word_tracked_changes_row_sdt.docx", to_docx(doc, post=post), truth(agency, year, "2021", p)


def _is_cell_for(tbl, tc, key: str) -> bool:
    """Is `tc` the cell printing `key`? (first column of values of the row with that label)"""
    tr = tc.getparent()
    texts = ["".join(t.text or "" for t in c.iter(f"{{{W}}}t")) for c in tr.findall(f"{{{W}}}tc")]
    row_label = {"requests/new_received/natural_person": "一、本年新收政府信息公开申请数量",
                 "requests/granted/natural_person": "（一）予以公开", "active/licensing/decisions": "行政许可"}[key]
    if row_label not in texts:
        return False
    idx = texts.index(row_label) + 1
    return tr.findall(f"{{{W}}}tc")[idx] is tc


def d19_numbering_in_cells(standard, truth):
    """The row numbers of table 三 come from Word numbering inside the cells: （一）…（七） one list across
    the table (chineseCounting), 1. 2. … restarted in every group (decimal); the printed text has none."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    agency, year = "陕西省西安市雁塔区人民政府", 2025
    p = Printed(make_values(19, "2021", 95, appeals=2))
    body = request_body("2021", p, label=lambda s: re.sub(r"^(（[一二三四五六七]）|[1-8]\.)", "", s))
    marks: dict[str, tuple[str, int]] = {}

    def post(document) -> None:
        numbering = document.part.numbering_part.element
        first = numbering.find(f"{{{W}}}num")
        for aid, fmt, text in ((92, "chineseCounting", "（%1）"), (93, "decimal", "%1.")):
            abstract = parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>')
            first.addprevious(abstract) if first is not None else numbering.append(abstract)
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="92"><w:abstractNumId w:val="92"/></w:num>'))
        for n in range(94, 98):  # one decimal list per group, each restarting at 1
            numbering.append(parse_xml(
                f'<w:num {nsdecls("w")} w:numId="{n}"><w:abstractNumId w:val="93"/>'
                '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
        tbl = document.tables[1]._tbl
        body_rows = tbl.findall(f"{{{W}}}tr")[3:]  # not the header (its 其他 / 总计 are headings)
        for para in (p for tr in body_rows for p in tr.iter(f"{{{W}}}p")):
            text = "".join(t.text or "" for t in para.iter(f"{{{W}}}t"))
            if text in marks:
                _, num = marks[text]
                para.get_or_add_pPr().append(parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))

    group = 93
    for row in body:
        for c in row:
            if c.text in ("予以公开", "部分公开（区分处理的，只计这一情形，不计其他情形）", "总计"):
                marks[c.text] = ("cn", 92)
            elif c.text in ("不予公开", "无法提供", "不予处理", "其他处理"):
                marks[c.text] = ("cn", 92)
                group += 1
            elif c.colspan == 1 and c.rowspan == 1 and re.match(r"^[\u4e00-\u9fff“]", c.text) and row.index(c) < len(row) - 7:
                marks[c.text] = ("dec", group)
    doc = standard(agency, year, "2021", p, requests=[_head() + body])
    return "d19_word_numbering_inside_cells.docx", to_docx(doc, post=post), truth(agency, year, "2021", p)


def _head():
    from holdout2_base import request_head
    return request_head()


def p20_pdf_thousands_separators(standard, truth):
    """A provincial report with big numbers printed with thousands separators (10,350; 1,286.35)."""
    agency, year = "广东省市场监督管理局", 2022
    v = make_values(20, "2021", 900, regulations=True, appeals=8, fee=1286.35)
    v["active/licensing/decisions"] = 128460
    v["active/punishment/decisions"] = 23517
    p = Printed(v, printed={"active/licensing/decisions": "128,460", "active/punishment/decisions": "23,517",
                            "active/fees/amount": "1,286.35",
                            "requests/new_received/natural_person": f"{v['requests/new_received/natural_person']:,}",
                            "requests/new_received/total": f"{v['requests/new_received/total']:,}",
                            "requests/total/total": f"{v['requests/total/total']:,}"})
    doc = standard(agency, year, "2021", p, active=[active_table("2021", p)], appeals=[appeals_table(p)])
    return "p20_pdf_thousands_separators.pdf", to_pdf_ruled(doc, col_widths={1: [34, 30, 86] + [46.4] * 7}), truth(agency, year, "2021", p)


MORE = [h17_dashes_and_wording, d18_tracked_changes_row_controls, d19_numbering_in_cells, p20_pdf_thousands_separators]
