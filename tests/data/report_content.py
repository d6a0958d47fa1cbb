"""Values, narrative and report assembly shared by the generated test reports (see make_reports.py)."""
from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from parser.template import version  # noqa: E402

# --------------------------------------------------------------------------- values

RESULT_WEIGHTS_2021 = {
    "granted": 34, "partially_granted": 8, "denied.state_secret": 0.5, "denied.law_prohibited": 1,
    "denied.three_safety": 0.5, "denied.third_party": 3, "denied.internal_affairs": 2,
    "denied.process_info": 2, "denied.enforcement_file": 1, "denied.query_item": 1,
    "unable.not_held": 22, "unable.needs_creation": 4, "unable.unclear": 3,
    "not_processed.petition": 5, "not_processed.duplicate": 3, "not_processed.publication": 1,
    "not_processed.massive": 1, "not_processed.confirm": 1,
    "other.no_correction": 3, "other.no_fee": 0.5, "other.other": 4,
}
RESULT_WEIGHTS_2019 = {k: v for k, v in RESULT_WEIGHTS_2021.items() if not k.startswith("other.")} | {"other": 7.5}
APPLICANTS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org"]


@dataclass
class Profile:
    """How big the numbers are: a county bureau handles a handful of requests, a city government thousands."""

    handled: dict[str, tuple[int, int]]
    active_scale: int
    appeals: int


PROFILES = {
    "small": Profile({"natural_person": (4, 18), "commercial": (0, 3), "research": (0, 0),
                      "social_welfare": (0, 1), "legal_service": (0, 2), "other_org": (0, 1)}, 1, 1),
    "county": Profile({"natural_person": (20, 90), "commercial": (2, 12), "research": (0, 1),
                       "social_welfare": (0, 2), "legal_service": (1, 6), "other_org": (0, 4)}, 10, 3),
    "city": Profile({"natural_person": (300, 1400), "commercial": (20, 90), "research": (0, 3),
                     "social_welfare": (0, 8), "legal_service": (5, 40), "other_org": (2, 20)}, 100, 12),
}


