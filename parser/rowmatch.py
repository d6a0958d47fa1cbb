"""How well a printed label names a template row (fuzzy, numbering and wrapping tolerant)."""
from __future__ import annotations

import re
from functools import cache, lru_cache

from rapidfuzz import fuzz

from .normalize import label_key
from .template import Row

_INNER_NUMBER = re.compile(r"(?<=[^\d\s])\s*(\d{1,2}\s*[.、．](?!\d)|[(（][一二三四五六七八九十]{1,2}[)）])")
_LEADING_NUMBER = re.compile(
    r"\s*(?:\d{1,2}\s*[.、．](?!\d)|[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)")


@cache
def _row_keys(row: Row) -> tuple[str, ...]:
    keys = {label_key(row.label), label_key(row.label, explanations=True)} | {label_key(a) for a in row.aliases}
    return tuple(k for k in keys if k)


@lru_cache(maxsize=1 << 16)
def similarity(query: str, row: Row) -> float:
    """How well a (normalised) label text names this row, 0-100."""
    return max(_similarity(label_key(query), row), _similarity(label_key(query, explanations=True), row))


@lru_cache(maxsize=1 << 14)
def _similarity(q: str, row: Row) -> float:
    """similarity of a label key (cached apart: many printed labels reduce to the same key, and a key is often
    the same with and without its explanation)."""
    if not q:
        return 0.0
    best = 0.0
    for k in _row_keys(row):
        if q == k:
            return 100.0
        score = fuzz.ratio(q, k)
        cover = min(1.0, len(q) / len(k))
        if len(q) >= 3 and len(q) <= len(k) * 1.3:
            score = max(score, fuzz.partial_ratio(q, k) * (0.55 + 0.4 * cover))
        if k.startswith(q) and len(q) >= 3 and (len(q) >= 6 or cover >= 0.6):
            score = max(score, 85 + 15 * cover)  # the start of the label, the rest wrapped below its numbers
        best = max(best, score)
    return best


LABELS_READ = 9  # _best_row reads no label before the last nine (three joined, a numbering eight lines up)


def _best_row(labels: list[str], rows: list[Row], expected: Row | None, threshold: float) -> Row | None:
    """The row named by the end of the accumulated labels (last one, two or three label tokens).

    A label token that starts with its own numbering (2.申请人…, （一）予以公开) begins a row label, so
    it is not joined with the tokens above it (the wrapped tail of the row before). When the last three name
    no row, a label wrapped over more lines (a PDF's narrow label column: 2.申请人逾 / 期未按收费 / … / 请) is
    read whole from its numbering, up to eight lines up."""
    found = _best_of(tuple(labels[-3:]), tuple(rows), expected, threshold)
    if found is None and len(labels) > 3:
        numbered = next((i for i in range(len(labels) - 1, max(-1, len(labels) - LABELS_READ), -1)
                         if _LEADING_NUMBER.match(labels[i])), None)
        if numbered is not None and numbered <= len(labels) - 4:
            return _best_of(("".join(labels[numbered:]),), tuple(rows), expected, threshold)
    return found


@lru_cache(maxsize=1 << 12)
def _best_of(labels: tuple[str, ...], rows: tuple[Row, ...], expected: Row | None, threshold: float) -> Row | None:
    """_best_row of the last three labels (cached: every report asks about the same labels and rows)."""
    joinable = 1 if labels and _LEADING_NUMBER.match(labels[-1]) else min(3, len(labels))
    queries = [("".join(labels[-n:]), 2 * (n - 1)) for n in range(1, joinable + 1)]
    inner = [m.start(1) for m in _INNER_NUMBER.finditer(labels[-1])] if labels else []
    if inner:  # from the last numbering inside the label: "他处理 3.其他", "本年度办理结果（一）予以公"
        queries.append((labels[-1][inner[-1]:], 0))
    # 5.要求行政 (wrapped), or after a group label an OCR garbled (K) 1.申): the one row printed so
    for numbered in ([labels[-1]] if labels and _LEADING_NUMBER.match(labels[-1]) else []) + \
            ([labels[-1][inner[-1]:]] if inner else []):
        starting = [r for r in rows if _starts_expected(numbered, r.label)]
        if expected in starting or len(starting) == 1:
            return expected if expected in starting else starting[0]
    best: tuple[float, Row] | None = None
    for query, penalty in queries:
        own = _numbering(query)
        for row in rows:
            score = similarity(query, row) - penalty + (6 if row is expected else 0)
            if own is not None and (printed := _numbering(row.label)) is not None and printed[0] == own[0] \
                    and printed[1] != own[1]:
                score -= 20  # "2.其他法…" is not the row printed "3.其他"
            if best is None or score > best[0]:
                best = (score, row)
    if best and best[0] >= threshold:
        return best[1]
    return None


_NUMBERING = re.compile(
    r"\s*(?:(\d{1,2})\s*[.、．](?!\d)|[(（]([一二三四五六七八九十]{1,2})[)）]|([一二三四五六七八九十]{1,2})、)")


@lru_cache(maxsize=1 << 14)
def _numbering(label: str) -> tuple[int, str] | None:
    """(style, numeral) of a label's leading numbering: 2. → (0, "2"), （二） → (1, "二"), 二、 → (2, "二")."""
    m = _NUMBERING.match(label)
    if m is None:
        return None
    style = next(i for i in range(3) if m.group(i + 1))
    return style, m.group(style + 1)


@lru_cache(maxsize=1 << 14)
def _starts_expected(label: str, row_label: str) -> bool:
    """A label wrapped after a few characters (5.要求行政 / 机关确认或重…, an OCR's narrow column: 1.属 / 于国 / …)
    prints the row's numbering and the start of its words, one character of them at least."""
    own = _LEADING_NUMBER.match(label)
    printed = _LEADING_NUMBER.match(row_label)
    if own is None or printed is None or own.group().strip() != printed.group().strip():
        return False
    q = label_key(label)
    return bool(q) and label_key(row_label).startswith(q)
