"""Damaged copies (issue 11): reports in the official layout put through the damage real copies show on the way
to a reviewer — a PDF viewer's text order, converter Markdown, OCR from other tools, and crawler text with the
table cells glued together.

Each report draws one consistent set of values (tests/data/report_content.py: row and column totals and the
balance hold, the narrative states the request counts), renders the three tables in the official layout
(tests/data/report_layouts.py) and then damages that rendering. The truth is the drawn values: what the report
really says, never adjusted to the parser. Where a copy destroys information (glued digits the arithmetic
cannot split, a digit an OCR dropped) the truth still holds the real value; the parser is expected to leave
such cells missing or uncertain, never to give a wrong value as certain.

Run `python tests/data/damaged/make_damaged.py` from the repository root to rewrite the .txt/.json files.
"""
from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent)]

from report_content import Meta, compose, draw_values, fmt, narrative, truth  # noqa: E402
from report_layouts import MERGED, REQ_ROWS_2019, REQ_ROWS_2021, active_table, appeals_table, requests_table  # noqa: E402

SEED = 20261202


def _is_number(text: str) -> bool:
    t = text.strip().replace("万元", "").lstrip("+-")
    return bool(t) and t.replace(".", "", 1).isdigit()


def cells(row: list) -> list[str]:
    """The printed cells of a row model (merged continuations are not printed)."""
    return [c for c in row if c is not MERGED]


def split(row: list) -> tuple[list[str], list[str]]:
    """(labels, numbers) of a row."""
    cs = cells(row)
    return [c for c in cs if not _is_number(c)], [c for c in cs if _is_number(c)]


def spaced(parts: list[str], rng: random.Random) -> str:
    return (" " * rng.choice((2, 3, 4))).join(p for p in parts if p)


def pdf(rows: list[list], rng: random.Random) -> list[str]:
    """A row per line, cells split by runs of spaces (a PDF text layer)."""
    return [spaced(cells(r), rng) for r in rows]


def draw(rng: random.Random, template: str, profile: str) -> tuple[dict, dict]:
    values = draw_values(rng, template, profile)
    printed = {k: fmt(v) for k, v in values.items()}
    if template == "2019":
        printed["active/procurement/amount"] += "万元"
    return values, printed


def assemble(rng: random.Random, m: Meta, template: str, values: dict, active: list[str], requests: list[str],
             appeals: list[str]) -> tuple[str, dict]:
    tables = {"template": template, "active": "\n".join(active), "requests": "\n".join(requests),
              "appeals": "\n".join(appeals)}
    return compose(m, narrative(rng, m, values, template), tables, rng), truth(m, template, values)


# --------------------------------------------------------------------------- PDF text order

def d01_pdf_numbers_before_label(rng, t: str, m: Meta):
    """Every row's numbers on the line before its label (tables two and three), as a PDF viewer orders a row
    whose label cell sits lower than its numbers."""
    v, p = draw(rng, t, "county")

    def flipped(rows: list[list], header: int) -> list[str]:
        out = pdf(rows[:header], rng)
        for r in rows[header:]:
            labels, numbers = split(r)
            out += [spaced(numbers, rng), spaced(labels, rng)] if numbers else [spaced(labels, rng)]
        return out
    act = flipped(active_table(t, p), 0)
    req = flipped(requests_table(t, p, merge="middle"), 3)
    return assemble(rng, m, t, v, act, req, pdf(appeals_table(p), rng))


def d13_pdf_some_numbers_before_label(rng, t: str, m: Meta):
    """Each row's label on one line and its numbers on the next, except a few rows (a tall label cell) whose
    numbers come out on the line before their label."""
    v, p = draw(rng, t, "city")
    rows = requests_table(t, p, merge="middle")
    before = {5, 9, 13, 17, 21}  # not two in a row, never the first or the last
    req = pdf(rows[:3], rng)
    for i, r in enumerate(rows[3:], start=3):
        labels, numbers = split(r)
        pair = [spaced(labels, rng), spaced(numbers, rng)]
        req += pair[::-1] if i in before else pair
    return assemble(rng, m, t, v, pdf(active_table(t, p), rng), req, pdf(appeals_table(p), rng))


