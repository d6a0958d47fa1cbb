# ruff: noqa: E501  (data file: long Chinese label literals)
"""Pieces of the fourth holdout: 2019-format reports, OCR'd scans, unreadable cells, extra rows in table 二.

Written without the parser (never imported). A report is built as: values that add up → printed rows
(lists of cells; a value's printed text may be overridden to model damage) → a renderer that flattens the
rows the way a copy/OCR does. The truth is what a careful reader reads off the printed text.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]
APPEAL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]

# (row key, group label or None, label as printed in the 2021 format)
REQ_ROWS: list[tuple[str, str | None, str]] = [
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
REQ_ROWS_2019 = [r for r in REQ_ROWS if not r[0].startswith("other.")]
REQ_ROWS_2019.insert(20, ("other", None, "（六）其他处理"))
# wording of the 2019-era printed forms (本年新收到…, 其他法律、行政法规规定禁止公开)
WORDING_2019 = {"new_received": "一、本年新收到的政府信息公开申请数量",
                "denied.law_prohibited": "2.其他法律、行政法规规定禁止公开"}
JIGOU = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANT_HEAD = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
WEIGHTS = {"granted": 30, "partially_granted": 6, "denied.state_secret": 1, "denied.law_prohibited": 1,
           "denied.three_safety": 1, "denied.third_party": 3, "denied.internal_affairs": 2,
           "denied.process_info": 3, "denied.enforcement_file": 1, "denied.query_item": 2,
           "unable.not_held": 18, "unable.needs_creation": 4, "unable.unclear": 3,
           "not_processed.petition": 4, "not_processed.duplicate": 3, "not_processed.publication": 1,
           "not_processed.massive": 1, "not_processed.confirm": 1, "other.no_correction": 3,
           "other.no_fee": 1, "other.other": 3, "other": 7}


def keys_of(template: str) -> list[str]:
    """Cell keys in template order, read as data from resources/template.json."""
    spec = json.loads((ROOT / "resources" / "template.json").read_text(encoding="utf-8"))
    return [f"{t['key']}/{r['key']}/{c['key']}" for t in spec["versions"][template]["tables"]
            for b in t["blocks"] for r in b["rows"] for c in b["columns"]]


def req_rows(template: str) -> list[tuple[str, str | None, str]]:
    return REQ_ROWS if template == "2021" else REQ_ROWS_2019


def values(seed: int, template: str, volume: int = 30, appeals: int = 4) -> dict:
    """Every cell, non-zero where an agency of this size would have numbers, adding up everywhere."""
    rng = random.Random(seed)
    v: dict = {}
    if template == "2019":
        for row in ("regulations", "normative_documents"):
            made = rng.randint(1, 4) if row == "regulations" else rng.randint(3, 18)
            v[f"active/{row}/made"] = made
            v[f"active/{row}/published"] = made
            v[f"active/{row}/total"] = made + rng.randint(4, 60)
        for row in ("licensing", "other_services", "punishment", "coercion"):
            v[f"active/{row}/previous"] = rng.randint(4, 90)
            v[f"active/{row}/change"] = rng.choice([-4, -2, -1, 0, 1, 2, 3, 6])
            v[f"active/{row}/decisions"] = rng.randint(12, 1500)
        v["active/fees/previous"] = rng.randint(1, 9)
        v["active/fees/change"] = rng.choice([-2, -1, 0, 1])
        v["active/procurement/count"] = rng.randint(2, 40)
        v["active/procurement/amount"] = round(rng.randint(2000, 300000) / 100, 2)
    else:
        v["active/regulations/issued"] = rng.randint(1, 3)
        v["active/regulations/repealed"] = rng.randint(1, 2)
        v["active/regulations/in_force"] = rng.randint(8, 30)
        v["active/normative_documents/issued"] = rng.randint(3, 15)
        v["active/normative_documents/repealed"] = rng.randint(1, 6)
        v["active/normative_documents/in_force"] = rng.randint(20, 120)
        v["active/licensing/decisions"] = rng.randint(100, 5000)
        v["active/punishment/decisions"] = rng.randint(10, 600)
        v["active/coercion/decisions"] = rng.randint(2, 60)
        v["active/fees/amount"] = round(rng.randint(100, 90000) / 100, 2)
    rows = [r[0] for r in req_rows(template)]
    results = [r for r in rows if r not in ("new_received", "carried_over", "total", "carried_forward")]
    for i, col in enumerate(APPLICANTS):
        new = [volume, max(2, volume // 6), rng.randint(1, 2), rng.randint(1, 3), rng.randint(1, 2), rng.randint(1, 3)][i]
        carried = rng.randint(1, 4) if i < 2 else 0
        forward = rng.randint(1, 3) if i < 2 else 0
        counts = dict.fromkeys(results, 0)
        for _ in range(new + carried - forward):
            counts[rng.choices(results, weights=[WEIGHTS[r] for r in results])[0]] += 1
        v[f"requests/new_received/{col}"] = new
        v[f"requests/carried_over/{col}"] = carried
        for r in results:
            v[f"requests/{r}/{col}"] = counts[r]
        v[f"requests/total/{col}"] = new + carried - forward
        v[f"requests/carried_forward/{col}"] = forward
    for r in rows:
        v[f"requests/{r}/total"] = sum(v[f"requests/{r}/{c}"] for c in APPLICANTS)
    for i, row in enumerate(APPEAL_ROWS):
        parts = [0, 0, 0, 0]
        for _ in range(max(1, appeals - 2 * i)):
            parts[rng.choices(range(4), weights=[6, 2, 2, 2])[0]] += 1
        for col, n in zip(APPEAL_COLS, [*parts, sum(parts)], strict=True):
            v[f"appeals/{row}/{col}"] = n
    return v


def num(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def change_text(n: int, style: str) -> str:
    """本年增/减 as printed: 'sign' (+2/-3/0), 'zeng' (增2/减3/0), 'zengjia' (增加2/减少3/0)."""
    if n == 0:
        return "0"
    if style == "sign":
        return f"+{n}" if n > 0 else str(n)
    if style == "zeng":
        return f"增{n}" if n > 0 else f"减{-n}"
    return f"增加{n}" if n > 0 else f"减少{-n}"


def amount_text(a: float, style: str) -> str:
    """采购总金额 / 收费金额 as printed: 'wan' (797.58万元), 'bare' (797.58), 'yuan' (7975800元), 'yuan_bare'."""
    if style == "wan":
        return f"{num(a)}万元"
    if style == "bare":
        return num(a)
    yuan = round(a * 10000)
    return f"{yuan}元" if style == "yuan" else str(yuan)


class Printed:
    """The printed text of every cell (defaults from the values) and the truth a careful reader writes."""

    def __init__(self, v: dict, *, change: str = "sign", amount: str = "wan") -> None:
        self.v = dict(v)
        self.truth = dict(v)
        self.text: dict[str, str] = {}
        for k, x in v.items():
            if k.endswith("/change"):
                self.text[k] = change_text(x, change)
            elif k in ("active/procurement/amount", "active/fees/amount"):
                self.text[k] = amount_text(x, amount)
            else:
                self.text[k] = num(x)

    def damage(self, key: str, printed: str, readable: bool = True) -> None:
        """Print `key` as `printed`; an unreadable cell is null in the truth."""
        self.text[key] = printed
        if not readable:
            self.truth[key] = None

    def __call__(self, key: str) -> str:
        return self.text[key]


def active_rows(p: Printed, template: str, *, labels: dict[str, str] | None = None,
                heads: dict[str, str] | None = None, extra: dict[str, list[list[str]]] | None = None,
                amount_head: str = "采购总金额") -> list[list[str]]:
    """Table 二. labels: row key → printed label; heads: '一'/'五'/'六'/'八'/'九' → grouping heading
    (a heading mapped to '' is not printed); extra: row key → rows printed right after that row."""
    labels, heads, extra = labels or {}, heads or {}, extra or {}

    def head(n: str) -> list[list[str]]:
        h = heads.get(n, f"第二十条第（{n}）项")
        return [[h]] if h else []

    def r(row: str, label: str, cols: list[str]) -> list[list[str]]:
        return [[labels.get(row, label), *[p(f"active/{row}/{c}") for c in cols]], *extra.get(row, [])]

    if template == "2021":
        return [*head("一"), ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                *r("regulations", "规章", ["issued", "repealed", "in_force"]),
                *r("normative_documents", "行政规范性文件", ["issued", "repealed", "in_force"]),
                *head("五"), ["信息内容", "本年处理决定数量"], *r("licensing", "行政许可", ["decisions"]),
                *head("六"), ["信息内容", "本年处理决定数量"], *r("punishment", "行政处罚", ["decisions"]),
                *r("coercion", "行政强制", ["decisions"]),
                *head("八"), ["信息内容", "本年收费金额（单位：万元）"], *r("fees", "行政事业性收费", ["amount"])]
    three = ["previous", "change", "decisions"]
    return [*head("一"), ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
            *r("regulations", "规章", ["made", "published", "total"]),
            *r("normative_documents", "规范性文件", ["made", "published", "total"]),
            *head("五"), ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            *r("licensing", "行政许可", three), *r("other_services", "其他对外管理服务事项", three),
            *head("六"), ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
            *r("punishment", "行政处罚", three), *r("coercion", "行政强制", three),
            *head("八"), ["信息内容", "上一年项目数量", "本年增/减"],
            *r("fees", "行政事业性收费", ["previous", "change"]),
            *head("九"), ["信息内容", "采购项目数量", amount_head],
            *r("procurement", "政府集中采购", ["count", "amount"])]


def requests_rows(p: Printed, template: str, *, labels: dict[str, str] | None = None,
                  wording_2019: bool = True, total_head: str = "总计") -> list[list[str]]:
    """Table 三: header rows then one row per key; a group label is a cell of its group's first row."""
    labels = dict(WORDING_2019 if template == "2019" and wording_2019 else {}) | (labels or {})
    out = [[JIGOU, "申请人情况"], ["自然人", "法人或其他组织", total_head], APPLICANT_HEAD[1:]]
    for key, group, label in req_rows(template):
        cells = [p(f"requests/{key}/{c}") for c in [*APPLICANTS, "total"]]
        lead = [labels.get(group, group)] if group else []
        out.append([*lead, labels.get(key, label), *cells])
    return out


