"""The report format as data: tables, blocks, rows, columns and their printed labels.

Everything is read from ``resources/template.json`` (package data); no label string is repeated in code.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from resources import read_text

TABLE_NUMBERS = {"active": "二", "requests": "三", "appeals": "四"}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str  # "count", "signed" (may be negative) or "money" (万元, decimals)
    aliases: tuple[str, ...] = ()
    group: str | None = None


@dataclass(frozen=True, eq=False)  # one object per template row: compared and hashed by identity
class Row:
    key: str
    label: str
    ref: str  # how a message names the row, e.g. "第三项（七）"
    aliases: tuple[str, ...] = ()
    group: str | None = None  # parent labels joined by "/", e.g. "三、本年度办理结果/（三）不予公开"


@dataclass(frozen=True, eq=False)  # template singletons: compared and hashed by identity
class Block:
    heading: str | None
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Table:
    key: str
    number: str  # section number as printed: 二, 三, 四
    title: str
    blocks: tuple[Block, ...]

    def cell_keys(self) -> list[str]:
        return [f"{self.key}/{r.key}/{c.key}" for b in self.blocks for r in b.rows for c in b.columns]


@dataclass(frozen=True)
class CellSpec:
    """Everything the format says about one cell."""

    key: str
    table: Table
    block: Block
    row: Row
    column: Column

    @property
    def kind(self) -> str:
        return self.column.kind

    def display_name(self) -> str:
        """Chinese name of the cell as printed: 表三（七）总计·自然人, 表三（四）1.本机关不掌握相关政府信息·总计,
        表三第一项本年新收政府信息公开申请数量·自然人, 表四行政复议·结果维持, 表二规章·本年制发件数."""
        import re

        column = re.sub(r"（单位[:：].*?）$", "", self.column.label)
        head = f"表{self.table.number}"
        if self.table.key == "active":
            return f"{head}{self.row.label}·{column}"
        if self.table.key == "appeals":
            return f"{head}{self.row.ref}·{column}"
        label = _short(self.row.label)
        if len(label) > 14:  # 申请人无正当理由逾期不补正、行政机关不再处理… → cut at the first pause
            label = re.split(r"[、，,]", label)[0][:14] + "…"
        ref = self.row.ref
        if ref.startswith("第三项（"):  # a result row: printed as （七）总计, （四）1.本机关不掌握…
            sub = ref[len("第三项"):]
            return f"{head}{sub}{'.' if sub[-1].isdigit() else ''}{label}·{column}"
        return f"{head}{ref}{label}·{column}"


def _short(label: str) -> str:
    """Drop the numbering prefix and the parenthetical of a row label (（二）部分公开（区分…） → 部分公开)."""
    import re

    s = re.sub(r"^[一二三四五六七八九十]+、|^（[一二三四五六七八九十]+）|^\d+\.", "", label)
    s = re.sub(r"（.*）$", "", s)
    return s


@dataclass(frozen=True)
class Version:
    key: str  # "2019" or "2021"
    name: str
    tables: tuple[Table, ...]
    specs: dict[str, CellSpec] = field(compare=False, hash=False)

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)

    def cell_keys(self) -> list[str]:
        return list(self.specs)


@dataclass(frozen=True)
class Section:
    key: str
    number: str
    title: str


def _version(key: str, data: dict) -> Version:
    tables = []
    for t in data["tables"]:
        blocks = tuple(
            Block(
                b.get("heading"),
                tuple(Column(c["key"], c["label"], c.get("kind", "count"), tuple(c.get("aliases", ())), c.get("group"))
                      for c in b["columns"]),
                tuple(Row(r["key"], r["label"], r.get("ref", r["label"]), tuple(r.get("aliases", ())), r.get("group"))
                      for r in b["rows"]),
            )
            for b in t["blocks"]
        )
        tables.append(Table(t["key"], t["number"], t["title"], blocks))
    specs = {
        f"{t.key}/{r.key}/{c.key}": CellSpec(f"{t.key}/{r.key}/{c.key}", t, b, r, c)
        for t in tables for b in t.blocks for r in b.rows for c in b.columns
    }
    return Version(key, data["name"], tuple(tables), specs)


@cache
def versions() -> dict[str, Version]:
    data = json.loads(read_text("template.json"))
    return {k: _version(k, v) for k, v in data["versions"].items()}


@cache
def sections() -> tuple[Section, ...]:
    data = json.loads(read_text("template.json"))
    return tuple(Section(s["key"], s["number"], s["title"]) for s in data["sections"])


def version(key: str) -> Version:
    return versions()[key]


def expected_version(year: int | None) -> str | None:
    """The format a report of this year must use: 2019/2020 → "2019", 2021 on → "2021"."""
    if year is None:
        return None
    if year in (2019, 2020):
        return "2019"
    if year >= 2021:
        return "2021"
    return None
