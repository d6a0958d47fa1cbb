"""The column headings a table prints among its labels: which column a label names, the order the headings
print the columns in, and the labels that are headings (or a rows' group heading, or the columns' numbers)
rather than a row's label.
"""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .normalize import label_key
from .rowmatch import _LEADING_NUMBER
from .template import Block, Column, Row, Table
from .tokens import LABEL, VALUE, Token


def printed_columns(labels: list[str], block: Block, table: str,
                     lines_of: dict[str, frozenset[int]] | None = None) -> tuple[int, ...] | None:
    """The order in which the labels before a row print the block's column headings: () when they print
    none (nothing learnt), the template order when they agree with it, a permutation when table two
    prints its headings in another order, None when table three does (its two-level header cannot be
    re-ordered safely; tables.py reads it by headings_order instead). Table two's headings printed one space
    apart in one label (信息内容 对外公开总数量 本年新制作数量 本年新公开数量) are each taken by itself.

    lines_of: label text → the lines it is printed on. When table three's headings share lines (a PDF's
    text laid out as printed: 自然人 … 总计 on one line, the wrapped 商业企业 科研机构 其他 on the next), only
    the order within a line tells the columns' order; one heading per line, the order of the lines does."""
    seq: list[int] = []
    names: list[str] = []
    for label in labels:
        named = [column_named(label, block)]
        if named[0] is None and table != "requests" and " " in label.strip():
            named = [column_named(piece, block) for piece in label.split()]
        for j in named:
            if j is not None and j not in seq:
                seq.append(j)
                names.append(label)
    n = len(block.columns)
    if len(seq) < 2:
        return ()
    if table == "requests":  # where 总计 stands says nothing: a two-level header may print it anywhere
        applicants = [(j, name) for j, name in zip(seq, names, strict=True) if j < n - 1]
        lines = [lines_of.get(name, frozenset()) if lines_of else frozenset() for _, name in applicants]
        pairs = [(a, b) for a in range(len(applicants)) for b in range(a + 1, len(applicants))]
        shared = [(a, b) for a, b in pairs if lines[a] & lines[b]]
        in_order = all(applicants[a][0] < applicants[b][0] for a, b in (shared or pairs))
        return tuple(range(n)) if in_order else None
    if seq == sorted(seq):
        return tuple(range(n))
    return tuple(seq) if len(seq) == n else None


_GROUP = -1  # a columns' group heading (法人或其他组织) in a line of headings


def headings_order(labels: list[tuple[str, int]], block: Block) -> tuple[int, ...] | None:
    """The order a table's header, its labels (text, line) before the first number, prints every column of the
    block in: one line of headings (总计 商业企业 科研机构 社会公益组织 法律服务机构 其他 自然人) or two (自然人
    法人或其他组织 总计 over the group's five columns); each column named exactly once, by a heading that names no
    other column (a wrapped 社会公益组 / 织 by its first line; headings one space apart in one label each by
    itself). None when the headings do not tell it so (one missing or named twice, headings on more lines)."""
    groups = frozenset(label_key(c.group) for c in block.columns if c.group)
    if len(groups) > 1:
        return None
    by_line: dict[int, list[int]] = {}
    for label, line in labels:
        if _LEADING_NUMBER.match(label):
            continue  # a row's label (3.其他, （七）总计), not a heading
        named = _heading(label, block, groups)
        for j in [named] if named is not None else (_heading(p, block, groups) for p in label.split()):
            if j is not None:
                by_line.setdefault(line, []).append(j)
    heads = [by_line[line] for line in sorted(by_line) if any(j != _GROUP for j in by_line[line])]
    n = len(block.columns)
    if len(heads) == 1:  # one line of headings
        seq = [j for j in heads[0] if j != _GROUP]
        return tuple(seq) if sorted(seq) == list(range(n)) else None
    if len(heads) != 2 or heads[0].count(_GROUP) != 1 or _GROUP in heads[1]:
        return None
    top, under = heads  # the group's heading over the columns printed under it
    grouped = [j for j, c in enumerate(block.columns) if c.group]
    if sorted(under) != grouped or sorted(j for j in top if j != _GROUP) != [j for j in range(n) if j not in grouped]:
        return None
    at = top.index(_GROUP)
    return tuple(top[:at] + under + top[at + 1:])


@lru_cache(maxsize=1 << 14)
def _heading(text: str, block: Block, groups: frozenset[str]) -> int | None:
    """The one column the text names as its heading, or _GROUP for the columns' group heading."""
    key = label_key(text)
    if key in groups:
        return _GROUP
    named = {j for j, col in enumerate(block.columns) if _names(key, col)}
    return named.pop() if len(named) == 1 else None


def _names(key: str, col: Column) -> bool:
    names = {label_key(col.label), *(label_key(a) for a in col.aliases)}
    return bool(key) and (key in names or any(fuzz.ratio(key, m) >= 90 for m in names if len(m) > 3))


def label_lines(tokens: list[Token]) -> dict[str, frozenset[int]]:
    """Label text → the lines of the region it is printed on."""
    out: dict[str, set[int]] = {}
    for t in tokens:
        if t.kind == LABEL:
            out.setdefault(t.text, set()).add(t.line)
    return {k: frozenset(v) for k, v in out.items()}


