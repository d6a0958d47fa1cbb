"""Table rows whose cells a crawler glued together: 行政规范性文件8855698 (88 / 55 / 698), 1000001.

Such a row is read only where the digits split one way: every split into the row's cells that makes valid
numbers (no leading zeros, a sign only in a signed column, a decimal point only in a money column) and keeps
the row's own total is listed, then the table's other equations (column totals, the balance, the narrative's
stated counts) keep the combinations that hold. A cell is placed when every combination left gives it the
same value; it is certain only when the digits allow one split alone or every equation it takes part in is
confirmed, else it is uncertain. Everything else stays missing, keeping the glued text as the reason.

A crawler's text of a half-blank table keeps each empty cell's &nbsp; between the glued digits: one cell printed
empty each. An empty cell is no 0 (a report may leave 总计 empty on rows whose other cells are not): a row's
total, and any equation, says nothing of a split that leaves one of its cells empty.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from .equations import Equation, Number, equations
from .placed import Placed, is_missing
from .template import Block, Row, Table, Version
from .tokens import BREAK, EOL, LABEL, VALUE, Token
from .values import read_value

BLANK = " "  # in a glued row's digits: a cell printed empty (a crawler's text keeps its &nbsp;)
MAX_NODES = 20_000  # splits tried per row before giving up (the row stays missing)
MAX_COMBINATIONS = 2_000  # combinations of the rows' splits checked against the table's equations
MAX_CELL_CHARS = 15  # a cell's number is no longer than this (a longer piece of glued digits is tried no further)
_GLUED_LABEL = re.compile(r"^(?P<label>.*[\u3400-\u9fff）)”\"》])(?P<digits>[+\-]?\d[\d.+\-]*)$")
_NUMBER = {"count": re.compile(r"0|[1-9]\d*"), "signed": re.compile(r"[+\-]?(?:0|[1-9]\d*)"),
           "money": re.compile(r"(?:0|[1-9]\d*)(?:\.\d+)?")}


@lru_cache(maxsize=1 << 14)
def glued_label(text: str) -> tuple[str, int] | None:
    """(label, offset of the digits) of a label with the row's digits glued to its end, else None."""
    m = _GLUED_LABEL.match(text)
    if m is None or len(m.group("label")) < 2:
        return None
    return m.group("label"), m.start("digits")


@dataclass(frozen=True)
class GluedRow:
    """One row's glued digits: cell keys in column order, their kinds, and whether the last cell is the
    sum of the others (a row total), per group of cells (table four prints three rows on one line)."""

    keys: tuple[str, ...]
    kinds: tuple[str, ...]
    digits: str
    groups: tuple[tuple[int, bool], ...]  # (cells in the group, last cell is the sum of the others)


def splits(row: GluedRow) -> list[tuple[str, ...]] | None:
    """Every split of the digits into the row's cells (None: too many to try)."""
    out: list[tuple[str, ...]] = []
    nodes = 0
    s = row.digits
    ncells = len(row.keys)

    def parts_from(pos: int, cell: int, group: int, start_cell: int, acc: list[str]) -> bool:
        nonlocal nodes
        nodes += 1
        if nodes > MAX_NODES:
            return False
        if group == len(row.groups):
            if pos == len(s):
                out.append(tuple(acc))
            return True
        size, summed = row.groups[group]
        last = start_cell + size - 1
        nxt_group, nxt_start = (group + 1, last + 1) if cell == last else (group, start_cell)
        if s.startswith(BLANK, pos):  # a cell printed empty (&nbsp;): one cell, no number
            acc.append("")
            ok = parts_from(pos + 1, cell + 1, nxt_group, nxt_start, acc)
            acc.pop()
            return ok
        if cell == last and summed and "" not in acc[start_cell:]:  # the total: the sum of the others
            parts = [_num(x) for x in acc[start_cell:]]
            total = None if None in parts else sum(x for x in parts if x is not None)
            text = _text(total)
            if total is not None and s.startswith(text, pos) and _NUMBER[row.kinds[cell]].fullmatch(text):
                acc.append(text)
                ok = parts_from(pos + len(text), cell + 1, group + 1, last + 1, acc)
                acc.pop()
                return ok
            return True
        left = ncells - cell - 1  # cells after this one, each at least one character
        for end in range(pos + 1, min(len(s) - left, pos + MAX_CELL_CHARS) + 1):
            text = s[pos:end]
            if BLANK in text:
                break  # a number ends where an empty cell begins
            if not _NUMBER[row.kinds[cell]].fullmatch(text):
                if not text[-1:].isdigit() or text.count(".") > 1:
                    continue
                if len(text) > 1 and text[0] == "0" and "." not in text:
                    break  # a leading zero: no longer piece is a number either
                continue
            acc.append(text)
            ok = parts_from(end, cell + 1, nxt_group, nxt_start, acc)
            acc.pop()
            if not ok:
                return False
        return True

    if not parts_from(0, 0, 0, 0, []):
        return None
    return out


