# ruff: noqa: E501  (data file: long Chinese label literals)
"""Holdout reports 107–116: web-page copies, table-four variants, title forms, 2019 format, converters."""
from __future__ import annotations

from holdout_base import (
    APPEAL_COLS,
    APPEAL_HEAD,
    APPEAL_ROWS,
    JIGOU,
    REQUEST_HEAD,
    Printed,
    active_rows,
    appeal_values,
    make_values,
    narrative,
    request_data,
)
from holdout_base import (
    SECTION_TITLES as T,
)
from holdout_pdf_word import meta, tab_requests


def tab_active(p: Printed, template: str, paren: str = "（）") -> list[str]:
    return ["\t".join(r) for r in active_rows(template, p, paren)]


def tab_appeals(p: Printed) -> list[str]:
    return ["行政复议\t行政诉讼", "\t".join(APPEAL_HEAD[1]), "\t".join(APPEAL_HEAD[2]), "\t".join(appeal_values(p))]


def body(title: list[str], n: dict, active: list[str], requests: list[str], appeals: list[str],
         tail: list[str] | None = None) -> str:
    out = [*title, n["intro"], T["overview"], n["overview"], T["active"], *active, T["requests"], *requests,
           T["appeals"], *([n["appeals_lead"]] if n["appeals_lead"] else []), *appeals,
           T["problems"], n["problems"], T["other"], n["other"], *(tail or [])]
    return "\n".join(out) + "\n"


# --- 107: table four redrawn as three labelled rows under one header -------------------------------

def r107() -> tuple[str, dict]:
    agency, year = "浙江省交通运输厅", 2022
    v = make_values(107, "2021", 120, appeals=3, fee=0.0)
    p = Printed(v)
    n = narrative(agency, year, "省交通运输厅")
    labels = ["行政复议", "行政诉讼（未经复议直接起诉）", "行政诉讼（复议后起诉）"]
    appeals = ["\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计"]
    appeals += ["\t".join([lab] + [p(f"appeals/{r}/{c}") for c in APPEAL_COLS]) for lab, r in zip(labels, APPEAL_ROWS, strict=True)]
    text = body([f"{agency}{year}年政府信息公开工作年度报告"], n, tab_active(p, "2021"), tab_requests(p, "2021"), appeals)
    return text, meta(agency, year, "2021", p)


# --- 108: table four with its header printed twice and all fifteen cells left empty ------------------

def excel_requests(p: Printed, template: str) -> list[str]:
    """Table 三 copied out of Excel: every grid cell is a TAB field, merged areas give empty fields."""
    out = [f"{JIGOU}\t\t\t申请人情况\t\t\t\t\t\t", "\t\t\t自然人\t法人或其他组织\t\t\t\t\t总计",
           "\t\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"]
    for key, labels, vals in request_data(template, p):
        if key in ("new_received", "carried_over", "carried_forward"):
            cells = [labels[0], "", ""]
        elif key == "granted":
            cells = [*labels, ""]
        elif len(labels) == 2:
            cells = ["", *labels]
        elif "." in key:
            cells = ["", "", labels[0]]
        else:
            cells = ["", labels[0], ""]
        out.append("\t".join(cells + vals))
    return out


def r108() -> tuple[str, dict]:
    agency, year = "广州市天河区民政局", 2025
    v = make_values(108, "2021", 30, appeals=0, fee=0.0)
    blank = {f"appeals/{r}/{c}" for r in APPEAL_ROWS for c in APPEAL_COLS}
    p = Printed(v, blank=blank)
    n = narrative(agency, year, "区民政局", appeals=f"{year}年，本局未发生因政府信息公开工作被申请行政复议、提起行政诉讼的情况。")
    head = ["行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
            "\t\t\t\t\t" + "\t".join(APPEAL_HEAD[2])]
    appeals = head + head + ["\t" * 14]
    active = ["\t".join(r + [""] * (4 - len(r))) for r in active_rows("2021", p)]
    text = body([f"{agency}{year}年政府信息公开工作年度报告"], n, active, excel_requests(p, "2021"), appeals)
    return text, meta(agency, year, "2021", p, ["table four is printed with all fifteen cells empty; the narrative says "
                                                 "there were no appeals: a reviewer must confirm zeros"])