def d14_pdf_column_numbers_and_note(rng, t: str, m: Meta):
    """Table three with a row of column numbers under its headings (1 2 3 4 5 6 7), every row's numbers before
    its label, and a note after the table."""
    v, p = draw(rng, t, "city")
    rows = requests_table(t, p, merge="middle")
    req = pdf(rows[:3], rng) + [spaced([str(i) for i in range(1, 8)], rng)]
    for r in rows[3:]:
        labels, numbers = split(r)
        req += [spaced(numbers, rng), spaced(labels, rng)]
    req.append("注：本表数据统计期限为当年1月1日至12月31日。")
    return assemble(rng, m, t, v, pdf(active_table(t, p), rng), req, pdf(appeals_table(p), rng))


def d02_pdf_two_labels_then_rows(rng, t: str, m: Meta):
    """Pairs of rows printed as two labels, then the two rows of numbers (2019 format)."""
    v, p = draw(rng, t, "city")

    def paired(rows: list[list], pairs: set[int]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(rows):
            if i in pairs and i + 1 < len(rows):
                (la, na), (lb, nb) = split(rows[i]), split(rows[i + 1])
                out += [spaced(la, rng), spaced(lb, rng), spaced(na, rng), spaced(nb, rng)]
                i += 2
                continue
            out.append(spaced(cells(rows[i]), rng))
            i += 1
        return out
    act_rows = active_table(t, p)
    req_rows = requests_table(t, p, merge="first")
    act = paired(act_rows, {2, 5})  # 规章 + 规范性文件, 行政许可 + 其他对外管理服务事项
    req = paired(req_rows, {3, 7, 12, 18, 22})
    return assemble(rng, m, t, v, act, req, pdf(appeals_table(p), rng))


def _wrap(text: str, width: int) -> list[str]:
    return [text[j:j + width] for j in range(0, len(text), width)] or [""]


def d03_pdf_wrapped_labels_interleaved(rng, t: str, m: Meta):
    """Labels wrapped over 2–4 lines with the numbers on one of them; the group label 三、本年度办理结果 printed
    vertically, one character per line between the rows."""
    v, p = draw(rng, t, "county")
    rows = requests_table(t, p, merge="first")
    out = pdf(rows[:3], rng)
    vertical = list("三本年度办理结果")
    body = rows[3:]
    slots = {2 + round(k * (len(body) - 4) / (len(vertical) - 1)): ch for k, ch in enumerate(vertical)}
    for i, r in enumerate(body):
        if i in slots:
            out.append(slots[i])
        labels, numbers = split(r)
        labels = [x for x in labels if x != "三、本年度办理结果"]
        leaf = labels[-1]
        chunks = _wrap(leaf, rng.choice((5, 6, 7))) if len(leaf) > 6 else [leaf]
        chunks = chunks[:3] + ["".join(chunks[3:])] if len(chunks) > 4 else chunks
        at = rng.randrange(len(chunks))
        for j, chunk in enumerate(chunks):
            parts = (labels[:-1] if j == 0 else []) + [chunk] + (numbers if j == at else [])
            out.append(spaced(parts, rng))
    act = []
    for r in active_table(t, p):
        labels, numbers = split(r)
        head = [c for c in labels]
        if len(head) > 1 and head[0] == "信息内容":
            act.append(spaced(["信息内容", *[w for h in head[1:] for w in _wrap(h, 4)[:1]]], rng))
            act.append(spaced([w for h in head[1:] for w in _wrap(h, 4)[1:2]], rng))
        else:
            act.append(spaced(cells(r), rng))
    return assemble(rng, m, t, v, act, out, pdf(appeals_table(p), rng))


def d17_pdf_wrapped_labels_some_numbers_first(rng, t: str, m: Meta):
    """Labels wrapped every six characters, the numbers on the first line of the label, except every fourth
    row whose numbers come out on a line of their own before its label."""
    v, p = draw(rng, t, "city")
    rows = requests_table(t, p, merge="middle")
    req = pdf(rows[:3], rng)
    for i, r in enumerate(rows[3:]):
        labels, numbers = split(r)
        chunks = _wrap(labels[-1], 6)
        if i % 4 == 2:
            req += [spaced(numbers, rng), spaced(labels[:-1] + chunks[:1], rng), *chunks[1:]]
        else:
            req += [spaced(labels[:-1] + chunks[:1] + numbers, rng), *chunks[1:]]
    return assemble(rng, m, t, v, pdf(active_table(t, p), rng), req, pdf(appeals_table(p), rng))


def d18_pdf_page_break_between_label_and_numbers(rng, t: str, m: Meta):
    """A page break (the page number alone, the running title) between two rows' labels and their numbers."""
    v, p = draw(rng, t, "city")
    rows = requests_table(t, p, merge="middle")
    running = f"{m.agency}{m.year}年政府信息公开工作年度报告"
    req = pdf(rows[:3], rng)
    for i, r in enumerate(rows[3:]):
        labels, numbers = split(r)
        if i in (5, 15):
            req += [spaced(labels, rng), "", str(7 + i // 10), "", running, spaced(numbers, rng)]
        else:
            req.append(spaced(cells(r), rng))
    return assemble(rng, m, t, v, pdf(active_table(t, p), rng), req, pdf(appeals_table(p), rng))


def d04_pdf_page_marks_in_tables(rng, t: str, m: Meta):
    """Page footers (- 5 -, 第5页 共9页, a bare page number), the running title and the repeated header rows
    inside tables two and three."""
    v, p = draw(rng, t, "county")
    running = f"{m.agency}{m.year}年政府信息公开工作年度报告"
    rows = requests_table(t, p, merge="middle")
    req = pdf(rows[:14], rng) + ["", "- 5 -", "", running] + pdf(rows[:3], rng) + pdf(rows[14:22], rng) \
        + ["", "第6页 共9页", ""] + pdf(rows[22:], rng)
    act_rows = active_table(t, p)
    act = pdf(act_rows[:5], rng) + ["", "4", "", running] + pdf(act_rows[5:], rng)
    return assemble(rng, m, t, v, act, req, pdf(appeals_table(p), rng))


def _appeal_numbers(p: dict, row: str) -> list[str]:
    return [p[f"appeals/{row}/{c}"] for c in ("upheld", "corrected", "other", "pending", "total")]


_RESULTS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]


def d05_pdf_appeals_separate_blocks(rng, t: str, m: Meta):
    """Table four's three groups printed as separate blocks, each with its heading and column headings."""
    v, p = draw(rng, t, "city")
    app = ["行政复议", spaced(_RESULTS, rng), spaced(_appeal_numbers(p, "review"), rng),
           "行政诉讼", "未经复议直接起诉", spaced(_RESULTS, rng), spaced(_appeal_numbers(p, "litigation_direct"), rng),
           "复议后起诉", spaced(_RESULTS, rng), spaced(_appeal_numbers(p, "litigation_after_review"), rng)]
    act = pdf(active_table(t, p), rng)
    return assemble(rng, m, t, v, act, pdf(requests_table(t, p, merge="middle"), rng), app)


def d06_pdf_appeals_headings_after_numbers(rng, t: str, m: Meta):
    """Table four's groups with their headings printed after their numbers (2019 format)."""
    v, p = draw(rng, t, "city")
    app = [spaced(_appeal_numbers(p, "review"), rng), "行政复议", spaced(_RESULTS, rng),
           spaced(_appeal_numbers(p, "litigation_direct"), rng), "行政诉讼", "未经复议直接起诉", spaced(_RESULTS, rng),
           spaced(_appeal_numbers(p, "litigation_after_review"), rng), "复议后起诉", spaced(_RESULTS, rng)]
    act = pdf(active_table(t, p), rng)
    return assemble(rng, m, t, v, act, pdf(requests_table(t, p, merge="middle"), rng), app)


def d19_pdf_appeal_rows_numbers_first(rng, t: str, m: Meta):
    """Table four printed as three labelled rows (行政复议 / 行政诉讼（未经复议直接起诉） / （复议后起诉）), each row's
    numbers on the line before its label."""
    v, p = draw(rng, t, "city")
    names = {"review": "行政复议", "litigation_direct": "行政诉讼（未经复议直接起诉）",
             "litigation_after_review": "行政诉讼（复议后起诉）"}
    app = [spaced(["项目", *_RESULTS], rng)]
    for row, name in names.items():
        app += [spaced(_appeal_numbers(p, row), rng), name]
    return assemble(rng, m, t, v, pdf(active_table(t, p), rng), pdf(requests_table(t, p, merge="middle"), rng), app)


# --------------------------------------------------------------------------- converter Markdown

def _md(row: list[str]) -> str:
    return "| " + " | ".join(row) + " |"


def _md_rule(n: int) -> str:
    return "|" + "---|" * n


def _md_cells(row: list) -> list[str]:
    return ["" if c is MERGED else c for c in row]


def d16_md_merged_cells_repeated(rng, t: str, m: Meta):
    """A converter's Markdown that repeats a merged cell's text in every cell it spans (三、本年度办理结果 on
    every result row, （三）不予公开 on its eight rows, 申请人情况 over the header)."""
    v, p = draw(rng, t, "county")
    rows = requests_table(t, p, merge="first")
    filled: list[list[str]] = []
    last: dict[int, str] = {}
    for r in rows:
        row = []
        for j, x in enumerate(r):
            if x is MERGED:
                x = last.get(j, "")
            last[j] = x
            row.append(x)
        filled.append(row)
    req = [_md(filled[0] + [filled[0][-1]] * (len(filled[3]) - 2)), _md_rule(len(filled[3]))]
    req += [_md(r) for r in filled[1:]]
    return assemble(rng, m, t, v, pdf(active_table(t, p), rng), req, pdf(appeals_table(p), rng))


def _row_keys(t: str) -> list[str]:
    """Table three's row keys in print order (the rows after the three header rows)."""
    return [key for key, _ in (REQ_ROWS_2021 if t == "2021" else REQ_ROWS_2019)]


def _row_groups(t: str) -> list[tuple[int, int]]:
    """[a, b) ranges of table three's printed rows (header rows counted) per row group: 一/二, （一）（二）,
    （三）…, （四）…, （五）…, （六）…, （七）, 四."""
    def group(key: str) -> str:
        return {"new_received": "frame", "carried_over": "frame", "granted": "open",
                "partially_granted": "open"}.get(key, key.split(".")[0])
    out: list[tuple[int, int]] = []
    for i, key in enumerate(_row_keys(t), start=3):
        if out and group(_row_keys(t)[out[-1][0] - 3]) == group(key):
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out


def d07_md_table_per_group(rng, t: str, m: Meta):
    """A converter's Markdown: one pipe table per row group of table three, each opened by a header row
    (the real one first, then generic 列1…列10 ones), |---| separators."""
    v, p = draw(rng, t, "county")
    rows = requests_table(t, p, merge="first")
    width = len(rows[3])
    groups = _row_groups(t)
    req = [_md(_md_cells(rows[0]) + [""] * (width - 2)), _md_rule(width)]
    req += [_md(_md_cells(r) + [""] * (width - len(r))) for r in rows[1:3]]
    for n, (a, b) in enumerate(groups):
        if n:
            req += ["", _md([f"列{j + 1}" for j in range(width)]), _md_rule(width)]
        req += [_md(_md_cells(r)) for r in rows[a:b]]
    act: list[str] = []
    for r in active_table(t, p):
        cs = cells(r)
        if len(cs) == 1:
            act += ["", cs[0], ""]
        elif cs[0] == "信息内容":
            act += [_md(cs), _md_rule(len(cs))]
        else:
            act.append(_md(cs))
    app_rows = appeals_table(p)
    app = [_md(_md_cells(app_rows[0])), _md_rule(len(app_rows[0]))] + [_md(_md_cells(r)) for r in app_rows[1:]]
    return assemble(rng, m, t, v, act, req, app)


def d08_md_data_columns_unlabelled_rows(rng, t: str, m: Meta):
    """Markdown with columns named 数据1…数据7, the official header rows repeated mid-table, two rows whose
    labels were lost (numbers only) and a row whose 总计 stands alone on the next line (2019 format)."""
    v, p = draw(rng, t, "city")
    rows = requests_table(t, p, merge="first")
    keys = _row_keys(t)
    unlabelled = (3 + keys.index("denied.three_safety"), 3 + keys.index("unable.unclear"))
    req = [_md(["项目", "", "", *[f"数据{j + 1}" for j in range(7)]]), _md_rule(10)]
    for i, r in enumerate(rows):
        c = _md_cells(r)
        if i in unlabelled:  # label cells lost
            c = ["", "", "", *c[3:]]
        if i == 14:
            req += [_md(_md_cells(x)) for x in rows[:3]]  # header rows again (a page break in the source)
        if i == 3 + keys.index("total"):  # （七）总计: its total on a line of its own
            req += [_md(c[:-1]), c[-1]]
            continue
        req.append(_md(c))
    act: list[str] = []
    for r in active_table(t, p):
        cs = cells(r)
        if len(cs) == 1:
            act += ["", cs[0]]
        elif cs[0] == "信息内容":
            act += [_md(["信息内容", *[f"数据{j + 1}" for j in range(len(cs) - 1)]]), _md_rule(len(cs))]
        else:
            act.append(_md(cs))
    app_rows = appeals_table(p)
    app = [_md([f"数据{j + 1}" for j in range(15)]), _md_rule(15)] + [_md(_md_cells(r)) for r in app_rows]
    return assemble(rng, m, t, v, act, req, app)


def _html_table(rows: list[list]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in cells(r)) + "</tr>" for r in rows)
    return f'<table border="1">{body}</table>'


def d20_md_html_tables(rng, t: str, m: Meta):
    """A converter's Markdown whose tables are HTML (<table><tr><td>…), one table per line, merged cells
    left out, amid the Markdown text."""
    v, p = draw(rng, t, "county")
    return assemble(rng, m, t, v, [_html_table(active_table(t, p))], [_html_table(requests_table(t, p))],
                    [_html_table(appeals_table(p))])


# --------------------------------------------------------------------------- OCR from other tools

_OCR_ZERO = ("O", "o", "D")
_OCR_ONE = ("l", "I")


def d09_ocr_letters_for_digits(rng, t: str, m: Meta):
    """An OCR tool's text: O/o/D for 0 and l/I for 1 inside numbers, misread characters in labels and 沐阳 for
    沭阳 in the title (the narrative and the signature spell the agency right), tab-separated rows."""
    v, p = draw(rng, t, "city")
    keys = [k for k in p if k.startswith(("requests/", "active/licensing", "active/punishment"))]
    zeros = [k for k in keys if "0" in p[k] and len(p[k]) > 1]
    ones = [k for k in keys if "1" in p[k] and len(p[k]) > 1]
    for k in rng.sample(zeros, min(4, len(zeros))):
        p[k] = p[k].replace("0", rng.choice(_OCR_ZERO), 1)
    for k in rng.sample([k for k in ones if k not in zeros], min(4, len(ones))):
        p[k] = p[k].replace("1", rng.choice(_OCR_ONE), 1)
    tab = "\t".join
    act = [tab(cells(r)) for r in active_table(t, p)]
    req = [tab(cells(r)) for r in requests_table(t, p)]
    req = [x.replace("予以公开", "子以公开").replace("不掌握", "不掌损") for x in req]
    text, truth_doc = assemble(rng, m, t, v, act, req, [tab(cells(r)) for r in appeals_table(p)])
    return text.replace(m.agency, m.agency.replace("沭", "沐"), 1), truth_doc  # the title misread


def d10_ocr_dropped_and_doubled_digits(rng, t: str, m: Meta):
    """An OCR tool dropped a digit of one number and doubled a digit of another in table three (2019 format):
    the arithmetic shows which cells; their printed values are not the report's."""
    v, p = draw(rng, t, "city")
    big = [k for k in p if k.startswith("requests/") and not k.endswith("/total") and len(p[k]) >= 3]
    dropped, doubled = rng.sample(big, 2)
    p[dropped] = p[dropped][:1] + p[dropped][2:]
    p[doubled] = p[doubled][:1] + p[doubled][0] + p[doubled][1:]
    act = pdf(active_table(t, p), rng)
    return assemble(rng, m, t, v, act, pdf(requests_table(t, p, merge="middle"), rng),
                    pdf(appeals_table(p), rng))


# --------------------------------------------------------------------------- crawler text, cells glued

def _glued(rows: list[list]) -> list[str]:
    return ["".join(cells(r)) for r in rows]


def d11_crawler_glued_cells(rng, t: str, m: Meta):
    """A crawler's text: every table row's cells glued together (行政规范性文件8855698; 15 digits of table four
    on one line); only what the arithmetic (and the narrative's counts of normative documents) splits one way
    can be read."""
    v, p = draw(rng, t, "county")
    text, truth_doc = assemble(rng, m, t, v, _glued(active_table(t, p)),
                               _glued(requests_table(t, p, merge="first")), _glued(appeals_table(p)))
    if t == "2021":  # the narrative states table two's counts of normative documents
        said = "本年制发行政规范性文件{}件，废止{}件，现行有效{}件。".format(
            *(p[f"active/normative_documents/{c}"] for c in ("issued", "repealed", "in_force")))
        text = text.replace("\n（一）主动公开\n", f"\n（一）主动公开\n\n{said}", 1)
    return text, truth_doc


def d15_crawler_digits_glued_to_headings(rng, t: str, m: Meta):
    """A crawler's text where table four's fifteen numbers are glued to its last line of headings."""
    v, p = draw(rng, t, "city")
    app = _glued(appeals_table(p))
    app = [*app[:-2], app[-2] + app[-1]]
    return assemble(rng, m, t, v, _glued(active_table(t, p)), _glued(requests_table(t, p, merge="first")), app)


def d12_crawler_single_digit_rows(rng, t: str, m: Meta):
    """A small agency's report as crawled: table three's rows of single digits glued (1000001), 2019 format."""
    v, p = draw(rng, t, "small")
    act = pdf(active_table(t, p), rng)
    return assemble(rng, m, t, v, act, _glued(requests_table(t, p, merge="first")),
                    _glued(appeals_table(p)))


# Each damage twice: in the format version named first, then in the other one (another agency and year).
REPORTS: list[tuple[Callable, tuple[str, Meta], tuple[str, Meta]]] = [
    (d01_pdf_numbers_before_label, ("2021", Meta("宿迁市宿豫区住房和城乡建设局", 2022, "住房和城乡建设")),
     ("2019", Meta("宿迁市泗洪县市场监督管理局", 2020, "市场监管"))),
    (d02_pdf_two_labels_then_rows, ("2019", Meta("淮安市清江浦区教育体育局", 2020, "教育", title="year_first")),
     ("2021", Meta("淮安市洪泽区卫生健康委员会", 2022, "卫生健康"))),
    (d03_pdf_wrapped_labels_interleaved, ("2021", Meta("泰州市姜堰区卫生健康委员会", 2023, "卫生健康")),
     ("2019", Meta("兴化市教育局", 2019, "教育", title="year_end"))),
    (d04_pdf_page_marks_in_tables, ("2021", Meta("连云港市海州区司法局", 2021, "法治建设")),
     ("2019", Meta("灌云县人民政府办公室", 2020, "政务服务"))),
    (d05_pdf_appeals_separate_blocks, ("2021", Meta("镇江市京口区市场监督管理局", 2022, "市场监管")),
     ("2019", Meta("镇江市丹徒区水利局", 2019, "水利"))),
    (d06_pdf_appeals_headings_after_numbers, ("2019", Meta("盐城市亭湖区交通运输局", 2020, "交通运输")),
     ("2021", Meta("盐城市大丰区民政局", 2023, "民政"))),
    (d07_md_table_per_group, ("2021", Meta("扬州市邗江区民政局", 2022, "民政")),
     ("2019", Meta("仪征市自然资源和规划局", 2020, "自然资源"))),
    (d08_md_data_columns_unlabelled_rows,
     ("2019", Meta("南通市崇川区人力资源和社会保障局", 2020, "人力资源和社会保障")),
     ("2021", Meta("南通市海门区教育体育局", 2024, "教育"))),
    (d09_ocr_letters_for_digits, ("2021", Meta("沭阳县农业农村局", 2022, "农业农村")),
     ("2019", Meta("沭阳县教育局", 2020, "教育"))),
    (d10_ocr_dropped_and_doubled_digits, ("2019", Meta("徐州市铜山区水务局", 2019, "水务")),
     ("2021", Meta("徐州市鼓楼区人力资源和社会保障局", 2022, "人力资源和社会保障"))),
    (d11_crawler_glued_cells, ("2021", Meta("无锡市锡山区自然资源和规划局", 2023, "自然资源")),
     ("2019", Meta("无锡市惠山区交通运输局", 2020, "交通运输"))),
    (d13_pdf_some_numbers_before_label, ("2021", Meta("苏州市相城区农业农村局", 2021, "农业农村")),
     ("2019", Meta("太仓市住房和城乡建设局", 2020, "住房和城乡建设"))),
    (d14_pdf_column_numbers_and_note, ("2019", Meta("昆山市人力资源和社会保障局", 2020, "人力资源和社会保障")),
     ("2021", Meta("常熟市司法局", 2023, "法治建设"))),
    (d15_crawler_digits_glued_to_headings, ("2021", Meta("宜兴市水利农机局", 2022, "水利")),
     ("2019", Meta("江阴市民政局", 2019, "民政"))),
    (d16_md_merged_cells_repeated, ("2021", Meta("南京市江宁区商务局", 2024, "商务")),
     ("2019", Meta("南京市浦口区文化和旅游局", 2020, "文化和旅游"))),
    (d17_pdf_wrapped_labels_some_numbers_first, ("2021", Meta("苏州市吴中区教育局", 2022, "教育")),
     ("2019", Meta("张家港市交通运输局", 2020, "交通运输"))),
    (d18_pdf_page_break_between_label_and_numbers, ("2019", Meta("海安市卫生健康委员会", 2019, "卫生健康")),
     ("2021", Meta("如皋市市场监督管理局", 2023, "市场监管"))),
    (d19_pdf_appeal_rows_numbers_first, ("2021", Meta("泰兴市自然资源和规划局", 2021, "自然资源")),
     ("2019", Meta("靖江市应急管理局", 2020, "应急管理"))),
    (d20_md_html_tables, ("2021", Meta("苏州市姑苏区住房和城乡建设局", 2022, "住房和城乡建设")),
     ("2019", Meta("苏州市虎丘区民政局", 2020, "民政"))),
    (d12_crawler_single_digit_rows, ("2019", Meta("常州市金坛区档案馆", 2019, "档案")),
     ("2021", Meta("溧阳市档案馆", 2021, "档案"))),
]


def build_all() -> dict[str, tuple[str, str]]:
    """stem → (report text, truth JSON text). Deterministic."""
    out = {}
    for make, *variants in REPORTS:
        for n, (template, meta) in enumerate(variants):
            rng = random.Random(f"{SEED}-{make.__name__}-{n}")
            text, t = make(rng, template, meta)
            number = int(make.__name__[1:3]) + 600 + 20 * n  # 601… as named first, 621… in the other version
            stem = f"{number}{make.__name__[3:]}" + (f"_{template}" if n else "")
            out[stem] = (text, json.dumps(t, ensure_ascii=False, indent=1) + "\n")
    return out


if __name__ == "__main__":
    for stem, (text, js) in build_all().items():
        (HERE / f"{stem}.txt").write_text(text, encoding="utf-8")
        (HERE / f"{stem}.json").write_text(js, encoding="utf-8")
        print("wrote", stem)