def _num(text: str) -> Number | None:
    try:
        x = float(text)
    except ValueError:
        return None
    return int(x) if x.is_integer() and "." not in text else x


def _text(x: Number | None) -> str:
    if x is None:
        return ""
    return str(x) if isinstance(x, int) else f"{x:.6f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Reading:
    value: Number | None  # None: the cell printed empty
    text: str
    offset: int  # of the cell's characters in the glued digits
    certain: bool


def solve(rows: list[GluedRow], known: dict[str, Number | None], equations: tuple[Equation, ...],
          stated: Mapping[str, Number] | None = None) -> dict[str, Reading]:
    """Cell key → its reading, for the cells of the glued rows that every admissible combination agrees on.

    known: the values of the table's other cells (None where missing); equations: the table's equalities;
    stated: counts the narrative states for cells, which choose among a row's splits (those cells stay
    uncertain: a narrative can be wrong)."""
    pairs = [(r, o) for r in rows if (o := splits(r))]
    narrated: set[GluedRow] = set()
    for n, (row, options) in enumerate(pairs):
        agreeing = [o for o in options if all(_num(t) == stated[k] for k, t in zip(row.keys, o, strict=True)
                                              if stated and k in stated)]
        if 0 < len(agreeing) < len(options):
            pairs[n] = (row, agreeing)
            narrated.add(row)
    counts = {k: sum(k in r.keys for r, _ in pairs) for r, _ in pairs for k in r.keys}
    pairs = [(r, o) for r, o in pairs if all(counts[k] == 1 for k in r.keys)]  # a row glued twice: neither
    if not pairs:
        return {}
    # a row whose digits split one way alone is read as split, whatever the equations say (a report whose
    # figures do not add up is the rules' finding); the others are chosen with it as known
    agreed = {k: {t} for r, o in pairs if len(o) == 1 for k, t in zip(r.keys, o[0], strict=True)}
    open_pairs = [(r, o) for r, o in pairs if len(o) > 1]
    if open_pairs:
        given = {**known, **{k: _num(next(iter(t))) for k, t in agreed.items()}}
        glued_keys = {k for r, _ in open_pairs for k in r.keys}
        checkable = [e for e in equations if any(k in glued_keys for k in e.cells)
                     and all(k in glued_keys or given.get(k) is not None for k in e.cells)]
        kept = _propagate(open_pairs, given, checkable)
        if kept is not None:  # else the digits fit no split that keeps the equations: those rows stay missing
            agreed |= _agreed(open_pairs, kept, given, checkable)
    unique = {k for k, texts in agreed.items() if len(texts) == 1}
    settled = {**known, **{k: _num(next(iter(agreed[k]))) for k in unique}}
    holds = {e for e in equations if all(settled.get(c) is not None for c in e.cells) and e.residual(settled) == 0}
    out: dict[str, Reading] = {}
    for row, _ in pairs:
        forced = len(row.keys) == 1 or len(row.digits) == len(row.keys)  # the digits alone allow one split
        row_texts = [next(iter(agreed[k])) if k in unique else None for k in row.keys]
        complete = None not in row_texts
        offset = 0
        for k, printed in zip(row.keys, row_texts, strict=True):
            value = _num(printed) if printed else None
            if printed == "":
                out[k] = Reading(None, "", offset if complete else -1, True)
            elif printed is not None and value is not None:
                confirmed = row not in narrated and (forced or all(e in holds for e in equations if k in e.cells))
                out[k] = Reading(value, printed, offset if complete else -1, confirmed)
            offset += len(printed or BLANK)
    return out


def _values(row: GluedRow, texts: tuple[str, ...]) -> dict[str, Number | None]:
    return {k: _num(t) for k, t in zip(row.keys, texts, strict=True)}


def _holds(e: Equation, values: Mapping[str, Number | None]) -> bool:
    """The equation holds, or says nothing: one of its cells printed empty (a half-blank table's empty cell
    is no 0: its 总计 column may be left empty on rows whose other cells are not)."""
    return any(values[k] is None for k in e.cells) or e.residual(values) == 0


