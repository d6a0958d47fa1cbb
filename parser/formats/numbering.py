"""Word automatic numbering (numbering.xml): the 一、 （一） 1. that Word shows before a paragraph."""
from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CHINESE_DIGITS = "零一二三四五六七八九"
_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (numId, ilvl) → (numFmt, lvlText, start)
Formats = dict[tuple[str, int], tuple[str, str, int]]


def read_formats(numbering) -> Formats:
    """The level formats of every numbering instance (w:num → w:abstractNum, with level overrides)."""
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for a in numbering.iterfind(f"{W}abstractNum"):
        abstract[a.get(f"{W}abstractNumId", "")] = _levels(a)
    formats: Formats = {}
    for num in numbering.iterfind(f"{W}num"):
        num_id = num.get(f"{W}numId", "")
        ref = num.find(f"{W}abstractNumId")
        levels = dict(abstract.get(ref.get(f"{W}val", "") if ref is not None else "", {}))
        for override in num.iterfind(f"{W}lvlOverride"):
            ilvl = _int(override.get(f"{W}ilvl"), -1)
            if ilvl < 0:
                continue
            lvl = override.find(f"{W}lvl")
            if lvl is not None:
                levels.update(_levels_of([lvl], ilvl))
            start = override.find(f"{W}startOverride")
            if start is not None and ilvl in levels:
                fmt, text, _ = levels[ilvl]
                levels[ilvl] = (fmt, text, _int(start.get(f"{W}val"), 1))
        for ilvl, level in levels.items():
            formats[(num_id, ilvl)] = level
    return formats


def style_numbering(styles) -> dict[str, tuple[str | None, str | None]]:
    """styleId → (numId, ilvl) of paragraph styles that number their paragraphs (following basedOn)."""
    own: dict[str, tuple[str | None, str | None]] = {}
    based: dict[str, str] = {}
    for style in styles.iterfind(f"{W}style"):
        sid = style.get(f"{W}styleId", "")
        num = style.find(f"{W}pPr/{W}numPr")
        if num is not None:
            num_id, ilvl = num.find(f"{W}numId"), num.find(f"{W}ilvl")
            own[sid] = (num_id.get(f"{W}val") if num_id is not None else None,
                        ilvl.get(f"{W}val") if ilvl is not None else None)
        parent = style.find(f"{W}basedOn")
        if parent is not None:
            based[sid] = parent.get(f"{W}val", "")
    out = {}
    for sid in set(own) | set(based):
        seen, cur = set(), sid
        while cur and cur not in own and cur not in seen:
            seen.add(cur)
            cur = based.get(cur, "")
        if cur in own and own[cur][0]:
            out[sid] = own[cur]
    return out


def _levels(abstract) -> dict[int, tuple[str, str, int]]:
    return _levels_of(abstract.iterfind(f"{W}lvl"))


def _levels_of(lvls, ilvl_default: int = 0) -> dict[int, tuple[str, str, int]]:
    out = {}
    for lvl in lvls:
        ilvl = _int(lvl.get(f"{W}ilvl"), ilvl_default)
        fmt = lvl.find(f"{W}numFmt")
        text = lvl.find(f"{W}lvlText")
        start = lvl.find(f"{W}start")
        out[ilvl] = (
            fmt.get(f"{W}val", "decimal") if fmt is not None else "decimal",
            text.get(f"{W}val", "") if text is not None else "",
            _int(start.get(f"{W}val"), 1) if start is not None else 1,
        )
    return out


def _int(raw: str | None, default: int) -> int:
    try:
        return max(0, min(int(raw or ""), 10_000))
    except ValueError:
        return default


def format_number(lvl_text: str, level: int, counters: dict[int, int], levels: dict[int, tuple[str, str, int]]) -> str:
    """lvlText with %1…%9 replaced by each level's counter in that level's number format."""
    def repl(m: re.Match) -> str:
        at = int(m.group(1)) - 1
        fmt, _, start = levels.get(at, ("decimal", "", 1))
        return number_text(counters.get(at, start), fmt)

    if levels.get(level, ("decimal", "", 1))[0] in ("bullet", "none"):
        return ""
    return re.sub(r"%([1-9])", repl, lvl_text)


def number_text(n: int, fmt: str) -> str:
    """One number in a Word number format (decimal, chineseCounting, ideographTraditional, …)."""
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "taiwaneseCounting",
               "ideographDigital", "japaneseCounting"):
        return chinese(n)
    if fmt == "ideographTraditional" and 1 <= n <= 10:
        return _HEAVENLY_STEMS[n - 1]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= 20:
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt in ("lowerLetter", "upperLetter") and n >= 1:
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman") and 1 <= n < 4000:
        s = roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


def chinese(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (counting numbers as Word prints them)."""
    if n < 10:
        return _CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (_CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CHINESE_DIGITS[n // 10] + "十" + (_CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + _CHINESE_DIGITS[rest] if rest < 10 else
                                     ("一" + chinese(rest) if rest < 20 else chinese(rest)))
        return _CHINESE_DIGITS[n // 100] + "百" + tail
    return str(n)


def roman(n: int) -> str:
    out = []
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)
