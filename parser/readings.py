"""Readings of a table's runs compared by the table's equations: another reading of the same runs (rows
straddled, shifted or unstacked) replaces the first only when it breaks fewer of the equations, or reads every
row in the format's order and breaks no more of those the first could check."""
from __future__ import annotations

from dataclasses import dataclass, field

from .equations import equations
from .glued import known_values
from .placed import Placed
from .template import Block, Row, Table, Version
from .tokens import Token


@dataclass
class Reading:
    """One reading of a table's runs: rows placed, glued rows to split, rows printed empty, rows done."""

    placed: list[Placed]
    glued: list[tuple[Row, Token]]
    blank_rows: dict[str, Placed]
    done: set[str]
    headed: bool = False  # a run came right under the column headings
    where: dict[str, int] = field(default_factory=dict)  # row key → index of the item it was read from by label
    short: dict[str, list[Token]] = field(default_factory=dict)  # rows named with fewer numbers than columns
    # table three read in the order its header prints the columns, not the format's (or in no order: not known)
    reordered: bool = False


def better(other: Reading, current: Reading, table: Table, version: Version, block_of: dict[str, Block]) -> bool:
    """Another reading of the runs is better when it breaks fewer of the table's equations and places no fewer
    rows (a table without equations: more rows)."""
    eqs = equations(version, table.key)
    if not eqs:
        return len(other.placed) > len(current.placed)
    return len(other.placed) >= len(current.placed) and \
        failing(other, eqs, table, block_of) < failing(current, eqs, table, block_of)


def failing(reading: Reading, eqs: tuple, table: Table, block_of: dict[str, Block]) -> int:
    """How many of the table's equations whose cells were all read do not hold."""
    known = known_values(table.key, reading.placed, block_of)
    return sum(1 for e in eqs if all(known.get(k) is not None for k in e.cells) and e.residual(known) != 0)


def checked_equations(reading: Reading, eqs: tuple, table: Table, block_of: dict[str, Block]) -> tuple:
    """The table's equations whose cells the reading has all read."""
    known = known_values(table.key, reading.placed, block_of)
    return tuple(e for e in eqs if all(known.get(k) is not None for k in e.cells))


def whole_in_order(other: Reading, current: Reading, rows: list[Row], eqs: tuple, table: Table,
                    block_of: dict[str, Block]) -> bool:
    """Another reading places every row of the table, those it read by label in the text's order the format's,
    where the current one leaves rows unread, and breaks no more of the equations the current one can check.
    The equations only it can check may fail: a column's total over every result comes out the same whichever
    result row each run is given, so with every row read in order its failing is the report's own (sample 002
    counts a result 1 0 0 0 0 0 1 under a 总计 of zeros), for the rules to report."""
    if len(other.placed) != len(rows) or len(current.placed) >= len(rows) or not eqs:
        return False
    order = {r.key: i for i, r in enumerate(rows)}
    by_item = [order[key] for _, key in sorted((n, key) for key, n in other.where.items())]
    if by_item != sorted(by_item):
        return False
    checked = checked_equations(current, eqs, table, block_of)
    return failing(other, checked, table, block_of) <= failing(current, checked, table, block_of)