def draw_values(rng: random.Random, template: str, profile: str) -> dict[str, int | float]:
    p = PROFILES[profile]
    v: dict[str, int | float] = {}
    weights = RESULT_WEIGHTS_2021 if template == "2021" else RESULT_WEIGHTS_2019
    rows = list(weights)
    for col in APPLICANTS:
        lo, hi = p.handled[col]
        handled = rng.randint(lo, hi)
        counts = dict.fromkeys(rows, 0)
        for row in rng.choices(rows, weights=list(weights.values()), k=handled):
            counts[row] += 1
        carried_forward = rng.randint(0, handled // 6) if handled else 0
        carried_over = rng.randint(0, min(handled + carried_forward, max(1, handled // 5))) if handled else 0
        for row, n in counts.items():
            v[f"requests/{row}/{col}"] = n
        v[f"requests/total/{col}"] = handled
        v[f"requests/carried_forward/{col}"] = carried_forward
        v[f"requests/carried_over/{col}"] = carried_over
        v[f"requests/new_received/{col}"] = handled + carried_forward - carried_over
    for row in ["new_received", "carried_over", *rows, "total", "carried_forward"]:
        v[f"requests/{row}/total"] = sum(v[f"requests/{row}/{c}"] for c in APPLICANTS)
    s = p.active_scale
    if template == "2021":
        reg = rng.random() < 0.3 and s >= 100
        v |= {"active/regulations/issued": rng.randint(1, 6) if reg else 0,
              "active/regulations/repealed": rng.randint(0, 2) if reg else 0,
              "active/regulations/in_force": rng.randint(20, 90) if reg else 0,
              "active/normative_documents/issued": rng.randint(1, 3 + s // 4),
              "active/normative_documents/repealed": rng.randint(0, 2 + s // 10),
              "active/normative_documents/in_force": rng.randint(8, 20 + s),
              "active/licensing/decisions": rng.randint(30 * s, 400 * s),
              "active/punishment/decisions": rng.randint(2 * s, 60 * s),
              "active/coercion/decisions": rng.randint(0, 3 * s),
              "active/fees/amount": round(rng.uniform(5, 80) * s / 10 + rng.random(), rng.choice((2, 4)))}
    else:
        made = rng.randint(1, 3 + s // 4)
        v |= {"active/regulations/made": 0, "active/regulations/published": 0, "active/regulations/total": 0,
              "active/normative_documents/made": made, "active/normative_documents/published": made,
              "active/normative_documents/total": rng.randint(10, 30 + s)}
        for row in ("licensing", "other_services", "punishment", "coercion"):
            v[f"active/{row}/previous"] = rng.randint(5, 40 + s)
            v[f"active/{row}/change"] = rng.choice((-3, -2, -1, 0, 0, 1, 2, 5))
            v[f"active/{row}/decisions"] = rng.randint(10 * s, 200 * s) if row != "coercion" else rng.randint(0, 3 * s)
        v |= {"active/fees/previous": rng.randint(1, 9), "active/fees/change": rng.choice((-1, 0, 0, 1)),
              "active/procurement/count": rng.randint(2, 30),
              "active/procurement/amount": round(rng.uniform(20, 900), 2)}
    appeal_sizes = (("review", p.appeals), ("litigation_direct", p.appeals // 2 + 1),
                    ("litigation_after_review", p.appeals // 3))
    for row, mx in appeal_sizes:
        parts = [rng.randint(0, mx), rng.randint(0, mx // 3), rng.randint(0, mx // 3), rng.randint(0, mx // 2)]
        for col, n in zip(("upheld", "corrected", "other", "pending"), parts, strict=True):
            v[f"appeals/{row}/{col}"] = n
        v[f"appeals/{row}/total"] = sum(parts)
    return v


def fmt(value: int | float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".")
    return str(value)


# --------------------------------------------------------------------------- narrative

@dataclass
class Meta:
    agency: str
    year: int
    topic: str  # what the agency does, for the narrative: 教育, 市场监管, ...
    title: str = "plain"  # plain | year_first | year_end | split | cn_year
    headings: list[str] = field(default_factory=lambda: list(DEFAULT_HEADINGS))
    chrome: bool = False  # site navigation and 索引号 lines before the title
    preamble: bool = True
    signature: bool = True


DEFAULT_HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def title_lines(m: Meta) -> list[str]:
    return {"plain": [f"{m.agency}{m.year}年政府信息公开工作年度报告"],
            "year_first": [f"{m.year}年{m.agency}政府信息公开工作年度报告"],
            "year_end": [f"{m.agency}政府信息公开工作{m.year}年度报告"],
            "split": [f"{m.agency}{m.year}年", "", "政府信息公开工作年度报告"],
            "guanyu": [f"{m.agency}关于{m.year}年度政府信息公开工作情况的报告"],
            "cn_year": [f"{m.agency}{cn_year(m.year)}年政府信息公开工作年度报告"]}[m.title]


def cn_year(year: int) -> str:
    """2022 → 二〇二二, as some titles print the year."""
    return "".join("〇一二三四五六七八九"[int(d)] for d in str(year))


def _row_total(v: dict, row: str) -> int | None:
    """The row's 总计, or the sum of its applicant cells when the 总计 cell is blank."""
    total = v.get(f"requests/{row}/total")
    if total is not None:
        return total
    parts = [v.get(f"requests/{row}/{c}") for c in APPLICANTS]
    return sum(x or 0 for x in parts) if any(x is not None for x in parts) else None


def narrative(rng: random.Random, m: Meta, v: dict, template: str) -> dict[str, str]:
    y = m.year
    req = {k: _row_total(v, k) for k in ("new_received", "carried_over", "total", "carried_forward", "granted")}
    posts = rng.randint(60, 900)
    overview = [
        f"{y}年，{m.agency}坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实《中华人民共和国政府信息公开条例》"
        f"（以下简称《条例》），紧紧围绕{m.topic}中心工作，坚持以公开为常态、不公开为例外，持续深化政务公开，"
        "切实保障人民群众的知情权、参与权、表达权和监督权。",
        "（一）主动公开",
        f"全年通过政府门户网站、政务新媒体等渠道主动公开政府信息{posts}条，其中政策文件{rng.randint(3, 30)}条、"
        f"政策解读{rng.randint(2, 15)}条、{m.topic}工作动态{rng.randint(20, 200)}条，及时回应社会关切。",
        "（二）依申请公开",
        (f"全年共收到政府信息公开申请{req['new_received']}件，上年结转{req['carried_over']}件；办结{req['total']}件，"
         f"其中予以公开{req['granted']}件，结转下年度继续办理{req['carried_forward']}件，均在法定期限内答复。")
        if None not in req.values() else "严格落实依申请公开办理流程，做到依法、规范、及时答复。",
        "（三）政府信息管理",
        "严格执行公文公开属性源头认定和保密审查制度，坚持“先审后发”，动态更新政府信息公开指南和主动公开目录。",
        "（四）政府信息公开平台建设",
        f"持续加强政府网站{m.topic}专栏和政务新媒体建设，优化栏目设置，提升信息发布的规范性和时效性。",
        "（五）监督保障",
        "将政务公开工作纳入年度绩效考核，明确分管领导和专人负责，定期开展自查和业务培训。",
    ]
    problems = rng.choice([
        "存在的主要问题：一是政策解读形式较为单一，图解、视频解读偏少；二是基层工作人员业务能力有待提高。"
        "改进情况：丰富解读形式，加强业务培训，进一步提升政务公开工作质量。",
        "一是主动公开的深度和广度还需拓展；二是依申请公开答复的规范性有待加强。"
        f"{y + 1}年，我们将严格对照《条例》要求，加强培训，完善制度，推动政务公开工作再上新台阶。",
    ])
    if y >= 2021:
        fee = rng.choice([0, 0, rng.randint(1, 4) * 100])
        other = ("本年度未收取信息处理费。" if fee == 0 else
                 f"依据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号），本年度共收取信息处理费{fee}元。")
    else:
        other = "无。"
    return {"overview": "\n\n".join(overview), "problems": problems, "other": other}


def preamble(m: Meta, template: str) -> str:
    fmt_doc = "国办公开办函〔2021〕30号" if template == "2021" else "国办公开办函〔2019〕60号"
    return ("本报告依据《中华人民共和国政府信息公开条例》和《中华人民共和国政府信息公开工作年度报告格式》"
            f"（{fmt_doc}）编制。本报告中所列数据的统计期限为{m.year}年1月1日至{m.year}年12月31日。如对本报告有疑问，请与{m.agency}办公室联系。")


def compose(m: Meta, parts: dict[str, str], tables: dict[str, str], rng: random.Random,
            extra_before_tables: dict[str, str] | None = None) -> str:
    """Assemble a whole report: title, preamble, six sections (headings from m.headings), signature."""
    h = m.headings
    out: list[str] = []
    if m.chrome:
        index = f"{rng.randint(10**8, 10**9 - 1)}/{m.year + 1}-{rng.randint(10, 99999):05d}"
        out += ["首页 > 政务公开 > 政府信息公开年报", "", f"索 引 号：{index}",
                f"发布机构：{m.agency}", f"发布日期：{m.year + 1}-01-{rng.randint(10, 28)}", ""]
    out += title_lines(m) + [""]
    if m.preamble:
        out += [preamble(m, tables.get("template", "2021")), ""]
    extra = extra_before_tables or {}
    offset = len(h) - 6
    out += [h[0], "", parts["overview"], ""]
    for i in range(1, offset + 1):
        out += [h[i], "", extra.get(h[i], "本年度继续深化政务公开标准化规范化建设。"), ""]
    for i, key in enumerate(("active", "requests", "appeals"), start=1 + offset):
        out += [h[i], ""]
        if h[i] in extra:
            out += [extra[h[i]], ""]
        out += [tables[key], "", ""]
    out += [h[4 + offset], "", parts["problems"], "", h[5 + offset], "", parts["other"], ""]
    if m.signature:
        out += ["", m.agency, f"{m.year + 1}年1月{rng.randint(10, 28)}日", ""]
    return "\n".join(out)


def truth(m: Meta, template: str, values: dict, findings: list[str] | None = None) -> dict:
    keys = version(template).cell_keys()
    extra = set(values) - set(keys)
    assert not extra, f"values not in the {template} template: {sorted(extra)}"
    return {"agency": m.agency, "year": m.year, "template": template,
            "values": {k: values.get(k) for k in keys}, "findings": findings or []}


