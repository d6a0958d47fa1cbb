"""Table models and text renderers for the generated test reports (used by make_reports.py).

A table is a list of rows; a row is a list of cells. A cell is printed text, or MERGED for the
continuation of a merged (rowspan) cell, which a Word copy prints as an empty cell and a browser
copy leaves out. A value cell whose printed text is None was dropped by the copy.
"""
from __future__ import annotations

import random

MERGED = object()
DROPPED = None

# Printed labels of the official forms (国办公开办函〔2019〕60号 / 〔2021〕30号), independent of the parser's data.
ACTIVE_2021 = [
    ("第二十条第（一）项", ["本年制发件数", "本年废止件数", "现行有效件数"], ["issued", "repealed", "in_force"],
     [("regulations", "规章"), ("normative_documents", "行政规范性文件")]),
    ("第二十条第（五）项", ["本年处理决定数量"], ["decisions"], [("licensing", "行政许可")]),
    ("第二十条第（六）项", ["本年处理决定数量"], ["decisions"], [("punishment", "行政处罚"), ("coercion", "行政强制")]),
    ("第二十条第（八）项", ["本年收费金额（单位：万元）"], ["amount"], [("fees", "行政事业性收费")]),
]
_THREE = ["上一年项目数量", "本年增/减", "处理决定数量"]
ACTIVE_2019 = [
    ("第二十条第（一）项", ["本年新制作数量", "本年新公开数量", "对外公开总数量"], ["made", "published", "total"],
     [("regulations", "规章"), ("normative_documents", "规范性文件")]),
    ("第二十条第（五）项", _THREE, ["previous", "change", "decisions"],
     [("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")]),
    ("第二十条第（六）项", _THREE, ["previous", "change", "decisions"],
     [("punishment", "行政处罚"), ("coercion", "行政强制")]),
    ("第二十条第（八）项", _THREE[:2], ["previous", "change"], [("fees", "行政事业性收费")]),
    ("第二十条第（九）项", ["采购项目数量", "采购总金额"], ["count", "amount"], [("procurement", "政府集中采购")]),
]

