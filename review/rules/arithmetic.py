"""Arithmetic within tables `requests` (表三) and `appeals` (表四), with suggested corrections."""
from __future__ import annotations

from collections.abc import Iterator

from review.findings import ERROR, WARNING, Finding
from review.suggest import Equation

from .context import ABSENT, EMPTY, PARTIAL, Context
from .equations import rule_equations
from .registry import Rule, rule

# What a cannot-assess message says could not be checked, per rule.
_WHAT = {
    "requests.row_total": "各行的总计列",
    "requests.results_total": "各列的办理结果合计",
    "requests.balance": "第一项加第二项等于第三项加第四项的勾稽关系",
    "appeals.row_total": "各行的总计",
}
_SINGLE_LIMIT = 3  # more unassessable equations than this are reported as one finding


@rule("requests.row_total", ERROR, "表三每一行：自然人与五类法人或其他组织之和等于总计列")
def requests_row_total(ctx: Context) -> Iterator[Finding]:
    yield from _check(ctx, requests_row_total,
                      lambda e, rep, comp: f"{ctx.name(e.plus[0])}：本行各类申请人之和为 {comp:g}，报告填写 {rep:g}")


@rule("requests.results_total", ERROR, "表三每一列：各项办理结果之和等于（七）总计")
def requests_results_total(ctx: Context) -> Iterator[Finding]:
    yield from _check(ctx, requests_results_total,
                      lambda e, rep, comp: f"{ctx.name(e.plus[0])}：各项办理结果之和为 {comp:g}，报告填写 {rep:g}")


@rule("requests.balance", ERROR, "表三每一列：第一项加第二项之和等于第三项（七）总计加第四项之和")
def requests_balance(ctx: Context) -> Iterator[Finding]:
    def message(e: Equation, rep: float, comp: float) -> str:
        column = ctx.version.specs[e.plus[0]].column.label  # type: ignore[union-attr]
        return (f"表三{column}列：第一项（新收）加第二项（上年结转）之和为 {rep:g}，"
                f"第三项（七）总计加第四项（结转下年度）之和为 {comp:g}，二者应相等")

    yield from _check(ctx, requests_balance, message)


@rule("appeals.row_total", ERROR,
      "表四行政复议、未经复议直接起诉、复议后起诉：结果维持、结果纠正、其他结果、尚未审结之和等于总计")
def appeals_row_total(ctx: Context) -> Iterator[Finding]:
    yield from _check(ctx, appeals_row_total,
                      lambda e, rep, comp: f"{ctx.name(e.plus[0])}：结果维持、结果纠正、其他结果、尚未审结之和为 "
                                           f"{comp:g}，报告填写 {rep:g}")


