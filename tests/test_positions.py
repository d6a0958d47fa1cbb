"""Where a token stands across its line (parser/positions.py): read from the line's widths up to each character,
it is what measuring the line's text before the token gives, in characters and in display width."""
from __future__ import annotations

import unicodedata

from parser.normalize import normalize
from parser.positions import CHARS, DISPLAY, Layout
from parser.tokens import tokenize


def _measured(received: str, a: int, b: int) -> tuple[tuple[int, int], tuple[int, int]]:
    """(characters, display width) spans of received[a:b] by measuring the line's text before it."""
    start = received.rfind("\n", 0, a) + 1
    while start < a and received[start] == "\f":
        start += 1

    def width(s: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s if c != "\f")

    return (a - start, b - start), (width(received[start:a]), width(received[start:b]))


def test_a_tokens_place_across_its_line_is_the_width_of_the_text_before_it() -> None:
    text = ("三、收到和处理政府信息公开申请情况\n"
            "                自然人    商业企业  科研机构\n"
            "（一）予以公开   12      3    0\n"
            "\f二、上年结转　　1  0   0\n"  # a page's first line after its form feed, an ideographic space
            "A 1  2 abc  33\n"
            "合计  1  \f  2\n")  # a form feed within a line
    norm = normalize(text)
    layout = Layout(norm, text)
    tokens = [t for t in tokenize(norm.text) if t.text]
    assert len(tokens) >= 15
    for t in tokens:
        a, b = norm.span(t.start, t.end)
        chars, display = _measured(text, a, b)
        assert (layout.span(t, CHARS), layout.span(t, DISPLAY)) == (chars, display), t.text