def _propagate(pairs: list[tuple[GluedRow, list[tuple[str, ...]]]], known: dict[str, Number | None],
               checkable: list[Equation]) -> list[list[tuple[str, ...]]] | None:
    """Each row's splits, less those no choice of the other rows' splits can make an equation hold with
    (repeated until nothing changes); None when some row is left with none."""
    options = [list(o) for _, o in pairs]
    members = {e: [i for i, (r, _) in enumerate(pairs) if any(k in r.keys for k in e.cells)] for e in checkable}
    changed = True
    while changed:
        changed = False
        for e, rows in members.items():
            fixed: Number = sum(e.coef(k) * (known[k] or 0) for k in e.cells  # known: the equation is checkable
                                if not any(k in pairs[i][0].keys for i in rows))
            parts = [[_part(e, pairs[i][0], o) for o in options[i]] for i in rows]
            for n, i in enumerate(rows):
                others: set[Number] = {fixed}
                for m, sums in enumerate(parts):
                    if m != n:
                        if None in sums:  # another row's split may leave a cell of it empty: nothing to learn
                            break
                        others = {a + b for a in others for b in set(sums)}  # type: ignore[operator]
                        if len(others) > 10_000:
                            break
                else:
                    keep = [o for o, own in zip(options[i], parts[n], strict=True) if own is None or -own in others]
                    if not keep:
                        return None
                    if len(keep) < len(options[i]):
                        options[i], parts[n], changed = keep, [_part(e, pairs[i][0], o) for o in keep], True
    return options


def _part(e: Equation, row: GluedRow, texts: tuple[str, ...]) -> Number | None:
    """A row's share of an equation's residual when split so (None: a cell of it printed empty, the equation
    says nothing)."""
    if any(not t for k, t in zip(row.keys, texts, strict=True) if k in e.cells):
        return None
    return sum(e.coef(k) * (_num(t) or 0) for k, t in zip(row.keys, texts, strict=True) if k in e.cells)


def _agreed(pairs: list[tuple[GluedRow, list[tuple[str, ...]]]], options: list[list[tuple[str, ...]]],
            known: dict[str, Number | None], checkable: list[Equation]) -> dict[str, set[str]]:
    """Cell key → the texts it takes in the admissible combinations of the rows' splits (every combination
    checked when there are few; else each row's own splits, which contain every admissible combination)."""
    agreed: dict[str, set[str]] = {}
    count = 1
    for o in options:
        count *= len(o)
    if count > MAX_COMBINATIONS:
        for (row, _), opts in zip(pairs, options, strict=True):
            for texts in opts:
                for k, t in zip(row.keys, texts, strict=True):
                    agreed.setdefault(k, set()).add(t)
        return agreed
    converted = [[_values(row, o) for o in opts] for (row, _), opts in zip(pairs, options, strict=True)]
    for combo in product(*(range(len(o)) for o in options)):
        values = dict(known)
        for conv, j in zip(converted, combo, strict=True):
            values.update(conv[j])
        if not all(_holds(e, values) for e in checkable):
            continue
        for (row, _), opts, j in zip(pairs, options, combo, strict=True):
            for k, t in zip(row.keys, opts[j], strict=True):
                agreed.setdefault(k, set()).add(t)
    return agreed


def read_glued_rows(table: Table, version: Version, tokens: list[Token], placed: list[Placed],
                    glued: list[tuple[Row, Token]], done: set[str], threshold: float, best_row,
                    stated: Mapping[str, Number] | None = None, text: str | None = None) -> list[Placed]:
    """Rows printed with their cells glued to the label (规章2117) or into one number (1000001).

    text: the normalised text the tokens index. A crawler's text keeps an empty cell's &nbsp; (a row of a
    half-blank table: 12319\xa0212\xa0\xa0 is 123 19 _ 2 12 _ _ or another split): where a label is followed on
    its line by digits and single &nbsp;s alone, each &nbsp; is one cell printed empty."""
    rows = [r for b in table.blocks for r in b.rows if r.key not in done]
    marked: dict[str, tuple[Row, Token]] = {}
    for i, t in enumerate(tokens if rows else ()):
        if t.kind != LABEL:
            continue
        found = glued_label(t.text) if t.text[-1:].isdigit() and not _numbers_follow(tokens, i) else None
        tail = _blank_marked(text, t.end) if text is not None and text.startswith("\u00a0", t.end) else None
        digits = (t.text[found[1]:] if found else "") + (tail or "")
        if tail is not None and any(c.isdigit() for c in digits):
            label, at = (found[0], t.start + found[1]) if found else (t.text, t.end)
            row = best_row([label], rows, None, threshold)
            if row is not None:
                marked[row.key] = (row, Token(VALUE, digits, at, at + len(digits), t.line))
        elif found:
            row = best_row([found[0]], rows, None, threshold)
            if row is not None:
                glued.append((row, Token(VALUE, t.text[found[1]:], t.start + found[1], t.end, t.line)))
    glued = [g for g in glued if g[0].key not in marked] + list(marked.values())
    if not glued:
        return []
    block_of = {r.key: b for b in table.blocks for r in b.rows}
    known = known_values(table.key, placed, block_of)
    candidates = [
        (row, tok, GluedRow(tuple(f"{table.key}/{row.key}/{c.key}" for c in block_of[row.key].columns),
                            tuple(c.kind for c in block_of[row.key].columns), tok.text,
                            _groups(table.key, len(block_of[row.key].columns))))
        for row, tok in glued if row.key not in done]
    readings = solve([g for _, _, g in candidates], known, equations(version, table.key), stated)
    return [_glued_placed(row, tok, g, readings) for row, tok, g in candidates]


