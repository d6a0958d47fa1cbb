"""Reading the three statistical tables from the token stream into cells.

A table region is found by its anchors (block headings, title, first row label). Inside it, label
tokens accumulate until a run of values arrives; the run belongs to the template row whose printed
label (or a known variant) best matches the end of the accumulated labels. Labels split over lines,
numbering lost and OCR misspellings are absorbed by fuzzy matching; rows already read are not read
again, and a run that cannot be placed with confidence is left unassigned (its cells stay missing).
"""
from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from .appeals import read_appeals, read_interleaved_appeals
from .column_headings import (
    column_numbers,
    first_row_under_header,
    heading_fragment,
    headings_order,
    label_lines,
    money_headed_in_yuan,
    one_column,
    printed_columns,
    under_headings,
    without_group_words,
)
from .columnchunks import read_column_chunks, read_headed_blocks
from .columns import read_by_columns, read_column_major
from .equations import equations
from .fitting import Grid, adds_up, by_blank_lines, empties_before, fit_run, split_runs
from .glued import glued_label, read_glued_rows
from .headsapart import read_heads_apart
from .normalize import label_key
from .placed import _MISSING, Placed, is_missing
from .positions import CHARS, DISPLAY, Columns, Layout
from .printed_after import complete_columns, completed_later
from .readings import Reading, better, failing, whole_in_order
from .rowmatch import _LEADING_NUMBER, LABELS_READ, _best_row, similarity
from .runorder import shifted_items, straddled_items, unstacked_items
from .shortrows import place_short_rows
from .template import Block, Row, Table, Version
from .tokens import BREAK, EOL, LABEL, VALUE, Token
from .unlabelled import between_neighbours, tail_row
from .values import count_of, read_value

ROW_SCORE = 72  # minimum label similarity (0-100) to place a run of values in a row
ACTIVE_SCORE = 80


def _without_total_column(runs: list[tuple[list[str], list[Token]]]) -> bool:
    """Table three printed without its 总计 column: no such heading, and rows of six numbers."""
    if not runs or any(label_key(x) in ("总计", "合计") for x in runs[0][0]):
        return False
    counts = [sum(t.kind == VALUE for t in run) for _, run in runs]
    return counts.count(6) >= 0.8 * len(counts) and len(counts) >= 5


