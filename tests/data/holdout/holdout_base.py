# ruff: noqa: E501  (data file: long Chinese label literals)
"""Shared pieces of the holdout generator: consistent numbers, the printed tables as rows, narrative.

Written independently of the parser (it is never imported here): the tables are built from the
printed format (国办公开办函〔2019〕60号 / 〔2021〕30号) and the layouts seen in real copies.
"""
from __future__ import annotations

import random
from collections.abc import Callable

APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
COLUMNS = [*APPLICANTS, "total"]
APPEAL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]

JIGOU = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# (row key, printed label cells) in printed order; a group label sits only on the group's first row.
REQUEST_ROWS_2021: list[tuple[str, list[str]]] = [
    ("new_received", ["一、本年新收政府信息公开申请数量"]),
    ("carried_over", ["二、上年结转政府信息公开申请数量"]),
    ("granted", ["三、本年度办理结果", "（一）予以公开"]),
    ("partially_granted", ["（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]),
    ("denied.state_secret", ["（三）不予公开", "1.属于国家秘密"]),
    ("denied.law_prohibited", ["2.其他法律行政法规禁止公开"]),
    ("denied.three_safety", ["3.危及“三安全一稳定”"]),
    ("denied.third_party", ["4.保护第三方合法权益"]),
    ("denied.internal_affairs", ["5.属于三类内部事务信息"]),
    ("denied.process_info", ["6.属于四类过程性信息"]),
    ("denied.enforcement_file", ["7.属于行政执法案卷"]),
    ("denied.query_item", ["8.属于行政查询事项"]),
    ("unable.not_held", ["（四）无法提供", "1.本机关不掌握相关政府信息"]),
    ("unable.needs_creation", ["2.没有现成信息需要另行制作"]),
    ("unable.unclear", ["3.补正后申请内容仍不明确"]),
    ("not_processed.petition", ["（五）不予处理", "1.信访举报投诉类申请"]),
    ("not_processed.duplicate", ["2.重复申请"]),
    ("not_processed.publication", ["3.要求提供公开出版物"]),
    ("not_processed.massive", ["4.无正当理由大量反复申请"]),
    ("not_processed.confirm", ["5.要求行政机关确认或重新出具已获取信息"]),
    ("other.no_correction", ["（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"]),
    ("other.no_fee", ["2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"]),
    ("other.other", ["3.其他"]),
    ("total", ["（七）总计"]),
    ("carried_forward", ["四、结转下年度继续办理"]),
]
REQUEST_ROWS_2019 = [r for r in REQUEST_ROWS_2021 if not r[0].startswith("other.")]
REQUEST_ROWS_2019.insert([k for k, _ in REQUEST_ROWS_2019].index("total"), ("other", ["（六）其他处理"]))

# weights of the result rows when spreading handled applications
RESULT_WEIGHTS = {
    "granted": 30, "partially_granted": 8, "denied.state_secret": 1, "denied.law_prohibited": 1,
    "denied.three_safety": 1, "denied.third_party": 3, "denied.internal_affairs": 2,
    "denied.process_info": 3, "denied.enforcement_file": 1, "denied.query_item": 2,
    "unable.not_held": 22, "unable.needs_creation": 4, "unable.unclear": 3,
    "not_processed.petition": 3, "not_processed.duplicate": 3, "not_processed.publication": 1,
    "not_processed.massive": 1, "not_processed.confirm": 1,
    "other.no_correction": 3, "other.no_fee": 1, "other.other": 4, "other": 7,
}


def request_rows(template: str) -> list[tuple[str, list[str]]]:
    return REQUEST_ROWS_2021 if template == "2021" else REQUEST_ROWS_2019


def make_values(seed: int, template: str, volume: int, *, regulations: bool = False,
                appeals: int = 2, fee: float = 0.0, procurement: tuple[int, float] = (0, 0.0)) -> dict:
    """Every cell of the format with non-zero numbers that add up (rows, columns, 一+二=三+四)."""
    rng = random.Random(seed)
    v: dict = {}
    if template == "2021":
        for row, on in (("regulations", regulations), ("normative_documents", True)):
            issued = rng.randint(1, 6) if on else 0
            v[f"active/{row}/issued"] = issued
            v[f"active/{row}/repealed"] = rng.randint(0, 3) if on else 0
            v[f"active/{row}/in_force"] = issued + rng.randint(8, 60) if on else 0
        v["active/licensing/decisions"] = rng.randint(20, 40) * max(volume, 1)
        v["active/punishment/decisions"] = rng.randint(3, 12) * max(volume, 1)
        v["active/coercion/decisions"] = rng.randint(0, 9)
        v["active/fees/amount"] = fee
    else:
        for row, on in (("regulations", regulations), ("normative_documents", True)):
            made = rng.randint(1, 8) if on else 0
            v[f"active/{row}/made"] = made
            v[f"active/{row}/published"] = made
            v[f"active/{row}/total"] = made + rng.randint(5, 40) if on else 0
        for row in ("licensing", "other_services", "punishment", "coercion"):
            v[f"active/{row}/previous"] = rng.randint(3, 90)
            v[f"active/{row}/change"] = rng.randint(-4, 5)
            v[f"active/{row}/decisions"] = rng.randint(0, 40) * max(volume, 1)
        v["active/fees/previous"] = rng.randint(1, 6)
        v["active/fees/change"] = rng.randint(-2, 1)
        v["active/procurement/count"], v["active/procurement/amount"] = procurement
    rows = [k for k, _ in request_rows(template)]
    results = rows[2:rows.index("total")]
    scale = [1.0, 0.14, 0.02, 0.03, 0.05, 0.04]
    for i, col in enumerate(APPLICANTS):
        new = int(volume * scale[i] * rng.uniform(0.6, 1.4)) if volume else 0
        if i == 0 and volume:
            new = max(new, 2)
        carried = rng.randint(0, max(1, new // 8)) if new else 0
        forward = rng.randint(0, max(1, new // 10)) if new else 0
        handled = new + carried - forward
        counts = dict.fromkeys(results, 0)
        for r in rng.choices(results, [RESULT_WEIGHTS[r] for r in results], k=handled):
            counts[r] += 1
        v[f"requests/new_received/{col}"] = new
        v[f"requests/carried_over/{col}"] = carried
        for r in results:
            v[f"requests/{r}/{col}"] = counts[r]
        v[f"requests/total/{col}"] = handled
        v[f"requests/carried_forward/{col}"] = forward
    for r in rows:
        v[f"requests/{r}/total"] = sum(v[f"requests/{r}/{c}"] for c in APPLICANTS)
    for row in APPEAL_ROWS:
        parts = [rng.randint(0, appeals) for _ in range(4)] if appeals else [0, 0, 0, 0]
        for col, n in zip(APPEAL_COLS[:4], parts, strict=True):
            v[f"appeals/{row}/{col}"] = n
        v[f"appeals/{row}/total"] = sum(parts)
    return v


def show(n) -> str:
    if n is None:
        return ""
    if isinstance(n, float):
        return f"{n:.2f}".rstrip("0").rstrip(".") if n else "0"
    return str(n)


class Printed:
    """The values as printed: overrides (key → printed text) and blanks (printed empty) on top of str()."""

    def __init__(self, values: dict, printed: dict[str, str] | None = None, blank: set[str] | None = None):
        self.values, self.printed, self.blank = values, printed or {}, blank or set()

    def __call__(self, key: str) -> str:
        if key in self.blank:
            return self.printed.get(key, "")
        return self.printed.get(key, show(self.values[key]))

    def truth(self) -> dict:
        return {k: (None if k in self.blank else v) for k, v in self.values.items()}


def active_rows(template: str, p: Callable[[str], str], paren: str = "（）") -> list[list[str]]:
    """Table 二 as printed rows; one-cell rows are the 第二十条 block headings."""
    lo, hi = paren

    def item(n: str) -> list[str]:
        return [f"第二十条第{lo}{n}{hi}项"]
    if template == "2021":
        cnt = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        dec = ["信息内容", "本年处理决定数量"]
        return [item("一"), cnt,
                ["规章", *(p(f"active/regulations/{c}") for c in ("issued", "repealed", "in_force"))],
                ["行政规范性文件", *(p(f"active/normative_documents/{c}") for c in ("issued", "repealed", "in_force"))],
                item("五"), dec, ["行政许可", p("active/licensing/decisions")],
                item("六"), dec, ["行政处罚", p("active/punishment/decisions")],
                ["行政强制", p("active/coercion/decisions")],
                item("八"), ["信息内容", f"本年收费金额{lo}单位：万元{hi}"], ["行政事业性收费", p("active/fees/amount")]]
    three = ("previous", "change", "decisions")
    head = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"]
    return [item("一"), ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            ["规章", *(p(f"active/regulations/{c}") for c in ("made", "published", "total"))],
            ["规范性文件", *(p(f"active/normative_documents/{c}") for c in ("made", "published", "total"))],
            item("五"), head, ["行政许可", *(p(f"active/licensing/{c}") for c in three)],
            ["其他对外管理服务事项", *(p(f"active/other_services/{c}") for c in three)],
            item("六"), head, ["行政处罚", *(p(f"active/punishment/{c}") for c in three)],
            ["行政强制", *(p(f"active/coercion/{c}") for c in three)],
            item("八"), head[:3], ["行政事业性收费", p("active/fees/previous"), p("active/fees/change")],
            item("九"), ["信息内容", "采购项目数量", "采购总金额"],
            ["政府集中采购", p("active/procurement/count"), p("active/procurement/amount")]]


def request_data(template: str, p: Callable[[str], str]) -> list[tuple[str, list[str], list[str]]]:
    """Table 三 data rows: (row key, label cells, seven printed values)."""
    return [(k, labels, [p(f"requests/{k}/{c}") for c in COLUMNS]) for k, labels in request_rows(template)]


REQUEST_HEAD = [[JIGOU, "申请人情况"], ["自然人", "法人或其他组织", "总计"],
                ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]]
APPEAL_HEAD = [["行政复议", "行政诉讼"],
               ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉", "复议后起诉"],
               ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 2]


def appeal_values(p: Callable[[str], str]) -> list[str]:
    return [p(f"appeals/{r}/{c}") for r in APPEAL_ROWS for c in APPEAL_COLS]


def narrative(agency: str, year: int, short: str, *, applications: str = "", appeals: str = "") -> dict[str, str]:
    """Plain section texts (sections 一, 五, 六 and the lead-ins of 三/四)."""
    return {
        "intro": (f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作"
                  f"年度报告格式》要求编制，所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。"),
        "overview": (f"{year}年，{short}认真贯彻落实《条例》和上级关于政务公开工作的部署，坚持以公开为常态、不公开为例外，"
                     f"持续推进决策、执行、管理、服务、结果公开。{applications}"
                     "严格执行“三审三校”制度，政府信息发布前均经保密审查；依托政府网站和政务新媒体及时发布政策文件和解读材料；"
                     "将政务公开纳入年度绩效考核，按季度通报栏目更新情况。"),
        "appeals_lead": appeals,
        "problems": ("一是政策解读的形式较为单一，图解、视频解读偏少；二是部分业务科室对依申请公开答复的规范性把握不够。"
                     f"{year + 1}年，我们将加强业务培训，丰富解读形式，进一步提升政府信息公开工作质量。"),
        "other": (f"{year}年，{short}未收取信息处理费。无其他需要报告的事项。"),
    }


SECTION_TITLES = {
    "overview": "一、总体情况", "active": "二、主动公开政府信息情况", "requests": "三、收到和处理政府信息公开申请情况",
    "appeals": "四、政府信息公开行政复议、行政诉讼情况", "problems": "五、存在的主要问题及改进情况",
    "other": "六、其他需要报告的事项",
}


def damage(text: str, edits: list[tuple[str, str]]) -> str:
    """Apply replacements, each of which must occur (count 1 unless old ends in '*' → all)."""
    for old, new in edits:
        every = old.endswith("*")
        old = old.rstrip("*") if every else old
        if old not in text:
            raise ValueError(f"damage target not found: {old!r}")
        text = text.replace(old, new) if every else text.replace(old, new, 1)
    return text
