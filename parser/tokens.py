"""Normalised text → a stream of table tokens (labels, values, empty cells, line ends, blank lines).

Tables reach us as one cell per line, a row per line split by tabs, rows split by runs of spaces
(PDF text) or labels followed by numbers on one line. Whatever the layout, a cell becomes one token
that keeps its span in the normalised text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .values import looks_like_value

LABEL, VALUE, EMPTY, EOL, BREAK = "label", "value", "empty", "eol", "break"

_SPACES2 = re.compile(r"[ \u00a0]{2,}")
_MD_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
_PIPE_ROW = re.compile(r"^\s*\||\s\|\s|\s\|\s*$|\|\||[^\s|]\| ")
_UNNAMED_COLUMN = re.compile(r"Col\d{1,2}$")  # pymupdf4llm names the empty cells of a table's first row Col2, Col3…
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d{1,3}\s*[-—–]|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)\s*$")
# A label followed by numbers on the same cell: "（一）予以公开 3 0 0 0 0 0 3"
# One printed value inside a line: a number (signed, 增/减, or 一 for a minus read by OCR), with an
# optional money unit, or a blank mark.
# (digits may carry OCR look-alikes: 1O, l5, O, and an OCR's quote before or after them: '0, 12”)
_ONE = (r"(?:[‘’“”'`\"]?(?:增加|减少|[+\-增减一])?(?:\d|[OoIlD](?=[\dOoIlSD,.]*(?:\s|$)))[\dOoIlSD,]*(?:\.[\dOoIlSD]+)?"
        r"(?:万元|元)?[‘’“”'`\"]?|/|-|—|无)")
_TRAILING_VALUES = re.compile(rf"(?:\s+{_ONE})+\s*$")
_VALUE_PIECE = re.compile(_ONE)
# A short cell without Chinese that holds a digit but reads as no number (2a, 1.2.3, 3?): a damaged
# value in a value's place. Numbering (1. / (1); never 0.), dates and times are not.
_DAMAGED_VALUE = re.compile(r"(?![(（]?[1-9]\d?[.、)）]$)(?!.*\d[-:/]\d)(?!\d{4}\.\d{1,2}\.\d)"  # not a date
                            r"[^\u3400-\u9fff\s]*\d[^\u3400-\u9fff\s]*"
                            r"|[?？#■□*]{1,2}")  # or an unreadable mark where a number was printed
_SPLIT_SIGN = re.compile(r"[+\-]\s+\d[\d,]*(?:\.\d+)?")
_MULTI_VALUES = re.compile(rf"{_ONE}(?:\s+{_ONE})+")


@dataclass(slots=True, eq=False)
class Token:
    kind: str
    text: str  # normalised text of the cell (stripped); a VALUE's text may be a damaged number
    start: int  # [start, end) in the normalised text
    end: int
    line: int
    joinable: bool = False  # a bare digit group split off by a single space (may be half a number)
    same_line: bool = False  # the value stands on the same line as a label before it
    lead_gap: bool = False  # first cell of a line whose leading tab (an empty first cell?) was dropped
    closed: bool = False  # a cell of a pipe row closed by its pipe (| a | b |): none of the row's cells was dropped


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of text[start:end] (offsets stay those of the whole text)."""
    lines = text[start:end].split("\n")
    if not lines[-1]:
        lines.pop()  # the text ends with a line end (or is empty): no line after it
    tokens: list[Token] = []
    append = tokens.append
    pos = start
    line_no = text.count("\n", 0, start)
    for line in lines:
        for kind, piece, s, e, joinable, same_line, lead_gap, closed in _line_tokens(line):
            append(Token(kind, piece, pos + s, pos + e, line_no, joinable, same_line, lead_gap, closed))
        pos += len(line) + 1
        line_no += 1
    return tokens


@lru_cache(maxsize=1 << 12)
def _line_tokens(line: str) -> tuple[tuple[str, str, int, int, bool, bool, bool, bool], ...]:
    """The tokens of one line, offsets within the line (cached: most lines of a table recur in other reports)."""
    out: list[Token] = []
    _line(line, 0, len(line), 0, out)
    return tuple((t.kind, t.text, t.start, t.end, t.joinable, t.same_line, t.lead_gap, t.closed) for t in out)