class TableReader:
    def __init__(self, version: Version, tokens: list[Token], stated: dict[str, int] | None = None,
                 layout: Layout | None = None, text: str | None = None):
        self.version = version
        self.tokens = tokens
        self.layout = layout  # where the tokens stand across their lines (a text laid out with spaces)
        self.text = text  # the normalised text the tokens index (a crawler's &nbsp; in glued rows)
        self.stated = stated or {}  # counts the narrative states for cells (see statements.py)
        self.taken: set[int] = set()  # ids of tokens a table took from after its region (printed among the next)
        # where table three's cut rows could take their other cells from several places alike (a report of
        # zeros), the ids each of them takes: the next table has what the one taken leaves, not knowing which
        self.taken_either: list[set[int]] = []

    def read(self, table: Table, region: tuple[int, int]) -> list[Placed]:
        """The table's rows read from the tokens of its region (and of what follows, where its rows go on there)."""
        tokens, after = self.tokens[region[0]:region[1]], self.tokens[region[1]:]
        if table.key == "appeals":
            return self._read_appeals(table, tokens, after)
        return self._read_rows(table, tokens, after)

    def _read_appeals(self, table: Table, tokens: list[Token], after: list[Token]) -> list[Placed]:
        """Table four, without the tokens table three took from its region (either of several sets: read with
        each, and kept only when all readings agree on its numbers)."""
        if not self.taken and not self.taken_either:
            return read_appeals(table, self.version, tokens, self.tokens, self.layout)
        readings = []
        for either in self.taken_either or [set()]:
            taken = self.taken | either
            own = [t for t in tokens if id(t) not in taken]
            if len(own) == len(tokens) and (placed := read_appeals(table, self.version, tokens, self.tokens,
                                                                   self.layout)):
                readings.append(placed)
            else:
                readings.append(read_interleaved_appeals(table, own, after, taken))
        numbers = {tuple(tuple(c.text if c is not None else None for c in p.cells) for p in r) for r in readings}
        return readings[0] if len(numbers) == 1 else []  # which numbers are table four's: not known

    def _read_rows(self, table: Table, tokens: list[Token], after: Sequence[Token] = ()) -> list[Placed]:
        """The table's rows read from its runs by their labels: the runs unstacked, the reading the equations
        favour among the runs as printed, shifted and straddled; the rows it leaves completed from what follows,
        split where glued, printed empty or short; and, while some row stays unread, the table read column by
        column instead when that reads more cells."""
        rows = _RowsOfRuns(self, table, tokens)
        items = rows.unstacked()
        reading = rows.best_reading(items)
        placed = rows.completed(reading, items, after)
        if len(placed) < len(rows.rows) and not reading.reordered:  # some row unread: printed column by column?
            placed = self._or_by_columns(table, tokens, placed)
        if table.key == "active" and len(placed) < len(rows.rows):  # blocks unread: printed in column chunks?
            placed += [Placed(row, list[Token | None](cells), uncertain=set(range(len(cells))))
                       for row, cells in read_headed_blocks(table, tokens, {p.row.key for p in placed})]
        return placed

    def _or_by_columns(self, table: Table, tokens: list[Token], placed: list[Placed]) -> list[Placed]:
        """The table read column by column (or, table three, with rows' first numbers printed apart), with the
        rows read by label it does not cover, when that reads more cells than the rows read by label; else
        these. Table three of which none of these reads a whole row: its numbers placed as column chunks (see
        columnchunks.py) where that reads more, unless its headings print the columns in another order than the
        format's (the equations hold whatever the applicants' order)."""
        by_columns = self._read_columns(table, tokens)
        if table.key == "requests" and len(by_columns) < len(table.blocks[0].rows) \
                and (apart := self._read_heads_apart(table, tokens, placed)):
            return placed + apart
        if table.key == "requests" and not any(_whole(p) for p in (*placed, *by_columns)) \
                and printed_columns([t.text for t in tokens if t.kind == LABEL], table.blocks[0], table.key,
                                    label_lines(tokens)) is not None:  # not its columns in another order
            chunks = read_column_chunks(table, equations(self.version, table.key), tokens)
            if chunks is not None:
                by_columns = [Placed(r, list[Token | None](chunks[r.key]), uncertain=set(range(len(b.columns))))
                              for b in table.blocks for r in b.rows if r.key in chunks] + \
                             [p for p in by_columns if p.row.key not in chunks]
        if sum(c is not _MISSING for p in by_columns for c in p.cells) > \
                sum(c is not _MISSING for p in placed for c in p.cells):
            covered = {p.row.key for p in by_columns}
            return by_columns + [p for p in placed if p.row.key not in covered]
        return placed

    def _read_heads_apart(self, table: Table, tokens: list[Token], placed: list[Placed]) -> list[Placed]:
        """Table three's rows the rows read by label leave, read with their first numbers printed apart
        (headsapart.py) when the rows read by label hold the same numbers: placed by their order, certain where
        the table's equations confirm them."""
        rows = list(table.blocks[0].rows)
        found = read_heads_apart(table, tokens, lambda labels: _best_row(labels, rows, None, ROW_SCORE))
        if found is None or any(c is None or (not is_missing(c) and c.text != t.text)
                                for p in placed for c, t in zip(p.cells, found.get(p.row.key, ()), strict=False)):
            return []
        done = {p.row.key for p in placed}
        out = [Placed(r, list(found[r.key]), uncertain=set(range(len(found[r.key])))) for r in rows
               if r.key not in done]
        _confirm_by_equations(table, self.version, placed + out, out, {r.key: table.blocks[0] for r in rows})
        return out

    def _read_columns(self, table: Table, tokens: list[Token]) -> list[Placed]:
        found = read_by_columns(table, tokens, similarity)
        placed = [Placed(r, [found.get((r.key, c.key), _MISSING) for c in b.columns])
                  for b in table.blocks for r in b.rows if any((r.key, c.key) in found for c in b.columns)]
        if table.key == "requests" and len(found) < sum(len(b.rows) * len(b.columns) for b in table.blocks):
            # no heading before each column: read as whole columns when the equations leave one way
            by_order = read_column_major(table, equations(self.version, table.key), tokens)
            if by_order is not None:
                return [Placed(r, by_order[r.key], uncertain=set(range(len(b.columns))))
                        for b in table.blocks for r in b.rows]
        return placed

