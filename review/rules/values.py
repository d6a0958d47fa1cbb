"""Values of single cells, and the few relations inside table `active` (表二)."""
from __future__ import annotations

import re
from collections.abc import Iterator

from parser.model import BLANK, CORRECTED, MISSING
from parser.values import is_blank_mark
from review.findings import ERROR, INFO, WARNING, Finding

from .agency import county_or_below
from .context import ABSENT, EMPTY, PARTIAL, Context
from .registry import Rule, rule

# a row's cells glued together: digits, a sign or a decimal point between them, an empty cell's &nbsp; (8855698,
# 49-14620, 5797.58, 12319\xa0212)
_GLUED = re.compile(r"(?!.*\..*\.)[+\-]?\d(?:[\d\xa0+\-]|\.(?=\d))*\d(?:\.\d+)?")


@rule("value.not_number", ERROR, "单元格内容经规范化后仍不是数字（字母、杂散符号等）")
def not_number(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None:
        return
    for key, cell in ctx.report.cells.items():
        text = cell.text.strip()
        if cell.value is None and cell.status != BLANK and text and not is_blank_mark(text):
            if _GLUED.fullmatch(text):  # a row's cells glued together (crawler text), see parser/glued.py
                yield not_number.fail((key,), f"{ctx.name(key)}：原文这一行的数字连在一起（“{text}”），"
                                              "按表内勾稽关系和正文所述件数无法唯一拆分，请对照原件填写")
            else:
                yield not_number.fail((key,), f"{ctx.name(key)}：填写的“{text}”不是数字")


@rule("value.negative", ERROR, "计数为负数（2019 年版“本年增/减”除外）")
def negative(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None:
        return
    specs = ctx.version.specs
    for key, v in ctx.values.items():
        if v is not None and v < 0 and key in specs and specs[key].kind != "signed":
            yield negative.fail((key,), f"{ctx.name(key)}：填写 {v:g}，数量不能为负", reported=v)


@rule("value.not_integer", ERROR, "计数带有小数部分")
def not_integer(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None:
        return
    specs = ctx.version.specs
    for key, v in ctx.values.items():
        if isinstance(v, float) and not v.is_integer() and key in specs and specs[key].kind != "money":
            yield not_integer.fail((key,), f"{ctx.name(key)}：填写 {v:g}，件数应为整数", reported=v)


def _grouped(ctx: Context, r: Rule, wanted: str, what: str) -> Iterator[Finding]:
    """One finding per table listing its cells with status `wanted`; tables that a table-level
    finding already covers (absent, empty, 表四 lacking a half) are left to it."""
    assert ctx.version is not None
    for table in ctx.version.tables:
        state = ctx.table_state(table.key)
        if state in (ABSENT, EMPTY) or (table.key == "appeals" and state == PARTIAL):
            continue
        keys = [k for k in ctx.table_keys(table.key) if ctx.values.get(k) is None and _kind(ctx, k) == wanted]
        if keys:
            yield r.fail(keys, f"表{table.number}有 {len(keys)} 个单元格{what}：{ctx.names(keys, 6)}",
                         reported=len(keys))


def _kind(ctx: Context, key: str) -> str:
    """Why a cell has no value: BLANK (printed empty, or cleared by a reviewer), MISSING (not found),
    or its own status when it printed something that is not a number (value.not_number's case)."""
    status = ctx.status(key)
    return BLANK if status in (BLANK, CORRECTED) else status


@rule("value.blank", WARNING, "格式要求填数的单元格为空白、“/”或“-”（空白不等于 0）")
def blank(ctx: Context) -> Iterator[Finding]:
    if ctx.version is not None:
        yield from _grouped(ctx, blank, BLANK, "空白（未填数，不能当作 0）")


@rule("value.missing", WARNING, "解析未能在报告中找到某个单元格")
def missing(ctx: Context) -> Iterator[Finding]:
    if ctx.version is not None:
        yield from _grouped(ctx, missing, MISSING, "未在原文中找到")


def _pairs(ctx: Context, r: Rule, template: str, small: str, large: str, says: str) -> Iterator[Finding]:
    """For 规章 and 规范性文件: the `large` column must not be below the `small` one."""
    if ctx.version is None or ctx.version.key != template or ctx.table_state("active") == ABSENT:
        return
    for row in ("regulations", "normative_documents"):
        lo, hi = f"active/{row}/{small}", f"active/{row}/{large}"
        blanks = ctx.blank_or_missing((hi, lo))
        if blanks:
            yield r.cannot_assess(blanks, f"{ctx.name(hi)}：{ctx.describe_blanks(blanks)}，无法核对")
        elif ctx.values[hi] < ctx.values[lo]:  # type: ignore[operator]
            spec = ctx.version.specs
            yield r.fail((hi, lo), f"{ctx.name(hi)}为 {ctx.values[hi]:g}，少于{spec[lo].column.label} "
                                   f"{ctx.values[lo]:g}{says}", reported=ctx.values[hi], computed=ctx.values[lo])


@rule("active.in_force_below_issued", WARNING, "2021 年版表二：规章或行政规范性文件的现行有效件数少于本年制发件数")
def in_force_below_issued(ctx: Context) -> Iterator[Finding]:
    yield from _pairs(ctx, in_force_below_issued, "2021", "issued", "in_force", "（本年制发的文件应仍现行有效）")


@rule("active.total_below_new", WARNING, "2019 年版表二：对外公开总数量少于本年新公开数量")
def total_below_new(ctx: Context) -> Iterator[Finding]:
    yield from _pairs(ctx, total_below_new, "2019", "published", "total", "（总数应包含本年新公开的）")


@rule("active.regulations_level", WARNING,
      "县级及以下机关（县、旗、区及其部门，乡镇，街道）无权制定规章，表二规章却填了非零数")
def regulations_level(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None:
        return
    keys = [k for k in ctx.table_keys("active") if k.startswith("active/regulations/")]
    nonzero = [k for k in keys if ctx.values.get(k)]
    if not nonzero:
        return
    unit = county_or_below(ctx.report.agency)
    if unit is None:
        return  # the name does not prove the level: stay silent
    figures = "、".join(f"{ctx.version.specs[k].column.label} {ctx.values[k]:g}" for k in nonzero)
    yield regulations_level.fail(
        nonzero, f"机关“{ctx.report.agency}”属{unit}一级（县级及以下），无权制定规章，但表二规章一行填写了{figures}；"
                 f"请核实是否误填（常见为把规范性文件或内部制度计入规章）",
        reported=ctx.values[nonzero[0]], computed=0)


@rule("value.unit", INFO, "金额以“元”填写（已换算为万元），或格式未注明单位时未写单位（2019 年版采购总金额）")
def unit(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None:
        return
    for key, spec in ctx.version.specs.items():
        if spec.kind != "money":
            continue
        cell = ctx.report.cells.get(key)
        if cell is None or cell.value is None:
            continue
        if cell.unit == "元":
            yield unit.fail((key,), f"{ctx.name(key)}：原文以元填写“{cell.text.strip()}”，已换算为 {cell.value:g} 万元",
                            reported=cell.value)
        elif cell.unit is None and "万元" not in spec.column.label and cell.status != "corrected" \
                and not _unit_in_heading(ctx):
            yield unit.fail((key,), f"{ctx.name(key)}：格式未规定单位，原文“{cell.text.strip()}”也未写单位，"
                                    f"按万元计为 {cell.value:g}，请核实", reported=cell.value)


def _unit_in_heading(ctx: Context) -> bool:
    """Whether table two's section prints 万元 somewhere (e.g. a heading 采购总金额（万元）)."""
    return any("万元" in ctx.view.text[a:b] for a, b in ctx.section("active", fallback=False))
