"""The format itself: version, sections, empty tables, statistics period, required topics."""
from __future__ import annotations

import re
from collections.abc import Iterator

from parser.header import SECTION_WORDS
from parser.template import expected_version, sections, version
from review.findings import ERROR, INFO, WARNING, Finding

from .context import ABSENT, EMPTY, Context
from .registry import rule


@rule("form.template_version", ERROR,
      "所用表格格式与报告年度不符（2019、2020 年度用 2019 年版，2021 年度起用 2021 年版）")
def template_version(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    if r.year is None or r.template is None:
        missing = "、".join(w for w, v in (("报告年度", r.year), ("表格格式", r.template)) if v is None)
        yield template_version.cannot_assess((), f"未能识别{missing}，无法核对所用格式是否与年度相符")
        return
    want = expected_version(r.year)
    if want is None or want == r.template:
        return
    yield template_version.fail((), f"{r.year} 年度报告应使用{version(want).name}，实际使用{version(r.template).name}",
                                reported=int(r.template), computed=int(want))


@rule("form.section_missing", ERROR, "缺少六个部分之一或三张表之一")
def section_missing(ctx: Context) -> Iterator[Finding]:
    r = ctx.report
    if not r.text.strip() and not r.sections:
        yield section_missing.cannot_assess((), "没有报告正文，无法检查六个部分是否齐全")
        return
    found = set(r.sections) if r.sections else _sections_by_words(ctx)
    for s in sections():
        if s.key not in found:
            yield section_missing.fail((), f"缺少第{s.number}部分“{s.title}”")
    if ctx.version is None:
        return
    for t in ctx.version.tables:
        if ctx.table_state(t.key) == ABSENT:
            yield section_missing.fail(ctx.table_keys(t.key), f"缺少表{t.number}“{t.title}”：原文中既无表头也无数值")


def _sections_by_words(ctx: Context) -> set[str]:
    """Without section spans from the parser: the sections whose heading words occur in the text."""
    text = ctx.view.text
    return {key for key, words in SECTION_WORDS.items() if any(w in text for w in words)}


@rule("form.tables_empty", ERROR, "表格印出了栏目，却（几乎）没有填数")
def tables_empty(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None:
        return
    for t in ctx.version.tables:
        if ctx.table_state(t.key) != EMPTY:
            continue
        keys = ctx.table_keys(t.key)
        empty = ctx.blank_or_missing(keys)
        filled = len(keys) - len(empty)
        yield tables_empty.fail(empty, f"表{t.number}“{t.title}”印出了栏目，但 {len(keys)} 个单元格中只有 "
                                       f"{filled} 个有数值（可能复制时丢失），该表无法审核，请补录后复核",
                                reported=filled, computed=len(keys))


@rule("form.mixed_version", WARNING, "同一报告中同时出现两个格式版本的栏目名称")
def mixed_version(ctx: Context) -> Iterator[Finding]:
    votes = ctx.report.version_votes
    old, new = votes.get("2019", 0), votes.get("2021", 0)
    if old and new:
        yield mixed_version.fail((), f"报告同时使用了 2019 年版（{old} 处）和 2021 年版（{new} 处）的栏目名称，"
                                     f"可能套用了旧表格", reported=old, computed=new)


_PERIOD = re.compile(
    r"统计(?:期限|时限|期间|区间|时段|周期|时间|范围)?[^。\n]{0,12}?(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*起?\s*"
    r"(?:至|到|—|－|-|~|～)\s*(?:(20\d\d)\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@rule("form.stats_period", WARNING, "所述统计期限不是报告年度的 1 月 1 日至 12 月 31 日")
def stats_period(ctx: Context) -> Iterator[Finding]:
    year = ctx.report.year
    if year is None or "统计" not in ctx.view.text:
        return
    for m in _PERIOD.finditer(ctx.view.text):
        y1, m1, d1, y2, m2, d2 = m.groups()
        start, end = (int(y1), int(m1), int(d1)), (int(y2 or y1), int(m2), int(d2))
        if start == (year, 1, 1) and end == (year, 12, 31):
            continue
        sentence, span = ctx.view.quote(*ctx.view.sentence(m.start()))
        stated = f"{start[0]}年{start[1]}月{start[2]}日至{end[0]}年{end[1]}月{end[2]}日"
        yield stats_period.fail((), f"统计期限写为 {stated}，应为 {year}年1月1日至{year}年12月31日",
                                sentence=sentence, sentence_span=span)


_TOPICS = {"主动公开": ("主动公开",), "依申请公开": ("依申请",), "政府信息管理": ("信息管理",),
           "平台建设": ("平台",), "监督保障": ("监督", "保障", "考核", "评议", "追究")}


@rule("form.overall_subtopics", INFO, "“一、总体情况”未涵盖主动公开、依申请公开、政府信息管理、平台建设、监督保障")
def overall_subtopics(ctx: Context) -> Iterator[Finding]:
    ranges = ctx.section("overview", fallback=not ctx.report.sections)
    if not ranges:
        return  # form.section_missing reports the absent section
    text = "".join(ctx.view.text[a:b] for a, b in ranges)
    if not text.strip():
        return
    lacking = [t for t, words in _TOPICS.items() if not any(w in text for w in words)]
    if lacking:
        yield overall_subtopics.fail((), f"总体情况未写到：{'、'.join(lacking)}（条例要求概述这五方面工作）")


@rule("form.assessment_results", WARNING,
      "人民政府的报告在监督保障中未提及工作考核、社会评议和责任追究（条例第五十条）")
def assessment_results(ctx: Context) -> Iterator[Finding]:
    agency = ctx.report.agency or ""
    if not agency.endswith("人民政府"):
        return
    text = ctx.view.text
    if not any(w in text for w in ("考核", "评议", "追究", "问责")):
        yield assessment_results.fail((), f"“{agency}”是人民政府，报告应说明政府信息公开工作考核、社会评议和"
                                          f"责任追究结果，原文未提及")
