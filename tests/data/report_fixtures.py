"""The generated test reports: one function per fixture, each one layout (see make_reports.py).

Every function takes a seeded Random and returns (name, report text, truth, encoding).
"""
from __future__ import annotations

import random

import opencc
from report_content import Meta, compose, draw_values, fmt, narrative, truth
from report_layouts import (
    APPEAL_COLS,
    active_table,
    appeals_table,
    cell_lines,
    markdown_rows,
    narrow_merged,
    pdf_rows,
    requests_table,
    row_lines,
)

NUMERALS = "一二三四五六七八"


def labeler(*pairs: tuple[str, str]):
    def label(text: str) -> str:
        for old, new in pairs:
            if old.startswith("^"):  # a numbering prefix: only at the start of a label
                if text.startswith(old[1:]):
                    text = new + text[len(old) - 1:]
            else:
                text = text.replace(old, new)
        return text
    return label


def plain(text: str) -> str:
    return text


def draw(rng: random.Random, template: str, profile: str) -> tuple[dict, dict]:
    values = draw_values(rng, template, profile)
    printed = {k: fmt(v) for k, v in values.items()}
    if template == "2019":  # the 2019 form gives no unit for 采购总金额: reports print one
        printed["active/procurement/amount"] += "万元"
    return values, printed


def tables(template: str, printed: dict, render, label=plain, **req) -> dict[str, str]:
    review_missing = req.pop("review_missing", False)
    total_word = req.get("total_word", "总计")
    return {"template": template,
            "active": render(active_table(template, printed, label)),
            "requests": render(requests_table(template, printed, label, **req)),
            "appeals": render(appeals_table(printed, label, review_missing, total_word))}


def word_cells(rows: list[list]) -> str:
    """A Word table pasted as text: every cell on its own tab-indented line, a blank line between rows."""
    return cell_lines(rows)


def tab_rows(rows: list[list]) -> str:
    """A table copied row by row, cells separated by tabs, merged cells left empty."""
    return row_lines(rows, end="\t")


def report(rng, meta: Meta, template: str, values: dict, printed: dict, render, label=plain,
           findings: list[str] | None = None, extra: dict | None = None, **req) -> tuple[str, dict]:
    t = tables(template, printed, render, label, **req)
    text = compose(meta, narrative(rng, meta, values, template), t, rng, extra)
    return text, truth(meta, template, values, findings)


def numbering_halfwidth(space: bool = True) -> list[tuple[str, str]]:
    pairs = [(f"^（{n}）", f"({n})" + (" " if space else "")) for n in NUMERALS]
    if space:
        pairs += [(f"^{d}.", f"{d}. ") for d in range(1, 9)]
    return pairs


# --------------------------------------------------------------------------- fixtures

def f010_cell_per_line_tabs(rng):
    m = Meta("宁乡市卫生健康局", 2022, "卫生健康", title="split")
    v, p = draw(rng, "2021", "county")
    text, t = report(rng, m, "2021", v, p, word_cells)
    return "010_cell_per_line_tabs", text, t, "utf-8"


def f011_row_tabs(rng):
    m = Meta("桐庐县市场监督管理局", 2023, "市场监管", title="year_first")
    v, p = draw(rng, "2021", "county")
    label = labeler(*numbering_halfwidth(), ("，", ", "))
    text, t = report(rng, m, "2021", v, p, tab_rows, label)
    return "011_row_tabs", text, t, "utf-8"


def f012_pdf_spaces(rng):
    m = Meta("东台市自然资源和规划局", 2024, "自然资源")
    v, p = draw(rng, "2021", "county")
    running = f"{m.agency}{m.year}年政府信息公开工作年度报告"
    t = {"template": "2021",
         "active": pdf_rows(active_table("2021", p), rng),
         "requests": pdf_rows(requests_table("2021", p, merge="middle"), rng, wrap=18, page_break_after=12,
                              page_marks=("— 4 —", running), repeat_header=3),
         "appeals": pdf_rows(appeals_table(p), rng)}
    text = compose(m, narrative(rng, m, v, "2021"), t, rng)
    return "012_pdf_spaces", text, truth(m, "2021", v), "utf-8"


