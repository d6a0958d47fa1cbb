"""Display width of text in a monospace font (a terminal, pdftotext -layout, Excel's column units): wide East
Asian characters (CJK, full-width forms) take two places, every other character one."""
from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=1 << 12)
def char_width(c: str) -> int:
    """2 for a wide or full-width East Asian character, else 1."""
    return 2 if unicodedata.east_asian_width(c) in "WF" else 1


def text_width(text: str) -> int:
    return sum(map(char_width, text))
