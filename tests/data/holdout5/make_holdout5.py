# ruff: noqa: E501  (data file: long Chinese label literals)
"""Fifth holdout: adversarial copies aimed at confident wrong numbers (cells dropped mid-row, extra 序号/备注
columns, columns or rows printed in another order, footnote markers and page numbers among the cells,
thousands separators, percentages and dates in cells, another agency's table quoted in the narrative).

Written without the parser (never imported). Every number is non-zero where it can be, so a misplaced cell
shows. The truth is what a careful reader reads off the printed text; a cell that reader cannot place with
certainty is null. Run `python tests/data/holdout5/make_holdout5.py` to rewrite the .txt/.json files.
"""
from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
APPLICANT_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
APPEAL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
REQ_ROWS: list[tuple[str, str]] = [
    ("new_received", "一、本年新收政府信息公开申请数量"),
    ("carried_over", "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果\t（一）予以公开"),
    ("partially_granted", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "（三）不予公开\t1.属于国家秘密"),
    ("denied.law_prohibited", "2.其他法律行政法规禁止公开"),
    ("denied.three_safety", "3.危及“三安全一稳定”"),
    ("denied.third_party", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "5.属于三类内部事务信息"),
    ("denied.process_info", "6.属于四类过程性信息"),
    ("denied.enforcement_file", "7.属于行政执法案卷"),
    ("denied.query_item", "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供\t1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "2.没有现成信息需要另行制作"),
    ("unable.unclear", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理\t1.信访举报投诉类申请"),
    ("not_processed.duplicate", "2.重复申请"),
    ("not_processed.publication", "3.要求提供公开出版物"),
    ("not_processed.massive", "4.无正当理由大量反复申请"),
    ("not_processed.confirm", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "（六）其他处理\t1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.no_fee", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "3.其他"),
    ("total", "（七）总计"),
    ("carried_forward", "四、结转下年度继续办理"),
]
REQ_ROWS_2019 = [r for r in REQ_ROWS if not r[0].startswith("other.")]
REQ_ROWS_2019.insert(20, ("other", "（六）其他处理"))
JIGOU = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
WEIGHTS = {"granted": 30, "partially_granted": 6, "denied.third_party": 3, "denied.internal_affairs": 2,
           "denied.process_info": 3, "denied.query_item": 2, "unable.not_held": 18, "unable.needs_creation": 4,
           "unable.unclear": 3, "not_processed.petition": 4, "not_processed.duplicate": 3,
           "other.no_correction": 3, "other.no_fee": 1, "other.other": 3, "other": 7}


def keys_of(template: str) -> list[str]:
    """Cell keys in template order, read as data from resources/template.json."""
    spec = json.loads((ROOT / "resources" / "template.json").read_text(encoding="utf-8"))
    return [f"{t['key']}/{r['key']}/{c['key']}" for t in spec["versions"][template]["tables"]
            for b in t["blocks"] for r in b["rows"] for c in b["columns"]]


def req_rows(template: str) -> list[tuple[str, str]]:
    return REQ_ROWS if template == "2021" else REQ_ROWS_2019


def values(seed: int, template: str, volume: int = 40) -> dict:
    """Every cell; non-zero wherever an agency of this size would have numbers; sums add up."""
    rng = random.Random(seed)
    v: dict = {}
    if template == "2019":
        for row in ("regulations", "normative_documents"):
            made = rng.randint(2, 5) if row == "regulations" else rng.randint(6, 18)
            v[f"active/{row}/made"] = made
            v[f"active/{row}/published"] = made - 1
            v[f"active/{row}/total"] = made + rng.randint(9, 60)
        for row in ("licensing", "other_services", "punishment", "coercion"):
            v[f"active/{row}/previous"] = rng.randint(14, 90)
            v[f"active/{row}/change"] = rng.choice([-4, -2, 3, 6, 5])
            v[f"active/{row}/decisions"] = rng.randint(112, 1500)
        v["active/fees/previous"] = rng.randint(2, 9)
        v["active/fees/change"] = rng.choice([-2, -1, 1])
        v["active/procurement/count"] = rng.randint(12, 40)
        v["active/procurement/amount"] = round(rng.randint(20000, 300000) / 100, 2)
    else:
        v["active/regulations/issued"] = rng.randint(2, 4)
        v["active/regulations/repealed"] = 1
        v["active/regulations/in_force"] = rng.randint(8, 30)
        v["active/normative_documents/issued"] = rng.randint(5, 15)
        v["active/normative_documents/repealed"] = rng.randint(2, 4)
        v["active/normative_documents/in_force"] = rng.randint(20, 120)
        v["active/licensing/decisions"] = rng.randint(300, 5000)
        v["active/punishment/decisions"] = rng.randint(40, 600)
        v["active/coercion/decisions"] = rng.randint(6, 60)
        v["active/fees/amount"] = round(rng.randint(1000, 90000) / 100, 2)
    rows = [r[0] for r in req_rows(template)]
    results = [r for r in rows if r not in ("new_received", "carried_over", "total", "carried_forward")]
    for i, col in enumerate(APPLICANTS[:6]):
        new = [volume, volume // 3, 3, 2, 4, 5][i] + rng.randint(0, 2)
        carried = [5, 3, 1, 1, 2, 1][i]
        forward = [4, 2, 1, 0, 1, 2][i]
        counts = dict.fromkeys(results, 0)
        for _ in range(new + carried - forward):
            counts[rng.choices(results, weights=[WEIGHTS.get(r, 1) for r in results])[0]] += 1
        v[f"requests/new_received/{col}"] = new
        v[f"requests/carried_over/{col}"] = carried
        for r in results:
            v[f"requests/{r}/{col}"] = counts[r]
        v[f"requests/total/{col}"] = new + carried - forward
        v[f"requests/carried_forward/{col}"] = forward
    for r in rows:
        v[f"requests/{r}/total"] = sum(v[f"requests/{r}/{c}"] for c in APPLICANTS[:6])
    for i, row in enumerate(APPEAL_ROWS):
        parts = [[3, 1, 2, 1], [2, 1, 1, 2], [1, 2, 1, 1]][i]
        parts = [p + rng.randint(0, 1) for p in parts]
        for col, n in zip(APPEAL_COLS, [*parts, sum(parts)], strict=True):
            v[f"appeals/{row}/{col}"] = n
    return {k: v[k] for k in keys_of(template)}


def n(x: float | int | None) -> str:
    if x is None:
        return ""
    if isinstance(x, float) and x.is_integer():
        x = int(x)
    return str(x)


def sign(x: int) -> str:
    return f"+{x}" if x > 0 else str(x)


def active_lines(v: dict, template: str, sep: str = "\t", col_order: list[int] | None = None) -> list[str]:
    """Table 二; col_order reorders the three columns of the 2019 第（一）项 block (header printed likewise)."""
    def row(*cells: str) -> str:
        return sep.join(cells)
    if template == "2021":
        out = ["第二十条第（一）项", row("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")]
        for key, label in (("regulations", "规章"), ("normative_documents", "行政规范性文件")):
            out.append(row(label, *(n(v[f"active/{key}/{c}"]) for c in ("issued", "repealed", "in_force"))))
        for head, key, label in (("五", "licensing", "行政许可"), ("六", "punishment", "行政处罚"), ("六", "coercion", "行政强制")):
            if key != "coercion":
                out += [f"第二十条第（{head}）项", row("信息内容", "本年处理决定数量")]
            out.append(row(label, n(v[f"active/{key}/decisions"])))
        out += ["第二十条第（八）项", row("信息内容", "本年收费金额（单位：万元）"), row("行政事业性收费", n(v["active/fees/amount"]))]
        return out
    order = col_order or [0, 1, 2]
    heads = ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
    cols = ["made", "published", "total"]
    out = ["第二十条第（一）项", row("信息内容", *(heads[i] for i in order))]
    for key, label in (("regulations", "规章"), ("normative_documents", "规范性文件")):
        out.append(row(label, *(n(v[f"active/{key}/{cols[i]}"]) for i in order)))
    for head, keys in (("五", [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
                       ("六", [("punishment", "行政处罚"), ("coercion", "行政强制")])):
        out += [f"第二十条第（{head}）项", row("信息内容", "上一年项目数量", "本年增/减", "处理决定数量")]
        for key, label in keys:
            out.append(row(label, n(v[f"active/{key}/previous"]), sign(v[f"active/{key}/change"]), n(v[f"active/{key}/decisions"])))
    out += ["第二十条第（八）项", row("信息内容", "上一年项目数量", "本年增/减"),
            row("行政事业性收费", n(v["active/fees/previous"]), sign(v["active/fees/change"])),
            "第二十条第（九）项", row("信息内容", "采购项目数量", "采购总金额"),
            row("政府集中采购", n(v["active/procurement/count"]), f"{n(v['active/procurement/amount'])}万元")]
    return out


def request_lines(v: dict, template: str, sep: str = "\t", cols: list[int] | None = None,
                  cell: Callable[[str, str], str] | None = None, label: Callable[[str, str], str] | None = None,
                  order: list[str] | None = None) -> list[str]:
    """Table 三, one printed line per row. cols: column order (indexes into APPLICANTS), header printed likewise;
    cell(row, col) -> printed text (default: the value); label(row, printed) -> printed label; order: row keys."""
    cols = cols if cols is not None else list(range(7))
    rows = dict(req_rows(template))
    out = [f"{JIGOU}{sep}申请人情况"]
    if cols == list(range(7)):
        out += [f"自然人{sep}法人或其他组织{sep}总计", sep.join(APPLICANT_HEAD[1:6])]
    else:
        out += [sep.join(APPLICANT_HEAD[i] for i in cols)]
    for key in order or list(rows):
        printed = rows[key].replace("\t", sep)
        printed = label(key, printed) if label else printed
        texts = [cell(key, APPLICANTS[i]) if cell else n(v[f"requests/{key}/{APPLICANTS[i]}"]) for i in cols]
        out.append(sep.join([printed, *texts]))
    return out


def appeals_lines(v: dict, sep: str = "\t") -> list[str]:
    return [f"行政复议{sep}行政诉讼", sep.join([*RESULTS, "未经复议直接起诉", "复议后起诉"]),
            sep.join(RESULTS * 3), sep.join(n(v[f"appeals/{r}/{c}"]) for r in APPEAL_ROWS for c in APPEAL_COLS)]


def document(agency: str, year: int, active: list[str], requests: list[str], appeals: list[str],
             overview: list[str] | None = None, after: list[str] | None = None) -> str:
    lines = [f"{agency}{year}年政府信息公开工作年度报告", "",
             f"本报告根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
             "一、总体情况",
             f"{year}年，{agency}坚持以公开为常态、不公开为例外，持续推进决策、执行、管理、服务、结果公开。",
             *(overview or []),
             "二、主动公开政府信息情况", *active, "",
             "三、收到和处理政府信息公开申请情况", *requests, "",
             "四、政府信息公开行政复议、行政诉讼情况", *appeals, "",
             "五、存在的主要问题及改进情况",
             "一是信息公开的及时性有待提高；二是依申请公开答复的规范性仍需加强。下一步将加强业务培训。",
             "六、其他需要报告的事项",
             "本年度未收取信息处理费。无其他需要报告的事项。", *(after or [])]
    return "\n".join(lines) + "\n"


Built = tuple[str, dict, str, int, str]  # text, truth values, agency, year, template


def r501() -> Built:
    """Space-separated copy; one cell of 2.重复申请 lost in the middle of the row (6 numbers for 7 columns):
    no cell of that row can be placed with certainty."""
    a, y, t = "长沙市岳麓区城市管理和综合执法局", 2021, "2021"
    v = values(501, t)
    # distinct non-zero numbers (the 总计 row is left as printed: its column sums cannot place the lost cell)
    for c, x in zip(APPLICANTS, [4, 3, 1, 2, 5, 1, 16], strict=True):
        v[f"requests/not_processed.duplicate/{c}"] = x
    truth = dict(v)

    def cell(row: str, col: str) -> str:
        return "" if (row, col) == ("not_processed.duplicate", "research") else n(v[f"requests/{row}/{col}"])
    req = [" ".join(x.split()) for x in request_lines(v, t, sep=" ", cell=cell)]
    for c in APPLICANTS:
        truth[f"requests/not_processed.duplicate/{c}"] = None
    return document(a, y, active_lines(v, t, " "), req, appeals_lines(v, " ")), truth, a, y, t


def r502() -> Built:
    """One cell per line (a web table copied in Firefox); one cell of （二）部分公开 dropped mid-row: that row is
    unplaceable; and table 四 one number per line."""
    a, y, t = "苏州市吴江区卫生健康委员会", 2022, "2021"
    v = values(502, t, 52)
    for c, x in zip(APPLICANTS, [7, 2, 1, 3, 1, 2, 16], strict=True):
        v[f"requests/partially_granted/{c}"] = x
    truth = dict(v)
    req = [JIGOU, "申请人情况", "自然人", "法人或其他组织", "总计", *APPLICANT_HEAD[1:6]]
    for key, label in REQ_ROWS:
        req += label.split("\t")
        for c in APPLICANTS:
            if (key, c) == ("partially_granted", "commercial"):
                truth[f"requests/{key}/{c}"] = None
                continue
            req.append(n(v[f"requests/{key}/{c}"]))
    for c in APPLICANTS:
        truth[f"requests/partially_granted/{c}"] = None
    app = appeals_lines(v)
    app = [*app[:3], *app[3].split("\t")]
    return document(a, y, "\n".join(active_lines(v, t)).replace("\t", "\n").split("\n"), req, app), truth, a, y, t


def r503() -> Built:
    """Table 三 with a 序号 column first (1..25) and a 备注 column last holding numbers (同比增加3件)."""
    a, y, t = "无锡市梁溪区民政局", 2021, "2021"
    v = values(503, t)
    lines = request_lines(v, t)
    lines[0] = "序号\t" + lines[0]
    lines[2] += "\t备注"
    notes = {"new_received": "同比增加3件", "unable.not_held": "12件已告知申请人向有关机关申请", "total": "含上年结转5件"}
    out = lines[:3]
    for i, (key, _) in enumerate(REQ_ROWS):
        out.append(f"{i + 1}\t{lines[3 + i]}\t{notes.get(key, '')}".rstrip("\t"))
    return document(a, y, active_lines(v, t), out, appeals_lines(v)), dict(v), a, y, t


def r504() -> Built:
    """Table 三 printed with 总计 first and 自然人 last; the header row says so."""
    a, y, t = "成都市武侯区市场监督管理局", 2023, "2021"
    v = values(504, t, 61)
    req = request_lines(v, t, cols=[6, 1, 2, 3, 4, 5, 0])
    return document(a, y, active_lines(v, t), req, appeals_lines(v)), dict(v), a, y, t


def r505() -> Built:
    """Table 四 printed as 3 labelled rows × 5 columns, in the order 复议后起诉, 直接起诉, 行政复议."""
    a, y, t = "杭州市西湖区人力资源和社会保障局", 2021, "2021"
    v = values(505, t)
    labels = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）", "litigation_after_review": "行政诉讼（复议后起诉）"}
    app = ["项目\t" + "\t".join(RESULTS)]
    for r in ("litigation_after_review", "litigation_direct", "review"):
        app.append("\t".join([labels[r], *(n(v[f"appeals/{r}/{c}"]) for c in APPEAL_COLS)]))
    return document(a, y, active_lines(v, t), request_lines(v, t), app), dict(v), a, y, t


def r506() -> Built:
    """2019 format: table 二's 第（一）项 columns printed 对外公开总数量 first (header shows it); table 三 columns
    in the order 其他…商业企业, 自然人, 总计."""
    a, y, t = "郑州市金水区住房保障和房地产管理局", 2020, "2019"
    v = values(506, t)
    req = request_lines(v, t, cols=[5, 4, 3, 2, 1, 0, 6])
    return document(a, y, active_lines(v, t, col_order=[2, 0, 1]), req, appeals_lines(v)), dict(v), a, y, t


def r507() -> Built:
    """Thousands separators: 12,345 / 1, 234 (a space after the comma) in one-number rows; 1,024 in a total."""
    a, y, t = "广州市天河区交通运输局", 2021, "2021"
    v = values(507, t, 800)
    v["active/licensing/decisions"] = 12345
    v["active/punishment/decisions"] = 1234
    v["active/fees/amount"] = 1234.56
    act = active_lines(v, t)
    act = [x.replace("\t12345", "\t12,345").replace("\t1234.56", "\t1,234.56").replace("\t1234", "\t1, 234") for x in act]
    req = request_lines(v, t, cell=lambda r, c: f"{v[f'requests/{r}/{c}']:,}")
    return document(a, y, act, req, appeals_lines(v)), dict(v), a, y, t


def r508() -> Built:
    """A footnote marker (1) after a row label and a PDF page footer (- 3 -) between two cells of a row."""
    a, y, t = "合肥市包河区教育体育局", 2021, "2021"
    v = values(508, t)
    req = request_lines(v, t, label=lambda r, p: p + "(1)" if r == "partially_granted" else p)
    i = next(k for k, x in enumerate(req) if x.startswith("（四）无法提供"))
    cells = req[i].split("\t")
    req[i] = "\t".join(cells[:5])
    req.insert(i + 1, "- 3 -")
    req.insert(i + 2, "\t".join(cells[5:]))
    after = ["注：(1) 部分公开的申请已按区分处理原则处理。"]
    return document(a, y, active_lines(v, t), req, appeals_lines(v), after=after), dict(v), a, y, t


def r509() -> Built:
    """Percentages: an extra 公开率 row after （七）总计, an extra 占比 column in table 二, a 纠错率 line in table 四."""
    a, y, t = "南京市鼓楼区司法局", 2022, "2021"
    v = values(509, t)
    req = request_lines(v, t)
    i = next(k for k, x in enumerate(req) if x.startswith("（七）总计"))
    req.insert(i + 1, "其中：公开率\t35%\t40%\t33%\t50%\t25%\t20%\t36%")
    act = active_lines(v, t)
    act = [x + "\t较上年增长12%" if x.startswith(("行政许可", "行政处罚")) else x for x in act]
    app = [*appeals_lines(v), "行政复议纠错率\t14%"]
    return document(a, y, act, req, app), dict(v), a, y, t


def r510() -> Built:
    """Dates in cells: a 统计截至 line inside table 三, a date after a number, table 四 followed by a date cell."""
    a, y, t = "重庆市渝中区生态环境局", 2021, "2021"
    v = values(510, t)
    req = request_lines(v, t)
    req.insert(3, "（统计截至2021年12月31日）")
    req = [x + "\t（截至2022年1月15日已全部办结）" if x.startswith("四、结转") else x for x in req]
    app = appeals_lines(v)
    app[3] += "\t2022.1.10"
    return document(a, y, active_lines(v, t), req, app), dict(v), a, y, t


def r511() -> Built:
    """The overview quotes the city system's tables (another agency's numbers) before the agency's own tables."""
    a, y, t = "佛山市南海区水利局", 2021, "2021"
    v = values(511, t)
    other = values(9511, t, 230)
    overview = ["全市水利系统共收到政府信息公开申请" + n(other["requests/new_received/total"]) + "件。全市水利系统行政复议、行政诉讼情况如下表：",
                *appeals_lines(other),
                "全市水利系统主动公开情况：", f"行政许可\t{n(other['active/licensing/decisions'])}", f"行政处罚\t{n(other['active/punishment/decisions'])}",
                "本局情况详见以下各表。"]
    return document(a, y, active_lines(v, t), request_lines(v, t), appeals_lines(v), overview=overview), dict(v), a, y, t


def r512() -> Built:
    """Two adjacent rows printed in swapped order (3.要求提供公开出版物 before 2.重复申请), each with its label."""
    a, y, t = "青岛市市南区商务局", 2021, "2021"
    v = values(512, t)
    v["requests/not_processed.publication/natural_person"] = 3
    v["requests/not_processed.publication/total"] = sum(v[f"requests/not_processed.publication/{c}"] for c in APPLICANTS[:6])
    v["requests/not_processed.duplicate/commercial"] += 1
    v["requests/not_processed.duplicate/total"] = sum(v[f"requests/not_processed.duplicate/{c}"] for c in APPLICANTS[:6])
    order = [r for r, _ in REQ_ROWS]
    i = order.index("not_processed.duplicate")
    order[i], order[i + 1] = order[i + 1], order[i]
    return document(a, y, active_lines(v, t), request_lines(v, t, order=order), appeals_lines(v)), dict(v), a, y, t


def r513() -> Built:
    """A 2021 report printing （六）其他处理 as one row (the 2019 form): it cannot be placed on any of the three
    sub-rows, which stay null."""
    a, y, t = "西安市雁塔区文化和旅游体育局", 2021, "2021"
    v = values(513, t)
    truth = dict(v)
    merged = {c: sum(v[f"requests/other.{s}/{c}"] for s in ("no_correction", "no_fee", "other")) for c in APPLICANTS}
    req = request_lines(v, t)
    req = [x for x in req if not x.startswith(("（六）其他处理", "2.申请人逾期", "3.其他"))]
    i = next(k for k, x in enumerate(req) if x.startswith("（七）总计"))
    req.insert(i, "\t".join(["（六）其他处理", *(n(merged[c]) for c in APPLICANTS)]))
    for s in ("no_correction", "no_fee", "other"):
        for c in APPLICANTS:
            truth[f"requests/other.{s}/{c}"] = None
    return document(a, y, active_lines(v, t), req, appeals_lines(v)), truth, a, y, t


def r514() -> Built:
    """2019 format, space-separated rows where one 本年增/减 cell is missing mid-row (2 numbers for 3 columns),
    and a 序号 column in table 四 (1 2 3 before the rows)."""
    a, y, t = "济南市历下区农业农村局", 2019, "2019"
    v = values(514, t)
    truth = dict(v)
    act = active_lines(v, t, " ")
    act = [f"行政处罚 {v['active/punishment/previous']} {v['active/punishment/decisions']}" if x.startswith("行政处罚") else x for x in act]
    for c in ("previous", "change", "decisions"):
        truth[f"active/punishment/{c}"] = None
    labels = {"review": "行政复议", "litigation_direct": "行政诉讼未经复议直接起诉", "litigation_after_review": "行政诉讼复议后起诉"}
    app = ["序号 项目 " + " ".join(RESULTS)]
    for k, r in enumerate(APPEAL_ROWS):
        app.append(" ".join([str(k + 1), labels[r], *(n(v[f"appeals/{r}/{c}"]) for c in APPEAL_COLS)]))
    return document(a, y, act, request_lines(v, t, " "), app), truth, a, y, t


REPORTS: dict[str, Callable[[], Built]] = {
    "501_space_row_cell_dropped_mid_row": r501,
    "502_cell_per_line_cell_dropped_mid_row": r502,
    "503_xuhao_first_beizhu_last_columns": r503,
    "504_requests_total_first_natural_person_last": r504,
    "505_appeals_three_rows_after_review_first": r505,
    "506_2019_active_and_requests_columns_reordered": r506,
    "507_thousands_separators": r507,
    "508_footnote_marker_and_page_footer_in_row": r508,
    "509_percentages_in_extra_row_column": r509,
    "510_dates_in_cells": r510,
    "511_narrative_quotes_city_tables": r511,
    "512_adjacent_rows_swapped_with_labels": r512,
    "513_2021_other_printed_as_one_row": r513,
    "514_2019_space_row_change_missing_appeals_xuhao": r514,
}


def build_all() -> dict[str, tuple[str, str]]:
    """stem → (report text, truth JSON text)."""
    out = {}
    for stem, fn in REPORTS.items():
        text, truth, agency, year, template = fn()
        assert list(truth) == keys_of(template), stem
        doc = {"agency": agency, "year": year, "template": template, "values": truth, "findings": []}
        out[stem] = (text, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return out


if __name__ == "__main__":
    for stem, (text, truth) in build_all().items():
        (HERE / f"{stem}.txt").write_text(text, encoding="utf-8")
        (HERE / f"{stem}.json").write_text(truth, encoding="utf-8")