# --- 109: only the tables (no narrative), pipe rows with half-width punctuation ----------------------

def half(s: str) -> str:
    return s.replace("（", "(").replace("）", ")").replace("：", ":").replace("，", ",")


def r109() -> tuple[str, dict]:
    agency, year = "岳阳县人民政府", 2024
    v = make_values(109, "2021", 70, appeals=2, fee=0.0)
    p = Printed(v)
    out = [f"{agency}{year}年政府信息公开工作年度报告", "", half(T["active"])]
    out += [" | ".join(r) + " |" for r in active_rows("2021", p, "()")]
    out += [T["requests"], half(JIGOU) + " | 申请人情况 |", "自然人 | 法人或其他组织 | 总计 |",
            "商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |"]
    for key, labels, vals in request_data("2021", p):
        labels = [half(x) for x in labels]
        if key in ("partially_granted", "total") or (len(labels) == 2 and key != "granted"):
            prefix = "| "
        elif "." in key:
            prefix = "| | "
        else:
            prefix = ""
        out.append(prefix + " | ".join(labels + vals) + " |")
    out += [half(T["appeals"]), "行政复议 | 行政诉讼 |", " | ".join(APPEAL_HEAD[1]) + " |",
            " | ".join(APPEAL_HEAD[2]) + " |", " | ".join(appeal_values(p)) + " |", ""]
    return "\n".join(out), meta(agency, year, "2021", p)


# --- 110: an extra 序号 column in table three and an extra 合计 row in table two ----------------------

def r110() -> tuple[str, dict]:
    agency, year = "深圳市南山区教育局", 2021
    v = make_values(110, "2021", 60, appeals=1, fee=35.6)
    p = Printed(v)
    n = narrative(agency, year, "区教育局")
    active = tab_active(p, "2021")
    at = active.index("行政强制\t" + p("active/coercion/decisions"))
    active.insert(at + 1, f"合计\t{v['active/punishment/decisions'] + v['active/coercion/decisions']}")
    req = tab_requests(p, "2021")
    req = ["序号\t" + req[0], req[1], req[2]] + [f"{i}\t{line}" for i, line in enumerate(req[3:], 1)]
    text = body([f"{agency}{year}年政府信息公开工作年度报告"], n, active, req, tab_appeals(p))
    return text, meta(agency, year, "2021", p)


# --- 111: title with the year in brackets after it, breadcrumbs and index table before it -----------

def r111() -> tuple[str, dict]:
    agency, year = "北京市西城区人民政府办公室", 2022
    v = make_values(111, "2021", 210, appeals=3, fee=0.0)
    p = Printed(v)
    n = narrative(agency, year, "区政府办公室")
    title = ["首页 > 政务公开 > 政府信息公开年报 > 2022年度", "【字号：大 中 小】  【打印】  【关闭】",
             "索引号：11110102MB0123456X/2023-00015\t发布机构：北京市西城区人民政府办公室\t生成日期：2023-01-30",
             f"{agency}政府信息公开工作年度报告（{year}年度）", "发布时间：2023-01-30 09:12  来源：西城区政府办  浏览次数：1286"]
    text = body(title, n, tab_active(p, "2021"), tab_requests(p, "2021"), tab_appeals(p),
                ["分享到：微信 微博", "主办：北京市西城区人民政府办公室  京ICP备05060933号  网站标识码：1101020001"])
    return text, meta(agency, year, "2021", p)


# --- 112: 2019 format, 本年增/减 printed as 增3 / 减2, 万元 amounts, numbers in the narrative first -------

def sign_cn(n: int) -> str:
    return f"增{n}" if n > 0 else f"减{-n}" if n < 0 else "0"