def f013_split_labels(rng):
    m = Meta("兴义市人力资源和社会保障局", 2022, "人力资源和社会保障", title="year_first")
    v, p = draw(rng, "2021", "county")
    label = labeler(
        ("商业企业", "商业\n企业"), ("科研机构", "科研\n机构"), ("社会公益组织", "社会公益\n组织"),
        ("法律服务机构", "法律服务\n机构"), ("一、本年新收政府信息公开申请数量", "一、本年新收政府信息\n公开申请数量"),
        ("只计这一情形，", "只计这一情\n形，"), ("重新出具已获取信息", "重新出具\n已获取信息"),
        ("逾期不补正、行政机关", "逾期不补正、\n行政机关"),
        ("逾期未按收费通知要求缴纳费用、", "逾期未按收费通知\n要求缴纳费用、"),
        ("本年处理决定数量", "本年处理\n决定数量"), ("本年收费金额（单位：万元）", "本年收费金额\n（单位：万元）"),
        ("未经复议直接起诉", "未经复议\n直接起诉"), ("现行有效件数", "现行有效件"), *numbering_halfwidth(space=False))

    def render(rows):
        return cell_lines(rows, prefix="", merged_as=None, cell_gap="\n\n", row_gap="\n\n")
    text, t = report(rng, m, "2021", v, p, render, label)
    return "013_split_labels", text, t, "utf-8"


def f014_prefix_lost(rng):
    m = Meta("南安市交通运输局", 2023, "交通运输")
    v, p = draw(rng, "2021", "county")
    label = labeler(
        ("（一）予以公开", "予以公开"), ("1.属于国家秘密", "属于国家秘密"), ("二、上年结转", "上年结转"),
        ("2.申请人逾期未按", "申请人逾期未按"), ("3.补正后申请内容", "补正后申请内容"), ("（五）不予处理", "不予处理"),
        ("4.无正当理由", "无正当理由"), ("四、结转下年度", "结转下年度"), ("2.重复申请", "2、重复申请"),
        ("3.要求提供公开出版物", "3、要求提供公开出版物"), ("其他法律行政法规", "其他法律、行政法规"),
        ("不再处理", "不再受理"))
    text, t = report(rng, m, "2021", v, p, tab_rows, label)
    return "014_prefix_lost", text, t, "utf-8"


def _ocr_digits(printed: dict, keys: list[str]) -> None:
    """Print one number with O for 0 and one with l for 1, as an OCR does (the value stays)."""
    done_o = done_l = False
    for k in keys:
        s = printed[k]
        if not done_o and len(s) > 1 and "0" in s:
            printed[k], done_o = s.replace("0", "O"), True
        elif not done_l and len(s) > 1 and "1" in s:
            printed[k], done_l = s.replace("1", "l"), True


def f015_ocr_misspelt(rng):
    m = Meta("巩义市民政局", 2022, "民政", title="split")
    v, p = draw(rng, "2021", "county")
    _ocr_digits(p, [k for k in p if k.startswith(("requests/", "active/licensing", "active/punishment"))])
    label = labeler(("第一项加第二项", "第一顶加第二项"), ("第二十条第（五）项", "第二十条第（五）顶"),
                    ("（四）无法提供", "（四）无价提供"), ("1.信访举报", "1.住房举报"), ("尚未审结", "尚末审结"),
                    ("逾期未按", "逾期末按"), ("已获取信息", "巳获取信息"), ("（一）予以公开", "（一）子以公开"),
                    ("“三安全一稳定”", '"三安全一稳定"'))
    text, t = report(rng, m, "2021", v, p, word_cells, label)
    return "015_ocr_misspelt", text, t, "utf-8"


def f016_dropped_cells(rng):
    m = Meta("建德市农业农村局", 2023, "农业农村")
    v, p = draw(rng, "2021", "county")
    lost = [k for k in p if k.startswith("requests/denied.")] + ["active/licensing/decisions"]
    for k in lost:
        p[k], v[k] = None, None
    findings = ["the copy dropped the values of the 不予公开 rows (三（三）1–8) and of 行政许可; "
                "those cells cannot be read"]
    text, t = report(rng, m, "2021", v, p, tab_rows, findings=findings)
    return "016_dropped_cells", text, t, "utf-8"


