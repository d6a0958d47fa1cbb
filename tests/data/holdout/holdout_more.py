# ruff: noqa: E501  (data file: long Chinese label literals)
"""Holdout reports 117–119: pdfminer column blocks, table four half missing, 2019-format PDF of a ministry."""
from __future__ import annotations

from holdout_base import (
    APPEAL_COLS,
    APPEAL_HEAD,
    COLUMNS,
    Printed,
    active_rows,
    appeal_values,
    damage,
    make_values,
    narrative,
    request_data,
)
from holdout_base import (
    SECTION_TITLES as T,
)
from holdout_pdf_word import meta, tab_requests, wrap
from holdout_web import body, tab_active

# --- 117: pdfminer.six extract_text: a table comes out COLUMN by column, blocks split by empty lines --

def r117() -> tuple[str, dict]:
    agency, year = "成都市武侯区住房和城乡建设局", 2023
    v = make_values(117, "2021", 40, appeals=1, fee=0.0)
    p = Printed(v)
    n = narrative(agency, year, "区住建局")
    out = [f"{agency}{year}年政府信息公开工作年度报告", "", *wrap(n["intro"], 36), "", T["overview"], "",
           *wrap(n["overview"], 36), "", T["active"], ""]
    rows = active_rows("2021", p)
    i = 0
    while i < len(rows):  # one 第二十条 block: heading, then label column, then each value column
        j = i + 1
        while j < len(rows) and len(rows[j]) > 1:
            j += 1
        block = rows[i + 1:j]
        out += [rows[i][0], "", *(r[0] for r in block), ""]
        for c in range(1, len(block[0])):
            out += [r[c] for r in block] + [""]
        i = j
    data = request_data("2021", p)
    out += [T["requests"], "", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "", "申请人情况", ""]
    out += [lab for _k, labels, _v in data for lab in labels] + [""]
    heads = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    for c, head in enumerate(heads):
        if c == 1:
            out += ["法人或其他组织", ""]
        out += [head, *(vals[c] for _k, _l, vals in data), ""]
    out += [T["appeals"], "", "行政复议", "", "行政诉讼", "", "未经复议直接起诉", "", "复议后起诉", ""]
    vals = appeal_values(p)
    for g in range(3):
        for c, head in enumerate(APPEAL_HEAD[2][:5]):
            out += [head, vals[g * 5 + c], ""]
    out += [T["problems"], "", *wrap(n["problems"], 36), "", T["other"], "", *wrap(n["other"], 36), "", "\f"]
    assert len(COLUMNS) == len(heads)
    return "\n".join(out), meta(agency, year, "2021", p)


# --- 118: table four printed with its 行政诉讼 half missing (only five numbers under the full header) --

def r118() -> tuple[str, dict]:
    agency, year = "南京市鼓楼区人力资源和社会保障局", 2024
    v = make_values(118, "2021", 55, appeals=2, fee=0.0)
    gone = {f"appeals/{r}/{c}" for r in ("litigation_direct", "litigation_after_review") for c in APPEAL_COLS}
    p = Printed(v, blank=gone)
    n = narrative(agency, year, "区人社局")
    appeals = ["行政复议\t行政诉讼", "\t".join(APPEAL_HEAD[1]), "\t".join(APPEAL_HEAD[2]), "\t".join(appeal_values(p)[:5])]
    text = body([f"{agency}{year}年政府信息公开工作年度报告"], n, tab_active(p, "2021"), tab_requests(p, "2021"), appeals)
    return text, meta(agency, year, "2021", p, ["the 行政诉讼 half of table four is missing from the source"])


# --- 119: 2019 format (year 2020) of a 国务院部门 PDF, pdfplumber rows, signed changes, 万元 with commas --

