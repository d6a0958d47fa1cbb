"""Runs of values printed away from their row label, as PDF text layers order them.

A PDF viewer writes a table row by row, but where a label cell sits lower than its numbers the numbers come
first (a row of numbers on the line before its label), and two short rows may come out as their two labels,
then their two rows of numbers. The table reader reads the labels before each run of values (see tables.py);
these two re-pairings offer it another reading, which it takes only when the table fits it better.
"""
from __future__ import annotations

from collections.abc import Callable
from itertools import islice

from .normalize import label_key
from .rowmatch import _LEADING_NUMBER, _numbering
from .template import Row
from .tokens import LABEL, VALUE, Token

Item = tuple[list[str], list[Token]]  # the labels since the last run of values, and the run
BestRow = Callable[[list[str], list[Row], Row | None, float], Row | None]


def unstacked_items(items: list[Item], rows: list[Row], ncols: dict[str, int], threshold: float,
                    best_row: BestRow, whole_row: Callable[[list[Token]], bool] | None = None,
                    by_order: set[int] | None = None, heading: Callable[[str], bool] | None = None,
                    title: str = "") -> list[Item]:
    """Two or three labels, then as many runs without labels, each run a whole row: the labels name
    consecutive rows, in order, and each run belongs to its label (规章 / 规范性文件 / 0 0 0 / 12 12 60).

    whole_row: whether a row's worth of values is one whole row by the table's arithmetic (table three: the
    six applicants add up to 总计). A run of two or more such rows one after another, one value a line (the
    labels of the last rows printed after all the numbers: a PDF's merged label cells come out last), is cut
    into its rows: the first under the labels before it, the others for the rows that follow; unless more
    than one of those labels begins with a row's numbering (then which row is first is not known). When the
    labels before it begin with exactly as many numberings as it has rows (a PDF printed column by column: the
    labels 3.危 4.保 … 1.本 2.没 3.补 cut short, then nine rows of numbers) and one stretch of the format's rows
    alone is numbered so, the rows are those, in order; the id of each such row's first token goes into
    `by_order` (placed by their order alone: uncertain).

    heading: whether a label is (a fragment of) a column heading. A page printed column by column may print
    the numbered labels, then stray runs (a column of another table beside them), then the column headings
    with the first rows' numbers between their fragments (自然 / 人 / 1040 32 1 0 / 法律 / 服务 / 机构 / 25 /
    其他 / 18 1116 105 …): the runs between headings alone are joined, and when they are whole rows and the
    numbered labels since the last such block (a group's bare numbering 三、 aside) name as many consecutive
    rows, alone, they are those rows in order (uncertain); the stray runs keep no label. The table's own title
    (三、收到和处理政府信息公开申请情况) is no row's label."""
    order = {r.key: i for i, r in enumerate(rows)}
    out: list[Item] = []
    since = 0  # the first item of `out` after the last block of rows placed by their numbering
    i = 0
    while i < len(items):
        labels, run = items[i]
        if whole_row is not None and heading is not None and labels and all(heading(x) for x in labels) \
                and (joined := _across_headings(items, i, out[since:], rows, ncols, whole_row, heading, title)):
            block_rows, block_runs, used = joined
            out[since:] = [([], r) for _, r in out[since:]]
            out += [([row.label], r) for row, r in zip(block_rows, block_runs, strict=True)]
            if by_order is not None:
                by_order.update(id(r[0]) for r in block_runs)
            since = len(out)
            i += used
            continue
        k = 0
        while k < 3 and i + 1 + k < len(items) and not items[i + 1 + k][0]:
            k += 1
        runs = [line for r in [run] + [items[i + 1 + m][1] for m in range(k)]
                for line in (_by_line(r) if r and r[0].line != r[-1].line else [r])]
        counts = [sum(t.kind == VALUE for t in r) for r in runs] if 1 < len(runs) <= 4 else []
        split = _split_labels(labels, len(runs), rows, order, threshold, best_row) \
            if labels and counts and all(c in ncols.values() for c in counts) else None
        if split is not None and all(sum(t.kind == VALUE for t in r) == ncols[row.key]
                                     for (_, row), r in zip(split, runs, strict=True)):
            out += [(seg, r) for (seg, _), r in zip(split, runs, strict=True)]
            i += k + 1
            continue
        lines = _by_line(run) if run and run[0].line != run[-1].line else [run]
        widths = {sum(t.kind == VALUE for t in line) for line in lines} \
            if len(lines) > 1 and len(run) >= 2 * len(lines) else set()  # at least two cells a line
        if len(widths) == 1 and (c := widths.pop()) >= 2 and c in ncols.values():
            # whole rows of numbers on lines of their own: one row each (the first under the labels before
            # them, the others for the rows that follow; see unlabelled.between_neighbours)
            out += [(labels, lines[0]), *(([], line) for line in lines[1:])]
        elif whole_row is not None and (stacked := _stacked_rows(run, ncols, whole_row)) \
                and (named := _numbered_rows(labels, len(stacked), rows)):
            out += [([row.label], r) for row, r in zip(named, stacked, strict=True)]
            if by_order is not None:
                by_order.update(id(r[0]) for r in stacked)
            since = len(out)
        elif whole_row is not None and len(list(islice(filter(_LEADING_NUMBER.match, labels), 2))) <= 1 \
                and (stacked := _stacked_rows(run, ncols, whole_row)):
            # the labels before name one row at most: several numbered labels before a block of rows (a PDF
            # printed column by column) may each name one of them, in an order the text does not show
            out += [(labels, stacked[0]), *(([], r) for r in stacked[1:])]
        else:
            out.append(items[i])
        i += 1
    return out