def f017_review_half_missing(rng):
    m = Meta("长丰县人民政府", 2022, "政务")
    v, p = draw(rng, "2021", "county")
    for col in APPEAL_COLS:
        v[f"appeals/review/{col}"] = None

    def render(rows):
        if rows and rows[0] == ["行政诉讼"]:
            rows = rows + [[""] * 10]
        return word_cells(rows)
    text, t = report(rng, m, "2021", v, p, render, review_missing=True,
                     findings=["the 行政复议 half of table four is missing from the source"])
    return "017_review_half_missing", text, t, "utf-8"


def f018_whitespace_fullwidth(rng):
    m = Meta("昌吉市教育局", 2023, "教育")
    v, p = draw(rng, "2021", "county")
    full = str.maketrans("0123456789.", "０１２３４５６７８９．")
    big = [k for k in p if k.startswith("requests/") and len(p[k]) >= 2]
    for i, k in enumerate(big[:6]):
        s = p[k]
        p[k] = [f"{s[0]}\u00a0{s[1:]}", s.translate(full), f"{s} ", f"\u3000{s}", f"{s[0]} {s[1:]}", f"{s}\u00a0"][i]
    lic = p["active/licensing/decisions"]
    p["active/licensing/decisions"] = f"{lic[:-3]} {lic[-3:]}".strip()
    p["active/fees/amount"] = p["active/fees/amount"].translate(full)
    p["appeals/review/total"] = f" {p['appeals/review/total']} "
    text, t = report(rng, m, "2021", v, p, tab_rows)
    return "018_whitespace_fullwidth", text, t, "utf-8"


def _signed(value: int, style: str) -> str:
    if value == 0:
        return "0"
    if style == "word":
        return ("增" if value > 0 else "减") + str(abs(value))
    return f"{value:+d}" if style == "plus" else str(value)


def f019_2019_procurement_yuan(rng):
    m = Meta("婺源县人民政府办公室", 2019, "政务", title="year_end")
    v, p = draw(rng, "2019", "county")
    for row, change, style in (("licensing", -3, "plus"), ("other_services", -2, "word"),
                               ("punishment", 5, "word"), ("coercion", 0, "plain"), ("fees", -1, "plain")):
        v[f"active/{row}/change"] = change
        p[f"active/{row}/change"] = _signed(change, style)
    yuan = rng.randint(80, 900) * 10000 + rng.choice((0, 5000))
    v["active/procurement/amount"] = yuan / 10000
    p["active/procurement/amount"] = f"{yuan}元"
    text, t = report(rng, m, "2019", v, p, word_cells)
    return "019_2019_procurement_yuan", text, t, "utf-8"


def f020_2019_year2020_rows(rng):
    m = Meta("东阳市住房和城乡建设局", 2020, "住房和城乡建设", title="year_first")
    v, p = draw(rng, "2019", "county")
    v["active/licensing/change"], p["active/licensing/change"] = -2, "-2"
    text, t = report(rng, m, "2019", v, p, tab_rows)
    return "020_2019_year2020_rows", text, t, "utf-8"


def f021_web_merged_cells(rng):
    m = Meta("芜湖市镜湖区人民政府", 2022, "政务", chrome=True)
    v, p = draw(rng, "2021", "city")
    main_rows = ("new_received", "carried_over", "total", "carried_forward")
    for k, x in list(v.items()):
        if k.startswith("requests/") and (x == 0 or (k.endswith("/total") and k.split("/")[1] not in main_rows)):
            p[k], v[k] = "\u00a0", None
        elif k.startswith("appeals/") and x == 0:
            p[k], v[k] = "", None

    def render(rows):
        return row_lines(rows, merged_as=None)
    text, t = report(rng, m, "2021", v, p, render)
    return "021_web_merged_cells", text, t, "utf-8"


PINYIN = {"統": "統(tǒng)", "規": "規(guī)", "執": "執(zhí)", "複": "複(fù)", "確": "確(què)"}


def f022_traditional(rng):
    m = Meta("鄂尔多斯市东胜区文化和旅游局", 2023, "文化和旅游")
    v, p = draw(rng, "2021", "county")
    text, t = report(rng, m, "2021", v, p, lambda rows: cell_lines(rows, prefix="", row_gap="\n"))
    text = opencc.OpenCC("s2t").convert(text)
    for ch, glossed in PINYIN.items():
        text = text.replace(ch, glossed)
    return "022_traditional", text, t, "utf-8"


