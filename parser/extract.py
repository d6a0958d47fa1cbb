"""Text → Report: the whole parse of one annual report."""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from .doubts import flag_doubtful, recognised_by_ocr, weigh_ocr_text
from .errors import ReadError
from .glued import glued_label
from .header import detect_version, find_agency, find_sections, find_year
from .layout import place
from .model import BLANK, MISSING, REPAIRED, UNCERTAIN, Cell, Report
from .normalize import Normalized, label_key, normalize, to_simplified, without_radicals
from .placed import Placed, is_missing
from .positions import Layout
from .reader import page_text_from_bytes, read_bytes
from .statements import stated_counts
from .tables import TableReader, _best_row
from .template import Block, Row, Version, version
from .tokens import LABEL, VALUE, Token, tokenize
from .values import read_value

_END_WORDS = ("存在的主要问题", "存在问题", "主要问题", "改进情况", "其他需要报告", "其它需要报告", "其他事项")
_END_WORDS_RE = re.compile("|".join(_END_WORDS))
_LETTER_SPACING = re.compile(r"(?<=[\u3400-\u9fff]) (?=[\u3400-\u9fff])")


def parse_text(text: str, source: str = "") -> Report:
    """Parse a report's text. Never raises on any text: what cannot be read stays missing."""
    norm = normalize(text)
    year, year_span = find_year(norm.text)
    agency, agency_span = find_agency(norm.text)
    template, votes = detect_version(norm.text, year)
    report = Report(source, text, template, agency, year, version_votes=votes)
    report.year_span = norm.span(*year_span) if year_span else None
    report.agency_span = norm.span(*agency_span) if agency_span else None
    if report.agency_span:  # as printed (full-width brackets, 於潜), in Simplified if printed Traditional
        printed = text[report.agency_span[0]:report.agency_span[1]].strip()
        printed = _LETTER_SPACING.sub("", without_radicals(printed))  # a PDF's text layer: ⾃治旗, 水 利 部
        report.agency = to_simplified(printed) if norm.traditional else printed
    ver = version(template or "2021")
    tokens = tokenize(norm.text)
    regions = find_regions(ver, tokens, year)
    reader = TableReader(ver, tokens, stated_counts(norm.text, ver.key) if _has_glued_rows(tokens) else None,
                         Layout(norm, text) if "   " in norm.text else None, norm.text)
    read: dict[str, Cell] = {}
    for table in ver.tables:
        if table.key in regions:
            block_of = {r: b for b in table.blocks for r in b.rows}
            for placed in reader.read(table, regions[table.key]):
                _fill(read, table.key, placed, block_of[placed.row], norm, text)
    cells = {k: read[k] if k in read else Cell(k) for k in ver.cell_keys()}  # the rest stay missing
    flag_doubtful(cells, ver)
    # no version words and no year: the 2021 format if its tables were found, else unknown
    report.template = template or (ver.key if any(c.status != MISSING for c in cells.values()) else None)
    report.cells = cells
    table_spans = {k: (tokens[a].start, tokens[b - 1].end) for k, (a, b) in regions.items() if b > a}
    report.sections = {k: norm.span(a, b) for k, (a, b) in find_sections(norm.text, table_spans).items()}
    return report


