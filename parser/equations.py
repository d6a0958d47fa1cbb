"""The equalities the format implies (its 勾稽关系), built from the template, once per version.

Pure data about the format: the parser uses them to split glued digits and to check what it placed, the
review rules (review/rules/equations.py) check reports against them and propose corrections.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache

from .template import Version
from .template import version as template_version

Number = int | float

# Rows of table `requests` that are not results of handling (三、本年度办理结果).
REQUEST_FRAME_ROWS = ("new_received", "carried_over", "total", "carried_forward")
TOTAL = "total"
APPEAL_PARTS = ("upheld", "corrected", "other", "pending")


@dataclass(frozen=True)
class Equation:
    """sum(plus) == sum(minus), e.g. plus=(total,), minus=(each addend,)."""

    id: str  # stable id, e.g. "requests.results_total:natural_person"
    plus: tuple[str, ...]
    minus: tuple[str, ...]
    label: str  # how an explanation names it: 行合计, 列合计, 勾稽关系 …

    @property
    def cells(self) -> tuple[str, ...]:
        return self.plus + self.minus

    def coef(self, key: str) -> int:
        return (key in self.plus) - (key in self.minus)

    def residual(self, values: Mapping[str, Number | None]) -> Number:
        get = values.__getitem__
        return sum(map(get, self.plus)) - sum(map(get, self.minus))  # type: ignore[arg-type]


def result_rows(version: Version) -> list[str]:
    """granted, partially_granted, denied.*, unable.*, not_processed.*, other(.*) as the version prints them."""
    return [r.key for b in version.table("requests").blocks for r in b.rows if r.key not in REQUEST_FRAME_ROWS]


def equations(version: Version, table: str) -> tuple[Equation, ...]:
    """Every equality of `table` ("requests" or "appeals"; other tables have none)."""
    return _equations(version.key, table)


@cache
def _equations(version_key: str, table: str) -> tuple[Equation, ...]:
    version = template_version(version_key)
    if table == "requests":
        t = version.table("requests")
        rows = [r.key for b in t.blocks for r in b.rows]
        cols = [c.key for b in t.blocks for c in b.columns]
        applicants = [c for c in cols if c != TOTAL]
        out = [Equation(f"requests.row_total:{r}", (f"requests/{r}/total",),
                        tuple(f"requests/{r}/{c}" for c in applicants), "行合计") for r in rows]
        results = result_rows(version)
        out += [Equation(f"requests.results_total:{c}", (f"requests/total/{c}",),
                         tuple(f"requests/{r}/{c}" for r in results), "列合计") for c in cols]
        out += [Equation(f"requests.balance:{c}", (f"requests/new_received/{c}", f"requests/carried_over/{c}"),
                         (f"requests/total/{c}", f"requests/carried_forward/{c}"), "勾稽关系") for c in cols]
        return tuple(out)
    if table == "appeals":
        t = version.table("appeals")
        return tuple(Equation(f"appeals.row_total:{r.key}", (f"appeals/{r.key}/total",),
                              tuple(f"appeals/{r.key}/{p}" for p in APPEAL_PARTS), "行合计")
                     for b in t.blocks for r in b.rows)
    return ()


def rule_equations(version: Version, rule_id: str) -> tuple[Equation, ...]:
    """The equalities one rule checks, e.g. every "requests.balance:<column>"."""
    return _rule_equations(version.key, rule_id)


@cache
def _rule_equations(version_key: str, rule_id: str) -> tuple[Equation, ...]:
    table = rule_id.split(".")[0]
    return tuple(e for e in _equations(version_key, table) if e.id.startswith(rule_id + ":"))


def lone_culprits(eqs: tuple[Equation, ...], values: Mapping[str, Number | None]) -> dict[str, Number]:
    """Cells each of which alone breaks every equation it is in (two at least, every cell known), all asking
    the same value of it, when together they explain every failing equation once: cell → the value asked."""
    residuals: dict[Equation, Number] = {}
    get = values.__getitem__
    for e in eqs:
        try:
            residuals[e] = sum(map(get, e.plus)) - sum(map(get, e.minus))  # type: ignore[arg-type]
        except (KeyError, TypeError):  # a cell missing or blank: nothing known about this equation
            continue
    failing = [e for e, r in residuals.items() if r != 0]
    if len(failing) < 2:
        return {}
    of_cell: dict[str, list[Equation]] = {}
    for e in residuals:
        for k in e.cells:
            of_cell.setdefault(k, []).append(e)
    found: dict[str, Number] = {}
    for key in {k for e in failing for k in e.cells}:
        mine = of_cell[key]
        if len(mine) < 2 or any(residuals[e] == 0 for e in mine):
            continue
        needed = {values[key] - residuals[e] * e.coef(key) for e in mine}  # type: ignore[operator]
        if len(needed) == 1:
            found[key] = needed.pop()
    if any(sum(k in found for k in e.cells) != 1 for e in failing):
        return {}
    return found