def f023_heji(rng):
    m = Meta("临朐县卫生健康局", 2024, "卫生健康")
    v, p = draw(rng, "2021", "county")
    text, t = report(rng, m, "2021", v, p, tab_rows, total_word="合计")
    return "023_heji", text, t, "utf-8"


def f024_total_main_rows_only(rng):
    m = Meta("宁海县财政局", 2022, "财政")
    v, p = draw(rng, "2021", "county")
    main_rows = {"new_received", "carried_over", "total", "carried_forward"}
    for row in {k.split("/")[1] for k in v if k.startswith("requests/")} - main_rows:
        p[f"requests/{row}/total"], v[f"requests/{row}/total"] = "", None
    text, t = report(rng, m, "2021", v, p, word_cells)
    return "024_total_main_rows_only", text, t, "utf-8"


def f025_extra_heading(rng):
    headings = ["一、总体情况", "二、工作概述", "三、主动公开政府信息情况", "四、收到和处理政府信息公开申请情况",
                "五、政府信息公开行政复议、行政诉讼情况", "六、存在的主要问题及改进情况", "七、其他需要报告的事项"]
    m = Meta("兰溪市水务局", 2023, "水利", headings=headings)
    v, p = draw(rng, "2021", "county")
    extra = {"二、工作概述": "（一）加强组织领导。成立以局长为组长的政务公开工作领导小组，"
                         "明确1名分管领导和2名工作人员具体负责。\n\n（二）完善工作机制。修订完善主动公开基本目录，规范信息发布审核流程。"}
    text, t = report(rng, m, "2021", v, p, lambda rows: row_lines(rows), extra=extra)
    return "025_extra_heading", text, t, "utf-8"


def _thousands(s: str) -> str:
    whole, _, frac = s.partition(".")
    return f"{int(whole):,}" + (f".{frac}" if frac else "")


def f026_thousands_separator(rng):
    m = Meta("佛山市南海区人民政府", 2024, "政务", title="year_first")
    v, p = draw(rng, "2021", "city")
    v["active/fees/amount"] = round(1000 + rng.uniform(0, 9000), 1)
    p["active/fees/amount"] = fmt(v["active/fees/amount"])
    for k, s in p.items():
        if s and s.replace(".", "", 1).isdigit() and float(s) >= 1000:
            p[k] = _thousands(s)
    text, t = report(rng, m, "2021", v, p, tab_rows)
    return "026_thousands_separator", text, t, "utf-8"


def f027_gbk_markdown(rng):
    m = Meta("梧州市长洲区住房和城乡建设局", 2022, "住房和城乡建设")
    v, p = draw(rng, "2021", "county")
    text, t = report(rng, m, "2021", v, p, lambda rows: markdown_rows(rows, header_rows=1))
    return "027_gbk_markdown", text, t, "gbk"


def f028_utf16_pipe_cells(rng):
    m = Meta("青河县市场监督管理局", 2020, "市场监管", title="split")
    v, p = draw(rng, "2019", "small")
    v["active/fees/change"], p["active/fees/change"] = -1, "-1"
    text, t = report(rng, m, "2019", v, p,
                     lambda rows: cell_lines(rows, prefix="", suffix=" |", merged_as=None, row_gap="\n"),
                     labeler(("商业企业", "商业 企业"), ("科研机构", "科研 机构"), *numbering_halfwidth(space=False)))
    return "028_utf16_pipe_cells", text, t, "utf-16"


def f029_wrong_format(rng):
    m = Meta("玛纳斯县教育局", 2021, "教育")
    v, p = draw(rng, "2019", "county")
    findings = ["a report for 2021 must use the 2021 format (国办公开办函〔2021〕30号) "
                "but this one uses the 2019 format"]
    text, t = report(rng, m, "2019", v, p, tab_rows, findings=findings)
    return "029_wrong_format", text, t, "utf-8"


def f030_arithmetic_error(rng):
    m = Meta("安吉县自然资源和规划局", 2023, "自然资源", title="split")
    v, p = draw(rng, "2021", "county")
    key = "requests/granted/natural_person"
    v[key] += 1
    p[key] = fmt(v[key])
    findings = ["requests 自然人 column: the result rows add up to one more than （七）总计",
                "requests （一）予以公开 row: the applicant columns add up to one more than 总计"]
    text, t = report(rng, m, "2021", v, p, word_cells, findings=findings)
    return "030_arithmetic_error", text, t, "utf-8"


