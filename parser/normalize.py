"""Normalisation for matching, with the way back to original offsets.

The reviewer sees the decoded text as received. The parser matches on a normalised copy: Simplified
characters, pinyin glosses removed (統(tǒng)計 → 统计), a PDF's Kangxi radicals as ideographs (⼯作 → 工作),
full-width digits, letters and punctuation made half-width, odd spaces made plain, every line end \n.
``Normalized.orig[i]`` is the offset in the original text of normalised character ``i``, so every match maps
back to a span of the original.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

from .boxtable import unbox

# A pinyin gloss glued after a CJK character: 統(tǒng), 聯(lián), 縣（xiàn）.
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_TONED = re.compile(f"[{_TONE}]")
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*[a-z{_TONE}]*[{_TONE}][a-z{_TONE}]*\s*[)）]")

# One character → one character folds for matching: full-width ASCII forms, odd spaces and dashes.
_FOLD: dict[int, int | str] = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
# NBSP is kept: a line of NBSP alone is an empty cell in web copies.
_FOLD.update({ord(c): " " for c in "\u3000\u2002\u2003\u2009\u202f"})
_FOLD.update({0x2015: "—", 0x2012: "-", 0x2013: "-", 0x2212: "-", 0xFF0D: "-", 0xFE63: "-"})
# CJK radicals and compatibility ideographs a PDF's text layer often holds for common characters (⼀、总体情况,
# ⼯作, ⽂件: Word's and WPS's fonts map those glyphs to the Kangxi radicals): the ideograph they stand for.
_RADICALS = {cp: ord(n) for cp in [*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00)]
             if len(n := unicodedata.normalize("NFKC", chr(cp))) == 1 and n != chr(cp)}
_FOLD.update(_RADICALS)
_FOLDED = re.compile("[" + "".join(re.escape(chr(c)) for c in _FOLD) + "]")
_FOLD_TO = {chr(k): v if isinstance(v, str) else chr(v) for k, v in _FOLD.items()}
# Characters dropped for matching (zero-width marks, carriage returns).
_DROP = re.compile("[\r\u200b\u200c\u200d\ufeff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Normalized:
    text: str  # normalised text
    orig: list[int]  # orig[i] = offset in the original text of text[i]; orig[len(text)] = len(original)
    traditional: bool = False  # the report is printed in Traditional characters

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) span of normalised [start, end)."""
        if end <= start:
            o = self.orig[start]
            return (o, o)
        return (self.orig[start], self.orig[end - 1] + 1)


def without_radicals(text: str) -> str:
    """The text with CJK radicals and compatibility ideographs as the ideographs they stand for (⾃治 → 自治)."""
    return text.translate(_RADICALS)


def to_simplified(text: str) -> str:
    """Traditional → Simplified, keeping the length (character for character)."""
    text = _SURROGATE.sub("\ufffd", text)  # lone surrogates cannot be encoded for OpenCC
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in text)


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching; see the module docstring. Tables drawn with rules (a text browser's
    dump) are first written as pipe rows (boxtable.py), each character keeping its offset."""
    if "\r" in text:  # Windows line ends (\r\n) as \n, an old Mac's (\r) too: the rest reads lines split at \n
        plain, kept = _line_ends(text)
        norm = normalize(plain)
        kept.append(len(text))
        return Normalized(norm.text, [kept[i] for i in norm.orig], norm.traditional)
    found = unbox(text)
    if found is None:
        return _normalize(text)
    unboxed, at = found
    norm = _normalize(unboxed)
    return Normalized(norm.text, [at[i] for i in norm.orig], norm.traditional)


def _line_ends(text: str) -> tuple[str, list[int]]:
    """`text` with \r\n and \r as \n, and for each of its characters the offset in `text`."""
    kept: list[int] = []
    prev = 0
    for m in _CRLF.finditer(text):
        kept.extend(range(prev, m.start()))
        prev = m.start() + 1  # the \r dropped, its \n kept
    kept.extend(range(prev, len(text)))
    return text.replace("\r\n", "\n").replace("\r", "\n"), kept


_CRLF = re.compile("\r\n")


def _differ_in_more_than(a: str, b: str, many: int) -> bool:
    """More than `many` of the places both strings have hold different characters. Compared a stretch at a time:
    equal stretches (all of a Simplified text but for a name or two) are passed over at once, not character by
    character."""
    n = 0
    for i in range(0, min(len(a), len(b)), 64):
        x, y = a[i:i + 64], b[i:i + 64]
        if x != y:
            n += sum(map(str.__ne__, x, y))
            if n > many:
                return True
    return False


def _normalize(text: str) -> Normalized:
    simple = to_simplified(text)
    # Traditional text changes in many places; Simplified text only in a few (於潜, a place name)
    traditional = _differ_in_more_than(text[:3000], simple[:3000], 20)
    # str.translate looks up every character; the few to fold (full-width ，（）：) found by a regex are faster
    simple = _FOLDED.sub(lambda m: _FOLD_TO[m.group()], simple)
    glosses = _PINYIN.finditer(simple) if _TONED.search(simple) else ()  # a gloss has a tone mark
    cuts = sorted([(m.start(), m.end()) for m in glosses] +
                  [(m.start(), m.end()) for m in _DROP.finditer(simple)])
    if not cuts:
        return Normalized(simple, [*range(len(text) + 1)], traditional)
    parts: list[str] = []
    orig: list[int] = []
    pos = 0
    for a, b in cuts:
        if a < pos:
            a = pos
        parts.append(simple[pos:a])
        orig.extend(range(pos, a))
        pos = max(pos, b)
    parts.append(simple[pos:])
    orig.extend(range(pos, len(simple)))
    orig.append(len(text))
    return Normalized("".join(parts), orig, traditional)


_LABEL_DROP = re.compile(r"[\s\-—_·.,:;!?'\"“”‘’、，。：；！？（）()\[\]【】《》<>〈〉/／|]+")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．,，]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．,，)）](?!\d))\s*"
)


_BR = re.compile(r"<br\s*/?>", re.I)
_EXPLANATION = re.compile(r"[(（][^()（）]{4,}[)）]|(?<=[\u3400-\u9fff])[(（][^()（）]{4,}$")


@lru_cache(maxsize=1 << 15)
def label_key(label: str, explanations: bool = False) -> str:
    """A label reduced for fuzzy matching: numbering prefixes, explanations in brackets
    (（区分处理的，只计这一情形…）, (设区的市…应提供相关数据); kept with explanations=True),
    punctuation and spaces removed."""
    if "<" in label:  # a converter's line breaks within a Markdown cell (4.保<br>护第<br>三方): the label goes on
        label = _BR.sub("", label)
    s = label if explanations else _EXPLANATION.sub("", label)
    for _ in range(3):
        t = _NUMBERING.sub("", s)
        if t == s:
            break
        s = t
    return _LABEL_DROP.sub("", s)