def r112() -> tuple[str, dict]:
    agency, year = "江苏省财政厅", 2019
    v = make_values(112, "2019", 140, appeals=2, procurement=(14, 318.56))
    changes = {k: sign_cn(x) for k, x in v.items() if k.endswith("/change")}
    p = Printed(v, {**changes, "active/procurement/amount": "318.56万元"})
    apps = (f"全年共收到政府信息公开申请{v['requests/new_received/total']}件，上年结转{v['requests/carried_over/total']}件；"
            f"办结{v['requests/total/total']}件，其中予以公开{v['requests/granted/total']}件，部分公开"
            f"{v['requests/partially_granted/total']}件；结转下年度办理{v['requests/carried_forward/total']}件。")
    n = narrative(agency, year, "省财政厅", applications=apps)
    text = body([f"{agency}{year}年政府信息公开工作年度报告"], n, tab_active(p, "2019"), tab_requests(p, "2019"),
                tab_appeals(p))
    return text, meta(agency, year, "2019", p)


# --- 113: 2019 format (year 2020), +3 / －1 with a full-width minus, fees in 元, a township -----------

def sign_pm(n: int) -> str:
    return f"+{n}" if n > 0 else f"－{-n}" if n < 0 else "0"


def r113() -> tuple[str, dict]:
    agency, year = "水城区杨梅乡人民政府", 2020
    v = make_values(113, "2019", 6, appeals=1, procurement=(2, 1.2))
    changes = {k: sign_pm(x) for k, x in v.items() if k.endswith("/change")}
    p = Printed(v, {**changes, "active/procurement/amount": "12000元"})
    n = narrative(agency, year, "杨梅乡")
    title = ["索引号000014349/2021-00231", "发布机构\t发文日期 2021-01-15 16:20", f"标题{agency[3:]}{year}年政府信息公开工作年度报告",
             f"{agency}{year}年政府信息公开工作年度报告", "发布时间: 2021-01-15 16:20 字体:[大 中 小]"]
    text = body(title, n, tab_active(p, "2019"), tab_requests(p, "2019"), tab_appeals(p))
    return text, meta(agency, year, "2019", p)


# --- 114: every cell a line ending " |", each row opened by a lone "|" line (CMS reader copy) ---------

def r114() -> tuple[str, dict]:
    agency, year = "佛山市自然资源局", 2025
    v = make_values(114, "2021", 260, appeals=3, fee=2.46)
    p = Printed(v, {"active/fees/amount": "2.46"})
    apps = (f"全年新收政府信息公开申请{v['requests/new_received/total']}件，办结{v['requests/total/total']}件，"
            f"其中无法提供{v['requests/unable.not_held/total'] + v['requests/unable.needs_creation/total'] + v['requests/unable.unclear/total']}件。")
    n = narrative(agency, year, "市自然资源局", applications=apps)
    out = [f"{agency}{year}年政府信息公开工作年度报告", n["intro"], T["overview"], n["overview"], T["active"]]
    for r in active_rows("2021", p, "()"):
        out += ["|", *(c + " |" for c in r)] + (["|||"] if len(r) == 1 else [])
    out += [T["requests"], "|", half(JIGOU) + " |", "申请人情况 |", "||||||||", "|", "自然人 |", "法人或其他组织 |", "总计 |",
            "|", "商业企业 |", "科研机构 |", "社会公益组织 |", "法律服务机构 |", "其他 |"]
    for _key, labels, vals in request_data("2021", p):
        out += ["|", *(half(x) + " |" for x in labels), *(x + " |" for x in vals)]
    out += [T["appeals"], "|", "行政复议 |", "行政诉讼 |", "|", *(x + " |" for x in APPEAL_HEAD[1]), "|",
            *(x + " |" for x in APPEAL_HEAD[2]), "|", *(x + " |" for x in appeal_values(p))]
    out += [T["problems"], n["problems"], T["other"], n["other"]]
    return "\n".join(out) + "\n", meta(agency, year, "2021", p)


# --- 115: "| " row openers and " cell  | " lines (another CMS export), 0.00 amount -----------------

