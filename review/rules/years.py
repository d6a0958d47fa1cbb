"""Across years: this report against the same agency's previous one (`check --previous`)."""
from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from review.findings import ERROR, INFO, WARNING, Finding

from .context import Context
from .registry import Rule, rule

_SINGLE_LIMIT = 3
SIMILAR = 90  # per cent: a section this close to last year's is a copy


def _years_apart(ctx: Context, r: Rule) -> Finding | None:
    """A cannot-assess finding when the two reports are not consecutive years."""
    this, last = ctx.report.year, ctx.previous.year  # type: ignore[union-attr]
    if this is not None and last is not None and last != this - 1:
        return r.cannot_assess((), f"上一年度报告为 {last} 年度，本报告为 {this} 年度，不是相邻年度，无法比对")
    return None


def _compare(ctx: Context, r: Rule, pairs: Sequence[tuple[str, str | None, float | None, str]]) -> Iterator[Finding]:
    """pairs: (this year's cell, last year's cell or None, expected value or None when unknown, how).
    Fails where this year's value differs from the expected one."""
    unknown: list[str] = []
    for key, _prev_key, expected, how in pairs:
        value = ctx.values.get(key)
        if value is None or expected is None:
            unknown.append(key)
        elif value != expected:
            yield r.fail((key,), f"{ctx.name(key)}为 {value:g}，{how}为 {expected:g}",
                         reported=value, computed=expected)
    if not unknown:
        return
    if len(unknown) > _SINGLE_LIMIT:
        yield r.cannot_assess(unknown, f"{len(unknown)} 处因本年度或上一年度单元格空白、未找到而无法比对："
                                       f"{ctx.names(unknown)}")
    else:
        for key in unknown:
            yield r.cannot_assess((key,), f"{ctx.name(key)}：本年度或上一年度相应单元格空白或未找到，无法比对")