def r119() -> tuple[str, dict]:
    agency, year = "国家药品监督管理局", 2020
    v = make_values(119, "2019", 300, regulations=True, appeals=3, procurement=(23, 2350.6))
    changes = {k: (f"+{x}" if x > 0 else str(x)) for k, x in v.items() if k.endswith("/change")}
    p = Printed(v, {**changes, "active/procurement/amount": "2,350.6万元"})
    n = narrative(agency, year, "国家药监局")
    out = [f"{agency}{year}年政府信息公开工作年度报告", *wrap(n["intro"], 40), T["overview"], *wrap(n["overview"], 40),
           T["active"], *(" ".join(r) for r in active_rows("2019", p)), T["requests"],
           "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） 申请人情况", "自然人 法人或其他组织 总计",
           "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for key, labels, vals in request_data("2019", p):
        out.append(" ".join([*labels, *vals]))
        if key == "denied.process_info":
            out += ["", "第 4 页 共 8 页", "", f"{agency}{year}年政府信息公开工作年度报告"]
    out += [T["appeals"], "行政复议 行政诉讼", " ".join(APPEAL_HEAD[1]), " ".join(APPEAL_HEAD[2]), " ".join(appeal_values(p)),
            T["problems"], *wrap(n["problems"], 40), T["other"], *wrap(n["other"], 40), "", "第 8 页 共 8 页"]
    return "\n".join(out) + "\n", meta(agency, year, "2019", p)


# --- 120: a cover with the year first and the agency below it, 二O二五 (letter O) dates ----------------

def r120() -> tuple[str, dict]:
    agency, year = "长沙市岳麓区望月湖街道办事处", 2024
    v = make_values(120, "2021", 7, appeals=1, fee=0.0)
    p = Printed(v)
    n = narrative(agency, year, "望月湖街道")
    out = [f"{year}年度", "政府信息公开工作年度报告", "", agency, "二O二五年一月", "",
           "根据《中华人民共和国政府信息公开条例》规定，现将本街道二O二四年度政府信息公开工作情况报告如下。", "",
           T["overview"], "", n["overview"], "", T["active"], ""]
    cells = [c for r in active_rows("2021", p, "()") for c in r]
    cells += [T["requests"], "(本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和)", "申请人情况", "自然人",
              "法人或其他组织", "总计", "商业", "企业", "科研", "机构", "社会公益组织", "法律服务机构", "其他"]
    for _k, labels, vals in request_data("2021", p):
        cells += [x.replace("（", "(").replace("）", ")") for x in labels] + vals
    cells += [T["appeals"], *APPEAL_HEAD[0], *APPEAL_HEAD[1], *APPEAL_HEAD[2], *appeal_values(p)]
    for c in cells:
        out += [c, ""]
    out += [T["problems"], "", n["problems"], "", T["other"], "", n["other"], ""]
    return "\n".join(out), meta(agency, year, "2021", p)


# --- 121: a provincial government's Word file: 续表 and the header again where the table crosses a page -

def r121() -> tuple[str, dict]:
    agency, year = "浙江省人民政府", 2023
    v = make_values(121, "2021", 900, regulations=True, appeals=6, fee=0.0)
    p = Printed(v)
    n = narrative(agency, year, "省政府")
    req = tab_requests(p, "2021", word=True)
    at = next(i for i, line in enumerate(req) if "6.属于四类过程性信息" in line)
    req[at + 1:at + 1] = ["", "— 9 —", "", "续表", *req[:3]]
    active = ["\t".join(r) for r in active_rows("2021", p)]
    text = body([f"{agency}{year}年政府信息公开工作年度报告"], n, active, req, [
        "行政复议\t行政诉讼", "\t".join(APPEAL_HEAD[1]), "\t\t\t\t\t" + "\t".join(APPEAL_HEAD[2]),
        "\t".join(appeal_values(p))])
    return text, meta(agency, year, "2021", p)


# --- 122: OCR of a scanned 2019-format report: minus read as 一, 顶 for 项, full-width slash, "/" blank -

def r122() -> tuple[str, dict]:
    agency, year = "宁国市人民政府", 2019
    v = make_values(122, "2019", 80, appeals=2, procurement=(6, 56.8))
    v["active/punishment/change"] = -3  # a visible negative change (read by OCR as 一3)
    changes = {k: (f"一{-x}" if x < 0 else str(x)) for k, x in v.items() if k.endswith("/change")}
    p = Printed(v, {**changes, "active/procurement/amount": "56.8万元", "active/fees/change": "/"},
                blank={"active/fees/change"})
    n = narrative(agency, year, "市政府")
    active = ["\t".join(r) for r in active_rows("2019", p)]
    text = body([f"{agency}{year}年政府信息公开工作年度报告"], n, active, tab_requests(p, "2019", word=True), [
        "行政复议\t行政诉讼", "\t".join(APPEAL_HEAD[1]), "\t".join(APPEAL_HEAD[2]), "\t".join(appeal_values(p))])
    text = damage(text, [("第二十条第（五）项", "第二十条第（五）顶"), ("其他对外管理服务事项", "其他对外管理服务事顶"),
                         ("本年增/减*", "本年增／减"), ("3.危及“三安全一稳定”", "3.危及\"三安全一稳定\""),
                         ("（四）无法提供", "（四）无法提倶")])
    return text, meta(agency, year, "2019", p)


REPORTS = {"117_pdfminer_column_blocks": r117, "118_appeals_litigation_half_missing": r118,
           "119_2019_ministry_pdf_signed_changes": r119,
           "120_cover_year_first_letter_o": r120, "121_province_word_continued_table": r121,
           "122_ocr_2019_minus_as_yi": r122}
