"""The narrative against the tables: claims matched within one clause (keyword, number, unit).

A claim counts only when its keyword, its number and its unit sit in the same clause (no comma,
semicolon or full stop between them); each finding quotes the sentence it came from. Comparisons
are lenient where the wording is ambiguous (共收到…申请 N 件 may or may not include last year's
carry-over), so a warning means the figures really disagree.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from parser.template import Version
from review.findings import ERROR, WARNING, Finding

from .context import Context
from .equations import result_rows
from .registry import Rule, rule
from .textview import NUMBER, to_number

_GAP = r"[^，,。；;：:\n]"  # characters of the same clause
_UNIT = r"\s*(?:件|宗|起|例)"

_NO_REQUESTS = re.compile(
    rf"(?:未|没有|并未|尚未)(?:收到|受理|接到|接收到?|发生)过?{_GAP}{{0,30}}?申请(?!人)"
    rf"|(?:无|没有|未发生|未产生){_GAP}{{0,6}}?依申请公开"
    rf"|(?:收到|受理|接到|新收){_GAP}{{0,20}}?申请{_GAP}{{0,4}}?(?<![\d零一二三四五六七八九十百千])(?:0|零){_UNIT}")
_NOT_ABOUT_REQUESTS = re.compile(r"复议|诉讼|起诉|举报|投诉|信访")
_REQUEST_COUNT = re.compile(
    rf"(?:收到|受理|接到|接收|新收)(?P<gap>{_GAP}{{0,20}}?)申请(?:共计|共|合计|总计|总数)?(?:为|达)?\s*"
    rf"(?P<n>{NUMBER}){_UNIT}")
_NOT_NEW = re.compile(r"复议|诉讼|起诉|举报|投诉|结转|上年")

_NO_APPEALS = re.compile(rf"(?:(?:未|没有|未曾|并未)(?:发生|出现|收到|产生|涉及|接到|有|被|引发|引起)|无)"
                         rf"{_GAP}{{0,30}}?(?:行政复议|行政诉讼|复议|诉讼)")
_OUTCOME_WORDS = re.compile(r"纠正|撤销|败诉|违法|维持")  # “未发生行政复议被纠正的情况” speaks of outcomes
_APPEAL_COUNT = re.compile(rf"(?P<kind>行政复议|行政诉讼|复议|诉讼)(?:案件|申请|案)?(?:共计|共|合计)?(?:为|达)?\s*"
                           rf"(?P<n>{NUMBER}){_UNIT}")
_ALL_UPHELD = re.compile(r"均(?:获|被|予以|予|判决|裁定|决定)?维持|全部(?:被|获|予以)?维持|均胜诉|全部胜诉"
                         r"|均未被(?:纠正|撤销)")
_ACTIVE_COUNT = re.compile(
    rf"(?P<verb>制发|制定|出台|印发|发布|新制作|新公开|现行有效)了?(?:的)?(?:行政)?(?P<kind>规章|规范性文件)(?!制度)"
    rf"(?:共计|共|合计)?\s*(?P<n>{NUMBER})\s*(?:件|部|个|份|项)")
_FEE_WORDS = ("信息处理费", "处理费", "信息处理收费")
_NO_FEE_NOTICE = re.compile(rf"(?:未|没有|无|未曾)(?:向申请人)?(?:发出|发放|送达|出具|下发)?{_GAP}{{0,6}}?收费通知")


def _matches(ctx: Context, pattern: re.Pattern, *words: str) -> Iterator[tuple[re.Match, int, int]]:
    """Matches of `pattern` inside the clauses that contain one of `words` (match, clause start, end).
    Scanning only those clauses keeps the narrative rules fast on long reports."""
    text = ctx.view.text
    for a, b in ctx.view.clauses_with(*words):
        for m in pattern.finditer(text, a, b):
            yield m, a, b


def _fail(ctx: Context, r: Rule, pos: int, cells, message: str, **kw) -> Finding:
    sentence, span = ctx.view.quote(*ctx.view.sentence(pos))
    return r.fail(cells, f"{message}。原文：“{sentence}”", sentence=sentence, sentence_span=span, **kw)


def _cannot(ctx: Context, r: Rule, pos: int, cells, message: str) -> Finding:
    sentence, span = ctx.view.quote(*ctx.view.sentence(pos))
    return r.cannot_assess(cells, f"{message}。原文：“{sentence}”", sentence=sentence, sentence_span=span)


def _fmt(ctx: Context, pairs: list[tuple[str, float]]) -> str:
    shown = "、".join(f"{ctx.name(k)}为 {v:g}" for k, v in pairs[:3])
    return shown + (f" 等 {len(pairs)} 格" if len(pairs) > 3 else "")


@rule("text.no_requests", ERROR, "正文称未收到政府信息公开申请，表三却有新收、结转或办理结果")
def no_requests(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None or "申请" not in ctx.view.text:
        return
    text = ctx.view.text
    for m, a, b in _matches(ctx, _NO_REQUESTS, "申请"):
        if _NOT_ABOUT_REQUESTS.search(text, a, b) or "其中" in text[a:m.start()]:
            continue
        v = ctx.values
        heads = ["requests/new_received/total", "requests/carried_over/total", "requests/total/total"]
        rows = ["new_received", "carried_over", *result_rows(ctx.version), "total"]
        cols = [c.key for bl in ctx.version.table("requests").blocks for c in bl.columns]
        evidence = [(k, x) for k in (f"requests/{r}/{c}" for r in rows for c in cols) if (x := v.get(k))]
        if evidence:
            totals = [x for k, x in evidence if k.endswith("/total")]
            yield _fail(ctx, no_requests, m.start(), [k for k, _ in evidence],
                        f"正文称未收到申请，但{_fmt(ctx, evidence)}", reported=0,
                        computed=max(totals) if totals else max(x for _, x in evidence))
        elif all(v.get(k) is None for k in heads):
            yield _cannot(ctx, no_requests, m.start(), heads,
                          f"正文称未收到申请，但{ctx.describe_blanks(heads)}，无法核对")
        return  # one finding per report: the first claim


@rule("text.request_count", WARNING, "正文所述本年新收申请件数与表三第一项总计不符")
def request_count(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None or "申请" not in ctx.view.text:
        return
    text, v = ctx.view.text, ctx.values
    new, carried, handled = "requests/new_received/total", "requests/carried_over/total", "requests/total/total"
    for m, a, b in _matches(ctx, _REQUEST_COUNT, "申请"):
        if _NOT_NEW.search(m.group("gap")) or _NOT_ABOUT_REQUESTS.search(text, m.end(), b) or \
                "其中" in text[a:m.start()]:
            continue
        n = to_number(m.group("n"))
        if n is None:
            continue
        received = v.get(new)
        if received is None:
            yield _cannot(ctx, request_count, m.start(), [new],
                          f"正文称收到申请 {n} 件，但{ctx.describe_blanks([new])}")
            return
        accepted = {received, received + (v.get(carried) or 0), v.get(handled)}
        if n not in accepted:
            yield _fail(ctx, request_count, m.start(), [new],
                        f"正文称收到申请 {n} 件，{ctx.name(new)}为 {received:g}", reported=n, computed=received)
        return


def _appeal_rows(sentence: str) -> list[str]:
    rows = []
    if "复议" in sentence.replace("复议后起诉", ""):
        rows.append("review")
    if "诉讼" in sentence or "起诉" in sentence:
        rows += ["litigation_direct", "litigation_after_review"]
    return rows or ["review", "litigation_direct", "litigation_after_review"]


@rule("text.no_appeals", ERROR, "正文称没有行政复议或行政诉讼，表四却有案件")
def no_appeals(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None or ("复议" not in ctx.view.text and "诉讼" not in ctx.view.text):
        return
    text, v = ctx.view.text, ctx.values
    for m, _a, b in _matches(ctx, _NO_APPEALS, "复议", "诉讼"):
        if "未经" in m.group() or _OUTCOME_WORDS.search(text, m.start(), b):
            continue
        rows = _appeal_rows(text[m.start():b])
        keys = [f"appeals/{r}/{c}" for r in rows for c in ("total", "upheld", "corrected", "other", "pending")]
        evidence = [(k, x) for k in keys if (x := v.get(k))]
        if evidence:
            yield _fail(ctx, no_appeals, m.start(), [k for k, _ in evidence],
                        f"正文称没有{_kinds(rows)}，但{_fmt(ctx, evidence)}", reported=0,
                        computed=max(x for _, x in evidence))
        elif all(v.get(f"appeals/{r}/total") is None for r in rows):
            totals = [f"appeals/{r}/total" for r in rows]
            yield _cannot(ctx, no_appeals, m.start(), totals,
                          f"正文称没有{_kinds(rows)}，但{ctx.describe_blanks(totals)}")
        return


def _kinds(rows: list[str]) -> str:
    return "、".join(dict.fromkeys("行政复议" if r == "review" else "行政诉讼" for r in rows))


@rule("text.appeal_count", WARNING, "正文所述行政复议、行政诉讼件数与表四不符")
def appeal_count(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None or ("复议" not in ctx.view.text and "诉讼" not in ctx.view.text):
        return
    text, v = ctx.view.text, ctx.values
    reported: set[str] = set()
    for m, _a, _b in _matches(ctx, _APPEAL_COUNT, "复议", "诉讼"):
        n = to_number(m.group("n"))
        kind = "review" if "复议" in m.group("kind") else "litigation"
        before = text[max(0, m.start() - 6):m.start()]
        if n is None or "未经" in before or kind in reported:
            continue
        if kind == "litigation" and re.search(r"复议[、和及与或]", before):
            kind, rows = "both", ["review", "litigation_direct", "litigation_after_review"]
        else:
            rows = ["review"] if kind == "review" else ["litigation_direct", "litigation_after_review"]
        totals = [f"appeals/{r}/total" for r in rows]
        blanks = ctx.blank_or_missing(totals)
        reported.add(kind)
        if blanks:
            yield _cannot(ctx, appeal_count, m.start(), blanks,
                          f"正文称{m.group('kind')} {n} 件，但{ctx.describe_blanks(blanks)}")
            continue
        figures = [x for k in totals if (x := v.get(k)) is not None]  # all of them: none is blank or missing
        if n != sum(figures) and n not in figures:
            shown = "、".join(f"{ctx.name(k)}为 {x:g}" for k, x in zip(totals, figures, strict=True))
            yield _fail(ctx, appeal_count, m.start(), totals, f"正文称{m.group('kind')} {n} 件，{shown}",
                        reported=n, computed=sum(figures))


@rule("text.appeal_outcome", WARNING, "正文称复议、诉讼均获维持，表四却有结果纠正、其他结果或尚未审结")
def appeal_outcome(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None or "维持" not in ctx.view.text and "胜诉" not in ctx.view.text:
        return
    text, v = ctx.view.text, ctx.values
    for m, _a, _b in _matches(ctx, _ALL_UPHELD, "维持", "胜诉", "均未被"):
        a, b = ctx.view.sentence(m.start())
        rows = _appeal_rows(text[a:b])
        keys = [f"appeals/{r}/{c}" for r in rows for c in ("corrected", "other", "pending")]
        evidence = [(k, x) for k in keys if (x := v.get(k))]
        if evidence:
            yield _fail(ctx, appeal_outcome, m.start(), [k for k, _ in evidence],
                        f"正文称均获维持，但{_fmt(ctx, evidence)}", computed=sum(x for _, x in evidence))
        elif all(v.get(k) is None for k in keys):
            yield _cannot(ctx, appeal_outcome, m.start(), keys, "正文称均获维持，但表四相应结果空白，无法核对")
        return


@rule("text.active_counts", WARNING, "正文所述规章、规范性文件件数与表二不符")
def active_counts(ctx: Context) -> Iterator[Finding]:
    if ctx.version is None or ("规章" not in ctx.view.text and "规范性文件" not in ctx.view.text):
        return
    done: set[str] = set()
    for m, _a, _b in _matches(ctx, _ACTIVE_COUNT, "规章", "规范性文件"):
        row = "regulations" if m.group("kind") == "规章" else "normative_documents"
        n = to_number(m.group("n"))
        if n is None or row in done:
            continue
        done.add(row)
        keys = [k for k in ctx.table_keys("active") if k.startswith(f"active/{row}/")]
        figures = [ctx.values[k] for k in keys if ctx.values.get(k) is not None]
        if not figures:
            yield _cannot(ctx, active_counts, m.start(), keys,
                          f"正文称{m.group('kind')} {n} 件，但{ctx.describe_blanks(keys)}")
        elif n not in figures:
            main = _main_column(ctx.version, row, m.group("verb"))
            yield _fail(ctx, active_counts, m.start(), keys,
                        f"正文称{m.group('verb')}{m.group('kind')} {n} 件，表二{_row_label(ctx, row)}一行为 "
                        + "、".join(f"{ctx.version.specs[k].column.label} {ctx.values[k]:g}" for k in keys
                                   if ctx.values.get(k) is not None),
                        reported=n, computed=ctx.values.get(main))


def _main_column(version: Version, row: str, verb: str) -> str:
    cols = [c.key for b in version.table("active").blocks for r in b.rows if r.key == row for c in b.columns]
    want = "in_force" if verb == "现行有效" else ("published" if verb == "新公开" else cols[0])
    return f"active/{row}/{want if want in cols else cols[0]}"


def _row_label(ctx: Context, row: str) -> str:
    assert ctx.version is not None
    return next(r.label for b in ctx.version.table("active").blocks for r in b.rows if r.key == row)


@rule("text.fee_statement", WARNING, "2021 年版：第六部分未说明信息处理费收取情况")
def fee_statement(ctx: Context) -> Iterator[Finding]:
    if ctx.report.template != "2021" or not ctx.report.text.strip():
        return
    text = ctx.view.text
    if any(w in text for w in _FEE_WORDS):
        return
    other = "".join(text[a:b] for a, b in ctx.section("other", fallback=False))
    if "收费" in other or "费用" in other:
        return
    yield fee_statement.fail((), "2021 年版报告应在“其他需要报告的事项”中说明信息处理费的收取情况"
                                 "（国办函〔2020〕109号），原文未提及")


@rule("text.fee_notice_vs_table", WARNING, "表三“逾期未按收费通知缴费”大于 0，正文却称未发出收费通知")
def fee_notice_vs_table(ctx: Context) -> Iterator[Finding]:
    key = "requests/other.no_fee/total"
    if ctx.version is None or not ctx.values.get(key) or "收费通知" not in ctx.view.text:
        return
    for a, b in ctx.section("other"):
        m = _NO_FEE_NOTICE.search(ctx.view.text, a, b)
        if m:
            yield _fail(ctx, fee_notice_vs_table, m.start(), [key],
                        f"正文称未发出收费通知，但{ctx.name(key)}为 {ctx.values[key]:g}", reported=0,
                        computed=ctx.values[key])
            return