REQ_COLUMNS = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"]
RESULTS = "三、本年度办理结果"
_DENIED, _UNABLE, _NOTPROC, _OTHER = "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理"
# (key, label path): a path of 1 label spans all three label columns, of 2 the last two, of 3 one each.
REQ_ROWS_2021 = [
    ("new_received", ("一、本年新收政府信息公开申请数量",)),
    ("carried_over", ("二、上年结转政府信息公开申请数量",)),
    ("granted", (RESULTS, "（一）予以公开")),
    ("partially_granted", (RESULTS, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    ("denied.state_secret", (RESULTS, _DENIED, "1.属于国家秘密")),
    ("denied.law_prohibited", (RESULTS, _DENIED, "2.其他法律行政法规禁止公开")),
    ("denied.three_safety", (RESULTS, _DENIED, "3.危及“三安全一稳定”")),
    ("denied.third_party", (RESULTS, _DENIED, "4.保护第三方合法权益")),
    ("denied.internal_affairs", (RESULTS, _DENIED, "5.属于三类内部事务信息")),
    ("denied.process_info", (RESULTS, _DENIED, "6.属于四类过程性信息")),
    ("denied.enforcement_file", (RESULTS, _DENIED, "7.属于行政执法案卷")),
    ("denied.query_item", (RESULTS, _DENIED, "8.属于行政查询事项")),
    ("unable.not_held", (RESULTS, _UNABLE, "1.本机关不掌握相关政府信息")),
    ("unable.needs_creation", (RESULTS, _UNABLE, "2.没有现成信息需要另行制作")),
    ("unable.unclear", (RESULTS, _UNABLE, "3.补正后申请内容仍不明确")),
    ("not_processed.petition", (RESULTS, _NOTPROC, "1.信访举报投诉类申请")),
    ("not_processed.duplicate", (RESULTS, _NOTPROC, "2.重复申请")),
    ("not_processed.publication", (RESULTS, _NOTPROC, "3.要求提供公开出版物")),
    ("not_processed.massive", (RESULTS, _NOTPROC, "4.无正当理由大量反复申请")),
    ("not_processed.confirm", (RESULTS, _NOTPROC, "5.要求行政机关确认或重新出具已获取信息")),
    ("other.no_correction", (RESULTS, _OTHER, "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")),
    ("other.no_fee", (RESULTS, _OTHER, "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请")),
    ("other.other", (RESULTS, _OTHER, "3.其他")),
    ("total", (RESULTS, "（七）总计")),
    ("carried_forward", ("四、结转下年度继续办理",)),
]
REQ_ROWS_2019 = [r for r in REQ_ROWS_2021 if not r[0].startswith("other.")]
REQ_ROWS_2019.insert(REQ_ROWS_2019.index(next(r for r in REQ_ROWS_2019 if r[0] == "total")),
                     ("other", (RESULTS, _OTHER)))
REQ_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPEAL_ROWS = ["review", "litigation_direct", "litigation_after_review"]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]
APPEAL_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def active_table(template: str, printed: dict, label=lambda s: s) -> list[list]:
    rows: list[list] = []
    for heading, col_labels, cols, block_rows in (ACTIVE_2021 if template == "2021" else ACTIVE_2019):
        rows.append([label(heading)])
        rows.append([label("信息内容"), *[label(c) for c in col_labels]])
        for key, text in block_rows:
            rows.append([label(text), *[printed[f"active/{key}/{c}"] for c in cols]])
    return rows


def requests_table(template: str, printed: dict, label=lambda s: s, merge: str = "first",
                   total_word: str = "总计") -> list[list]:
    """merge="first": a merged label on the first row of its span (Word/HTML); "middle": on its middle row (PDF)."""
    rows_def = REQ_ROWS_2021 if template == "2021" else REQ_ROWS_2019
    rows: list[list] = [
        [label(REQ_NOTE), label("申请人情况")],
        [MERGED, label("自然人"), label("法人或其他组织"), label(total_word)],
        [MERGED, MERGED, *[label(c) for c in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")], MERGED],
    ]
    spans: dict[tuple, list[int]] = {}
    for i, (_key, path) in enumerate(rows_def):
        for depth in range(len(path) - 1):
            spans.setdefault((depth, path[: depth + 1]), []).append(i)
    for i, (key, path) in enumerate(rows_def):
        cells: list = []
        for depth, text in enumerate(path[:-1]):
            members = spans[(depth, path[: depth + 1])]
            anchor = members[0] if merge == "first" else members[(len(members) - 1) // 2]
            cells.append(label(text) if i == anchor else MERGED)
        leaf = path[-1].replace("总计", total_word) if key == "total" else path[-1]
        cells.append(label(leaf))
        cells.extend(printed[f"requests/{key}/{c}"] for c in REQ_COLUMNS)
        rows.append(cells)
    return rows


def appeals_table(printed: dict, label=lambda s: s, review_missing: bool = False,
                  total_word: str = "总计") -> list[list]:
    words = [label(w.replace("总计", total_word)) for w in APPEAL_LABELS]
    keys = APPEAL_ROWS[1:] if review_missing else APPEAL_ROWS
    if review_missing:
        return [[label("行政诉讼")], [label("未经复议直接起诉"), label("复议后起诉")], words * 2,
                [printed[f"appeals/{r}/{c}"] for r in keys for c in APPEAL_COLS]]
    return [[label("行政复议"), label("行政诉讼")],
            [*words, label("未经复议直接起诉"), label("复议后起诉")],
            [MERGED] * 5 + words * 2,
            [printed[f"appeals/{r}/{c}"] for r in keys for c in APPEAL_COLS]]


def _cells(row: list, merged_as: str | None, blank_as: str) -> list[str]:
    out = []
    for c in row:
        if c is MERGED:
            if merged_as is not None:
                out.append(merged_as)
        elif c is DROPPED:
            continue
        else:
            out.append(c if c != "" else blank_as)
    return out


def cell_lines(rows: list[list], prefix: str = "\t", suffix: str = "", merged_as: str | None = "",
               cell_gap: str = "\n", row_gap: str = "\n\n", blank_as: str = "") -> str:
    """One cell per line (Word or web copy)."""
    return row_gap.join(cell_gap.join(prefix + c + suffix for c in _cells(r, merged_as, blank_as)) for r in rows)


def row_lines(rows: list[list], sep: str = "\t", merged_as: str | None = "", blank_as: str = "",
              end: str = "") -> str:
    """One row per line, cells separated by sep (browser table copy: merged_as=None)."""
    return "\n".join(sep.join(_cells(r, merged_as, blank_as)) + end for r in rows)


def markdown_rows(rows: list[list], header_rows: int = 1) -> str:
    lines = []
    for i, r in enumerate(rows):
        cells = _cells(r, "", "")
        lines.append("| " + " | ".join(cells) + " |")
        if i == header_rows - 1:
            lines.append("|" + "---|" * len(cells))
    return "\n".join(lines)


def pdf_rows(rows: list[list], rng: random.Random, wrap: int = 16, page_break_after: int | None = None,
             page_marks: tuple[str, str] = ("", ""), repeat_header: int = 0) -> str:
    """Text as a PDF extractor gives it: a row per line, cells separated by runs of spaces, long
    label cells wrapped over several lines (the numbers on the middle line of the wrapped label),
    and an optional page break (footer, running header, repeated table header rows) in the table."""
    lines: list[str] = []
    for i, r in enumerate(rows):
        cells = _cells(r, None, "")
        numbers = [c for c in cells if _is_number_like(c)]
        labels = [c for c in cells if not _is_number_like(c)]
        last = labels[-1] if labels else ""
        chunks = [last[j:j + wrap] for j in range(0, len(last), wrap)] or [""]
        middle = (len(chunks) - 1) // 2
        gap = " " * rng.choice((1, 2, 3, 4))
        for j, chunk in enumerate(chunks):
            parts = labels[:-1] + [chunk] if j == middle else [chunk]
            if j == middle:
                parts += numbers
            lines.append(gap.join(p for p in parts if p).rstrip())
        if page_break_after is not None and i == page_break_after:
            footer, header = page_marks
            lines.extend(["", footer, "", header] if header else ["", footer, ""])
            lines.extend("  ".join(_cells(hr, None, "")) for hr in rows[:repeat_header])
    return "\n".join(lines)


def narrow_merged(rows: list[list], width: int = 2) -> list[list]:
    """A merged label in a narrow column of a PDF wraps every few characters; each piece lands on
    the line of the row beside it (三、本 / 年度 / 办理 / 结果 on four consecutive rows)."""
    out = [list(r) for r in rows]
    for i, r in enumerate(out):
        for j, cell in enumerate(r):
            following = [k for k in range(i + 1, len(out)) if j < len(out[k]) and out[k][j] is MERGED]
            if not isinstance(cell, str) or not following or following[0] != i + 1:
                continue
            span = [i] + [k for n, k in enumerate(following) if k == i + 1 + n]
            pieces = [cell[n:n + width] for n in range(0, len(cell), width)]
            if len(pieces) > len(span):
                pieces = pieces[:len(span) - 1] + ["".join(pieces[len(span) - 1:])]
            for k, piece in zip(span, pieces, strict=False):
                out[k][j] = piece
    return out


def _is_number_like(text: str) -> bool:
    t = text.strip().replace(",", "").replace("万元", "").replace("元", "")
    return bool(t) and (t.lstrip("+-增减").replace(".", "", 1).isdigit())