def appeals_rows(p: Printed) -> list[list[str]]:
    return [["行政复议", "行政诉讼"], [*RESULTS, "未经复议直接起诉", "复议后起诉"], RESULTS * 2,
            [p(f"appeals/{r}/{c}") for r in APPEAL_ROWS for c in APPEAL_COLS]]


# ---------------------------------------------------------------- renderers
def per_line(rows: list[list[str]], indent: str = "\t") -> str:
    """One cell per line, a blank line after each row (Word/CMS copy of a ruled table)."""
    return "\n\n".join("\n".join(indent + c for c in r) for r in rows)


def tabbed(rows: list[list[str]]) -> str:
    return "\n".join("\t".join(r) for r in rows)


def spaced(rows: list[list[str]]) -> str:
    """OCR of a scan whose table lines were lost: cells run together with single spaces, empty cells vanish."""
    return "\n".join(" ".join(c for c in r if c) for r in rows)


def spread(label: str) -> str:
    """OCR inserting spaces between the characters of a label."""
    return " ".join(label)


def report_text(title: str, year: int, short: str, v: dict, t2: str, t3: str, t4: str, seed: int,
                *, signature: str = "", heading2: str = "二、主动公开政府信息情况") -> str:
    rng = random.Random(seed)
    n = v["requests/new_received/total"]
    body = [
        title, "",
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）要求编制。报告中所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
        "一、总体情况",
        f"{year}年，{short}深入贯彻新修订的《条例》，坚持以公开为常态、不公开为例外，全年主动公开政府信息{rng.randint(120, 990)}条。"
        f"全年共收到政府信息公开申请{n}件，均按期答复。",
        heading2, t2, "",
        "三、收到和处理政府信息公开申请情况", t3, "",
        "四、政府信息公开行政复议、行政诉讼情况", t4, "",
        "五、存在的主要问题及改进情况",
        "一是主动公开的深度和广度有待加强；二是依申请公开答复的规范性有待提高。下一步将加强培训，完善制度。",
        "六、其他需要报告的事项",
        "本年度未收取信息处理费。无其他需要报告的事项。",
    ]
    if signature:
        body += ["", signature, f"{year + 1}年1月{rng.randint(10, 28)}日"]
    return "\n".join(body)


def truth(agency: str, year: int, template: str, p: Printed) -> dict:
    keys = keys_of(template)
    extra = set(p.truth) - set(keys)
    assert not extra, sorted(extra)[:3]
    return {"agency": agency, "year": year, "template": template,
            "values": {k: p.truth.get(k) for k in keys}, "findings": []}
