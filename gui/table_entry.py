"""Fast entry of table values, without Qt: what the reviewer typed or pasted → the cells it fills.

- `parse_number`: one typed value (full-width digits, 增/减, thousands commas) → a number or blank;
  `entry_problem` says in Chinese why a value cannot go into a cell (1.5 or -3 in a count cell).
- `split_row`: one line as copied from a spreadsheet (tabs), from PDF text or the raw pane (spaces)
  or from a CSV (commas), with or without its row label in front → (label, value texts).
- `plan_paste`: a block of such lines placed on a table layout: unlabelled lines go down from the
  current cell; labelled lines go to the row their label names (parser.tables.similarity, the same
  matching the parser uses), so a block copied with its labels never lands one column to the right.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from parser.model import Number
from parser.tables import ROW_SCORE, similarity
from parser.template import Row

from .table_layout import DATA, TableLayout

_CJK = re.compile(r"[\u3400-\u9fff]")
_THOUSANDS = re.compile(r"[+\-]?\d{1,3}(,\d{3})+(\.\d+)?")
_UNIT = re.compile(r"(万元|元|件|个|次)$")


def parse_number(text: str, kind: str) -> tuple[bool, Number | None]:
    """What the reviewer typed → (valid, value). Empty → blank (None); full-width digits are fine."""
    return _parse(text, kind)[:2]  # type: ignore[return-value]


def entry_problem(text: str, kind: str) -> str:
    """Why this text cannot be entered in a cell of this kind (Chinese), or "" when it can."""
    return _parse(text, kind)[2]


def _parse(text: str, kind: str) -> tuple[bool, Number | None, str]:
    s = unicodedata.normalize("NFKC", text).strip().replace(",", "").replace("−", "-")
    s = _UNIT.sub("", s).strip()
    if s in ("", "/", "-", "—", "无"):
        return True, None, ""
    if s[0] in "增减":
        s = ("-" if s[0] == "减" else "+") + s[1:]
    try:
        if kind == "money" or "." in s:
            v = float(s)
            value: Number = int(v) if v.is_integer() and kind != "money" else v
        else:
            value = int(s)
    except ValueError:
        return False, None, f"“{text.strip()}”不是数字"
    if kind == "count" and not float(value).is_integer():
        return False, None, f"件数须为整数，“{text.strip()}”带有小数"
    if kind == "count" and value < 0:
        return False, None, f"件数不能为负数（{text.strip()}）"
    return True, value, ""


def is_value_text(token: str) -> bool:
    """A token that reads as a value (or a blank mark) in some cell kind, not a label."""
    return _parse(token, "signed")[0] or _parse(token, "money")[0]


def split_values(text: str) -> list[str]:
    """Several values typed or pasted on one line: tab, space, comma (not a thousands comma) or
    full-width comma separated. One value → a list of one."""
    text = text.strip("\r\n")
    if "\t" in text:
        return [t.strip() for t in text.split("\t")]
    out: list[str] = []
    for piece in re.split(r"[\s，、;；]+", text.strip()):
        if not piece:
            continue
        if "," in piece and not _THOUSANDS.fullmatch(piece):
            out += [p for p in piece.split(",") if p != ""]
        else:
            out.append(piece)
    return out


def split_row(line: str) -> tuple[str, list[str]]:
    """(row label, value texts) of one pasted line; the label is everything up to the last token
    with a Chinese character that is not a value itself (一、本年新收… / （一） 予以公开 / 1.本机关…)."""
    tokens = split_values(line)
    last_label = -1
    for i, t in enumerate(tokens):
        if _CJK.search(t) and not is_value_text(t):
            last_label = i
    label = "/".join(t.strip() for t in tokens[: last_label + 1] if t.strip())
    return label, tokens[last_label + 1 :]


@dataclass
class Placement:
    """What a paste would do: the values by cell, and what to tell the reviewer."""

    values: dict[str, Number | None] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)  # row labels filled, in order
    by_label: int = 0  # lines placed by their row label
    unmatched: list[str] = field(default_factory=list)  # labels that name no row of this table
    bad: list[str] = field(default_factory=list)  # texts that are not numbers
    outside: int = 0  # values beyond the table's last row or column


def plan_paste(
    lay: TableLayout, row: int, column: int, text: str, kind_of: dict[str, str] | None = None
) -> Placement:
    """Place pasted lines on the table, the current cell at (row, column) of the grid."""
    p = Placement()
    data_rows = [i for i, g in enumerate(lay.rows) if g.kind == DATA]
    if not data_rows:
        return p
    lines = [ln for ln in text.strip("\r\n").splitlines() if ln.strip()]
    next_row = next((i for i in data_rows if i >= row), data_rows[-1])
    previous: int | None = None
    for line in lines:
        label, values = split_row(line)
        target = None
        if label:
            target = _row_named(lay, label, previous)
            if target is None:
                p.unmatched.append(label)
            else:
                p.by_label += 1
        if target is None:
            target = next_row if previous is None else _after(data_rows, previous)
        if target is None:
            p.outside += len(values)
            continue
        previous = target
        next_row = _after(data_rows, target) or target
        g = lay.rows[target]
        assert g.row is not None
        ncols = len(g.block.columns)
        first = column - lay.label_columns
        if label or len(values) == ncols or not 0 <= first < ncols:
            first = 0  # a whole row (or a labelled one): from the row's first value column
        placed = False
        for j, token in enumerate(values):
            c = first + j
            if c >= ncols:
                p.outside += len(values) - j
                break
            key = f"{lay.table.key}/{g.row.key}/{g.block.columns[c].key}"
            kind = (kind_of or {}).get(key, g.block.columns[c].kind)
            ok, value = parse_number(token, kind)
            if ok:
                p.values[key] = value
                placed = True
            else:
                p.bad.append(token)
        if placed:
            p.rows.append(g.row.label)
    return p


def _after(data_rows: list[int], i: int) -> int | None:
    return next((r for r in data_rows if r > i), None)


def _row_named(lay: TableLayout, label: str, previous: int | None) -> int | None:
    """The grid row the label names; of equally good rows, the first after the previous line's."""
    best: tuple[float, int] | None = None
    for i, g in enumerate(lay.rows):
        if g.kind != DATA or g.row is None:
            continue
        score = _score(label, g.row)
        if previous is not None and i > previous:
            score += 0.5  # ties (其他 under two groups): the one below the line before
        if best is None or score > best[0]:
            best = (score, i)
    return best[1] if best and best[0] >= ROW_SCORE else None


def _score(label: str, row: Row) -> float:
    return max(similarity(label.replace("/", ""), row), similarity(label.split("/")[-1], row))


def describe(p: Placement, changed: int) -> str:
    """One Chinese sentence: what a paste placed, and what it could not."""
    if not p.values:
        parts = ["粘贴内容中没有可放入表格的数值"]
    else:
        rows = p.rows
        span = f"“{_short(rows[0])}”" + (f"至“{_short(rows[-1])}”" if len(rows) > 1 else "")
        parts = [f"已粘贴 {len(rows)} 行 {len(p.values)} 格（{span}），其中 {changed} 格有改动"]
        if p.by_label:
            parts.append(f"{p.by_label} 行按行名对应")
    if p.unmatched:
        parts.append(f"{len(p.unmatched)} 个行名未能对应（“{_short(p.unmatched[0])}”），按顺序放入")
    if p.bad:
        parts.append(f"{len(p.bad)} 个内容不是数字，已跳过（“{p.bad[0][:8]}”）")
    if p.outside:
        parts.append(f"{p.outside} 个数值超出表格，未放入")
    return "；".join(parts)


def _short(label: str) -> str:
    return label if len(label) <= 12 else label[:11] + "…"