def _line(text: str, a: int, b: int, line_no: int, out: list[Token]) -> None:
    line = text[a:b]
    if not line.strip():
        if "\t" in line or "\u00a0" in line:  # a cell printed empty (web copies: &nbsp;)
            out.append(Token(EMPTY, "", a, a, line_no))
            out.append(Token(EOL, "", b, b, line_no))
        else:
            out.append(Token(BREAK, "", a, a, line_no))
        return
    if _PAGE_NUMBER.match(line):
        return
    if "---" in line and _MD_RULE.match(line):
        return
    sep = "\t"
    if "|" in line and _PIPE_ROW.search(line):
        line = line.replace("\t", " ")
        sep = "|"  # markdown / reader-mode rows: "| 规章 | 3 | 0 |" or "规章 |"
    has_tab = sep in line
    if has_tab:
        pieces: list[tuple[int, int]] = []
        p = a
        for part in line.split(sep):
            pieces.append((p, p + len(part)))
            p += len(part) + 1
    else:
        pieces = [(a, b)]
    lead_gap = False
    outer = sep == "|" and _outer_pipes(line)
    if has_tab and pieces and not text[pieces[0][0]:pieces[0][1]].strip() and (sep == "\t" or outer):
        pieces = pieces[1:]  # the indentation tab (or the opening pipe) that starts a line is no cell
        lead_gap = sep == "\t"
    if outer and pieces and not text[pieces[-1][0]:pieces[-1][1]].strip():
        pieces = pieces[:-1]  # the closing pipe
    seen_label = False
    first = len(out)
    for ps, pe in pieces:
        for cs, ce in _split_spaces(text, ps, pe):
            cell = text[cs:ce]
            stripped = cell.strip()
            if sep == "|" and _UNNAMED_COLUMN.match(stripped):
                stripped = ""  # a converter's name for a header row's empty cell (pymupdf4llm: Col3)
            if not stripped:
                if has_tab:
                    s = cs + len(cell) - len(cell.lstrip())
                    out.append(Token(EMPTY, "", s, s, line_no, same_line=seen_label))
                continue
            s = cs + len(cell) - len(cell.lstrip())
            emits_label, found = _cell(stripped)
            for kind, piece, ps_, pe_, joinable, same_line in found:
                out.append(Token(kind, piece, s + ps_, s + pe_, line_no, joinable,
                                 seen_label if same_line is None else same_line))
            seen_label = emits_label or seen_label
    _letters_among_values(out, first, text)
    if lead_gap and len(out) > first:
        out[first].lead_gap = True
    if outer and line.rstrip().endswith("|"):
        for t in out[first:]:
            t.closed = True
    out.append(Token(EOL, "", b, b, line_no))


def _letters_among_values(out: list[Token], first: int, text: str) -> None:
    """Cells of a line that look like no number but stand in a number's place are numbers an OCR garbled, no
    labels: lone characters, each a cell of its own (no row's label is one character) — Latin letters next to
    a number on their line (Q or U for 0), any other character between two numbers or between the rule read
    as a pipe after the label and a number (安全一稳定 | 了  0  0: 了 for 7) — and a number
    with a period after a number or between a label and numbers (3 0 2. 5, 秘密  1.  0 0: a numbering is
    printed with the words it numbers, never after a number). Each keeps its cell, so the row is not cut there
    and its numbers are not taken for another row's (in place)."""
    if not any(t.kind == VALUE for t in out[first:]):
        return  # each change needs a number next to it on the line (a line of words: none)
    n = first
    while n < len(out):
        before = n > first and out[n - 1].kind == VALUE
        if out[n].kind == LABEL and _POINTED.fullmatch(out[n].text) and (
                before or (n + 1 < len(out) and out[n + 1].kind == VALUE and n > first)):
            out[n].kind = VALUE
            n += 1
            continue
        end = n
        while end < len(out) and out[end].kind == LABEL and len(out[end].text) == 1:
            end += 1
        if end > n:  # lone characters from n on
            after = end < len(out) and out[end].kind == VALUE
            latin = all(t.text.isascii() and t.text.isalpha() for t in out[n:end])
            ruled = n > first and text[out[n - 1].end:out[n].start].strip() == "|"  # 安全一稳定 | 了  0  0
            if (before and after) or ((latin or ruled) and (before or after)):
                for t in out[n:end]:
                    t.kind = VALUE
        n = end + 1