def f031_pdf_2019(rng):
    m = Meta("嘉善县人民政府", 2019, "政务", title="year_first")
    v, p = draw(rng, "2019", "city")
    v["active/punishment/change"], p["active/punishment/change"] = -2, "-2"
    t = {"template": "2019",
         "active": pdf_rows(active_table("2019", p), rng),
         "requests": pdf_rows(requests_table("2019", p, merge="middle"), rng, wrap=15, page_break_after=8,
                              page_marks=("第 3 页 共 7 页", "")),
         "appeals": pdf_rows(appeals_table(p), rng)}
    text = compose(m, narrative(rng, m, v, "2019"), t, rng)
    return "031_pdf_2019", text, truth(m, "2019", v), "utf-8"


def f032_cn_year_slash_blanks(rng):
    m = Meta("宜兴市司法局", 2022, "司法行政", title="cn_year")
    v, p = draw(rng, "2021", "small")
    for key, mark in (("active/regulations/issued", "/"), ("active/regulations/repealed", "/"),
                      ("active/regulations/in_force", "/"), ("active/coercion/decisions", "—"),
                      ("active/fees/amount", "无")):
        p[key], v[key] = mark, None
    for col in APPEAL_COLS:
        if v[f"appeals/litigation_after_review/{col}"] == 0:
            p[f"appeals/litigation_after_review/{col}"], v[f"appeals/litigation_after_review/{col}"] = "-", None
    findings = ["table two leaves 规章, 行政强制 and 行政事业性收费 blank ('/', '—', '无') instead of 0"]
    text, t = report(rng, m, "2021", v, p, word_cells, findings=findings)
    return "032_cn_year_slash_blanks", text, t, "utf-8"


def f033_tables_under_subheadings(rng):
    headings = ["一、总体情况", "（一）主动公开政府信息情况", "（二）收到和处理政府信息公开申请情况",
                "（三）因政府信息公开申请行政复议、提起行政诉讼的情况", "三、存在的主要问题及改进情况",
                "四、其他需要报告的事项"]
    m = Meta("五台县农业农村局", 2021, "农业农村", headings=headings)
    v, p = draw(rng, "2021", "small")
    t = {"template": "2021",
         "active": pdf_rows(active_table("2021", p), rng),
         "requests": pdf_rows(requests_table("2021", p, merge="middle"), rng, wrap=20),
         "appeals": pdf_rows(appeals_table(p), rng)}
    text = compose(m, narrative(rng, m, v, "2021"), t, rng)
    text = text.replace("\n（一）主动公开政府信息情况\n", "\n二、政府信息公开情况\n\n（一）主动公开政府信息情况\n", 1)
    return "033_tables_under_subheadings", text, truth(m, "2021", v), "utf-8"


def f034_fees_in_yuan_split_header(rng):
    m = Meta("溧阳市城市管理局", 2022, "城市管理", title="year_first")
    v, p = draw(rng, "2021", "county")
    yuan = rng.randint(120, 990) * 1000
    v["active/fees/amount"], p["active/fees/amount"] = yuan / 10000, f"{yuan}元"
    split = labeler(("总计", "总\n计"))
    t = {"template": "2021", "active": word_cells(active_table("2021", p)),
         "requests": word_cells(requests_table("2021", p)),
         "appeals": word_cells(appeals_table(p, split))}
    text = compose(m, narrative(rng, m, v, "2021"), t, rng)
    return "034_fees_in_yuan_split_header", text, truth(m, "2021", v), "utf-8"


def f035_html_text_nbsp_blanks(rng):
    m = Meta("常州市武进区人民政府", 2024, "政务", chrome=True)
    v, p = draw(rng, "2021", "city")
    main_rows = ("new_received", "carried_over", "total", "carried_forward")
    for k, x in list(v.items()):
        if k.startswith("requests/") and (x == 0 or (k.endswith("/total") and k.split("/")[1] not in main_rows)):
            p[k], v[k] = "\u00a0", None
    text, t = report(rng, m, "2021", v, p, lambda rows: cell_lines(rows, prefix="", merged_as=None, row_gap="\n"),
                     findings=["zero cells of table three are left blank and its 总计 column is blank on the sub-rows"])
    return "035_html_text_nbsp_blanks", text, t, "utf-8"