def _fill(cells: dict[str, Cell], table: str, placed: Placed, block: Block, norm: Normalized, text: str) -> None:
    """The cells of one placed row of `block`, read into `cells` (a cell not printed is left out: it stays
    missing)."""
    prefix = f"{table}/{placed.row.key}/"
    for i, (col, tok) in enumerate(zip(block.columns, placed.cells, strict=False)):
        if is_missing(tok):
            continue
        key = prefix + col.key
        # glued digits the arithmetic cannot split: missing, the glued text says why
        if i in placed.unplaced and tok is not None:
            cells[key] = Cell(key, None, text[slice(*norm.span(tok.start, tok.end))], norm.span(tok.start, tok.end),
                              MISSING)
            continue
        if tok is None:
            cells[key] = Cell(key, None, "", None, BLANK)
            continue
        span = norm.span(tok.start, tok.end)
        printed = text[span[0]:span[1]]
        cv = read_value(tok.text.replace(" ", "") if i in placed.repaired else tok.text, col.kind)
        if cv is None:  # printed, but unreadable as a number: kept as printed, no value (value.not_number)
            cells[key] = Cell(key, None, printed, span, MISSING)
            continue
        if i in placed.in_yuan and cv.unit is None and cv.value is not None:  # heading says 元: → 万元
            cells[key] = Cell(key, round(cv.value / 10000, 6), printed, span, REPAIRED, "元")
            continue
        # repaired: joined from pieces, or the printed characters differ from what was read (０, l0, ...)
        changed = i in placed.repaired or (cv.status != BLANK and printed != tok.text)
        status = UNCERTAIN if i in placed.uncertain else REPAIRED if changed else cv.status
        cells[key] = Cell(key, cv.value, printed, span, status, cv.unit)


def find_regions(ver: Version, tokens: list[Token], year: int | None = None) -> dict[str, tuple[int, int]]:
    """Token index ranges [a, b) of the active, requests and appeals tables, in whatever order the
    report prints them; a table printed for two years (this and last, for comparison) keeps this year's."""
    labels = [(i, label_key(_unglued(t.text))) for i, t in enumerate(tokens) if t.kind == LABEL]
    req_rows = list(ver.table("requests").blocks[0].rows)

    def first(pred, followed_by=None, within: int = 80) -> int | None:
        """The first label meeting pred (and followed, within some tokens, by a label meeting
        followed_by: a table of contents names the sections too, but no table follows it)."""
        for n, (i, k) in enumerate(labels):
            if pred(k) and (followed_by is None or any(followed_by(q) for q in _ahead(labels, n + 1, i + within))):
                return i
        return None

    def names_row(row):
        return lambda k: _names_row(k, row)

    active_rows = ("规章", "行政规范性文件", "规范性文件", "行政许可")
    active = first(lambda k: k.startswith("第二十条第") or k == "信息内容" or k == "主动公开政府信息情况",
                   lambda k: k in active_rows)
    if active is None:
        active = first(lambda k: k in active_rows)
    def requests_heading(k: str) -> bool:
        return len(k) < 40 and ("勾稽关系" in k or k == "申请人情况" or "收到和处理政府信息公开申请" in k)

    requests = first(requests_heading, names_row(req_rows[0]))
    if requests is None:
        requests = first(names_row(req_rows[0]))
    if requests is None:  # a table whose first rows were lost
        requests = first(requests_heading)
    overview = _overview(tokens)
    starts = {"active": active, "requests": requests,
              "appeals": _appeals_start(labels, first(names_row(req_rows[-1])), overview)}
    order = sorted((pos, key) for key, pos in starts.items() if pos is not None)
    regions: dict[str, tuple[int, int]] = {}
    for n, (pos, key) in enumerate(order):
        end = order[n + 1][0] if n + 1 < len(order) else len(tokens)
        regions[key] = _this_year_only(tokens, *_cut_at_end_words(tokens, pos, end), year)
    return regions


@lru_cache(maxsize=1 << 13)
def _names_row(key: str, row: Row) -> bool:
    """The label key names this row (cached: the same labels are tried against the same rows in every report)."""
    return _best_row([key], [row], None, 85) is not None


def _has_glued_rows(tokens: list[Token]) -> bool:
    """Some label carries a row's digits glued to its end (crawler text): worth reading the narrative's counts."""
    return sum(1 for t in tokens if t.kind == LABEL and t.text[-1:].isdigit() and glued_label(t.text)) >= 3


def _unglued(label: str) -> str:
    """A label without the row's digits a crawler glued to it (规章2117 → 规章)."""
    found = glued_label(label)
    return found[0] if found else label


def _overview(tokens: list[Token]) -> range:
    """Token indexes of section 一、总体情况 (a table quoted there, e.g. the whole system's, is not
    the report's own)."""
    heads = [i for i, t in enumerate(tokens) if t.kind == LABEL and _TOP_HEADING.match(t.text)]
    start = next((i for i in heads if "总体情况" in tokens[i].text), None)
    if start is None:
        return range(0)
    return range(start, next((i for i in heads if i > start), start))