_POINTED = re.compile(r"\d{1,2}\.")


def _outer_pipes(line: str) -> bool:
    """Whether a pipe row has outer pipes ("| 规章 | 3 |", a reader's "规章 |") rather than html2text's rows,
    which have none and end in a Markdown line break of two spaces ("规章| 3| 0  "; " | | 0|    " when the
    first and last cells are empty: those pipes close and open empty cells)."""
    return line[0] == "|" or (not line.endswith("  ") and line.rstrip().endswith("|"))


def _split_spaces(text: str, a: int, b: int) -> list[tuple[int, int]]:
    """Split a cell on runs of two or more spaces (PDF text); pieces of spaces alone vanish."""
    piece = text[a:b]
    if "  " not in piece and "\u00a0" not in piece:
        return [(a, b)]
    if not _SPACES2.search(piece.strip()):
        return [(a, b)]
    out, p = [], a
    for m in _SPACES2.finditer(piece):
        if m.start() + a > p:
            out.append((p, a + m.start()))
        p = a + m.end()
    if p < b:
        out.append((p, b))
    return [(s, e) for s, e in out if text[s:e].strip()] or [(a, b)]


# (kind, text, start, end, joinable, same_line) of one token of a cell, offsets within the cell; same_line
# None: the value stands on the same line as a label only when a label came before it on the line
_Piece = tuple[str, str, int, int, bool, bool | None]


@lru_cache(maxsize=1 << 12)
def _cell(cell: str) -> tuple[bool, tuple[_Piece, ...]]:
    """The tokens of one non-empty, stripped cell (cached: table labels and numbers recur in every
    report), and whether it holds a label."""
    # several numbers in one cell, split by spaces: "3 0 0 0 0 0 3" (or "1 2", half of which may be
    # damage: the row reader joins such pieces back when the row has one value too many); but a sign
    # alone before its digits ("- 2", OCR) is one signed number
    if _MULTI_VALUES.fullmatch(cell) and not _SPLIT_SIGN.fullmatch(cell):
        return False, tuple((VALUE, v.group(), v.start(), v.end(), v.group().isdigit(), None)
                            for v in _VALUE_PIECE.finditer(cell))
    if looks_like_value(cell) or _DAMAGED_VALUE.fullmatch(cell):
        return False, ((VALUE, cell, 0, len(cell), False, None),)
    m = _TRAILING_VALUES.search(cell) if cell[-1] in _VALUE_ENDS or cell[-1].isdecimal() else None
    if m and m.start() > 0 and _CJK.search(cell, 0, m.start()) and not _ends_in_numbering(cell, m):
        label = cell[: m.start()].rstrip()
        return True, ((LABEL, label, 0, len(label), False, False),
                      *((VALUE, v.group(), v.start(), v.end(), v.group().isdigit(), True)
                        for v in _VALUE_PIECE.finditer(cell, m.start())))
    return True, ((LABEL, cell, 0, len(cell), False, False),)


_CJK = re.compile(r"[\u3400-\u9fff]")
# the characters besides digits (\d) a printed value (_ONE) can end with: a cell ending otherwise has no
# trailing values
_VALUE_ENDS = frozenset("0123456789OoIlSD,元/-—无‘’“”'`\"")


def _ends_in_numbering(cell: str, m: re.Match) -> bool:
    """'第二十条第 1' or '2023年 1' is part of the text, not a value: a lone number after 第/条/项/年/月/日 (条 and
    项 as in 第二十条第（一）项; 查询事项 15 is a row's label and its number)."""
    before = cell[: m.start()].rstrip()
    if len(m.group().split()) != 1:
        return False
    return before.endswith(("第", "年", "月", "日")) or (before.endswith(("条", "项")) and "第" in before)
