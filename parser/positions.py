"""Where a value stands across its line: the columns of a table laid out with spaces (pdftotext -layout).

A PDF's text laid out as printed keeps each row on a line and each cell at its horizontal place, so a row
printed with some cells blank (一、… 22  7  1  1  1  32, six numbers for seven columns) drops nothing but the
blank cells' text: the numbers still stand under their columns. The columns are where the numbers of the
full rows on the same page stand (table three), or where the column headings stand (table four, one row of
numbers). A value takes a column only when it stands right under it (its start, end or middle within one
character of one of the column's) and clearly nearer to it than to any other (three characters at least):
otherwise its column is not known.

Offsets are counted two ways: in characters (pdftotext -layout puts one character in each place, CJK or not)
and in display width (a text aligned by eye in a monospace font, where CJK characters are twice as wide);
a row is read by the first way its values all fit.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache

from .normalize import Normalized
from .tokens import Token
from .widths import char_width

Span = tuple[float, float]  # [start, end) across the line
NEAR = 1  # a value stands under a column when its start, end or middle is this near one of the column's
APART = 3  # and every other column is at least this much farther

CHARS, DISPLAY = 0, 1


class Layout:
    """The horizontal place of tokens in the text as received: a token's offsets are those of the normalised
    text, where full-width brackets and ideographic spaces (two columns wide in a monospace font) were folded."""

    def __init__(self, norm: Normalized, received: str) -> None:
        self.norm = norm
        self.received = received
        self.pages = [i for i, c in enumerate(received) if c == "\f"] if "\f" in received else []
        self._widths: dict[int, list[int]] = {}  # line start → display width up to each of its characters

    def page(self, tok: Token) -> int:
        """The page a token is on (pdftotext ends each page with a form feed)."""
        return bisect_right(self.pages, self.norm.span(tok.start, tok.end)[0])

    def span(self, tok: Token, way: int) -> Span:
        """Where the token stands across its line, in characters or in display width."""
        a, b = self.norm.span(tok.start, tok.end)
        start = self.received.rfind("\n", 0, a) + 1
        while start < a and self.received[start] == "\f":  # the page break opens the next page's first line
            start += 1
        if way == CHARS:
            return a - start, b - start
        widths = self._line_widths(start)
        if b - start < len(widths):
            return widths[a - start], widths[b - start]
        at = _width(self.received[start:a])  # a token running past its line's end
        return at, at + _width(self.received[a:b])

    def _line_widths(self, start: int) -> list[int]:
        """The display width of the line starting at `start` up to each of its characters (and its end): a
        token's place is read from it instead of measuring the line's text before it again for every token."""
        widths = self._widths.get(start)
        if widths is None:
            end = self.received.find("\n", start)
            x, widths = 0, [0]
            for c in self.received[start:len(self.received) if end < 0 else end]:
                x += _char_width(c)
                widths.append(x)
            self._widths[start] = widths
        return widths

    def spaced(self, tokens: Sequence[Token], least: int = 2) -> bool:
        """The tokens stand on one line, `least` spaces at least before each (the first: or the line's start):
        cells laid out as printed, not numbers one space apart."""
        if not tokens or any(t.line != tokens[0].line for t in tokens):
            return False
        text, first = self.norm.text, tokens[0].start
        line_start = text.rfind("\n", 0, first) + 1
        return (not text[line_start:first].strip(" \f") or self._gap(first - least, first, least)) \
            and all(self._gap(a.end, b.start, least) for a, b in zip(tokens, tokens[1:], strict=False))

    def _gap(self, a: int, b: int, least: int) -> bool:
        return b - a >= least and self.norm.text.count(" ", a, b) == b - a


@lru_cache(maxsize=1 << 12)
def _width(s: str) -> int:
    return sum(_char_width(c) for c in s)


@lru_cache(maxsize=1 << 12)
def _char_width(c: str) -> int:
    """Display width of one character, a form feed (a page break opening the line) none."""
    return 0 if c == "\f" else char_width(c)


START, MIDDLE, END = 0, 1, 2


def _apart(a: Span, b: Span, aligned: int | None = None) -> float:
    """How far two spans are from standing one under the other: aligned at the start, the end or the middle
    (any of them, or the one given)."""
    by = (abs(a[0] - b[0]), abs((a[0] + a[1]) - (b[0] + b[1])) / 2, abs(a[1] - b[1]))
    return min(by) if aligned is None else by[aligned]


class Columns:
    """The columns of one page of a table: for each, the spans of what stands in it (full rows, headings)."""

    def __init__(self, spans: list[list[Span]], aligned: int | None = None) -> None:
        self.spans = spans
        self.aligned = aligned  # headings: how each column's pieces stand one under another (START, MIDDLE, END)

    @classmethod
    def of_rows(cls, rows: list[list[Span]]) -> Columns | None:
        """The columns the full rows show, when they agree (each column's cells stand one under another)."""
        if not rows:
            return None
        columns = [[row[j] for row in rows] for j in range(len(rows[0]))]
        if any(_apart(a, b) > NEAR for col in columns for a in col for b in col):
            return None
        return cls(columns)

    @classmethod
    def of_headings(cls, pieces: list[tuple[int, Span]], n: int) -> Columns | None:
        """The columns the headings show (column index, span of a heading or of a piece of one wrapped over
        lines): every column named, its pieces standing one under another in one way that all columns share
        (a column whose pieces differ in width tells which: 社会公益组 / 织 at the same start), and the columns
        apart from left to right."""
        spans: list[list[Span]] = [[] for _ in range(n)]
        for j, span in pieces:
            spans[j].append(span)
        if any(not col for col in spans):
            return None
        telling = [col for col in spans if len({b - a for a, b in col}) > 1]
        if not telling:
            return None
        off = sorted((max(_apart(a, b, w) for col in telling for a in col for b in col), w)
                     for w in (START, MIDDLE, END))
        if off[0][0] > NEAR or off[1][0] == off[0][0]:
            return None  # no way, or two ways alike
        aligned = off[0][1]
        if any(_apart(a, b, aligned) > NEAR for col in spans for a in col for b in col):
            return None
        at = [(col[0][0] + col[0][1]) / 2 if aligned == MIDDLE else col[0][aligned // 2] for col in spans]
        if any(b - a < APART for a, b in zip(at, at[1:], strict=False)):
            return None
        return cls(spans, aligned)

    def column_of(self, span: Span) -> int | None:
        """The column the span stands under, when that alone is near (None: not known)."""
        near = sorted((min(_apart(span, s, self.aligned) for s in col), j) for j, col in enumerate(self.spans))
        if not near or near[0][0] > NEAR or (len(near) > 1 and near[1][0] - near[0][0] < APART):
            return None
        return near[0][1]

    def place(self, spans: list[Span]) -> list[int | None]:
        """The column of each span in order (None: not known); [] when two take the same column or the order
        of the columns is not the order of the values (not this table's row)."""
        cols = [self.column_of(s) for s in spans]
        known = [c for c in cols if c is not None]
        if any(b <= a for a, b in zip(known, known[1:], strict=False)):
            return []
        return cols
