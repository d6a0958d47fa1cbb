"""What every rule reads: the report, last year's report, and things worth computing once."""
from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property, lru_cache

from parser.model import BLANK, CORRECTED, MISSING, Report
from parser.template import Table, Version

from .textview import TextView

Number = int | float

# Table states (see Context.table_state).
ABSENT, EMPTY, PARTIAL, FULL = "absent", "empty", "partial", "full"
EMPTY_SHARE = 0.25  # a table with fewer values than this share of its cells prints (almost) no values


class Context:
    def __init__(self, report: Report, previous: Report | None = None, *, previous_searched: bool = False) -> None:
        self.report = report
        self.previous = previous
        self.previous_searched = previous_searched  # a workspace looked for last year's report (years.no_previous)
        self.version: Version | None = report.version if report.cells else None
        self.values: dict[str, Number | None] = {k: c.value for k, c in report.cells.items()}
        self._proposals: dict[str, object] = {}

    # ---- cells -----------------------------------------------------------------------------------
    def name(self, key: str) -> str:
        """The cell as a message names it, e.g. 表三（七）总计·自然人."""
        assert self.version is not None
        return _display_name(self.version, key)

    def names(self, keys: Iterable[str], limit: int = 4) -> str:
        """Several cells for a message: 'A、B、C' or 'A、B、C、D 等 12 格'."""
        keys = list(keys)
        shown = "、".join(self.name(k) for k in keys[:limit])
        return shown if len(keys) <= limit else f"{shown} 等 {len(keys)} 格"

    def table_keys(self, table: str) -> list[str]:
        assert self.version is not None
        return _table_keys(self.version, table)

    def is_blank(self, key: str) -> bool:
        return self.values.get(key) is None

    def table_state(self, table: str) -> str:
        """absent: no label and no value found; empty: printed but (almost) no values;
        partial: some values blank or missing; full: every value there."""
        return self._states[table]

    @cached_property
    def _states(self) -> dict[str, str]:
        states = {}
        assert self.version is not None
        for t in self.version.tables:
            keys = _table_keys(self.version, t.key)
            numbers = sum(self.values.get(k) is not None for k in keys)
            found = numbers or any(self.status(k) != MISSING for k in keys)
            if not found and not self._labels_printed(t):
                states[t.key] = ABSENT
            elif numbers < EMPTY_SHARE * len(keys):
                states[t.key] = EMPTY
            else:
                states[t.key] = FULL if numbers == len(keys) else PARTIAL
        return states

    def _labels_printed(self, table: Table) -> bool:
        """Whether the table's section prints any of its column or row labels (a table whose values
        were all lost still shows its frame; a section that only says “无” does not)."""
        span = self.report.sections.get(table.key)
        if span is None:
            return False
        a, b = self.view.norm_offset(span[0]), self.view.norm_offset(span[1])
        text = self.view.text[a:b]
        labels = {c.label for bl in table.blocks for c in bl.columns} | {r.label for bl in table.blocks
                                                                        for r in bl.rows}
        return any(label in text for label in labels
                   if len(label) >= 2 and label != "总计" and label not in table.title)

    def status(self, key: str) -> str:
        cell = self.report.cells.get(key)
        return cell.status if cell else MISSING

    def blank_or_missing(self, keys: Iterable[str]) -> list[str]:
        v = self.values
        return [k for k in keys if v.get(k) is None]

    def describe_blanks(self, keys: list[str]) -> str:
        """'X、Y 空白' / 'X 未找到' / mixed, for cannot-assess messages."""
        blank = [k for k in keys if self.status(k) in (BLANK, CORRECTED)]
        missing = [k for k in keys if self.status(k) == MISSING]
        unread = [k for k in keys if k not in blank and k not in missing]
        parts = []
        if blank:
            parts.append(f"{self.names(blank)}为空白")
        if missing:
            parts.append(f"{self.names(missing)}未找到")
        if unread:
            parts.append(f"{self.names(unread)}不是数字")
        return "，".join(parts)

    # ---- suggested corrections ---------------------------------------------------------------------
    def proposal(self, table: str):  # -> review.suggest.Proposal | None
        """The minimal correction of `table`'s failing equalities (computed once, only on failure)."""
        if table not in self._proposals:
            from review.suggest import propose

            from .equations import equations

            assert self.version is not None
            self._proposals[table] = propose(equations(self.version, table), self.values)
        return self._proposals[table]

    def fills(self, table: str) -> dict[str, Number]:
        """Blank cells of `table` that its equalities determine (see review.suggest.fill_blanks)."""
        key = "fill:" + table
        if key not in self._proposals:
            from review.suggest import fill_blanks

            from .equations import equations

            assert self.version is not None
            self._proposals[key] = fill_blanks(equations(self.version, table), self.values)
        return self._proposals[key]  # type: ignore[return-value]

    # ---- narrative -----------------------------------------------------------------------------------
    @cached_property
    def view(self) -> TextView:
        return _view(self.report.text)

    def section(self, *keys: str, fallback: bool = True) -> list[tuple[int, int]]:
        """Normalised [start, end) ranges of these sections; the whole text when none was found and
        `fallback` is set (the parser could not place the headings)."""
        ranges = []
        for k in keys:
            span = self.report.sections.get(k)
            if span:
                ranges.append((self.view.norm_offset(span[0]), self.view.norm_offset(span[1])))
        if not ranges and fallback:
            ranges.append((0, len(self.view.text)))
        return sorted(ranges)


@lru_cache(maxsize=32)
def _view(text: str) -> TextView:
    """Shared across checks of the same text (the GUI re-checks after every correction)."""
    return TextView(text)


_NAMES: dict[tuple[str, str], str] = {}
_KEYS: dict[tuple[str, str], list[str]] = {}


def _display_name(version: Version, key: str) -> str:
    k = (version.key, key)
    name = _NAMES.get(k)
    if name is None:
        name = _NAMES[k] = version.specs[key].display_name() if key in version.specs else key
    return name


def _table_keys(version: Version, table: str) -> list[str]:
    k = (version.key, table)
    keys = _KEYS.get(k)
    if keys is None:
        keys = _KEYS[k] = version.table(table).cell_keys()
    return keys