class _RowsOfRuns:
    """A table read by rows: what its runs tell before any is placed (the format's rows and their widths, the
    lead of its full runs, whether 总计 is printed, the columns a page lays out), and the steps that place them."""

    def __init__(self, reader: TableReader, table: Table, tokens: list[Token]) -> None:
        self.reader = reader
        self.table = table
        self.tokens = tokens
        requests = table.key == "requests"
        self.rows = [r for b in table.blocks for r in b.rows]
        self.ncols = {r.key: len(b.columns) for b in table.blocks for r in b.rows}
        self.threshold = ACTIVE_SCORE if table.key == "active" else ROW_SCORE
        self.runs = split_runs(tokens)
        counts = [sum(t.kind == VALUE for t in run) for _, run in self.runs]
        self.widest = max(self.ncols.values())
        leads = [empties_before(run) for (_, run), count in zip(self.runs, counts, strict=True) if count == self.widest]
        self.lead = max(set(leads), key=leads.count) if leads else None
        self.grid = Grid(tokens)
        self.no_total = requests and _without_total_column(self.runs)  # 总计 not printed at all
        self.totals_left_blank = requests and counts.count(self.ncols[self.rows[0].key] - 1) >= 0.5 * len(counts)
        self.yuan = money_headed_in_yuan(table, tokens)
        self.order = {r.key: i for i, r in enumerate(self.rows)}
        self.block_of = {r.key: b for b in table.blocks for r in b.rows}
        self.lines_of = label_lines(tokens) if requests else None
        self.layout = reader.layout
        self.laid = self._page_columns(self.runs, self.widest, tokens, table.blocks[0]) \
            if self.layout is not None and requests else {}
        self.by_position: dict[int, Placed] = {}  # rows whose values took their columns by where they stand
        self._blank_lines: bool | None = None  # empty cells printed as blank lines somewhere (made when needed)
        self.whole_row = (lambda cells: len(cells) == 7 and adds_up(cells)) if requests else None
        self.by_order: set[int] = set()  # first tokens of rows placed by their order alone (uncertain)
        self.eqs = equations(reader.version, table.key)
        self._full_rows: list[list[int]] | None = None  # table three's rows of seven whole numbers (made when needed)
        self.header = self._header_order() if requests else None  # table three's columns as its header orders them
        # no header names them, and the rows add up with 总计 in another column: the columns' order is not known
        self.order_unknown = requests and self.header is None and self._total_elsewhere()

    def unstacked(self) -> list[tuple[list[str], list[Token]]]:
        """The runs, those printed as a stack of labels over a stack of numbers paired up (see runorder.py)."""
        table = self.table
        heading = (lambda label: heading_fragment(label, table.blocks[0])) if table.key == "requests" else None
        return unstacked_items(self.runs, self.rows, self.ncols, self.threshold, _best_row, self.whole_row,
                               self.by_order, heading, table.title)

    def best_reading(self, items: list[tuple[list[str], list[Token]]]) -> Reading:
        """The runs placed as printed; then shifted (numbers printed before their labels) and straddled (labels
        wrapped below their numbers), each kept when the equations favour it."""
        table, version, block_of, eqs = self.table, self.reader.version, self.block_of, self.eqs
        reading = self.place(items)
        # a run right under the column headings and equations failing: numbers printed before their labels?
        suspect = bool(eqs) and reading.headed and failing(reading, eqs, table, block_of) > 0
        shifted = shifted_items(items, self.tokens, self.rows, self.threshold, _best_row, suspect)
        if shifted is not None:
            other = self.place(shifted)
            if better(other, reading, table, version, block_of):
                reading = other
        # labels wrapped below their numbers: tried only when the reading leaves rows unread
        straddled = straddled_items(items) if len(reading.placed) < len(self.rows) else None
        if straddled is not None:
            other = self.place(straddled)
            if better(other, reading, table, version, block_of) or (
                    len(other.placed) > len(reading.placed)
                    and failing(other, eqs, table, block_of) <= failing(reading, eqs, table, block_of)) \
                    or whole_in_order(other, reading, self.rows, eqs, table, block_of):
                reading = other
        return reading

    def completed(self, reading: Reading, items: list[tuple[list[str], list[Token]]], after: Sequence[Token]
                  ) -> list[Placed]:
        """The reading's rows with those it left: table one's columns finished from what follows, table three's
        rows completed later, glued rows split, rows printed empty, short rows; rows placed by position kept
        only where the equations confirm them."""
        table, version = self.table, self.reader.version
        placed, done = reading.placed, reading.done
        if table.key == "active" and after:
            self.reader.taken |= {id(t) for t in complete_columns(table, placed, after)}
        if reading.reordered:  # the rows' repairs below assume the format's order: the cells they leave stay missing
            placed.extend(p for key, p in reading.blank_rows.items() if key not in done)
            return placed
        if self.whole_row is not None and len(done) < len(self.rows):
            placed += self._rows_completed_later(items, done, after)
            done |= {p.row.key for p in placed}
        if not self.no_total:
            placed += read_glued_rows(table, version, self.tokens, placed, reading.glued, done, self.threshold,
                                      _best_row, self.reader.stated, self.reader.text)
            done |= {p.row.key for p in placed}
        placed.extend(p for key, p in reading.blank_rows.items() if key not in done)
        if table.key == "requests" and (short := {k: v for k, v in reading.short.items() if k not in done}):
            placed += place_short_rows(version, table, placed, short, self.block_of)
        if self.by_position:
            _confirm_by_equations(table, version, placed, [p for p in placed if id(p) in self.by_position],
                                  self.block_of)
        return placed

    def _rows_completed_later(self, items: list[tuple[list[str], list[Token]]], done: set[str], after: Sequence[Token]
                         ) -> list[Placed]:
        """Table three's rows cut short, completed from the runs after them; the tokens they take from after
        the table are the next table's no more (either of several sets, when which is not known)."""
        assert self.whole_row is not None
        later, used = completed_later(items, self.rows, self.ncols, done, self.threshold, after, self.whole_row)
        if used:
            beyond = {id(t) for t in after}
            either = [{id(c) for c in one if id(c) in beyond} for one in used]
            if len(either) == 1:
                self.reader.taken |= either[0]
            else:
                self.reader.taken_either = either
        return later

    def place(self, items: list[tuple[list[str], list[Token]]]) -> Reading:
        """One reading of the runs: each run placed in the row its labels name, fitted to that row's columns;
        then the runs whose labels name no row placed between the rows read around them."""
        table, rows, ncols = self.table, self.rows, self.ncols
        printed_order: dict[int, tuple[int, ...] | None] = {}  # id(block) → column order printed (None: unknown)
        headed: set[int] = set()  # id(block) of a table three whose header prints its columns in another order
        reading = Reading([], [], {}, set())
        if self.order_unknown:
            reading.reordered = True  # nothing read in the format's order, by label or otherwise
            return reading
        if self.header is not None:
            printed_order[id(table.blocks[0])] = self.header
            headed.add(id(table.blocks[0]))
            reading.reordered = True  # every run in the header's order, those without labels too
        placed, done, short = reading.placed, reading.done, reading.short
        unlabelled: list[int] = []
        remaining = rows  # the rows not read yet
        last = -1  # the format's index of the last row read
        for n_run, (labels, run) in enumerate(items):
            if not labels:
                unlabelled.append(n_run)
                continue
            expected = next((r for r in rows[last + 1:] if r.key not in done), None)
            row = self._row_named(labels, run, remaining, expected, short)
            if row is not None and placed and _wrapped_tail(labels, placed[-1].row, row):
                unlabelled.append(n_run)  # the labels finish the row above: this run's own label is elsewhere
                continue
            by_label = row is not None
            if row is None and table.key == "active":
                row = first_row_under_header(labels[-1], table, done)
            if row is None:
                unlabelled.append(n_run)  # its labels name no row (a page's running title, a wrapped tail)
                continue
            n = ncols[row.key]
            block = self.block_of[row.key]
            # once a header named every column, a row's label naming one (3.其他, （七）总计) says nothing of the order
            seen = () if id(block) in headed else printed_columns(labels, block, table.key, self.lines_of)
            if seen != ():
                printed_order[id(block)] = seen
            columns = printed_order.get(id(block), tuple(range(n)))
            if columns is None:
                continue  # the header prints the columns in another order than the format, not readable as a grid
            reordered = id(block) in headed and columns != tuple(range(n))
            if table.key == "requests" and under_headings(labels, block):
                unlabelled.append(n_run)  # the labels before the run are the column headings, no row's
                reading.headed = True
                continue
            if column_numbers(run):
                continue  # 1 2 3 4 5 6 7: the columns' numbers printed under the headings
            if not any(t.kind == VALUE for t in run):
                if len(run) >= n and row.key not in reading.blank_rows:
                    reading.blank_rows[row.key] = Placed(row, [None] * n)
                continue
            values = [t for t in run if t.kind == VALUE]
            if reordered:  # a row printed whole or with its blank cells: the other repairs assume the format's order
                fitted = self.grid.fit(run, n) or (fit_run(run, n, self.lead, table.key, by_label)
                                                   if len(values) <= n else None)
                if fitted is None:
                    continue
            elif by_label and not run[0].same_line and (first := self._label_digits(run)) is not None:
                # a PDF's text printing the row's first number on its label's line (行政规范性文件18 / 6 / 52):
                # read when the numbers after it fill the row's other cells, else the row stays unread (the
                # label's digits may be several cells glued)
                if len(values) + 1 != n or len(run) != len(values):
                    continue
                fitted = [first, *values], set()
            else:
                fitted = self._fit_columns(run, n, by_label)
            if fitted is None and n > 1 and len(values) == 1 and values[0].text.isdigit() \
                    and len(values[0].text) > n:
                reading.glued.append((row, values[0]))  # a row's cells glued into one number: split by the arithmetic
                continue
            placed_at: set[int] = set()
            if fitted is None:
                fitted, placed_at = self._fit_otherwise(items, n_run, n)
            if fitted is None and by_label and 0 < len(values) < n and len(values) == len(run):
                short.setdefault(row.key, _short_row(items, n_run, n))  # the equations may tell its columns
                last = max(last, self.order[row.key])
            if fitted is not None:
                done.add(row.key)
                remaining = [r for r in remaining if r is not row]
                last = max(last, self.order[row.key])
                reading.where[row.key] = n_run
                cells, repaired = fitted
                if columns != tuple(range(n)):  # printed in another order (table two): put each value in its column
                    cells = [cells[columns.index(j)] for j in range(n)]
                    repaired = {columns[j] for j in repaired}
                placed.append(Placed(row, cells, repaired, in_yuan=self.yuan.get(row.key, set()),
                                     uncertain=set(range(n)) if run and id(run[0]) in self.by_order else placed_at))
                if placed_at:
                    self.by_position[id(placed[-1])] = placed[-1]
        placed += between_neighbours(items, unlabelled, reading.where, rows, ncols, table.key, self.lead,
                                      tail_row(self.tokens, rows, self.threshold),
                                      self.header if reading.reordered else None)
        done |= {p.row.key for p in placed}
        return reading

    def _header_order(self) -> tuple[int, ...] | None:
        """Table three's columns in the order its header, the labels before its first row (a run of three numbers
        or more: a page's number may come before), names them (see headings_order), when that is not the format's
        and the rows add up so."""
        block = self.table.blocks[0]
        row = next((run[0] for _, run in self.runs if sum(t.kind == VALUE for t in run) >= 3), None)
        first = next((i for i, t in enumerate(self.tokens) if t is row), len(self.tokens))
        heads = headings_order([(t.text, t.line) for t in self.tokens[:first] if t.kind == LABEL], block)
        if heads is None or heads == tuple(range(len(block.columns))) or not self._adds_up_as(heads):
            return None
        return heads

    def _adds_up_as(self, columns: tuple[int, ...]) -> bool:
        """Table three's rows printed whole add up with 总计 where `columns` puts it: at least three rows, two of
        them not all zeros, every one of them (one in ten may be the report's own error), and more of them than
        with 总计 last as the format prints it, when the columns put it elsewhere."""
        full, at = self._full(), columns.index(len(columns) - 1)
        if len(full) < 3:
            return False
        holds = [2 * r[at] == sum(r) for r in full]
        if sum(h and r[at] > 0 for h, r in zip(holds, full, strict=True)) < 2 or holds.count(False) > len(full) // 10:
            return False
        return at == len(columns) - 1 or holds.count(True) > sum(2 * r[-1] == sum(r) for r in full)

    def _total_elsewhere(self) -> bool:
        """Table three's rows printed whole, those not all zeros, add up with 总计 in one other column than the
        last (all but one in ten of them) and hardly ever with it last: printed in another order, unnamed."""
        rows = [r for r in self._full() if any(r)]
        spare = len(rows) // 10
        if len(rows) < 3 or sum(2 * r[-1] == sum(r) for r in rows) > spare:
            return False
        return any(sum(2 * r[at] == sum(r) for r in rows) >= len(rows) - spare for at in range(len(rows[0]) - 1))

    def _full(self) -> list[list[int]]:
        """Table three's rows printed whole: its runs of exactly seven whole numbers, and its lines of seven (a
        run of several rows' numbers whose labels the copy lost)."""
        if self._full_rows is None:
            whole: dict[int, list[Token]] = {}
            for _, run in self.runs:
                values = [t for t in run if t.kind == VALUE]
                lines: dict[int, list[Token]] = {}
                for t in values:
                    lines.setdefault(t.line, []).append(t)
                for row in (values, *lines.values()):
                    if len(row) == 7:
                        whole.setdefault(id(row[0]), row)
            texts = [[t.text.replace(" ", "").replace(",", "") for t in row] for row in whole.values()]
            counts = [[count_of(x) for x in row] for row in texts]
            self._full_rows = [row for row in counts if None not in row]  # type: ignore[misc]
        return self._full_rows

    def _row_named(self, labels: list[str], run: list[Token], remaining: list[Row], expected: Row | None,
                   short: dict[str, list[Token]]) -> Row | None:
        """The unread row the labels name best (in table three, also without the group's words before them);
        a short run of values names a row that had one already only if no other row fits."""
        row = _best_row(labels, remaining, expected, self.threshold)
        # _best_row reads the last LABELS_READ labels at most: the same last ones without group words name no
        # other row, whatever differs before them
        if row is None and self.table.key == "requests" \
                and (own := without_group_words(labels, self.table, LABELS_READ)) \
                != (labels[-LABELS_READ:] if len(own) == LABELS_READ else labels):
            row = _best_row(own, remaining, expected, self.threshold)
        if row is not None and row.key in short and all(t.kind == VALUE for t in run) \
                and len(run) < self.ncols[row.key]:  # another short run: not the row whose label had one
            row = _best_row(labels, [r for r in remaining if r.key not in short], expected, self.threshold)
        return row

    @cached_property
    def index_of(self) -> dict[int, int]:
        """id(token) → its index in the region's tokens."""
        return {id(t): i for i, t in enumerate(self.tokens)}

    def _label_digits(self, run: list[Token]) -> Token | None:
        """The number glued to the end of the label printed on the line before the run (行政规范性文件18), as a
        value token; None when the run follows no such label."""
        i = self.index_of.get(id(run[0]), 0) - 1
        while i >= 0 and self.tokens[i].kind in (EOL, BREAK):
            i -= 1
        label = self.tokens[i] if i >= 0 else None
        if label is None or label.kind != LABEL or not label.text[-1:].isdigit() \
                or (found := glued_label(label.text)) is None:
            return None
        at = found[1]
        return Token(VALUE, label.text[at:], label.start + at, label.end, label.line)

    def _fit_columns(self, run: list[Token], n: int, by_label: bool) -> tuple[list[Token | None], set[int]] | None:
        """The run's values fitted to n columns as a grid or one by one (six, 总计 added missing, where the
        table does not print it)."""
        if self.no_total:  # the six applicant columns only: 总计 was not printed at all
            fitted = self.grid.fit(run, n - 1) or fit_run(run, n - 1, self.lead, self.table.key, by_label)
            return (fitted[0] + [_MISSING], fitted[1]) if fitted else None
        return self.grid.fit(run, n) or fit_run(run, n, self.lead, self.table.key, by_label, self.totals_left_blank)

    def _fit_otherwise(self, items: list[tuple[list[str], list[Token]]], n_run: int, n: int
                       ) -> tuple[tuple[list[Token | None], set[int]] | None, set[int]]:
        """A run that does not fit its columns as printed: its values placed by where they stand on the page,
        by the blank lines between them, or with the run after it (a page break inside the row). Returns the
        fitted cells (or None) and the columns placed by position or blank lines (uncertain)."""
        run = items[n_run][1]
        if self.laid and not self.no_total and (found := self._by_position(run, n, self.laid)):
            return (found[0], set()), found[1]
        if not self.no_total and (cells := self._cells_by_blank_lines(run, n)):
            return (cells, set()), {j for j, c in enumerate(cells) if c is not None}
        if n_run + 1 < len(items) and not items[n_run + 1][0]:
            # the row's values go on below a page break ("8 3 1" / - 3 - / "2 0 1 15"): both or nothing
            both = [t for t in run + items[n_run + 1][1] if t.kind == VALUE]
            return ((list(both), set()) if len(both) == n else None), set()
        return None, set()

    def _page_columns(self, runs: list[tuple[list[str], list[Token]]], width: int, tokens: list[Token],
                      block: Block) -> dict[tuple[int, int], Columns]:
        """(page, way of counting) → the columns the table's full rows laid out on that page show, when they
        agree; on a page without full rows (a column blank in every row), the columns its headings show
        (see positions.py)."""
        layout = self.layout
        assert layout is not None
        full: dict[int, list[list[Token]]] = {}
        for _, run in runs:
            if len(run) == width and all(t.kind == VALUE for t in run) and layout.spaced(run, least=1):
                full.setdefault(layout.page(run[0]), []).append(run)
        out: dict[tuple[int, int], Columns] = {}
        for page, rows in full.items():
            for way in (CHARS, DISPLAY):
                found = Columns.of_rows([[layout.span(t, way) for t in row] for row in rows])
                if found is not None:
                    out[(page, way)] = found
        first_value = next((i for i, t in enumerate(tokens) if t.kind == VALUE), 0)
        headings = [(t, j) for t in tokens[:first_value]
                    if t.kind == LABEL and (j := one_column(t.text, block)) is not None]
        if headings and len(block.columns) == width and (page := layout.page(headings[0][0])) not in full:
            for way in (CHARS, DISPLAY):
                found = Columns.of_headings([(j, layout.span(t, way)) for t, j in headings], width)
                if found is not None:
                    out[(page, way)] = found
        return out

    def _by_position(self, run: list[Token], n: int, laid: dict[tuple[int, int], Columns]
                     ) -> tuple[list[Token | None], set[int]] | None:
        """A row laid out with fewer values than columns (its blank cells left as spaces): each value in the
        column it stands under on its page, when that is known; the other cells blank when every value's
        column is known, else missing. Returns the cells and the columns placed so (uncertain unless the
        equations confirm them), or None."""
        assert self.layout is not None
        if not run or len(run) >= n or any(t.kind != VALUE for t in run) or not self.layout.spaced(run):
            return None
        page = self.layout.page(run[0])
        best: tuple[int, list[int | None]] | None = None
        for way in (CHARS, DISPLAY):
            columns = laid.get((page, way))
            if columns is None or len(columns.spans) != n:
                continue
            where = columns.place([self.layout.span(t, way) for t in run])
            known = sum(c is not None for c in where)
            if known and (best is None or known > best[0]):
                best = (known, where)
        if best is None:
            return None
        where = best[1]
        cells: list[Token | None] = [None if best[0] == len(run) else _MISSING] * n
        for tok, j in zip(run, where, strict=True):
            if j is not None:
                cells[j] = tok
        return cells, {j for j in where if j is not None}

    def _cells_by_blank_lines(self, run: list[Token], n: int) -> list[Token | None] | None:
        """The run's cells where empty cells print as blank lines (see fitting.by_blank_lines)."""
        if not run or run[0].same_line or len(run) >= n:
            return None
        if self._blank_lines is None:
            # empty cells printed as blank lines between a row's values somewhere: then also at a row's end
            self._blank_lines = any(by_blank_lines(r, self.widest, self.tokens, self.index_of, tail_ok=False)
                                    for _, r in self.runs)
        return by_blank_lines(run, n, self.tokens, self.index_of, self._blank_lines)


