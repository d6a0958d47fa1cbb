# ruff: noqa: E501  (data file: long Chinese label literals)
"""Second holdout, shared pieces: consistent numbers, the three tables as merged-cell grids, narrative.

Written without looking at the parser. The tables follow the printed format (国办公开办函〔2019〕60号 /
〔2021〕30号); a table is a list of rows of `Cell`s (text, rowspan, colspan) as in tests/docgen.py.
A cell text may hold "\n": the writers turn it into <br>, separate <p>s or separate Word paragraphs.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
COLUMNS = [*APPLICANTS, "total"]
APPEAL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]
JIGOU = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# result rows: (key, group label or "", sub-group label or "", own label)
RESULTS_2021 = [
    ("granted", "", "（一）予以公开"),
    ("partially_granted", "", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied.law_prohibited", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("denied.three_safety", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("denied.third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("denied.internal_affairs", "（三）不予公开", "5.属于三类内部事务信息"),
    ("denied.process_info", "（三）不予公开", "6.属于四类过程性信息"),
    ("denied.enforcement_file", "（三）不予公开", "7.属于行政执法案卷"),
    ("denied.query_item", "（三）不予公开", "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unable.unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed.duplicate", "（五）不予处理", "2.重复申请"),
    ("not_processed.publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("not_processed.massive", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("not_processed.confirm", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.no_fee", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", "（六）其他处理", "3.其他"),
    ("total", "", "（七）总计"),
]
RESULTS_2019 = [r for r in RESULTS_2021 if not r[0].startswith("other.")]
RESULTS_2019.insert(len(RESULTS_2019) - 1, ("other", "", "（六）其他处理"))
WEIGHTS = {"granted": 30, "partially_granted": 7, "unable.not_held": 20, "unable.needs_creation": 4,
           "unable.unclear": 3, "other": 6, "other.other": 4, "denied.third_party": 3, "denied.process_info": 3}


def results(template: str) -> list[tuple[str, str, str]]:
    return RESULTS_2021 if template == "2021" else RESULTS_2019


def request_keys(template: str) -> list[str]:
    return ["new_received", "carried_over", *(k for k, _, _ in results(template)), "carried_forward"]


def make_values(seed: int, template: str, volume: int, *, regulations: bool = False, appeals: int = 2,
                fee: float = 0.0, procurement: tuple[int, float] = (0, 0.0)) -> dict:
    """Every cell with numbers that add up: row totals, column sums, 一+二 = 三 + 四, appeals totals."""
    rng = random.Random(seed * 7919 + volume)
    v: dict = {}
    if template == "2021":
        for row, on in (("regulations", regulations), ("normative_documents", True)):
            issued = rng.randint(1, 9) if on else 0
            v[f"active/{row}/issued"] = issued
            v[f"active/{row}/repealed"] = rng.randint(1, 4) if on else 0
            v[f"active/{row}/in_force"] = issued + rng.randint(10, 80) if on else 0
        v["active/licensing/decisions"] = rng.randint(15, 60) * max(volume, 3)
        v["active/punishment/decisions"] = rng.randint(2, 15) * max(volume, 3)
        v["active/coercion/decisions"] = rng.randint(1, 30)
        v["active/fees/amount"] = fee
    else:
        for row, on in (("regulations", regulations), ("normative_documents", True)):
            made = rng.randint(1, 9) if on else 0
            v[f"active/{row}/made"] = made
            v[f"active/{row}/published"] = made
            v[f"active/{row}/total"] = made + rng.randint(6, 50) if on else 0
        for row in ("licensing", "other_services", "punishment", "coercion"):
            v[f"active/{row}/previous"] = rng.randint(4, 120)
            v[f"active/{row}/change"] = rng.choice([-5, -3, -1, 0, 2, 4, 7])
            v[f"active/{row}/decisions"] = rng.randint(1, 50) * max(volume, 2)
        v["active/fees/previous"] = rng.randint(1, 8)
        v["active/fees/change"] = rng.choice([-2, -1, 0, 1])
        v["active/procurement/count"], v["active/procurement/amount"] = procurement
    res = [k for k, _, _ in results(template) if k != "total"]
    scale = [1.0, 0.18, 0.03, 0.04, 0.06, 0.05]
    for i, col in enumerate(APPLICANTS):
        new = max(int(volume * scale[i] * rng.uniform(0.6, 1.4)), 3 if i == 0 else 0)
        carried = rng.randint(0, max(1, new // 6)) if new else 0
        forward = rng.randint(0, max(1, new // 8)) if new else 0
        counts = dict.fromkeys(res, 0)
        for r in rng.choices(res, [WEIGHTS.get(r, 1) for r in res], k=new + carried - forward):
            counts[r] += 1
        v[f"requests/new_received/{col}"] = new
        v[f"requests/carried_over/{col}"] = carried
        for r in res:
            v[f"requests/{r}/{col}"] = counts[r]
        v[f"requests/total/{col}"] = new + carried - forward
        v[f"requests/carried_forward/{col}"] = forward
    for r in request_keys(template):
        v[f"requests/{r}/total"] = sum(v[f"requests/{r}/{c}"] for c in APPLICANTS)
    for row in APPEAL_ROWS:
        parts = [rng.randint(0, appeals) for _ in range(4)]
        for col, n in zip(APPEAL_COLS[:4], parts, strict=True):
            v[f"appeals/{row}/{col}"] = n
        v[f"appeals/{row}/total"] = sum(parts)
    return v


def show(n) -> str:
    if n is None:
        return ""
    if isinstance(n, float):
        return f"{n:.4f}".rstrip("0").rstrip(".")
    return str(n)


class Printed:
    """How each value is printed: `printed` overrides the text; `blank` keys are blank cells (truth None),
    printed empty unless `printed` gives a dash."""

    def __init__(self, values: dict, printed: dict[str, str] | None = None, blank: set[str] | None = None):
        self.values, self.printed, self.blank = values, dict(printed or {}), set(blank or ())

    def __call__(self, key: str) -> str:
        if key in self.printed:
            return self.printed[key]
        return "" if key in self.blank else show(self.values[key])

    def blank_zeros(self, prefix: str = "") -> Printed:
        """Zeros left empty (the Shanghai-style table): those cells are blank, not 0."""
        self.blank |= {k for k, n in self.values.items() if k.startswith(prefix) and n == 0}
        return self

    def blank_subrow_totals(self, template: str) -> Printed:
        """The 总计 column printed only on 一、二、（七）总计、四 (blank on every result row)."""
        self.blank |= {f"requests/{k}/total" for k, _, _ in results(template) if k != "total"}
        return self

    def truth(self) -> dict:
        return {k: (None if k in self.blank else v) for k, v in self.values.items()}


@dataclass
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1
    head: bool = False


def active_table(template: str, p: Printed, *, paren: str = "（）", fee_head: str = "本年收费金额（单位：万元）") -> list[list[Cell]]:
    """Table 二 as one 4-column table in the official arrangement (block headings span the width)."""
    return [row for block in active_blocks(template, p, paren=paren, fee_head=fee_head) for row in block]


def active_blocks(template: str, p: Printed, *, paren: str = "（）", fee_head: str = "本年收费金额（单位：万元）") -> list[list[list[Cell]]]:
    """Table 二 as its 第二十条 blocks, each a 4-column grid (heading row, column headings, data rows)."""
    lo, hi = paren

    def block(item: str, heads: list[str], rows: list[tuple[str, list[str]]]) -> list[list[Cell]]:
        spans = {1: [3], 2: [1, 2], 3: [1, 1, 1]}[len(heads)]
        out = [[Cell(f"第二十条第{lo}{item}{hi}项", colspan=4, head=True)],
               [Cell("信息内容", head=True)] + [Cell(h, colspan=s, head=True) for h, s in zip(heads, spans, strict=True)]]
        for label, keys in rows:
            out.append([Cell(label)] + [Cell(p(k), colspan=s) for k, s in zip(keys, spans, strict=True)])
        return out

    if template == "2021":
        three = ("issued", "repealed", "in_force")
        return [block("一", ["本年制发件数", "本年废止件数", "现行有效件数"],
                      [("规章", [f"active/regulations/{c}" for c in three]),
                       ("行政规范性文件", [f"active/normative_documents/{c}" for c in three])]),
                block("五", ["本年处理决定数量"], [("行政许可", ["active/licensing/decisions"])]),
                block("六", ["本年处理决定数量"], [("行政处罚", ["active/punishment/decisions"]),
                                                  ("行政强制", ["active/coercion/decisions"])]),
                block("八", [fee_head], [("行政事业性收费", ["active/fees/amount"])])]
    three = ("made", "published", "total")
    pcd = ("previous", "change", "decisions")
    heads = ["上一年项目数量", "本年增/减", "处理决定数量"]
    return [block("一", ["本年新制作数量", "本年新公开数量", "对外公开总数量"],
                  [("规章", [f"active/regulations/{c}" for c in three]),
                   ("规范性文件", [f"active/normative_documents/{c}" for c in three])]),
            block("五", heads, [("行政许可", [f"active/licensing/{c}" for c in pcd]),
                                ("其他对外管理服务事项", [f"active/other_services/{c}" for c in pcd])]),
            block("六", heads, [("行政处罚", [f"active/punishment/{c}" for c in pcd]),
                                ("行政强制", [f"active/coercion/{c}" for c in pcd])]),
            block("八", heads[:2], [("行政事业性收费", ["active/fees/previous", "active/fees/change"])]),
            block("九", ["采购项目数量", "采购总金额"], [("政府集中采购", ["active/procurement/count", "active/procurement/amount"])])]


def request_head(*, split_br: bool = False) -> list[list[Cell]]:
    """The three header rows of table 三 in the official arrangement (10 columns)."""
    org = ["商业\n企业", "科研\n机构", "社会公益\n组织", "法律服务\n机构", "其他"] if split_br else \
          ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    return [[Cell(JIGOU, rowspan=3, colspan=3, head=True), Cell("申请人情况", colspan=7, head=True)],
            [Cell("自然人", rowspan=2, head=True), Cell("法人或其他组织", colspan=5, head=True), Cell("总计", rowspan=2, head=True)],
            [Cell(t, head=True) for t in org]]


def request_body(template: str, p: Printed, *, label=lambda s: s) -> list[list[Cell]]:
    """Table 三's data rows, official merges: 三、本年度办理结果 and the （三）（四）（五）（六） groups as rowspans."""
    res = results(template)

    def vals(key: str) -> list[Cell]:
        return [Cell(p(f"requests/{key}/{c}")) for c in COLUMNS]

    rows = [[Cell(label("一、本年新收政府信息公开申请数量"), colspan=3), *vals("new_received")],
            [Cell(label("二、上年结转政府信息公开申请数量"), colspan=3), *vals("carried_over")]]
    seen: set[str] = set()
    for i, (key, group, own) in enumerate(res):
        row = [Cell(label("三、本年度办理结果"), rowspan=len(res))] if i == 0 else []
        if group:
            if group not in seen:
                seen.add(group)
                row.append(Cell(label(group), rowspan=sum(1 for _, g, _ in res if g == group)))
            row.append(Cell(label(own)))
        else:
            row.append(Cell(label(own), colspan=2))
        rows.append(row + vals(key))
    rows.append([Cell(label("四、结转下年度继续办理"), colspan=3), *vals("carried_forward")])
    return rows


