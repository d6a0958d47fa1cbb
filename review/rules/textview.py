"""The report's narrative as the rules read it: Simplified, half-width, with the way back to the
original offsets, split into sentences on demand.

Normalising a whole report costs about half a millisecond (OpenCC), so a text that is already
Simplified half-width Chinese is read as it is (one cheap scan decides).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property

from parser.normalize import normalize

# Frequent characters that exist only in Traditional script (each differs from its Simplified form;
# a test checks that against OpenCC). One of them in a report means it must be converted.
TRADITIONAL_MARKS = ("們來個這為與於對時會說開國學發經過還進關員問題點實體當從應現樣將無書語機動區產門長東義見讓認話"
                     "變號辦約級務際議則導報計劃統條規範訊處運構織標準設總請據數結轉續維糾審複訴訟費網鎮鄉縣內")
# Traditional characters or pinyin tone marks (統(tǒng)): the text needs the full normalisation.
_NEEDS_NORMALISING = re.compile("[" + TRADITIONAL_MARKS + "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")
_NEEDS_FOLDING = re.compile("[\uff10-\uff19\u00a0\u3000]")
_SENTENCE_END = re.compile(r"[。！？!?\n]")
_CLAUSE_END = re.compile(r"[，,。；;：:！？!?\n]")
# Length-preserving folds for a text read as it is: full-width digits and odd spaces.
_FOLD = [(chr(0xFF10 + i), str(i)) for i in range(10)] + [("\u00a0", " "), ("\u3000", " ")]


def _fold(text: str) -> str:
    for a, b in _FOLD:  # str.replace runs at C speed; str.translate with a dict does not
        if a in text:
            text = text.replace(a, b)
    return text


class TextView:
    def __init__(self, text: str) -> None:
        self.raw = text
        self._orig: list[int] | None = None  # offsets into the raw text, when normalising changed them
        if _NEEDS_NORMALISING.search(text):
            n = normalize(text)
            self.text, self._orig = n.text, n.orig
        else:
            self.text = _fold(text) if _NEEDS_FOLDING.search(text) else text

    @cached_property
    def _clause_ends(self) -> list[int]:
        return [m.start() for m in _CLAUSE_END.finditer(self.text)]

    def clause(self, pos: int) -> tuple[int, int]:
        """Normalised [start, end) of the clause around `pos` (between commas, semicolons, colons,
        full stops and line breaks)."""
        ends = self._clause_ends
        i = bisect_right(ends, pos - 1)  # first delimiter at or after pos
        start = ends[i - 1] + 1 if i > 0 else 0
        end = ends[i] if i < len(ends) else len(self.text)
        return start, end

    def clauses_with(self, *words: str) -> list[tuple[int, int]]:
        """The clauses containing any of `words`, in text order (found with str.find, which is fast)."""
        text, found = self.text, set()
        for w in words:
            i = text.find(w)
            while i != -1:
                found.add(self.clause(i))
                i = text.find(w, i + len(w))
        return sorted(found)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of normalised [start, end)."""
        if self._orig is None:
            return (start, end)
        if end <= start:
            return (self._orig[start], self._orig[start])
        return (self._orig[start], self._orig[end - 1] + 1)

    def norm_offset(self, raw: int) -> int:
        """Normalised offset of an original offset (the first normalised character at or after it)."""
        if self._orig is None:
            return raw
        return bisect_right(self._orig, raw - 1)

    def sentence(self, pos: int, lo: int = 0, hi: int | None = None) -> tuple[int, int]:
        """Normalised [start, end) of the sentence around `pos` (ends at 。！？ or a line break)."""
        hi = len(self.text) if hi is None else hi
        start = max(self.text.rfind(c, lo, pos) for c in "。！？!?\n") + 1
        start = max(start, lo)
        m = _SENTENCE_END.search(self.text, pos, hi)
        end = m.end() if m else hi
        return start, end

    def quote(self, start: int, end: int) -> tuple[str, tuple[int, int]]:
        """The original sentence text (stripped) and its original span, for normalised [start, end)."""
        a, b = self.raw_span(start, end)
        s = self.raw[a:b]
        lead = len(s) - len(s.lstrip())
        s = s.strip()
        return s, (a + lead, a + lead + len(s))


_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMBER = r"(?:\d[\d,]*|[零〇一二两三四五六七八九十百千]+)"


def to_number(s: str) -> int | None:
    """'12' → 12, '1,234' → 1234, '十二' → 12, '一百零五' → 105; None when not a count."""
    s = s.replace(",", "")
    if s.isdigit():
        return int(s)
    total, digit = 0, None
    for ch in s:
        if ch in _CN_DIGITS:
            digit = _CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            total += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        else:
            return None
    return total + (digit or 0)
