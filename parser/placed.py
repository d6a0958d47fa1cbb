"""Tokens placed in the cells of one table row: what the table reader hands to the report builder."""
from __future__ import annotations

from dataclasses import dataclass, field

from .template import Row
from .tokens import EMPTY, Token

_MISSING = Token(EMPTY, "", -1, -1, -1)  # marks a cell that was not printed at all (stays missing)


@dataclass
class Placed:
    """Tokens placed in the cells of one row (None: the cell printed empty)."""

    row: Row
    cells: list[Token | None]
    repaired: set[int] = field(default_factory=set)  # indexes whose text was joined from pieces
    in_yuan: set[int] = field(default_factory=set)  # money columns whose printed heading says 元, not 万元
    uncertain: set[int] = field(default_factory=set)  # placed by the equations, not confirmed by all of them
    unplaced: set[int] = field(default_factory=set)  # printed (glued digits) but not placeable: stays missing


def is_missing(tok: Token | None) -> bool:
    return tok is _MISSING
