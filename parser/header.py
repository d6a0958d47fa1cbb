"""Agency, report year, format version and the six sections, found by meaning on normalised text."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from .normalize import label_key

# Section key → words that name it in a heading (first match wins, in this order).
SECTION_WORDS = {
    "appeals": ("行政复议", "行政诉讼"),
    "requests": ("收到和处理", "依申请公开", "政府信息公开申请"),
    "active": ("主动公开",),
    "overview": ("总体情况", "基本情况", "工作概况", "概述"),
    "problems": ("存在的主要问题", "存在问题", "主要问题", "改进情况", "问题及改进"),
    "other": ("其他需要报告", "其他事项", "其它需要报告"),
}
_HEADING = re.compile(r"^\s*(?P<num>[一二三四五六七八九十]{1,3})\s*[、.．,，:：]\s*(?P<title>\S.{0,60}?)\s*$", re.M)
_SUB_HEADING = re.compile(r"^\s*[(（]\s*(?P<num>[一二三四五六七八九十]{1,3})\s*[)）]\s*(?P<title>\S.{0,40}?)\s*$", re.M)

# Printed words that only one format version uses.
VERSION_WORDS = {
    "2021": ("本年制发件数", "本年废止件数", "现行有效件数", "本年收费金额", "逾期不补正", "逾期未按收费通知",
             "不予补正"),
    "2019": ("本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减",
             "其他对外管理服务事项", "政府集中采购", "采购总金额", "采购项目数量"),
}

_YEAR = r"(20[1-4]\d)"
_TITLE_YEAR = re.compile(_YEAR + r"\s*年\s*度?")
_CN_YEAR = re.compile(r"([二][〇零○O0][一二三四五六七八九〇零○0]{2})\s*年")
_CN_DIGITS = str.maketrans("〇零○O一二三四五六七八九", "0000123456789")
_HAS_YEAR = re.compile(_YEAR + r"\s*年|" + _CN_YEAR.pattern)
_INDEX_ROW = re.compile(r"^(?:名\s*称|标\s*题|题\s*目)\s*[:：]?\s*")
_DATE_LINE = re.compile(r"^\s*(?:20\d\d|二[〇零○O0])\S{0,3}\s*年\s*\S{1,3}\s*月")
_PERIOD = re.compile(_YEAR + r"\s*年\s*1\s*月\s*1\s*日")
_ORG_SUFFIX = re.compile(
    r"(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|管理局|局|厅|部|委|办|院|中心|署|会|处|所|馆|站|队|街道办事处|街道|镇|乡)$"
)
_LEADING_NOISE = re.compile(r"^(?:.*?(?:成立了|成立|请与|根据|按照|关于|我们|我|本|在|由|经|向|对|将|为))")


def find_sections(text: str, table_spans: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """Section key → [start, end) in the normalised text. Tables found by the table reader fill in
    sections whose heading is absent or renamed."""
    starts: dict[str, int] = {}
    heads = sorted([(m.start(), m.group("title")) for m in _HEADING.finditer(text)])
    for pos, title in heads:
        key = _section_key(title)
        if key and key not in starts:
            starts[key] = pos
    for key in ("active", "requests", "appeals"):
        if key not in starts:
            sub = next((m.start() for m in _SUB_HEADING.finditer(text) if _section_key(m.group("title")) == key), None)
            if sub is not None:
                starts[key] = sub
            elif key in table_spans:
                starts[key] = table_spans[key][0]
    order = sorted(starts.items(), key=lambda kv: kv[1])
    out: dict[str, tuple[int, int]] = {}
    for key, start in order:
        # a section runs to the next heading that starts another known section
        later = [s for k, s in starts.items() if s > start]
        end = min(later) if later else len(text)
        out[key] = (start, end)
    return out


@lru_cache(maxsize=1 << 10)
def _section_key(title: str) -> str | None:
    t = label_key(title)
    for key, words in SECTION_WORDS.items():
        if any(w in t for w in words):
            return key
    return None


def detect_version(text: str, year: int | None) -> tuple[str | None, dict[str, int]]:
    votes = {v: sum(text.count(w) for w in words) for v, words in VERSION_WORDS.items()}
    if votes["2021"] != votes["2019"]:
        return ("2021" if votes["2021"] > votes["2019"] else "2019"), votes
    if year is not None:
        return ("2019" if year <= 2020 else "2021"), votes
    return None, votes


@lru_cache(maxsize=4)
def _title_lines(text: str) -> tuple[tuple[int, str], ...]:
    """The lines of the report's title (…政府信息公开工作年度报告), which copies often split in two or
    three. Site chrome is passed over; a title with its year is preferred, then one without; the rows
    of a page's index table (名称：…) only when nothing else names the report. (Cached: the year and the
    agency both read the title.)"""
    lines: list[tuple[int, str]] = []
    pos = 0
    while len(lines) < 20 and pos <= len(text):  # the first 20 lines that are not blank
        end = text.find("\n", pos)
        end = len(text) if end < 0 else end
        line = text[pos:end]
        s = line.strip()
        if s:
            lines.append((pos + line.index(s[0]), _title_text(s)))
        pos = end + 1
    for index_rows, need_year in ((False, True), (False, False), (True, True), (True, False)):
        found = _find_title(lines, index_rows, need_year)
        if found:
            return tuple(found)
    return ()


def _find_title(lines: list[tuple[int, str]], index_rows: bool, need_year: bool) -> list[tuple[int, str]]:
    if index_rows:
        lines = [(start, _INDEX_ROW.sub("", s)) for start, s in lines]
    for j, (_, s) in enumerate(lines):
        if ("报告" not in s and "年报" not in s) or _CHROME.search(s):
            continue  # not a title, or site chrome
        if not index_rows and _INDEX_ROW.match(s):
            continue  # an index table's 名称/标题 row: the title proper usually follows
        for k in range(0, 3):
            if j - k < 0:
                break
            joined = "".join(w for _, w in lines[j - k:j + 1])
            if len(joined) > 100:
                break
            if "信息公开" in joined and (not need_year or _HAS_YEAR.search(joined)):
                return _extend_title(lines, j - k, j)
    return []


_CHROME = re.compile(r"[|【】]|首页")


def _title_text(line: str) -> str:
    """A line as a title reads: letter spacing (水 利 部 2 0 2 3 年), markup (# ) and a breadcrumb's
    path (首页 > … > 合肥经济技术开发区管理委员会2024年…报告) removed."""
    s = _MARKUP.sub("", line) if line.startswith("#") else line
    if s.startswith("|") and (m := _TITLE_IN_CELL.match(s)):
        s = m.group(1)  # a converter's table whose first cell holds the title and the text after it
    if ">" in s:
        s = s.rsplit(">", 1)[1].strip()
    if " " in s and (_SPACED.search(s) or _LETTER_SPACED.fullmatch(s)):
        s = _SPACE_BETWEEN.sub("", s)
    return s


def _span(text: str, start: int, line: str, i: int, j: int, piece: str | None = None) -> tuple[int, int] | None:
    """Where line[i:j] (or `piece`) of a title line read at `start` stands in the text: the title line as read
    may have lost the letter spacing, markup or breadcrumb the text has (水 利 部 2 0 2 3 年)."""
    if piece is None:
        if text.startswith(line, start):
            return start + i, start + j
        piece = line[i:j]
    m = re.compile(" ?".join(map(re.escape, piece))).search(text, start) if piece else None
    return (m.start(), m.end()) if m else None


_MARKUP = re.compile(r"^#+\s*")
# pymupdf4llm without its layout model: |水利部2023年政府信息公开工作年度报告 一、总体情况 2023年，…|Col2|
_TITLE_IN_CELL = re.compile(r"^\|\s*([^|]{4,80}?(?:年度报告|年报))\s+[^|]*\|")
_SPACED = re.compile(r"[\u3400-\u9fff\d] [\u3400-\u9fff\d] [\u3400-\u9fff\d]")
_LETTER_SPACED = re.compile(r"(?:\S )+\S")  # 报 告: a line of characters one space apart
_SPACE_BETWEEN = re.compile(r"(?<=[\u3400-\u9fff\d]) (?=[\u3400-\u9fff\d])")


def _extend_title(lines: list[tuple[int, str]], a: int, b: int) -> list[tuple[int, str]]:
    """Take in the line(s) above when the title found so far lacks the year or the agency."""
    while a > 0 and b - a < 3:
        joined = "".join(w for _, w in lines[a:b + 1])
        prev = lines[a - 1][1]
        if (re.search(_YEAR + r"\s*年", joined) and _agency_from_title(joined)) or len(prev) > 50 \
                or re.search(r"[。，,;；:：>]", prev):
            break
        a -= 1
    return lines[a:b + 1]


def find_year(text: str) -> tuple[int | None, tuple[int, int] | None]:
    for start, s in _title_lines(text):
        m = _TITLE_YEAR.search(s)
        if m:
            return int(m.group(1)), _span(text, start, s, m.start(1), m.end(1))
        m = _CN_YEAR.search(s)
        if m:  # 二〇二二年
            return int(m.group(1).translate(_CN_DIGITS)), _span(text, start, s, m.start(1), m.end(1))
    head = text[:3000]
    m = _PERIOD.search(head)
    if m and "统计" in head[max(0, m.start() - 60):m.start()]:
        return int(m.group(1)), (m.start(1), m.end(1))
    m = re.search(_YEAR + r"\s*年\s*度?\s*政府信息公开", text[:5000])
    if m:
        return int(m.group(1)), (m.start(1), m.end(1))
    years = Counter(int(y) for y in re.findall(_YEAR + r"\s*年", text[:20000]))
    if years:
        y = years.most_common(1)[0][0]
        i = text.find(str(y))
        return y, (i, i + 4)
    return None, None


def find_agency(text: str) -> tuple[str | None, tuple[int, int] | None]:
    name, span = _find_agency(text)
    if name is None or span is None:
        return name, span
    return _common_spelling(text, name, span)


def _common_spelling(text: str, name: str, span: tuple[int, int]) -> tuple[str, tuple[int, int]]:
    """The agency as the report spells it elsewhere when its title misspells one character (an OCR's 沐阳
    for 沭阳): the name found once, one spelling differing from it in one character found at least twice."""
    if len(name) < 4 or text.count(name) != 1:
        return name, span
    variants: Counter[str] = Counter()
    for i, ch in enumerate(name):
        if "\u3400" <= ch <= "\u9fff":
            variants.update(_one_char_off(text, name, i))
    best = [v for v, n in variants.items() if n >= 2]
    if len(best) != 1:
        return name, span
    i = text.find(best[0])
    return best[0], (i, i + len(best[0]))


def _one_char_off(text: str, name: str, i: int) -> Iterator[str]:
    """The spellings of `name` in text whose character i is another CJK character, left to right without
    overlaps (found with str.find: a regex per name and position costs milliseconds to compile)."""
    before, after, n = name[:i], name[i + 1:], len(name)
    pos = 0
    while (j := _find_with(text, before, after, i, pos)) >= 0:
        ch = text[j + i]
        if "\u3400" <= ch <= "\u9fff":  # a match (the name itself too, as a regex would consume it)
            if ch != name[i]:
                yield text[j:j + n]
            pos = j + n
        else:
            pos = j + 1


def _find_with(text: str, before: str, after: str, i: int, pos: int) -> int:
    """The first start j ≥ pos with text[j:j+i] == before and after following one character later."""
    anchored_after = len(after) > len(before)
    while True:
        if anchored_after:
            k = text.find(after, pos + i + 1)
            j = k - i - 1
        else:
            j = k = text.find(before, pos)
        if k < 0:
            return -1
        if text.startswith(before, j) and text.startswith(after, j + i + 1) and j + i < len(text):
            return j
        pos = j + 1


def _find_agency(text: str) -> tuple[str | None, tuple[int, int] | None]:
    lines = _title_lines(text)
    if lines:
        first_start, last_end = lines[0][0], lines[-1][0] + len(lines[-1][1])
        for start, s in lines:  # the agency on a line of its own within the title
            if _is_org(s):
                return s, _span(text, start, s, 0, len(s))
        name = _agency_from_title("".join(s for _, s in lines))
        if name:
            found = _span(text, first_start, "", 0, 0, name)
            return name, (found if found and found[0] < last_end else None)
        # the agency on its own line just above or below the title, e.g. "（成都市武侯区卫生健康局）"
        near = _all_lines_before(text, first_start)[-1:] + _all_lines_after(text, last_end)[:1]
        for start, s in near:
            name = s.strip("（）() ")
            if _is_org(name):
                i = text.find(name, start)
                return name, (i, i + len(name))
    signed = _signature(text)
    if signed:
        return signed
    # no usable title or signature: the organisation named most often just before 政府信息公开
    counts: Counter[str] = Counter()
    for m in re.finditer(r"([\u3400-\u9fff]{3,30}?)(?=政府信息公开|办公室联系|政务公开工作领导)", text[:20000]):
        cand = _clean_org(m.group(1))
        if cand:
            counts[cand] += 1
    if counts:
        name = counts.most_common(1)[0][0]
        i = text.find(name)
        return name, (i, i + len(name))
    return None, None


def _signature(text: str) -> tuple[str, tuple[int, int]] | None:
    """The agency that signs the report: a line naming an organisation just above the closing date."""
    tail_start = max(0, len(text) - 800)
    lines = _all_lines_after(text, tail_start, len(text) - tail_start)
    for (start, s), (_, nxt) in zip(lines, lines[1:], strict=False):
        if _is_org(s) and _DATE_LINE.match(nxt):
            return s, (start, start + len(s))
    return None


def _all_lines_before(text: str, pos: int) -> list[tuple[int, str]]:
    out, p = [], 0
    for line in text[:pos].split("\n"):
        if line.strip():
            out.append((p, line.strip()))
        p += len(line) + 1
    return out


def _all_lines_after(text: str, pos: int, length: int = 400) -> list[tuple[int, str]]:
    out, p = [], pos
    for line in text[pos:pos + length].split("\n"):
        if line.strip():
            out.append((p + line.index(line.strip()[0]), line.strip()))
        p += len(line) + 1
    return out


def _agency_from_title(title: str) -> str | None:
    t = re.sub(r"\s+", "", title)
    t = re.sub(r"^关于", "", t)
    t = re.sub(r"(?:关于)?(?:" + _YEAR + r"年度?|" + _CN_YEAR.pattern + r"度?)", "|", t, count=1)
    t = re.split(r"政府信息公开|政务公开|信息公开工作", t)[0]
    parts = [p for p in t.split("|") if p]
    for p in parts:
        p = p.strip("的、，, ")
        if _is_org(p):
            return p
    return None


def _is_org(s: str) -> bool:
    """An organisation's name: CJK only, ending in 局/委员会/人民政府/… (a trailing （…） allowed)."""
    core = re.sub(r"[（(][\u3400-\u9fff]+[)）]$", "", s)
    return 3 <= len(s) <= 50 and bool(_ORG_SUFFIX.search(core)) and bool(re.fullmatch(r"[\u3400-\u9fff（）()]+", s))


def _clean_org(s: str) -> str | None:
    s = _LEADING_NOISE.sub("", s) if _LEADING_NOISE.match(s) else s
    return s if _is_org(s) else None