@lru_cache(maxsize=1 << 14)
def column_named(label: str, block: Block) -> int | None:
    """The index of the block's column this label names as its heading, if any."""
    key = label_key(label)
    if not key:
        return None
    for j, col in enumerate(block.columns):
        names = {label_key(col.label), *(label_key(a) for a in col.aliases)}
        if key in names or any(fuzz.ratio(key, m) >= 90 for m in names if len(m) > 3):
            return j
    return None


def money_headed_in_yuan(table: Table, tokens: list[Token]) -> dict[str, set[int]]:
    """Row key → indexes of its money columns whose heading is printed in 元 (采购总金额（元）)."""
    printed = [t.text for t in tokens if t.kind == LABEL and "元" in t.text and "万元" not in t.text]
    out: dict[str, set[int]] = {}
    for block in table.blocks:
        for i, col in enumerate(block.columns):
            if col.kind == "money" and any(label_key(col.label).rstrip("万元") in label_key(p) for p in printed):
                for row in block.rows:
                    out.setdefault(row.key, set()).add(i)
    return out

def without_group_words(labels: list[str], table: Table, last: int | None = None) -> list[str]:
    """The labels without the pieces of the rows' group headings printed among them (pdfplumber: 三、本年度
    3.补正后申 / 办理结果 请内容仍不 → 3.补正后申 / 请内容仍不; pdftotext -layout: 4.保护第三 / （三）不予 11 3 1 →
    4.保护第三). With `last`, only the last `last` of them (read from the end: a damaged copy's run of
    hundreds of labels before a row, asked again for every row)."""
    def heading(piece: str) -> bool:
        return _group_word(piece, table)

    out = []
    for label in reversed(labels):
        parts = label.split()
        if len(parts) > 1:
            kept = [p for p in parts if not heading(p)]
            out.append(" ".join(kept) if kept else label)
        elif not (_GROUP_NUMBER.match(label) and heading(label)):  # a group's own heading: （三）不予, 三、本年度
            out.append(label)
        if last is not None and len(out) == last:
            break
    return out[::-1] or labels


_GROUP_NUMBER = re.compile(r"\s*(?:[(（][一二三四五六七八九十]{1,2}[)）]|[一二三四五六七八九十]{1,2}、)")


@lru_cache(maxsize=1 << 14)
def _group_word(piece: str, table: Table) -> bool:
    """Whether a piece of a label is a piece of one of the table's group headings (a label repeated on many
    lines of a damaged copy asks again and again: remembered)."""
    groups = _group_words(table)
    return len(key := label_key(piece)) >= 2 and any(key in g for g in groups)


@lru_cache(maxsize=8)
def _group_words(table: Table) -> tuple[str, ...]:
    return tuple({label_key(g) for b in table.blocks for r in b.rows if r.group for g in r.group.split("/")})


def one_column(label: str, block: Block) -> int | None:
    """The one column whose heading the label is or is a piece of (社会公益组 / 织; 构 may be 科研机构's or
    法律服务机构's: none)."""
    key = label_key(label)
    if not key or len(key) > 8 or _LEADING_NUMBER.match(label):
        return None
    named = {j for j, col in enumerate(block.columns) if any(key in label_key(x) for x in (col.label, *col.aliases))}
    return named.pop() if len(named) == 1 else None

def heading_fragment(label: str, block: Block) -> bool:
    """The label is a column heading of the block or a piece of one wrapped over lines (自然 / 人, 法律 / 服务 /
    机构), the block's heading (申请人情况) or a columns' group (法人或其他组织)."""
    key = label_key(label)
    return bool(key) and not _LEADING_NUMBER.match(label) and any(
        key in text for text in _heading_texts(block))


@lru_cache(maxsize=64)
def _heading_texts(block: Block) -> tuple[str, ...]:
    """The block's heading, its columns' headings and their groups', as label keys."""
    texts = {block.heading} | {c.label for c in block.columns} | {c.group for c in block.columns if c.group}
    return tuple(label_key(t) for t in texts if t)


def under_headings(labels: list[str], block: Block) -> bool:
    """The labels end with two different column headings, printed without a row's numbering; or with a column
    heading (其他) after another among the last four labels, the rest fragments of wrapped headings
    (法律服务机 / 构 / 其他: a PDF's text of a narrow header)."""
    if len(labels) < 2 or any(_LEADING_NUMBER.match(x) for x in labels[-2:]):
        return False
    named = {column_named(x, block) for x in labels[-2:]}
    if None not in named and len(named) == 2:
        return True
    last = column_named(labels[-1], block)
    return last is not None and any(j not in (None, last) for j in (column_named(x, block) for x in labels[-4:-1]))


def column_numbers(run: list[Token]) -> bool:
    """The run is the columns' numbers printed under their headings: 1 2 3 4 5 (6 7 …)."""
    if len(run) < 5 or next((t.text for t in run if t.kind == VALUE), None) != "1":
        return False
    values = [t.text for t in run if t.kind == VALUE]
    return len(values) >= 5 and values[0] == "1" and values == [str(i) for i in range(1, len(values) + 1)]

def first_row_under_header(label: str, table: Table, done: set[str]) -> Row | None:
    """Values right under a block's column headings whose row label the copy lost belong to the
    block's first row (the copy kept the next row's label, so this one can only be the first)."""
    key = label_key(label)
    for block in table.blocks:
        headings = [label_key(h) for c in block.columns for h in (c.label, *c.aliases)]
        if block.rows[0].key not in done and any(fuzz.ratio(key, h) >= 85 for h in headings if h):
            return block.rows[0]
    return None