def appeals_table(p: Printed) -> list[list[Cell]]:
    """Table 四 in the official arrangement: a two-level header over one row of 15."""
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    return [[Cell("行政复议", colspan=5, head=True), Cell("行政诉讼", colspan=10, head=True)],
            [*(Cell(h, rowspan=2, head=True) for h in heads), Cell("未经复议直接起诉", colspan=5, head=True),
             Cell("复议后起诉", colspan=5, head=True)],
            [Cell(h, head=True) for h in heads * 2],
            [Cell(p(f"appeals/{r}/{c}")) for r in APPEAL_ROWS for c in APPEAL_COLS]]


def appeals_labelled(p: Printed) -> list[list[Cell]]:
    """Table 四 as three labelled rows of five (a common re-layout)."""
    heads = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    labels = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）",
              "litigation_after_review": "行政诉讼（复议后起诉）"}
    return [[Cell("类别", head=True), *(Cell(h, head=True) for h in heads)],
            *([Cell(labels[r]), *(Cell(p(f"appeals/{r}/{c}")) for c in APPEAL_COLS)] for r in APPEAL_ROWS)]


def narrative(agency: str, year: int, v: dict) -> dict[str, str]:
    n = v["requests/new_received/total"]
    return {
        "intro": (f"本报告根据《中华人民共和国政府信息公开条例》和国务院办公厅政府信息与政务公开办公室印发的"
                  f"《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制，"
                  f"数据统计期限为{year}年1月1日至{year}年12月31日。如对本报告有疑问，请与{agency}办公室联系（电话：0571-87051234）。"),
        "overview": (f"{year}年，{agency}坚持以公开为常态、不公开为例外，持续深化决策、执行、管理、服务、结果公开。"
                     f"全年共收到政府信息公开申请{n}件，均在法定期限内答复。"
                     "严格落实保密审查制度，政府信息发布前均经审核；依托门户网站集中发布政策文件和解读材料。"),
        "problems": "存在的问题：政策解读形式较为单一，基层公开标准化规范化水平有待提高。改进措施：丰富图解、视频等解读形式，加强业务培训。",
        "other": f"{year}年度，本机关未收取信息处理费。本机关人大代表建议和政协委员提案办理结果均已按要求公开。",
    }


SECTION = {"one": "一、总体情况", "two": "二、主动公开政府信息情况", "three": "三、收到和处理政府信息公开申请情况",
           "four": "四、政府信息公开行政复议、行政诉讼情况", "five": "五、存在的主要问题及改进情况",
           "six": "六、其他需要报告的事项"}
