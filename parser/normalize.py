"""Normalisation for matching, with the way back to original offsets.

The reviewer sees the decoded text as received. The parser matches on a normalised copy: Simplified
characters, pinyin glosses removed (統(tǒng)計 → 统计), full-width digits, letters and punctuation made
half-width, odd spaces made plain. ``Normalized.orig[i]`` is the offset in the original text of
normalised character ``i``, so every match maps back to a span of the original.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

# A pinyin gloss glued after a CJK character: 統(tǒng), 聯(lián), 縣（xiàn）.
_TONE = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
_PINYIN = re.compile(rf"(?<=[\u3400-\u9fff])[(（]\s*[a-z{_TONE}]*[{_TONE}][a-z{_TONE}]*\s*[)）]")

# Characters that fold to something else for matching; everything else goes through NFKC when that
# gives exactly one character.
_FOLD = {
    "\u00a0": " ", "\u3000": " ", "\u2002": " ", "\u2003": " ", "\u2009": " ", "\u200b": "", "\ufeff": "",
    "\u2014": "—", "\u2015": "—", "\u2012": "-", "\u2013": "-", "\u2212": "-", "\uff0d": "-",
    "\r": "",
}


@cache
def _t2s():
    import opencc

    return opencc.OpenCC("t2s")


@dataclass(frozen=True)
class Normalized:
    text: str  # normalised text
    orig: list[int]  # orig[i] = offset in the original text of text[i]; orig[len(text)] = len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original [start, end) span of normalised [start, end)."""
        if end <= start:
            o = self.orig[start]
            return (o, o)
        return (self.orig[start], self.orig[end - 1] + 1)


def _fold_char(ch: str) -> str:
    if ch in _FOLD:
        return _FOLD[ch]
    if ch.isascii():
        return ch
    n = unicodedata.normalize("NFKC", ch)
    return n if len(n) == 1 else ch


def to_simplified(text: str) -> str:
    """Traditional → Simplified, keeping the length (character for character)."""
    out = _t2s().convert(text)
    if len(out) == len(text):
        return out
    return "".join(c if len(c := _t2s().convert(ch)) == 1 else ch for ch in text)


def normalize(text: str) -> Normalized:
    """Normalise `text` for matching; see the module docstring."""
    simple = to_simplified(text)
    drop = bytearray(len(simple))
    for m in _PINYIN.finditer(simple):
        drop[m.start():m.end()] = b"\x01" * (m.end() - m.start())
    chars: list[str] = []
    orig: list[int] = []
    for i, ch in enumerate(simple):
        if drop[i]:
            continue
        f = _fold_char(ch)
        if f:
            chars.append(f)
            orig.append(i)
    orig.append(len(text))
    return Normalized("".join(chars), orig)


_LABEL_DROP = re.compile(r"[\s\-—_·.,:;!?'\"“”‘’、，。：；！？（）()\[\]【】《》<>〈〉/／|]+")
_NUMBERING = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+\s*[、.．,，]|[(（]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.、．,，)）](?!\d))\s*"
)


def label_key(label: str) -> str:
    """A label reduced for fuzzy matching: numbering prefixes, punctuation and spaces removed."""
    s = label
    for _ in range(3):
        t = _NUMBERING.sub("", s)
        if t == s:
            break
        s = t
    return _LABEL_DROP.sub("", s)