def f036_blank_line_cells_split_headers(rng):
    headings = ["一、总体情况", "二、行政机关主动公开政府信息情况", "三、行政机关收到和处理政府信息公开申请情况",
                "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                "五、政府信息公开工作存在的主要问题及改进情况", "六、其他需要报告的事项"]
    m = Meta("武汉市生态环境局蔡甸区分局", 2023, "生态环境", headings=headings, preamble=False)
    v, p = draw(rng, "2021", "small")
    label = labeler(("商业企业", "商业\n\n企业"), ("科研机构", "科研\n\n机构"),
                    ("本年处理决定数量", f"处理决定数量\n\n({m.year}年办件量)"),
                    ("一、本年新收政府信息公开申请数量", "一、本年新收政府信息\n\n公开申请数量"),
                    ("现行有效件数", "现行有效件"), *numbering_halfwidth(space=False), ("第二十条第（", "第二十条第("),
                    ("）项", ")项"), ("（本列", "(本列"), ("之和）", "之和)"), ("：", ":"), ("，", ","))
    extra = {headings[1]: f"{m.year}年度共作出建设项目环境影响评价文件审批{rng.randint(8, 40)}份，均已在政府网站公示。",
             headings[2]: f"分局{m.year}年度收到政府信息公开申请{v['requests/new_received/total']}件，均已按期答复。"}

    def render(rows):
        return cell_lines(rows, prefix="", merged_as=None, cell_gap="\n\n", row_gap="\n\n")
    text, t = report(rng, m, "2021", v, p, render, label, extra=extra)
    return "036_blank_line_cells_split_headers", text, t, "utf-8"


def f037_appeals_sentence_only(rng):
    m = Meta("铜陵市义安区退役军人事务局", 2022, "退役军人服务", chrome=True)
    v, p = draw(rng, "2021", "small")
    for key in [k for k in v if k.startswith("appeals/")]:
        v[key] = None
    t = {"template": "2021", "active": tab_rows(active_table("2021", p)),
         "requests": tab_rows(requests_table("2021", p)),
         "appeals": f"{m.year}年度，本机关未发生因政府信息公开引起的行政复议、行政诉讼案件。"}
    text = compose(m, narrative(rng, m, v, "2021"), t, rng)
    # the page title names no agency; it is printed in the site header lines and the signature
    text = text.replace(f"{m.agency}{m.year}年政府信息公开工作年度报告", f"{m.year}年政府信息公开工作年度报告", 1)
    findings = ["table four is not printed; the section only states that there were no cases"]
    return "037_appeals_sentence_only", text, truth(m, "2021", v, findings), "utf-8"


def f038_pdf_narrow_merged_column(rng):
    m = Meta("高密市医疗保障局", 2023, "医疗保障", title="guanyu")
    v, p = draw(rng, "2021", "county")
    t = {"template": "2021",
         "active": pdf_rows(active_table("2021", p), rng),
         "requests": pdf_rows(narrow_merged(requests_table("2021", p)), rng, wrap=22, page_break_after=15,
                              page_marks=("- 3 -", "")),
         "appeals": pdf_rows(appeals_table(p), rng)}
    text = compose(m, narrative(rng, m, v, "2021"), t, rng)
    return "038_pdf_narrow_merged_column", text, truth(m, "2021", v), "utf-8"


FIXTURES = [f010_cell_per_line_tabs, f011_row_tabs, f012_pdf_spaces, f013_split_labels, f014_prefix_lost,
            f015_ocr_misspelt, f016_dropped_cells, f017_review_half_missing, f018_whitespace_fullwidth,
            f019_2019_procurement_yuan, f020_2019_year2020_rows, f021_web_merged_cells, f022_traditional,
            f023_heji, f024_total_main_rows_only, f025_extra_heading, f026_thousands_separator,
            f027_gbk_markdown, f028_utf16_pipe_cells, f029_wrong_format, f030_arithmetic_error, f031_pdf_2019,
            f032_cn_year_slash_blanks, f033_tables_under_subheadings, f034_fees_in_yuan_split_header,
            f035_html_text_nbsp_blanks, f036_blank_line_cells_split_headers, f037_appeals_sentence_only,
            f038_pdf_narrow_merged_column]