@rule("years.carry_over", ERROR, "表三每一列：上一年度“结转下年度继续办理”等于本年度“上年结转”", needs_previous=True)
def carry_over(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if ctx.version is None or prev is None:
        return
    if prev.version is None or not prev.cells:
        yield carry_over.cannot_assess((), "未能识别上一年度报告的表格，无法比对结转数")
        return
    if (f := _years_apart(ctx, carry_over)) is not None:
        yield f
        return
    cols = [c.key for b in ctx.version.table("requests").blocks for c in b.columns]
    pairs = [(f"requests/carried_over/{c}", f"requests/carried_forward/{c}",
              prev.value(f"requests/carried_forward/{c}"), "上一年度报告第四项结转下年度继续办理") for c in cols]
    yield from _compare(ctx, carry_over, pairs)


@rule("years.in_force", WARNING, "2021 年版表二：上年现行有效件数 + 本年制发 − 本年废止 = 本年现行有效件数",
      needs_previous=True)
def in_force(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if ctx.version is None or prev is None or ctx.report.template != "2021" or prev.template != "2021":
        return
    if (f := _years_apart(ctx, in_force)) is not None:
        yield f
        return
    pairs = []
    for row in ("regulations", "normative_documents"):
        last = prev.value(f"active/{row}/in_force")
        issued, repealed = ctx.values.get(f"active/{row}/issued"), ctx.values.get(f"active/{row}/repealed")
        expected = None if None in (last, issued, repealed) else last + issued - repealed  # type: ignore[operator]
        pairs.append((f"active/{row}/in_force", f"active/{row}/in_force", expected,
                      f"按上年现行有效 {_g(last)} + 本年制发 {_g(issued)} − 本年废止 {_g(repealed)} 推算"))
    yield from _compare(ctx, in_force, pairs)


@rule("years.project_count", WARNING, "2019 年版表二：本年“上一年项目数量”= 上年的“上一年项目数量”+“本年增/减”",
      needs_previous=True)
def project_count(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if ctx.version is None or prev is None or ctx.report.template != "2019" or prev.template != "2019":
        return
    if (f := _years_apart(ctx, project_count)) is not None:
        yield f
        return
    pairs = []
    for key in ctx.table_keys("active"):
        if not key.endswith("/previous"):
            continue
        row = key.split("/")[1]
        last, change = prev.value(key), prev.value(f"active/{row}/change")
        expected = None if last is None or change is None else last + change
        pairs.append((key, key, expected, f"按上一年度报告的 {_g(last)} 加增减 {_g(change)} 推算"))
    yield from _compare(ctx, project_count, pairs)


def _g(v: float | None) -> str:
    return "空白" if v is None else f"{v:g}"


_DIGITS = re.compile(r"[\d零〇一二三四五六七八九十]+")
_SPACE = re.compile(r"\s+")


def _plain(text: str) -> str:
    return _DIGITS.sub("#", _SPACE.sub("", text))


@rule("years.identical_text", WARNING, "第一部分总体情况或第五部分问题及改进与上一年度几乎相同（雷同、照搬）",
      needs_previous=True)
def identical_text(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if prev is None:
        return
    from rapidfuzz import fuzz

    for key, title in (("overview", "一、总体情况"), ("problems", "五、存在的主要问题及改进情况")):
        this, last = ctx.report.section_text(key), prev.section_text(key)
        a, b = _plain(this), _plain(last)
        if len(a) < 50 or len(b) < 50:
            continue
        score = fuzz.ratio(a, b)
        if score >= SIMILAR:
            span = ctx.report.sections[key]
            yield identical_text.fail((), f"“{title}”与上一年度报告的相应部分相似度 {score:.0f}%（数字不计），"
                                          f"疑似照搬上年报告", reported=round(score), sentence=this.strip()[:80],
                                      sentence_span=span)


@rule("years.identical_tables", WARNING, "三张表的每个数值都与上一年度相同（且不全为 0）", needs_previous=True)
def identical_tables(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if ctx.version is None or prev is None or prev.version is None:
        return
    keys = [k for k in ctx.version.cell_keys() if k in prev.cells]
    both = [k for k in keys if ctx.values.get(k) is not None and prev.value(k) is not None]
    if len(both) < 0.5 * len(ctx.version.cell_keys()) or not any(ctx.values[k] for k in both):
        return
    if all(ctx.values[k] == prev.value(k) for k in both):
        yield identical_tables.fail((), f"三张表中可比对的 {len(both)} 个数值与上一年度报告完全相同（且不全为 0），"
                                        f"疑似照搬上年数据", reported=len(both))


# years.jump: the main figures a unit or typing slip shows up in (2021 and 2019 formats)
JUMP_FACTOR, JUMP_MIN_CHANGE = 5, 20
_JUMP_CELLS = ("requests/new_received/total", "active/regulations/in_force", "active/normative_documents/in_force",
               "active/regulations/total", "active/normative_documents/total", "active/licensing/decisions",
               "active/punishment/decisions", "active/fees/amount")


@rule("years.jump", WARNING, "主要数值（新收申请总数、现行有效件数、行政许可和行政处罚决定数、收费金额）与上一年度相比"
      "变化五倍以上且相差至少 20：常是单位或录入错误", needs_previous=True)
def jump(ctx: Context) -> Iterator[Finding]:
    prev = ctx.previous
    if ctx.version is None or prev is None or prev.version is None or prev.template != ctx.report.template:
        return
    if _years_apart(ctx, jump) is not None:
        return  # years.carry_over already says the years are not consecutive
    for key in _JUMP_CELLS:
        if key not in ctx.version.specs:
            continue
        now, last = ctx.values.get(key), prev.value(key)
        if now is None or last is None:
            continue
        low, high = sorted((abs(now), abs(last)))
        if high - low >= JUMP_MIN_CHANGE and high >= JUMP_FACTOR * low:
            how = f"{high / low:.0f} 倍" if low else "从 0 起"
            yield jump.fail((key,), f"{ctx.name(key)}：上一年度 {last:g}，本年度 {now:g}（变化{how}），"
                                    f"请核实是否单位或录入错误", reported=now, computed=last)


@rule("years.no_previous", INFO, "工作区中没有同一机关（按名称或名单别名）上一年度的报告，跨年度规则未运行")
def no_previous(ctx: Context) -> Iterator[Finding]:
    if not ctx.previous_searched or ctx.previous is not None:
        return
    year = ctx.report.year
    which = f" {year - 1} 年度" if year is not None else "上一年度"
    yield no_previous.fail((), f"工作区中没有{ctx.report.agency or '本机关'}{which}的报告（按名称或名单别名查找），"
                               f"跨年度规则（结转、现行有效件数、雷同等）未运行")