@rule("appeals.half_missing", WARNING, "表四应印出 15 个数值（行政复议、行政诉讼两半），实际少于 15 个")
def appeals_half_missing(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None or ctx.table_state("appeals") != PARTIAL:
        return
    keys = ctx.table_keys("appeals")
    absent = ctx.blank_or_missing(keys)
    rows = [r for b in ctx.version.table("appeals").blocks for r in b.rows]
    gone = [r.ref for r in rows if all(f"appeals/{r.key}/{c}" in absent for c in _cols(ctx, "appeals"))]
    what = f"缺少“{'”“'.join(gone)}”部分，" if gone else ""
    printed = len(keys) - len(absent)
    yield appeals_half_missing.fail(
        absent, f"表四{what}只印出 {printed} 个数值，应为 {len(keys)} 个：{ctx.describe_blanks(absent)}",
        reported=printed, computed=len(keys))


def _cols(ctx: Context, table: str) -> list[str]:
    assert ctx.version is not None
    return [c.key for b in ctx.version.table(table).blocks for c in b.columns]


def _check(ctx: Context, r: Rule, message) -> Iterator[Finding]:
    """Evaluate a rule's equations: a failure per broken equality (with the correction when the
    equations determine one), cannot-assess for those with blank or missing cells."""
    if ctx.version is None:
        return
    table = r.id.split(".")[0]
    state = ctx.table_state(table)
    if state == ABSENT:
        return  # form.section_missing reports the absent table
    values = ctx.values
    unassessable: list[tuple[Equation, list[str]]] = []
    for e in rule_equations(ctx.version, r.id):
        blanks = [k for k in e.cells if values.get(k) is None]
        if blanks:
            unassessable.append((e, blanks))
            continue
        reported = sum(values[k] for k in e.plus)  # type: ignore[misc]
        computed = sum(values[k] for k in e.minus)  # type: ignore[misc]
        if reported != computed:
            text = message(e, reported, computed)
            suggestion, elsewhere, advice = _advice(ctx, table, e)
            yield r.fail(e.cells, f"{text}。{advice}" if advice else text, reported=reported, computed=computed,
                         suggestion=suggestion, suggestion_elsewhere=elsewhere)
    if not unassessable:
        return
    what = _WHAT[r.id]
    fills = ctx.fills(table) if state != EMPTY else {}
    if state == EMPTY or len(unassessable) == len(rule_equations(ctx.version, r.id)) or \
            len(unassessable) > _SINGLE_LIMIT:
        blanks = list(dict.fromkeys(k for _, bl in unassessable for k in bl))
        n, number = len(unassessable), ctx.version.table(table).number
        if state == EMPTY:
            yield r.cannot_assess(blanks, f"表{number}几乎没有数值（{len(blanks)} 个单元格空白或未找到），"
                                          f"{n} 处{what}均无法核对")
        else:
            fill = {k: fills[k] for k in blanks if k in fills}
            yield r.cannot_assess(blanks, f"表{number}有 {n} 处{what}因单元格空白或未找到而无法核对："
                                          f"{ctx.describe_blanks(blanks)}{_fill_note(ctx, fill)}", suggestion=fill)
        return
    for e, blanks in unassessable:
        fill = {k: fills[k] for k in blanks if k in fills}
        yield r.cannot_assess(blanks, f"{ctx.name(e.plus[0])}：{ctx.describe_blanks(blanks)}，无法核对{what}"
                                      f"{_fill_note(ctx, fill)}", suggestion=fill)


def _fill_note(ctx: Context, fill: dict) -> str:
    """How the equalities fill blank cells, for the message."""
    if not fill:
        return ""
    shown = "、".join(f"{ctx.name(k)}应为 {v:g}" for k, v in list(fill.items())[:3])
    more = f" 等 {len(fill)} 格" if len(fill) > 3 else ""
    return f"。由表中其余数值和各等式可推出：{shown}{more}（空白若本应为这些值，可采纳建议补录）"


def _advice(ctx: Context, table: str, e: Equation) -> tuple[dict | None, dict | None, str]:
    """The suggestion for this broken equality's cells, the cells the same correction changes elsewhere,
    and the sentence explaining it."""
    p = ctx.proposal(table)
    if p is None:
        return None, None, "无法找到不超过三格的改动使全部等式成立，请对照原文核对"
    if p.unique:
        mine = {k: v for k, v in p.changes.items() if k in e.cells}
        if not mine:
            return None, None, ""
        elsewhere = {k: v for k, v in p.changes.items() if k not in mine} or None
        parts = "、".join(f"{ctx.name(k)}改为 {v:g}" for k, v in mine.items())
        if p.size == 1:
            (k, v), = p.changes.items()
            labels = list(dict.fromkeys(p.reasons[k]))
            why = labels[0] if len(labels) == 1 else "、".join(labels[:-1]) + "与" + labels[-1]
            return mine, None, f"建议将{parts}：{why}{'均' if len(set(p.reasons[k])) > 1 else ''}要求该格为 {v:g}"
        others = "、".join(f"{ctx.name(k)}改为 {v:g}" for k, v in p.changes.items() if k not in mine)
        with_others = f"（同时{others}）" if others else ""
        number = ctx.version.table(table).number  # type: ignore[union-attr]
        why = f"这是使表{number}全部等式成立的唯一最少改动（共 {p.size} 格）"
        return mine, elsewhere, f"建议将{parts}{with_others}：{why}"
    options = list(dict.fromkeys((k, v) for alt in p.alternatives for k, v in alt.items()
                                 if k in e.cells and v is not None))
    if options and len(options) <= 6:
        listed = "；".join(f"{ctx.name(k)}应为 {v:g}{_repaired_note(ctx, k)}" for k, v in options)
        return None, None, f"等式不能唯一确定哪一格有误，可能是：{listed}"
    return None, None, f"等式不能唯一确定哪一格有误（有 {len(p.alternatives)} 种同样少的改法），请对照原文核对"


def _repaired_note(ctx: Context, key: str) -> str:
    """OCR evidence for the reviewer: a cell whose printed text the parser had to repair is suspect."""
    return "（该格原文经识别修复，较可疑）" if ctx.status(key) == "repaired" else ""