def _whole(placed: Placed) -> bool:
    """Every cell of the row read (printed empty or a number)."""
    return not any(is_missing(c) for c in placed.cells)


def _short_row(items: list[tuple[list[str], list[Token]]], at: int, n: int) -> list[Token]:
    """The numbers of a row printed with fewer than its n cells: those beside its label, and when they end
    its label's line, those on the lines right after it before the next label (pypdfium2 wraps a row:
    （一）予以公开 123 19 / 2 12), as long as they are fewer than n."""
    values = list(items[at][1])
    if not values[0].same_line:
        return values
    for labels, run in items[at + 1:]:
        if labels or any(t.kind != VALUE for t in run) or len(values) + len(run) >= n:
            break
        values += run
    return values


def _confirm_by_equations(table: Table, version: Version, placed: list[Placed], laid_out: list[Placed],
                          block_of: dict[str, Block]) -> None:
    """Rows whose values took their columns by where they stand are certain when every equation of the
    table their cells are in is known and holds (a blank cell counts 0), and not every number in them is 0."""
    values: dict[str, float | int] = {}
    for p in placed:
        for col, tok in zip(block_of[p.row.key].columns, p.cells, strict=False):
            if tok is None:
                values[f"{table.key}/{p.row.key}/{col.key}"] = 0
            elif not is_missing(tok) and (cv := read_value(tok.text, col.kind)) is not None \
                    and cv.value is not None:
                values[f"{table.key}/{p.row.key}/{col.key}"] = cv.value
    eqs = equations(version, table.key)
    for p in laid_out:
        mine = [e for e in eqs if any(k.startswith(f"{table.key}/{p.row.key}/") for k in e.cells)]
        own = [values.get(f"{table.key}/{p.row.key}/{col.key}") for col in block_of[p.row.key].columns]
        if mine and any(own) and all(all(k in values for k in e.cells) and e.residual(values) == 0 for e in mine):
            p.uncertain.clear()


def _wrapped_tail(labels: list[str], above: Row, row: Row) -> bool:
    """The labels before a run are the wrapped end of the row above's label (…行政法规禁止 / 公开), naming it
    better than the row they were matched to."""
    if any(_LEADING_NUMBER.match(x) for x in labels) or len(labels) > 3:
        return False  # a label of its own begins with its numbering
    tail = "".join(labels)
    return similarity(tail, above) >= ROW_SCORE and similarity(tail, above) > similarity(tail, row) + 5