_TOP_HEADING = re.compile(r"^\s*[一二三四五六七八九十]\s*[、.．]\s*\S{2,20}$")


def _appeals_start(labels: list[tuple[int, str]], carried_forward: int | None, overview: range) -> int | None:
    """Table four: a heading naming 行政复议 or 行政诉讼 that its column headings (结果维持) follow;
    else the first such heading after table three's last row. Headings inside 一、总体情况 only
    when there is no other."""
    heads = [i for i, k in labels if len(k) < 40 and ("行政复议" in k or "行政诉讼" in k)]
    heads = [i for i in heads if i not in overview] or heads
    positions = [i for i, _ in labels]
    for i in heads:
        if any("维持" in k and len(k) < 10 for k in _ahead(labels, bisect_right(positions, i), i + 60)):
            return i
    after = [i for i in heads if carried_forward is not None and i > carried_forward]
    return after[0] if after else (heads[0] if heads else None)


def _ahead(labels: list[tuple[int, str]], n: int, limit: int) -> Iterator[str]:
    """The label keys from labels[n] on, up to token index `limit`."""
    for i, k in labels[n:]:
        if i > limit:
            return
        yield k


_YEAR_HEADING = re.compile(r"^[(（]?[一二三四五六七八九十\d]{0,2}[)）、.]?\s*(20\d\d)\s*年")


def _this_year_only(tokens: list[Token], a: int, b: int, year: int | None) -> tuple[int, int]:
    """Within a table region, the part under the heading of the report's year when the table is
    printed for several years under headings such as （一）2023年度 / （二）2022年度（上年，供对比）."""
    if year is None:
        return a, b
    heads = [(i, int(m.group(1))) for i in range(a, b) if tokens[i].kind == LABEL and len(tokens[i].text) <= 30
             and "年" in tokens[i].text and (m := _YEAR_HEADING.match(tokens[i].text))]
    if len({y for _, y in heads}) < 2 or year not in {y for _, y in heads}:
        return a, b
    start = next(i for i, y in heads if y == year)
    end = next((i for i, y in heads if i > start and y != year), b)
    return start, end


def _cut_at_end_words(tokens: list[Token], a: int, b: int) -> tuple[int, int]:
    """A table region ends at the heading of 五、存在的主要问题 / 六、其他需要报告的事项 (by meaning)."""
    seen_value = False
    for i in range(a, b):
        t = tokens[i]
        if t.kind == VALUE:
            seen_value = True
        elif t.kind == LABEL and i > a and _END_WORDS_RE.search(label_key(t.text)):
            if seen_value or len(t.text) < 40:
                return a, i
    return a, b


def parse_bytes(data: bytes, name: str, source: str | None = None) -> Report:
    """Parse the bytes of a report file called `name`, whatever its kind (text, web page, Word, PDF with
    or without a text layer, page images): the one entry every caller uses. Cells read from pages carry
    their page, box and OCR confidence. Raises ReadError with a one-line Chinese reason for bad input,
    also for a scan in which no table could be read."""
    page_text = page_text_from_bytes(data, name)
    report = parse_text(page_text.text, name if source is None else source)
    outside = place(report, page_text.runs)
    report.page_turns = list(page_text.turns)
    if page_text.ocr:
        from .ocr.certainty import settle

        if all(c.status == MISSING for c in report.cells.values()):
            raise ReadError(f"扫描件中未找到统计表（图像可能过于模糊、倾斜或不完整），请重新扫描后再导入：{name}")
        settle(report, outside)
    elif report.version is not None and recognised_by_ocr(page_text.text):  # another tool's OCR: no scores
        weigh_ocr_text(report.cells, report.version)
    return report


def load(path: str | Path, source: str | None = None) -> Report:
    """Read and parse one report file; raises ReadError with a Chinese reason for bad input."""
    p = Path(path)
    return parse_bytes(read_bytes(p), p.name, str(path) if source is None else source)
