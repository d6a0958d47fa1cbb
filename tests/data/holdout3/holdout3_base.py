# ruff: noqa: E501  (data file: long Chinese label literals)
"""Pieces of the third holdout (COPIED TEXT): consistent numbers, the printed tables as logical rows,
and the ways a copy flattens those rows into text.

Written without the parser (never imported here), from the printed formats (国办公开办函〔2019〕60号 /
〔2021〕30号) and from copies of real report pages (web CMS, Word/WPS, PDF viewers, WeChat articles).
A logical row is a list of printed cells; a renderer turns a list of rows into text as one kind of copy does.
"""
from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
APPEAL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]
JIGOU = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"

# (row key, group label printed on the group's first row or None, own label)
REQUESTS_2021: list[tuple[str, str | None, str]] = [
    ("new_received", None, "一、本年新收政府信息公开申请数量"),
    ("carried_over", None, "二、上年结转政府信息公开申请数量"),
    ("granted", "三、本年度办理结果", "（一）予以公开"),
    ("partially_granted", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("denied.state_secret", "（三）不予公开", "1.属于国家秘密"),
    ("denied.law_prohibited", None, "2.其他法律行政法规禁止公开"),
    ("denied.three_safety", None, "3.危及“三安全一稳定”"),
    ("denied.third_party", None, "4.保护第三方合法权益"),
    ("denied.internal_affairs", None, "5.属于三类内部事务信息"),
    ("denied.process_info", None, "6.属于四类过程性信息"),
    ("denied.enforcement_file", None, "7.属于行政执法案卷"),
    ("denied.query_item", None, "8.属于行政查询事项"),
    ("unable.not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unable.needs_creation", None, "2.没有现成信息需要另行制作"),
    ("unable.unclear", None, "3.补正后申请内容仍不明确"),
    ("not_processed.petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_processed.duplicate", None, "2.重复申请"),
    ("not_processed.publication", None, "3.要求提供公开出版物"),
    ("not_processed.massive", None, "4.无正当理由大量反复申请"),
    ("not_processed.confirm", None, "5.要求行政机关确认或重新出具已获取信息"),
    ("other.no_correction", "（六）其他处理", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other.no_fee", None, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other.other", None, "3.其他"),
    ("total", None, "（七）总计"),
    ("carried_forward", None, "四、结转下年度继续办理"),
]
REQUESTS_2019 = [r for r in REQUESTS_2021 if not r[0].startswith("other.")]
REQUESTS_2019.insert(len(REQUESTS_2019) - 2, ("other", None, "（六）其他处理"))

APPLICANT_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
APPEALS_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

RESULT_WEIGHTS = {
    "granted": 28, "partially_granted": 7, "denied.state_secret": 1, "denied.law_prohibited": 1,
    "denied.three_safety": 1, "denied.third_party": 3, "denied.internal_affairs": 2, "denied.process_info": 3,
    "denied.enforcement_file": 2, "denied.query_item": 2, "unable.not_held": 20, "unable.needs_creation": 4,
    "unable.unclear": 3, "not_processed.petition": 4, "not_processed.duplicate": 3, "not_processed.publication": 1,
    "not_processed.massive": 1, "not_processed.confirm": 1, "other.no_correction": 3, "other.no_fee": 1,
    "other.other": 4, "other": 8,
}


def cell_keys(template: str) -> list[str]:
    """Cell keys in template order, read as data from resources/template.json."""
    spec = json.loads((ROOT / "resources" / "template.json").read_text(encoding="utf-8"))
    return [f"{t['key']}/{r['key']}/{c['key']}" for t in spec["versions"][template]["tables"]
            for b in t["blocks"] for r in b["rows"] for c in b["columns"]]


def request_rows(template: str) -> list[tuple[str, str | None, str]]:
    return REQUESTS_2021 if template == "2021" else REQUESTS_2019


def make_values(seed: int, template: str, volume: int = 20, *, appeals: int = 3, fee: float = 0.0,
                regulations: bool = False) -> dict:
    """Every cell with numbers that add up (row totals, 总计 row, 一+二 = 三+四, appeal totals)."""
    rng = random.Random(seed)
    v: dict = {}
    if template == "2021":
        for row, on in (("regulations", regulations), ("normative_documents", True)):
            issued = rng.randint(1, 5) if on else 0
            v[f"active/{row}/issued"] = issued
            v[f"active/{row}/repealed"] = rng.randint(1, 3) if on else 0
            v[f"active/{row}/in_force"] = issued + rng.randint(6, 40) if on else 0
        v["active/licensing/decisions"] = rng.randint(40, 900)
        v["active/punishment/decisions"] = rng.randint(5, 300)
        v["active/coercion/decisions"] = rng.randint(1, 40)
        v["active/fees/amount"] = fee
    else:
        for row in ("regulations", "normative_documents"):
            made = rng.randint(1, 6) if (row != "regulations" or regulations) else 0
            v[f"active/{row}/made"] = made
            v[f"active/{row}/published"] = made
            v[f"active/{row}/total"] = made + rng.randint(5, 30) if made else 0
        for row in ("licensing", "other_services", "punishment", "coercion"):
            prev = rng.randint(3, 60)
            v[f"active/{row}/previous"] = prev
            v[f"active/{row}/change"] = rng.choice([-3, -1, 0, 2, 5])
            v[f"active/{row}/decisions"] = rng.randint(10, 800)
        v["active/fees/previous"] = rng.randint(1, 6)
        v["active/fees/change"] = rng.choice([-1, 0, 1])
        v["active/procurement/count"] = rng.randint(2, 20)
        v["active/procurement/amount"] = round(rng.randint(500, 90000) / 100, 2)
    rows = [r[0] for r in request_rows(template)]
    results = [r for r in rows if r not in ("new_received", "carried_over", "total", "carried_forward")]
    shares = [volume * 3 // 4, max(1, volume // 8), rng.randint(0, 2), max(1, volume // 20), rng.randint(0, 1), 0]
    for i, col in enumerate(APPLICANTS):
        new = shares[i] if i < 2 else shares[i] + rng.randint(0, 1)
        carried = rng.randint(0, 3) if i == 0 else 0
        forward = rng.randint(0, 2) if i < 2 and new else 0
        done = new + carried - forward
        counts = dict.fromkeys(results, 0)
        for _ in range(done):
            counts[rng.choices(results, weights=[RESULT_WEIGHTS[r] for r in results])[0]] += 1
        v[f"requests/new_received/{col}"] = new
        v[f"requests/carried_over/{col}"] = carried
        for r in results:
            v[f"requests/{r}/{col}"] = counts[r]
        v[f"requests/total/{col}"] = done
        v[f"requests/carried_forward/{col}"] = forward
    for r in rows:
        v[f"requests/{r}/total"] = sum(v[f"requests/{r}/{c}"] for c in APPLICANTS)
    for i, row in enumerate(APPEAL_ROWS):
        parts = [0, 0, 0, 0]
        for _ in range(max(0, appeals - 2 * i)):
            parts[rng.choices(range(4), weights=[6, 2, 1, 2])[0]] += 1
        for col, n in zip(APPEAL_COLS, [*parts, sum(parts)], strict=True):
            v[f"appeals/{row}/{col}"] = n
    return v


def truth(agency: str, year: int, template: str, values: dict) -> dict:
    keys = cell_keys(template)
    extra = set(values) - set(keys)
    assert not extra, f"keys outside the format: {sorted(extra)[:3]}"
    return {"agency": agency, "year": year, "template": template,
            "values": {k: values.get(k) for k in keys}, "findings": []}


def num(value: float | None, unit: str = "") -> str:
    """A printed number ('' for an unprinted cell)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"{value}{unit}"


# ---------------------------------------------------------------- logical rows of the three tables
Fmt = Callable[[str, float | None], str]


def plain(_key: str, value: float | None) -> str:
    return num(value)


def active_rows(v: dict, template: str, *, fmt: Fmt = plain, omit: tuple[str, ...] = (),
                fee_text: str | None = None) -> list[list[str]]:
    """Table 二 as printed rows; `omit` drops rows the agency did not print; fee_text overrides the amount cell."""
    def r(row: str, label: str, cols: list[str]) -> list[str]:
        return [label, *[fmt(f"active/{row}/{c}", v[f"active/{row}/{c}"]) for c in cols]]
    if template == "2021":
        fee = fee_text if fee_text is not None else fmt("active/fees/amount", v["active/fees/amount"])
        out = [["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
               r("regulations", "规章", ["issued", "repealed", "in_force"]),
               r("normative_documents", "行政规范性文件", ["issued", "repealed", "in_force"]),
               ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], r("licensing", "行政许可", ["decisions"]),
               ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], r("punishment", "行政处罚", ["decisions"]),
               r("coercion", "行政强制", ["decisions"]),
               ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", fee]]
    else:
        three = ["previous", "change", "decisions"]
        amount = fee_text if fee_text is not None else fmt("active/procurement/amount", v["active/procurement/amount"])
        out = [["第二十条第（一）项"], ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
               r("regulations", "规章", ["made", "published", "total"]),
               r("normative_documents", "规范性文件", ["made", "published", "total"]),
               ["第二十条第（五）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
               r("licensing", "行政许可", three), r("other_services", "其他对外管理服务事项", three),
               ["第二十条第（六）项"], ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
               r("punishment", "行政处罚", three), r("coercion", "行政强制", three),
               ["第二十条第（八）项"], ["信息内容", "上一年项目数量", "本年增/减"],
               r("fees", "行政事业性收费", ["previous", "change"]),
               ["第二十条第（九）项"], ["信息内容", "采购项目数量", "采购总金额"],
               ["政府集中采购", fmt("active/procurement/count", v["active/procurement/count"]), amount]]
    return [row for row in out if row[0] not in omit]


def requests_head(*, applicants: list[str] | None = None, total: str = "总计") -> list[list[str]]:
    heads = applicants or APPLICANT_HEAD
    return [[JIGOU, "申请人情况"], ["自然人", "法人或其他组织", total], heads[1:]]


def requests_rows(v: dict, template: str, *, fmt: Fmt = plain, labels: dict[str, str] | None = None,
                  groups: str = "first", total_label: str | None = None) -> list[list[str]]:
    """Table 三's body. groups: 'first' = group label as a cell of the group's first row (browser copy of a
    rowspan), 'own' = group label on a row of its own, 'none' = group labels dropped."""
    labels = labels or {}
    out: list[list[str]] = []
    for key, group, label in request_rows(template):
        label = labels.get(key, label)
        if key == "total" and total_label:
            label = total_label
        cells = [fmt(f"requests/{key}/{c}", v[f"requests/{key}/{c}"]) for c in [*APPLICANTS, "total"]]
        if group and groups == "own":
            out.append([labels.get(group, group)])
        if group and groups == "first":
            out.append([labels.get(group, group), label, *cells])
        else:
            out.append([label, *cells])
    return out


def appeals_head() -> list[list[str]]:
    return [["行政复议", "行政诉讼"], [*APPEALS_RESULTS, "未经复议直接起诉", "复议后起诉"],
            APPEALS_RESULTS * 2]


def appeals_values(v: dict, fmt: Fmt = plain) -> list[str]:
    return [fmt(f"appeals/{r}/{c}", v[f"appeals/{r}/{c}"]) for r in APPEAL_ROWS for c in APPEAL_COLS]


# ---------------------------------------------------------------- how copies flatten rows
def tabs(rows: list[list[str]]) -> str:
    """Chrome/Edge/WPS copy of a table: tab between cells, a newline per row."""
    return "\n".join("\t".join(r) for r in rows)


def per_line(rows: list[list[str]], blank: int = 0) -> str:
    """One cell per line (Firefox/CMS reader copies), optionally `blank` empty lines after each cell."""
    sep = "\n" * (blank + 1)
    return sep.join(c for r in rows for c in r)


def spaces(rows: list[list[str]], gap: str = " ") -> str:
    """PDF viewer copy: cells of a row separated by spaces; empty cells vanish."""
    return "\n".join(gap.join(c for c in r if c != "") for r in rows)


NARRATIVE = (
    "一、总体情况\n{y}年，{short}坚持以公开为常态、不公开为例外，认真贯彻落实《中华人民共和国政府信息公开条例》，"
    "围绕中心工作推进决策、执行、管理、服务、结果公开。\n（一）主动公开\n全年通过门户网站主动公开政府信息{a}条，政务新媒体发布信息{b}条。\n"
    "（二）依申请公开\n全年共收到政府信息公开申请{n}件，均在法定期限内答复。\n（三）政府信息管理\n落实公开属性源头认定和保密审查制度，"
    "动态更新政府信息公开指南。\n（四）政府信息公开平台建设\n优化政府信息公开专栏栏目设置。\n（五）监督保障\n将政务公开工作纳入年度考核。"
)
ENDING = (
    "五、存在的主要问题及改进情况\n一是公开内容的深度还不够；二是政策解读形式较为单一。下一步，我们将加强业务培训，提升公开质量。\n"
    "六、其他需要报告的事项\n本年度未收取信息处理费。无其他需要报告的事项。"
)


def narrative(year: int, short: str, v: dict, seed: int) -> str:
    rng = random.Random(seed)
    return NARRATIVE.format(y=year, short=short, a=rng.randint(80, 900), b=rng.randint(100, 2000),
                            n=v["requests/new_received/total"])
