"""Agency, report year, format version and the six sections, found by meaning on normalised text."""
from __future__ import annotations

import re
from collections import Counter

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
_PERIOD = re.compile(_YEAR + r"\s*年\s*1\s*月\s*1\s*日")
_ORG_SUFFIX = re.compile(
    r"(?:人民政府办公室|人民政府办公厅|人民政府|委员会|办公室|办公厅|管理局|局|厅|委|办|院|中心|署|会|处|所|馆|站|队|街道办事处|街道|镇|乡)$"
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
    boundaries = sorted(set(starts.values()) | {m.start() for m in _HEADING.finditer(text)})
    out: dict[str, tuple[int, int]] = {}
    for key, start in order:
        end = next((b for b in boundaries if b > start and b not in (start,)), len(text))
        # a section runs to the next heading that starts another known section
        later = [s for k, s in starts.items() if s > start]
        end = min(later) if later else len(text)
        out[key] = (start, end)
    return out


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


def _title_lines(text: str) -> list[tuple[int, str]]:
    """The first lines up to and including the one that ends the title (…报告)."""
    out: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        s = line.strip()
        if s:
            out.append((pos + line.index(s[0]), s))
            if "报告" in s or len(out) >= 4:
                break
        pos += len(line) + 1
    return out


def find_year(text: str) -> tuple[int | None, tuple[int, int] | None]:
    lines = _title_lines(text)
    title = "".join(s for _, s in lines)
    if "报告" in title and len(title) < 120:
        pos = 0
        for start, s in lines:
            m = _TITLE_YEAR.search(s)
            if m:
                return int(m.group(1)), (start + m.start(1), start + m.end(1))
            pos += 1
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
    lines = _title_lines(text)
    title = "".join(s for _, s in lines)
    if lines and "报告" in title and len(title) < 120:
        first_start = lines[0][0]
        name = _agency_from_title(title)
        if name:
            i = text.find(name[:4], first_start)
            return name, ((i, i + len(name)) if i >= 0 and text[i:i + len(name)] == name else None)
        # the agency on its own line above a title such as "2023 年度政府信息公开工作年度报告"
        prev = [s for _, s in _all_lines_before(text, first_start)][-1:]
        if not prev and len(lines) > 1 and _is_org(lines[0][1]):
            return lines[0][1], (lines[0][0], lines[0][0] + len(lines[0][1]))
        if prev and _is_org(prev[0]):
            i = text.rfind(prev[0], 0, first_start)
            return prev[0], (i, i + len(prev[0]))
    # no usable title: the organisation named most often just before 政府信息公开
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


def _all_lines_before(text: str, pos: int) -> list[tuple[int, str]]:
    out, p = [], 0
    for line in text[:pos].split("\n"):
        if line.strip():
            out.append((p, line.strip()))
        p += len(line) + 1
    return out


def _agency_from_title(title: str) -> str | None:
    t = re.sub(r"\s+", "", title)
    t = re.sub(r"^关于", "", t)
    t = re.sub(r"(?:关于)?(?:" + _YEAR + r"年度?)", "|", t, count=1)
    t = re.split(r"政府信息公开|政务公开|信息公开工作", t)[0]
    parts = [p for p in t.split("|") if p]
    for p in parts:
        p = re.sub(r"[（(]?[^）)]*[)）]$", "", p) if p.endswith(("）", ")")) else p
        p = p.strip("的、，, ")
        if _is_org(p):
            return p
    return None


def _is_org(s: str) -> bool:
    return 3 <= len(s) <= 40 and bool(_ORG_SUFFIX.search(s)) and bool(re.fullmatch(r"[\u3400-\u9fff（）()]+", s))


def _clean_org(s: str) -> str | None:
    s = _LEADING_NOISE.sub("", s) if _LEADING_NOISE.match(s) else s
    return s if _is_org(s) else None