def r115() -> tuple[str, dict]:
    agency, year = "石柱土家族自治县悦崃镇人民政府", 2023
    v = make_values(115, "2021", 5, appeals=1, fee=0.0)
    p = Printed(v, {"active/fees/amount": "0.00"})
    n = narrative(agency, year, "悦崃镇")
    out = [f"{agency}{year}年政府信息公开工作年度报告", n["intro"], T["overview"], n["overview"], T["active"]]
    for r in active_rows("2021", p, "()"):
        out += ["| ", *(f" {c}  | " for c in r)]
        out[-1] += "|||" if len(r) == 1 else ""
    out += [T["requests"], "| ", f" {half(JIGOU)}  | ", " 申请人情况  | ", "| ", " 自然人  | ", " 法人或其他组织  | ", " 总计  | ",
            "| ", *(f" {c}  | " for c in REQUEST_HEAD[2])]
    for _key, labels, vals in request_data("2021", p):
        out += ["| ", *(f" {half(c)}  | " for c in labels), *(f" {c}  | " for c in vals)]
    out += [T["appeals"], "| ", " 行政复议  | ", " 行政诉讼  | ", "| ", *(f" {c}  | " for c in APPEAL_HEAD[1]), "| ",
            *(f" {c}  | " for c in APPEAL_HEAD[2]), "| ", *(f" {c}  | " for c in appeal_values(p))]
    out += [T["problems"], n["problems"], T["other"], n["other"]]
    return "\n".join(out) + "\n", meta(agency, year, "2021", p)


# --- 116: pandas.read_html → to_markdown: merged cells DUPLICATED into every spanned cell -------------

def md(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def r116() -> tuple[str, dict]:
    agency, year = "湖南省人民政府办公厅", 2021
    v = make_values(116, "2021", 520, regulations=True, appeals=4, fee=0.0)
    p = Printed(v)
    n = narrative(agency, year, "省政府办公厅")
    active = []
    for i, r in enumerate(active_rows("2021", p)):
        active.append(md(r * 4 if len(r) == 1 else r + [r[-1]] * (4 - len(r))))
        if i == 0:
            active.append(md([":---"] * 4))
    req = [md([JIGOU] * 3 + ["申请人情况"] * 7), md([":---"] * 10),
           md([JIGOU] * 3 + ["自然人"] + ["法人或其他组织"] * 5 + ["总计"]),
           md([JIGOU] * 3 + ["自然人", *REQUEST_HEAD[2], "总计"])]
    group = ""
    for key, labels, vals in request_data("2021", p):
        if key in ("new_received", "carried_over", "carried_forward"):
            cells = labels * 3
        elif key in ("granted", "partially_granted", "total"):
            cells = ["三、本年度办理结果", labels[-1], labels[-1]]
        else:
            group = labels[0] if len(labels) == 2 else group
            cells = ["三、本年度办理结果", group, labels[-1]]
        req.append(md(cells + vals))
    appeals = [md(["行政复议"] * 5 + ["行政诉讼"] * 10), md([":---"] * 15),
               md(APPEAL_HEAD[1][:5] + ["未经复议直接起诉"] * 5 + ["复议后起诉"] * 5),
               md(APPEAL_HEAD[1][:5] + APPEAL_HEAD[2]), md(appeal_values(p))]
    text = body([f"# {agency}{year}年政府信息公开工作年度报告", ""], n, active, req, appeals)
    return text, meta(agency, year, "2021", p)


REPORTS = {"107_appeals_three_labelled_rows": r107, "108_appeals_all_blank_header_twice": r108,
           "109_tables_only_pipes": r109, "110_seq_column_and_sum_row": r110, "111_title_year_after_breadcrumbs": r111,
           "112_2019_change_zeng_jian": r112, "113_2019_plus_minus_yuan_township": r113,
           "114_cms_bar_lines": r114, "115_cms_padded_bar_cells": r115, "116_pandas_markdown_duplicated_merges": r116}