def _across_headings(items: list[Item], i: int, before: list[Item], rows: list[Row], ncols: dict[str, int],
                     whole_row: Callable[[list[Token]], bool], heading: Callable[[str], bool], title: str
                     ) -> tuple[list[Row], list[list[Token]], int] | None:
    """(rows, their runs, items used) when items[i] and the items after it whose labels are all column headings
    hold runs that together are whole rows, named by the numbered labels of `before` (items not yet placed,
    none a whole row) and of items[i]; None otherwise."""
    width = max(ncols.values())
    if any(len(r) >= width for _, r in before):  # a row's worth of cells (values or empty) is no stray run
        return None
    j = i + 1
    while j < len(items) and items[j][0] and all(heading(x) for x in items[j][0]):
        j += 1
    run = [t for _, r in items[i:j] for t in r]
    stacked = _stacked_rows(run, ncols, whole_row)
    if stacked is None:
        return None
    labels = [x for ls, _ in [*before, *items[i:j]] for x in ls if not title or label_key(x) != label_key(title)]
    named = _numbered_rows(labels, len(stacked), rows)
    return (named, stacked, j - i) if named else None


def _numbered_rows(labels: list[str], k: int, rows: list[Row]) -> list[Row] | None:
    """The k consecutive rows of the format numbered as the labels' numberings, when the labels hold exactly k
    (besides numberings of the rows' groups printed bare: 三、 of 三、本年度办理结果 cut short) and one stretch
    of rows alone is numbered so."""
    numbered = [(_numbering(x), not _LEADING_NUMBER.sub("", x, count=1).strip())
                for x in labels if _LEADING_NUMBER.match(x)]
    if len(numbered) < k or any(n is None for n, _ in numbered):
        return None
    printed = [_numbering(r.label) for r in rows]
    starts = [i for i in range(len(rows) - k + 1) if _numbered_so(numbered, printed[i:i + k], rows[i:i + k])]
    return rows[starts[0]:starts[0] + k] if len(starts) == 1 else None


def _numbered_so(numbered: list[tuple[tuple[int, str] | None, bool]], printed: list[tuple[int, str] | None],
                 stretch: list[Row]) -> bool:
    """The labels' numberings are the stretch's, in order, besides bare numberings of the stretch's groups."""
    groups = {_numbering(part) for r in stretch if r.group for part in r.group.split("/")} - {None}
    p = 0
    for n, bare in numbered:
        if p < len(printed) and n == printed[p]:
            p += 1
        elif not (bare and n in groups):
            return False
    return p == len(printed)


def _stacked_rows(run: list[Token], ncols: dict[str, int], whole_row: Callable[[list[Token]], bool]
                  ) -> list[list[Token]] | None:
    """A run of values alone (no empty cell) that is two or more whole rows of the widest row, one after
    another, cut into them; None when it is not."""
    width = max(ncols.values())
    if len(run) < 2 * width or len(run) % width or any(t.kind != VALUE for t in run):
        return None
    parts = [run[j:j + width] for j in range(0, len(run), width)]
    return parts if all(whole_row(p) for p in parts) else None


def _by_line(run: list[Token]) -> list[list[Token]]:
    """A run's tokens cut where its lines change."""
    out: list[list[Token]] = []
    for t in run:
        if not out or out[-1][-1].line != t.line:
            out.append([])
        out[-1].append(t)
    return out


