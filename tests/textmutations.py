"""Damage done to a report's text the way tools and people damage it, for fuzzing the parser.

Seeds: the committed corpora (resources/samples, tests/data/damaged, tests/data/damaged_tools). Each
mutation is one of: delete, duplicate or swap lines; cut the text mid-table; change digits to what an OCR
reads them as (O D l 了 …); insert box-drawing characters, pipes, tabs or form feeds; shift a laid-out
line's spaces; glue two lines; a huge number; a very long line. Used by tests/test_fuzz_damaged.py (a few
dozen cases) and bench/fuzz_parse.py (thousands, each parse timed).
"""
from __future__ import annotations

import random
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

GARBLED_DIGITS = {"0": "OoD口〇", "1": "lI丨|了", "2": "Z", "5": "S", "6": "b", "8": "B", "9": "g"}
BOX = "│┃┆┊─━┌┐└┘├┤┬┴┼═║╔╗╚╝╠╣╦╩╬+-=|"
INSERTS = ["|", "||", "\t", "\f", "\u3000", " | ", "│", "┼", "─" * 12, "+----+----+", "|---|---|"]


@cache
def seeds() -> tuple[str, ...]:
    """The committed texts the mutations start from."""
    paths = (sorted((ROOT / "resources" / "samples").glob("*.txt"))
             + sorted((ROOT / "tests" / "data" / "damaged").glob("*.txt"))
             + sorted((ROOT / "tests" / "data" / "damaged_tools").glob("*.txt")))
    return tuple(p.read_text(encoding="utf-8", errors="replace") for p in paths)


def _line(lines: list[str], rnd: random.Random) -> int:
    """A line to damage, most often one holding a digit (a table's row)."""
    for _ in range(6):
        i = rnd.randrange(len(lines))
        if any(ch.isdigit() for ch in lines[i]):
            return i
    return rnd.randrange(len(lines))


def mutate_once(lines: list[str], rnd: random.Random) -> str:
    """Damage `lines` in place by one random mutation; returns its name."""
    if not lines:
        lines.append("")
    op = rnd.randrange(14)
    i = _line(lines, rnd)
    s = lines[i]
    if op == 0:
        del lines[i]
        return "delete"
    if op == 1:
        lines.insert(rnd.randrange(len(lines) + 1), s)
        return "duplicate"
    if op == 2:
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
        return "swap"
    if op == 3:  # cut the text mid-table (or mid-line)
        del lines[i + 1:]
        lines[i] = s[:rnd.randrange(len(s) + 1)]
        return "cut"
    if op == 4:  # digits garbled the way OCR garbles them
        chars = list(s)
        for k, ch in enumerate(chars):
            if ch in GARBLED_DIGITS and rnd.random() < 0.4:
                chars[k] = rnd.choice(GARBLED_DIGITS[ch])
        lines[i] = "".join(chars)
        return "garble"
    if op == 5:  # box characters, pipes, tabs, form feeds
        k = rnd.randrange(len(s) + 1)
        ins = rnd.choice(INSERTS) if rnd.random() < 0.6 else "".join(rnd.choice(BOX) for _ in range(rnd.randint(1, 8)))
        lines[i] = s[:k] + ins + s[k:]
        return "insert"
    if op == 6:  # a laid-out line's spaces shifted: a run of spaces grown or shrunk
        runs = [k for k in range(1, len(s)) if s[k] == " " and s[k - 1] != " "]
        if runs:
            k = rnd.choice(runs)
            d = rnd.randint(-3, 6)
            rest = s[k:]
            keep = len(rest) - len(rest.lstrip(" "))
            lines[i] = s[:k] + " " * d + rest if d >= 0 else s[:k] + rest[min(-d, keep):]
        return "shift"
    if op == 7 and i + 1 < len(lines):  # two lines glued
        lines[i] = s + rnd.choice(["", " ", "  "]) + lines.pop(i + 1)
        return "glue"
    if op == 8:  # a huge number
        k = rnd.randrange(len(s) + 1)
        lines[i] = s[:k] + " " + str(rnd.randrange(10 ** rnd.randint(6, 60))) + " " + s[k:]
        return "huge"
    if op == 9:  # a very long line
        piece = s or "1 2 3 | "
        lines[i] = piece * min(rnd.randint(20, 400), max(20, 200_000 // len(piece)))  # up to 200,000 characters
        return "long"
    if op == 10:  # a line of many numbers
        lines.insert(i, "  ".join(str(rnd.randrange(100)) for _ in range(rnd.randint(8, 200))))
        return "numbers"
    if op == 11:  # a character dropped or doubled
        if s:
            k = rnd.randrange(len(s))
            lines[i] = s[:k] + (s[k] * 2 if rnd.random() < 0.5 else "") + s[k + 1:]
        return "char"
    if op == 12:  # a block of lines repeated (a table printed twice, a page break in between)
        j = min(len(lines), i + rnd.randint(2, 40))
        lines[j:j] = ["\f"] + lines[i:j]
        return "block"
    # a stretch of lines dropped
    del lines[i:i + rnd.randint(2, 30)]
    return "drop"


def mutated(seed_index: int, rnd: random.Random, n: int) -> str:
    """Seed `seed_index` of seeds() damaged by `n` random mutations."""
    texts = seeds()
    lines = texts[seed_index % len(texts)].split("\n")
    for _ in range(n):
        mutate_once(lines, rnd)
    return "\n".join(lines)
