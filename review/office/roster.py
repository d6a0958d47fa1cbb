"""The roster: the agencies expected to report, read from an Excel or CSV list.

Columns (first row): 机关 (required), 别名, 地区, 层级. Aliases are separated by ；、，; or ,. Rows
without a 机关 are skipped; an agency listed twice is one agency (its aliases merged).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

COLUMNS = {"agency": "机关", "aliases": "别名", "region": "地区", "level": "层级"}
_ALIAS_SPLIT = re.compile(r"[；;、，,\n]+")


class RosterError(Exception):
    """A roster file that cannot be used; str(e) is one line of Chinese."""


@dataclass
class RosterEntry:
    agency: str
    aliases: list[str] = field(default_factory=list)
    region: str = ""
    level: str = ""


def split_aliases(text: str) -> list[str]:
    return [a.strip() for a in _ALIAS_SPLIT.split(text or "") if a.strip()]


def read_roster(path: str | Path) -> list[RosterEntry]:
    """The roster in a .xlsx/.xls/.csv file. Raises RosterError (Chinese) for anything unusable."""
    import pandas as pd

    p = Path(path)
    if not p.is_file():
        raise RosterError(f"找不到名单文件：{p}")
    suffix = p.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm", ".xls"):
            frame = pd.read_excel(p, dtype=str, keep_default_na=False)
        elif suffix in (".csv", ".txt"):
            encoding = _encoding(p)
            frame = pd.read_csv(p, dtype=str, keep_default_na=False, encoding=encoding,
                                sep=_delimiter(p.read_bytes()[:4096].decode(encoding, "ignore")))
        else:
            raise RosterError(f"名单应为 Excel（.xlsx）或 CSV 文件：{p.name}")
    except RosterError:
        raise
    except Exception as e:  # noqa: BLE001 - pandas/openpyxl raise many kinds for a damaged file
        raise RosterError(f"无法读取名单文件（{type(e).__name__}：{e}）：{p.name}") from None
    return roster_from_frame(frame, p.name)


def roster_from_frame(frame, name: str = "名单") -> list[RosterEntry]:
    frame = frame.rename(columns=lambda c: str(c).strip())
    if COLUMNS["agency"] not in frame.columns:
        found = "、".join(str(c) for c in frame.columns) or "无"
        raise RosterError(f"名单缺少“机关”列（第一行应为列名：机关、别名、地区、层级；现有：{found}）：{name}")
    for col in COLUMNS.values():
        if col not in frame.columns:
            frame[col] = ""
    frame = frame[list(COLUMNS.values())].fillna("").astype(str).apply(lambda s: s.str.strip())
    frame = frame[frame[COLUMNS["agency"]] != ""]
    entries: dict[str, RosterEntry] = {}
    for agency, aliases, region, level in frame.itertuples(index=False):
        e = entries.setdefault(agency, RosterEntry(agency))
        e.aliases += [a for a in split_aliases(aliases) if a not in e.aliases and a != agency]
        e.region = e.region or region
        e.level = e.level or level
    if not entries:
        raise RosterError(f"名单中没有任何机关：{name}")
    return list(entries.values())


def _delimiter(head: str) -> str:
    """The delimiter of the header line: tab, semicolon or comma (a one-column file has none)."""
    line = head.splitlines()[0] if head else ""
    return max(("\t", ";", ","), key=line.count) if any(d in line for d in "\t;,") else ","


def _encoding(p: Path) -> str:
    import codecs

    data = p.read_bytes()[:65536]
    for enc in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(enc)().decode(data, final=False)  # a character cut at the end is fine
            return enc
        except UnicodeDecodeError:
            continue
    raise RosterError(f"名单文件的字符编码无法识别（应为 UTF-8 或 GBK）：{p.name}")
