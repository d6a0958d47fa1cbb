# ruff: noqa: E501  (data file: long Chinese label literals)
"""Holdout reports 101–106: PDF text (pdfplumber, pypdfium2), Word copies, single-space rows, OCR."""
from __future__ import annotations

from holdout_base import (
    APPEAL_HEAD,
    JIGOU,
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


def wrap(text: str, width: int) -> list[str]:
    """A paragraph as a PDF prints it: cut every `width` characters, mid-word."""
    return [text[i:i + width] for i in range(0, len(text), width)]


def meta(agency: str, year: int, template: str, p: Printed, findings: list[str] | None = None) -> dict:
    return {"agency": agency, "year": year, "template": template, "values": p.truth(), "findings": findings or []}


# --- 101: pdfplumber extract_text of a ministry PDF ------------------------------------------------

def r101() -> tuple[str, dict]:
    agency, year = "水利部", 2023
    v = make_values(101, "2021", 150, regulations=True, appeals=3)
    p = Printed(v)
    n = narrative(agency, year, "水利部", applications="全年共收到政府信息公开申请" + str(v["requests/new_received/total"])
                  + "件，均在法定期限内答复。")
    out = [" ".join(f"{agency}{year}年政府信息公开工作年度报告"), ""]
    out += wrap(n["intro"], 38) + [T["overview"]] + wrap(n["overview"], 38) + [T["active"]]
    for row in active_rows("2021", p):
        out.append(" ".join(["信 息 内 容", *row[1:]] if row[0] == "信息内容" else row))
    out.append(T["requests"])
    head = ["（本列数据的勾稽关系为：第一项加 申请人情况", "第二项之和，等于第三项加第四项之 自然人 法人或其他组织 总计",
            "和） 商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    out += head
    rows = {k: " ".join(vals) for k, _, vals in request_data("2021", p)}
    out += [f"一、本年新收政府信息公开申请数量 {rows['new_received']}", f"二、上年结转政府信息公开申请数量 {rows['carried_over']}",
            f"（一）予以公开 {rows['granted']}", "（二）部分公开（区分处理的，只计这", rows["partially_granted"],
            "一情形，不计其他情形）", f"1.属于国家秘密 {rows['denied.state_secret']}",
            f"2.其他法律行政法规禁止公开 {rows['denied.law_prohibited']}", "三、本年度办理结果",
            f"3.危及“三安全一稳定” {rows['denied.three_safety']}", f"4.保护第三方合法权益 {rows['denied.third_party']}",
            "（三）不予公开", f"5.属于三类内部事务信息 {rows['denied.internal_affairs']}",
            f"6.属于四类过程性信息 {rows['denied.process_info']}", "", "- 4 -", "", *head,
            f"7.属于行政执法案卷 {rows['denied.enforcement_file']}", f"8.属于行政查询事项 {rows['denied.query_item']}",
            f"1.本机关不掌握相关政府信息 {rows['unable.not_held']}",
            f"（四）无法提供 2.没有现成信息需要另行制作 {rows['unable.needs_creation']}",
            f"3.补正后申请内容仍不明确 {rows['unable.unclear']}", f"1.信访举报投诉类申请 {rows['not_processed.petition']}",
            f"2.重复申请 {rows['not_processed.duplicate']}", f"（五）不予处理 3.要求提供公开出版物 {rows['not_processed.publication']}",
            f"4.无正当理由大量反复申请 {rows['not_processed.massive']}", "5.要求行政机关确认或重新出具已获取",
            rows["not_processed.confirm"], "信息", "1.申请人无正当理由逾期不补正、行政", rows["other.no_correction"],
            "机关不再处理其政府信息公开申请", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费",
            f"用、行政机关不再处理其政府信息公开申 {rows['other.no_fee']}", "请", f"3.其他 {rows['other.other']}",
            f"（七）总计 {rows['total']}", f"四、结转下年度继续办理 {rows['carried_forward']}", T["appeals"],
            "行政复议 行政诉讼", "未经复议直接起诉 复议后起诉",
            "结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计 结果 结果 其他 尚未 总计",
            "维持 纠正 结果 审结 维持 纠正 结果 审结 维持 纠正 结果 审结", " ".join(appeal_values(p)), T["problems"]]
    out += wrap(n["problems"], 38) + ["", "- 5 -", "", T["other"]] + wrap(n["other"], 38) + ["", "- 6 -", ""]
    return "\n".join(out), meta(agency, year, "2021", p)


# --- 102: pypdfium2 get_text_range: every cell a line, CRLF, header repeated after the page break ---

def r102() -> tuple[str, dict]:
    agency, year = "福州市人民政府", 2022
    v = make_values(102, "2021", 380, regulations=True, appeals=4)
    p = Printed(v)
    n = narrative(agency, year, "市政府")
    out = [f"{agency}{year}年政府信息公开工作年度报告"] + wrap(n["intro"], 34) + [T["overview"]] + wrap(n["overview"], 34)
    out.append(T["active"])
    for row in active_rows("2021", p):
        out += ["信息内容", "本年收费金额（单位：", "万元）"] if row[1:2] == ["本年收费金额（单位：万元）"] else row
    head = ["（本列数据的勾稽关系为：第", "一项加第二项之和，等于第", "三项加第四项之和）", "申请人情况", "自然人",
            "法人或其他组织", "总计", "商业", "企业", "科研", "机构", "社会公益", "组织", "法律服务", "机构", "其他"]
    out += [T["requests"], *head]
    cut = {"partially_granted": ["（二）部分公开（区分处理", "的，只计这一情形，不计其", "他情形）"],
           "not_processed.confirm": ["5.要求行政机关确认或重新", "出具已获取信息"],
           "other.no_correction": ["1.申请人无正当理由逾期不", "补正、行政机关不再处理其", "政府信息公开申请"],
           "other.no_fee": ["2.申请人逾期未按收费通知", "要求缴纳费用、行政机关不", "再处理其政府信息公开申请"]}
    for key, labels, vals in request_data("2021", p):
        out += labels[:-1] + cut.get(key, [labels[-1]]) + vals
        if key == "denied.third_party":
            out += ["6", *head]
    out += [T["appeals"], *APPEAL_HEAD[0], *APPEAL_HEAD[1], *APPEAL_HEAD[2], *appeal_values(p)]
    out += [T["problems"], *wrap(n["problems"], 34), T["other"], *wrap(n["other"], 34), "7"]
    return "\r\n".join(out) + "\r\n", meta(agency, year, "2021", p)


# --- 103: Word document copied out: tab rows, merged cells, paragraph breaks inside cells ----------

def tab_requests(p: Printed, template: str, *, word: bool = False,
                 split: dict[str, tuple[str, str]] | None = None) -> list[str]:
    """Table 三 copied as one row a line with TABs between cells (three label columns as in the HTML/Word).

    A browser copy drops the cells hidden under a rowspan; a Word copy keeps them as empty cells.
    """
    if word:
        out = [f"{JIGOU}\t申请人情况", "\t自然人\t法人或其他组织\t总计", "\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t"]
    else:
        out = [f"{JIGOU}\t申请人情况", "自然人\t法人或其他组织\t总计", "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他"]
    for key, labels, vals in request_data(template, p):
        cells = list(labels)
        if word and key not in ("new_received", "carried_over", "carried_forward", "granted"):
            cells = [""] * (3 - len(labels) - (1 if len(labels) == 1 and "." not in key else 0)) + cells
        line = "\t".join([*cells, *vals])
        if split and key in split:
            a, b = split[key]
            line = line.replace(a + b, a + "\n" + b)
        out.append(line)
    return out


def r103() -> tuple[str, dict]:
    agency, year = "凤阳县市场监督管理局", 2021
    v = make_values(103, "2021", 45, appeals=1, fee=1.2)
    p = Printed(v, {"active/fees/amount": "1.2万元"})
    got = v["requests/new_received/total"]
    n = narrative(agency, year, "县市场监管局", applications=f"全年共收到政府信息公开申请{got}件，其中自然人申请"
                  f"{v['requests/new_received/natural_person']}件，予以公开{v['requests/granted/total']}件。")
    out = [f"{agency}{year}年度政府信息公开工作报告", "", n["intro"], "", T["overview"], n["overview"], "", T["active"]]
    for row in active_rows("2021", p):
        out.append("\t".join(row + ([""] * (3 - len(row[1:])) if len(row) > 1 else ["", "", ""])))
    out += ["", T["requests"], *tab_requests(p, "2021", word=True, split={
        "partially_granted": ("（二）部分公开（区分处理的，", "只计这一情形，不计其他情形）"),
        "other.no_correction": ("1.申请人无正当理由逾期不补正、", "行政机关不再处理其政府信息公开申请"),
        "not_processed.confirm": ("5.要求行政机关确认或重新出具", "已获取信息")})]
    out += ["", T["appeals"], "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t",
            "结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t",
            "\t\t\t\t\t" + "\t".join(APPEAL_HEAD[2]), "\t".join(appeal_values(p))]
    out += ["", T["problems"], n["problems"], "", T["other"], n["other"], "", "凤阳县市场监督管理局", "2022年1月20日"]
    return "\n".join(out) + "\n", meta(agency, year, "2021", p)


# --- 104: a reader-mode copy: each row one line, cells separated by ONE space ----------------------

def r104() -> tuple[str, dict]:
    agency, year = "北京市通州区中仓街道办事处", 2024
    v = make_values(104, "2021", 4, appeals=0)
    p = Printed(v)
    n = narrative(agency, year, "中仓街道")
    out = [f"{agency}{year}年政府信息公开工作年度报告", "依据《中华人民共和国政府信息公开条例》第五十条规定，编制本报告。",
           T["overview"], n["overview"], T["active"]]
    out += [" ".join(r) for r in active_rows("2021", p, "()")]
    out += [T["requests"], f"{JIGOU.replace('（', '(').replace('）', ')')} 申请人情况", "自然人 法人或其他组织 总计",
            "商业 企业 科研 机构 社会公益组织 法律服务机构 其他"]
    for _key, labels, vals in request_data("2021", p):
        out.append(" ".join([lab.replace("（", "(").replace("）", ")") for lab in labels] + vals))
    out += [T["appeals"], *(" ".join(r) for r in APPEAL_HEAD), " ".join(appeal_values(p))]
    out += [T["problems"], n["problems"], T["other"], n["other"]]
    return "\n".join(out) + "\n", meta(agency, year, "2021", p)


# --- 105: label on one line, its values on the next (label column extracted as its own block) ------

def r105() -> tuple[str, dict]:
    agency, year = "临洮县新添镇", 2022
    v = make_values(105, "2021", 9, appeals=1)
    p = Printed(v)
    n = narrative(agency, year, "新添镇")
    out = [f"{agency}{year}年政府信息公开工作年度报告", n["intro"], T["overview"], n["overview"], T["active"]]
    for row in active_rows("2021", p):
        out += [row[0]] if len(row) == 1 or row[0] == "信息内容" else [row[0], " ".join(row[1:])]
        if row[0] == "信息内容":
            out.append(" ".join(row[1:]))
    out += [T["requests"], JIGOU, "申请人情况", "自然人 法人或其他组织 总计", "商业企业 科研机构 社会公益组织 法律服务机构 其他"]
    for _key, labels, vals in request_data("2021", p):
        out += [*labels, " ".join(vals)]
    out += [T["appeals"], "行政复议 行政诉讼", "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉",
            " ".join(APPEAL_HEAD[2]), " ".join(appeal_values(p)), T["problems"], n["problems"], T["other"], n["other"],
            "临洮县新添镇人民政府", "2023年1月31日"]
    return "\n".join(out) + "\n", meta(agency, year, "2021", p)


# --- 106: OCR of a scanned report: label and number damage a careful reader sees through -------------

def r106() -> tuple[str, dict]:
    agency, year = "襄阳市卫生健康委员会", 2023
    v = make_values(106, "2021", 150, appeals=2, fee=0.0)
    printed: dict[str, str] = {}
    # number damage: a '1' read as 'l', a zero read as 'O', a space inside a number
    ones = [k for k in v if k.startswith("requests/") and str(v[k]).startswith("1") and len(str(v[k])) == 2]
    zeros = [k for k in v if k.startswith("requests/denied") and v[k] == 0]
    longs = [k for k in v if k.startswith("requests/") and len(str(v[k])) == 3 and not k.endswith("/total")]
    printed[ones[0]] = "l" + str(v[ones[0]])[1:]
    printed[zeros[0]] = "O"
    printed[zeros[3]] = "O"
    printed[longs[0]] = str(v[longs[0]])[0] + " " + str(v[longs[0]])[1:]
    printed["active/licensing/decisions"] = "l" + str(v["active/licensing/decisions"])[1:] \
        if str(v["active/licensing/decisions"]).startswith("1") else str(v["active/licensing/decisions"])
    p = Printed(v, printed)
    n = narrative(agency, year, "市卫生健康委")
    out = [f"{agency}{year}年政府信息公开工作年度报告", n["intro"], T["overview"], n["overview"], T["active"]]
    out += ["\t".join(r) for r in active_rows("2021", p)]
    out += [T["requests"], *tab_requests(p, "2021", word=True), T["appeals"], "行政复议\t行政诉讼",
            "\t".join(APPEAL_HEAD[1]), "\t".join(APPEAL_HEAD[2]), "\t".join(appeal_values(p))]
    out += [T["problems"], n["problems"], T["other"], n["other"], "襄阳市卫生健康委员会", "2024年1月2O曰"]
    text = damage("\n".join(out) + "\n", [
        ("本年废止件数", "本年废止件敫"), ("行政规范性文件", "行政规范文件"), ("2.其他法律行政法规禁止公开", "2.其他法律行政法规禁止公"),
        ("3.危及“三安全一稳定”", "3.危及“三全安一稳定”"), ("4.保护第三方合法权益", "4.保护第三方合法杈益"),
        ("5.要求行政机关确认或重新出具已获取信息", "5.要求行政机关确认或重新出具己获取信息"),
        ("2.申请人逾期未按收费通知要求", "2.申请人逾期末按收费通知要求"), ("1.本机关不掌握相关政府信息", "l.本机关不掌握相关政府信息"),
        ("（二）部分公开", "（二）部分开公"), ("四、结转下年度继续办理", "四、结转下年度继续力理"),
        ("12月31日", "12月31曰"),
    ])
    return text, meta(agency, year, "2021", p)


REPORTS = {"101_pdfplumber_ministry": r101, "102_pypdfium_cells_crlf": r102, "103_word_tabs_in_cell_breaks": r103,
           "104_single_space_rows_street": r104, "105_label_then_values_town": r105, "106_ocr_labels_numbers": r106}