def _numbers_follow(tokens: list[Token], i: int) -> bool:
    """Numbers follow the label on the next lines (行政规范性文件186 / 52): its digits are not the whole row. (What
    stands on its own line after it is the row's: a crawler's &nbsp; between glued digits.)"""
    j = i + 1
    while j < len(tokens) and (tokens[j].line == tokens[i].line or tokens[j].kind in (EOL, BREAK)):
        j += 1
    return j < len(tokens) and tokens[j].kind == VALUE


_MARKED_TAIL = re.compile(r"\u00a0[\d.+\-\u00a0]*")


def _blank_marked(text: str, at: int) -> str | None:
    """The rest of the line after a label (beginning with an &nbsp;), empty cells as BLANK, when it is digits and
    single &nbsp;s alone; else None."""
    end = text.find("\n", at)
    tail = text[at:len(text) if end < 0 else end].rstrip(" \t\r")
    if not _MARKED_TAIL.fullmatch(tail):
        return None
    return tail.replace("\u00a0", BLANK)


def read_glued_appeals(table: Table, version: Version, tokens: list[Token], present: list[Row]) -> list[Placed]:
    """Table four's numbers glued into one (000111000100000): split by its three row totals."""
    values = [t for t in tokens if t.kind == VALUE]
    if not values:  # the digits glued to the last heading: …尚未审结总计000111000100000
        glued = [(t, found[1]) for t in tokens if t.kind == LABEL and (found := glued_label(t.text))
                 and len(t.text) - found[1] >= 10]
        values = [Token(VALUE, t.text[at:], t.start + at, t.end, t.line) for t, at in glued]
    if len(values) != 1 or not values[0].text.isdigit():
        return []
    tok, cols = values[0], table.blocks[0].columns
    if len(tok.text) >= 15:  # fifteen cells at least one digit each: all three rows (headings may be glued too)
        present = list(table.blocks[0].rows)
    elif len(present) != 2:
        return []
    g = GluedRow(tuple(f"{table.key}/{r.key}/{c.key}" for r in present for c in cols),
                 tuple(c.kind for _ in present for c in cols), tok.text, _groups(table.key, 5 * len(present)))
    readings = solve([g], {}, equations(version, table.key))
    whole = _glued_placed(present[0], tok, g, readings)
    return [Placed(r, whole.cells[5 * i:5 * i + 5], {j - 5 * i for j in whole.repaired if 0 <= j - 5 * i < 5},
                   uncertain={j - 5 * i for j in whole.uncertain if 0 <= j - 5 * i < 5},
                   unplaced={j - 5 * i for j in whole.unplaced if 0 <= j - 5 * i < 5})
            for i, r in enumerate(present)]


def _groups(table: str, ncols: int) -> tuple[tuple[int, bool], ...]:
    """How a glued row's cells add up: table three's row total, table four's three row totals."""
    if table == "requests" and ncols == 7:
        return ((7, True),)
    if table == "appeals" and ncols % 5 == 0:
        return ((5, True),) * (ncols // 5)
    return ((1, False),) * ncols


def known_values(table: str, placed: list[Placed], block_of: dict[str, Block]) -> dict[str, float | int | None]:
    """The values of the cells read so far (None: printed blank or unreadable)."""
    out: dict[str, float | int | None] = {}
    for p in placed:
        for col, tok in zip(block_of[p.row.key].columns, p.cells, strict=False):
            cv = read_value(tok.text, col.kind) if tok is not None and not is_missing(tok) else None
            out[f"{table}/{p.row.key}/{col.key}"] = cv.value if cv else None
    return out


def _glued_placed(row: Row, tok: Token, g: GluedRow, readings: dict) -> Placed:
    cells: list[Token | None] = []
    placed = Placed(row, cells)
    for i, key in enumerate(g.keys):
        r = readings.get(key)
        if r is None:
            cells.append(tok)
            placed.unplaced.add(i)
            continue
        if r.value is None:
            cells.append(None)  # printed empty
            continue
        start = tok.start + r.offset if r.offset >= 0 else tok.start
        end = start + len(r.text) if r.offset >= 0 else tok.end
        cells.append(Token(VALUE, r.text, start, end, tok.line))
        placed.repaired.add(i)
        if not r.certain:
            placed.uncertain.add(i)
    return placed
