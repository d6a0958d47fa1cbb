"""The year's 年报审核情况通报: counts, who did not report, common problems ranked, agencies with
errors, and the charts of the overview (matplotlib, PNG).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from . import charts, official
from .memo import DEFAULT_OFFICE, chinese_date
from .overview import Overview
from .status import NOT_SUBMITTED

MAX_PROBLEMS = 10
LIST_AS_TABLE = 10  # more agencies than this that did not report are listed in a table


@dataclass
class BulletinDetails:
    office: str = DEFAULT_OFFICE
    day: date | None = None


def _change(last: float | None, this: float | None) -> str:
    if last is None or this is None or last != last or this != this:
        return ""
    if last == 0:
        return "，上年为 0" if this else "，与上年持平"
    pct = (this - last) / last * 100
    return f"，上年 {last:g} 件，{'增长' if pct >= 0 else '下降'} {abs(pct):.1f}%"


def write_bulletin(ov: Overview, path: str | Path, details: BulletinDetails | None = None) -> Path:
    from ..rules import CATALOGUE

    details = details or BulletinDetails()
    descriptions = {r.id: r.description for r in CATALOGUE}
    year = f"{ov.year}年度" if ov.year is not None else ""
    agencies = ov.status.agencies
    counts = ov.counts
    expected = len(agencies)
    missing = agencies[agencies["status"] == NOT_SUBMITTED]
    submitted = expected - len(missing)

    doc = official.new_document()
    official.title(doc, f"关于{year}政府信息公开工作年度报告审核情况的通报")
    official.paragraph(doc, "各有关单位：", indent=False)
    official.paragraph(doc, f"根据《中华人民共和国政府信息公开条例》有关规定，我办对各单位报送的{year}政府信息公开工作"
                            f"年度报告进行了审核。现将审核情况通报如下。")

    official.heading(doc, "一、总体情况")
    rate = f"（报送率 {submitted / expected * 100:.1f}%）" if expected else ""
    c = counts
    official.paragraph(doc, f"名单内应报送年度报告的机关 {expected} 个，已报送 {submitted} 个{rate}，"
                            f"未报送 {len(missing)} 个。审核结果：已签发 {c['已签发']} 个，已处理 {c['已处理']} 个，"
                            f"仍有错误 {c['有错误']} 个，已退回 {c['已退回']} 个，待审 {c['待审']} 个。"
                            + (f"另有 {c['未匹配']} 份报告未能对应到名单内的机关，正在核实。" if c["未匹配"] else ""))
    totals = ov.totals
    if totals["本年"].notna().any():
        parts = []
        for label in totals.index:
            this, last = totals.at[label, "本年"], totals.at[label, "上年"]
            if this == this:
                parts.append(f"{label} {this:g} 件{_change(last, this)}")
        official.paragraph(doc, f"各机关年度报告表三合计：{'；'.join(parts)}。")
        if totals.fillna(0).to_numpy().any():
            official.picture(doc, charts.png(charts.draw_totals, ov))
    official.picture(doc, charts.png(charts.draw_status, ov, height=4.2))

    official.heading(doc, "二、未报送年度报告的机关")
    if len(missing) > LIST_AS_TABLE:
        official.paragraph(doc, f"共 {len(missing)} 个机关未报送：")
        rows = [[str(i), r.region, r.agency] for i, r in enumerate(missing.itertuples(index=False), 1)]
        official.table(doc, ["序号", "地区", "机关"], rows, [1.5, 4.5, 9.5])
    elif len(missing):
        for region, group in missing.groupby(missing["region"].replace("", "未填地区"), sort=False):
            official.paragraph(doc, "、".join(group["agency"]) + "。", bold_lead=f"{region}（{len(group)} 个）：")
    else:
        official.paragraph(doc, "名单内的机关均已报送。")

    official.heading(doc, "三、审核发现的常见问题")
    if len(ov.rules):
        for i, (rule, n) in enumerate(ov.rules.head(MAX_PROBLEMS).items(), 1):
            official.paragraph(doc, f"{i}. {descriptions.get(rule, rule)}（{n} 份报告）。")
        official.picture(doc, charts.png(charts.draw_rules, ov, descriptions, height=3.8))
    else:
        official.paragraph(doc, "已报送的报告未发现未处理的问题。")

    official.heading(doc, "四、存在错误尚未更正的机关")
    if len(ov.with_errors):
        official.paragraph(doc, f"以下 {len(ov.with_errors)} 个机关的报告仍有未更正的错误，审核意见书已另行送达：")
        rows = [[str(i), r.agency, r.region, f"{int(r.open_errors)}"]
                for i, r in enumerate(ov.with_errors.itertuples(index=False), 1)]
        official.table(doc, ["序号", "机关", "地区", "错误（处）"], rows, [1.5, 8.0, 3.5, 2.5])
    else:
        official.paragraph(doc, "无。")

    official.heading(doc, "五、有关要求")
    official.paragraph(doc, "请未报送的机关立即报送年度报告；请存在问题的机关对照审核意见书逐项核实更正，"
                            "重新报送并在门户网站同步更新。")
    official.paragraph(doc, "")
    official.paragraph(doc, details.office or DEFAULT_OFFICE, indent=False, align="right")
    official.paragraph(doc, chinese_date(details.day or date.today()), indent=False, align="right")
    return official.save(doc, path)
