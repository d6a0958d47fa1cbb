"""Text → Report: the whole parse of one annual report."""
from __future__ import annotations

from pathlib import Path

from .header import detect_version, find_agency, find_sections, find_year
from .model import BLANK, EXTRACTED, MISSING, REPAIRED, Cell, Report
from .normalize import Normalized, label_key, normalize, to_simplified
from .reader import read_text
from .tables import Placed, TableReader, _best_row, is_missing
from .template import Version, version
from .tokens import LABEL, VALUE, Token, tokenize
from .values import read_value

_END_WORDS = ("存在的主要问题", "存在问题", "主要问题", "改进情况", "其他需要报告", "其它需要报告", "其他事项")


def parse_text(text: str, source: str = "") -> Report:
    """Parse a report's text. Never raises on any text: what cannot be read stays missing."""
    norm = normalize(text)
    year, year_span = find_year(norm.text)
    agency, agency_span = find_agency(norm.text)
    template, votes = detect_version(norm.text, year)
    report = Report(source, text, template, agency, year, version_votes=votes)
    report.year_span = norm.span(*year_span) if year_span else None
    report.agency_span = norm.span(*agency_span) if agency_span else None
    if report.agency_span:  # as printed (full-width brackets kept), in Simplified characters
        report.agency = to_simplified(text[report.agency_span[0]:report.agency_span[1]]).strip()
    ver = version(template or "2021")
    tokens = tokenize(norm.text)
    regions = find_regions(ver, tokens)
    reader = TableReader(ver, tokens)
    cells = {k: Cell(k) for k in ver.cell_keys()}
    for table in ver.tables:
        if table.key in regions:
            for placed in reader.read(table, regions[table.key]):
                _fill(cells, table.key, placed, ver, norm, text)
    # no version words and no year: the 2021 format if its tables were found, else unknown
    report.template = template or (ver.key if any(c.status != MISSING for c in cells.values()) else None)
    report.cells = cells
    table_spans = {k: (tokens[a].start, tokens[b - 1].end) for k, (a, b) in regions.items() if b > a}
    report.sections = {k: norm.span(a, b) for k, (a, b) in find_sections(norm.text, table_spans).items()}
    return report


def _fill(cells: dict[str, Cell], table: str, placed: Placed, ver: Version, norm: Normalized, text: str) -> None:
    block = next(b for b in ver.table(table).blocks if placed.row in b.rows)
    for i, (col, tok) in enumerate(zip(block.columns, placed.cells, strict=False)):
        key = f"{table}/{placed.row.key}/{col.key}"
        if is_missing(tok):
            continue
        if tok is None:
            cells[key] = Cell(key, None, "", None, BLANK)
            continue
        span = norm.span(tok.start, tok.end)
        printed = text[span[0]:span[1]]
        cv = read_value(tok.text.replace(" ", "") if i in placed.repaired else tok.text, col.kind)
        if cv is None:  # printed, but not a number (value.not_number says so): keep the text, no value
            cells[key] = Cell(key, None, printed, span, EXTRACTED)
            continue
        # repaired: joined from pieces, or the printed characters differ from what was read (０, l0, ...)
        changed = i in placed.repaired or (cv.status != BLANK and printed != tok.text)
        cells[key] = Cell(key, cv.value, printed, span, REPAIRED if changed else cv.status, cv.unit)


def find_regions(ver: Version, tokens: list[Token]) -> dict[str, tuple[int, int]]:
    """Token index ranges [a, b) of the active, requests and appeals tables."""
    labels = [(i, label_key(t.text)) for i, t in enumerate(tokens) if t.kind == LABEL]
    req_rows = list(ver.table("requests").blocks[0].rows)
    first_row = req_rows[0]

    def first(pred, after: int = -1) -> int | None:
        return next((i for i, k in labels if i > after and pred(k)), None)

    active_start = first(lambda k: k.startswith("第二十条第") or k in ("信息内容",) or "主动公开政府信息情况" == k)
    req_start = first(lambda k: "勾稽关系" in k or k == "申请人情况" or "收到和处理政府信息公开申请" in k
                      or _best_row([k], [first_row], None, 85) is not None, active_start if active_start else -1)
    if req_start is None:
        req_start = first(lambda k: _best_row([k], [first_row], None, 85) is not None)
    if active_start is None:
        active_start = first(lambda k: k in ("规章", "行政许可"))
        if active_start is not None and req_start is not None and active_start > req_start:
            active_start = None
    app_from = req_start if req_start is not None else (active_start if active_start is not None else -1)
    last_req_row = req_rows[-1]
    carried = first(lambda k: _best_row([k], [last_req_row], None, 85) is not None, app_from)
    app_start = first(lambda k: "行政复议" in k or "行政诉讼" in k, carried if carried is not None else app_from)
    regions: dict[str, tuple[int, int]] = {}
    n = len(tokens)
    if active_start is not None:
        end = req_start if req_start is not None and req_start > active_start else (app_start or n)
        regions["active"] = (active_start, end)
    if req_start is not None:
        regions["requests"] = (req_start, app_start if app_start is not None and app_start > req_start else n)
        regions["requests"] = _cut_at_end_words(tokens, *regions["requests"])
    if app_start is not None:
        regions["appeals"] = _cut_at_end_words(tokens, app_start, n)
    return regions


def _cut_at_end_words(tokens: list[Token], a: int, b: int) -> tuple[int, int]:
    """A table region ends at the heading of 五、存在的主要问题 / 六、其他需要报告的事项 (by meaning)."""
    seen_value = False
    for i in range(a, b):
        t = tokens[i]
        if t.kind == VALUE:
            seen_value = True
        elif t.kind == LABEL and i > a and any(w in label_key(t.text) for w in _END_WORDS):
            if seen_value or len(t.text) < 40:
                return a, i
    return a, b


def load(path: str | Path, source: str | None = None) -> Report:
    """Read and parse one report file; raises ReadError with a Chinese reason for bad input."""
    return parse_text(read_text(path), str(path) if source is None else source)