def _split_labels(labels: list[str], parts: int, rows: list[Row], order: dict[str, int], threshold: float,
                  best_row: BestRow) -> list[tuple[list[str], Row]] | None:
    """The labels cut before each of the last `parts` labels naming a row, when those rows follow one another."""
    naming = [(j, row) for j, label in enumerate(labels) if (row := best_row([label], rows, None, threshold))]
    if len(naming) < parts:
        return None
    chosen = [naming[-1]]  # the last label names the last row; before it, the rows just above, in order
    for j, row in reversed(naming[:-1]):
        if len(chosen) < parts and order[row.key] == order[chosen[0][1].key] - 1:
            chosen.insert(0, (j, row))
    if len(chosen) < parts:
        return None
    naming = chosen
    cuts = [0] + [j + 1 for j, _ in naming[:-1]] + [len(labels)]  # each part ends with the label naming its row
    return [(labels[cuts[m]:cuts[m + 1]], row) for m, (_, row) in enumerate(naming)]


def shifted_items(items: list[Item], tokens: list[Token], rows: list[Row], threshold: float,
                  best_row: BestRow, suspect: bool = False) -> list[Item] | None:
    """Every run paired with the labels after it (numbers printed before their label), or None when the
    table's last labels, after its last value, name no row (then no run can have been printed first) and
    the reading by the labels before the runs is not `suspect` (its equations fail)."""
    last_value = max((i for i, t in enumerate(tokens) if t.kind == VALUE), default=None)
    if last_value is None or len(items) < 2:
        return None
    tail = [t.text for t in tokens[last_value + 1:] if t.kind == LABEL]
    if not suspect and not any(best_row([label], rows, None, threshold) for label in tail[:3]):
        return None
    return [(_own_label(items[n + 1][0] if n + 1 < len(items) else tail, rows, threshold, best_row), run)
            for n, (_, run) in enumerate(items)]


def straddled_items(items: list[Item]) -> list[Item] | None:
    """Every run paired with the label on its own line and the labels after it, up to the next run's line: a
    label wrapped in a narrow column prints its numbering and first characters beside the numbers, the rest
    below them (2.没 4 0 1 0 0 0 5 / 有现 / 成信 / … / 作 / 3.补 4 0 0 0 1 1 6). The first run keeps every label
    before it (the column headings). None unless most runs share their line with a label (the copy's rows
    print so)."""
    beside = sum(1 for _, run in items if run and run[0].same_line)
    if not beside or beside < 0.5 * len(items):
        return None
    out: list[Item] = []
    for n, (labels, run) in enumerate(items):
        own = labels if n == 0 else labels[-1:] if run and run[0].same_line else []
        after: list[str] = []
        if n + 1 < len(items):
            following, nxt = items[n + 1]
            after = following[:-1] if nxt and nxt[0].same_line else following
        out.append(([*own, *after], run))
    return out


def _own_label(labels: list[str], rows: list[Row], threshold: float, best_row: BestRow) -> list[str]:
    """The labels after a run up to the last that names a row (what follows it heads the next block)."""
    for j in range(len(labels) - 1, -1, -1):
        if best_row([labels[j]], rows, None, threshold) is not None:
            return labels[:j + 1]
    return labels[:3]


def appeal_blocks(tokens: list[Token], groups: dict[str, Callable[[str], bool]]) -> list[tuple[str, list[Token]]]:
    """Table four printed as separate blocks, one per group (行政复议 / 未经复议直接起诉 / 复议后起诉), each a
    heading on a line of its own and a line of five numbers, the numbers all after or all before their
    headings: (group, its five values) in print order, or [] when the table is not printed so."""
    events: list[tuple[str, object]] = []
    lines: dict[int, list[Token]] = {}
    for t in tokens:
        if t.kind in (LABEL, VALUE):
            lines.setdefault(t.line, []).append(t)
    for line in lines.values():
        kinds = {t.kind for t in line}
        if kinds == {LABEL} and len(line) == 1:
            group = next((g for g, named in groups.items() if named(line[0].text)), None)
            if group is not None:
                events.append(("head", group))
        elif kinds == {VALUE}:
            events.append(("run", line))
    heads = [e for e in events if e[0] == "head"]
    if len(heads) < 2 or len(events) != 2 * len(heads) or len({g for _, g in heads}) != len(heads):
        return []
    if any(len(run) != 5 for kind, run in events if kind == "run"):  # type: ignore[arg-type]
        return []
    first = events[0][0]
    if any(events[i][0] != first for i in range(0, len(events), 2)):
        return []  # not strictly alternating: which numbers go with which heading is not certain
    out: list[tuple[str, list[Token]]] = []
    for i in range(0, len(events), 2):
        head, run = (events[i], events[i + 1]) if first == "head" else (events[i + 1], events[i])
        out.append((str(head[1]), list(run[1])))  # type: ignore[call-overload]
    return out
