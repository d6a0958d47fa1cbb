"""Moving a workspace between backends: an SQLite file to an office's PostgreSQL server and back.

Every table is copied row for row with its ids (the journal's ids order the audit, sign-offs' hashes
are over the values the logs replay to), in id order so that each reference (a correction reverting an
earlier one, a resubmission replacing an older report) points at a row already there. The target must be
an empty workspace; the copy is one transaction, compared with the source table by table before it is
committed, so a failure leaves the target empty.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import WorkspaceError
from .store import Store

# (table, key ordering its rows): parents before children, each table in the order its rows were written
TABLES: tuple[tuple[str, str], ...] = (
    ("reports", "id"), ("journal", "id"), ("corrections", "id"), ("decisions", "id"), ("signoffs", "id"),
    ("settings", "key"), ("roster", "position, agency"), ("aliases", "rowid"), ("office_log", "id"),
)
_BATCH = 200  # rows read and written at a time (reports carry their original bytes)
_NOT_COPIED = {"rowid"}  # PostgreSQL's explicit alias order column: the order of insertion recreates it


@dataclass
class CopyResult:
    """Rows copied per table."""

    rows: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        names = {"reports": "报告", "journal": "记录", "corrections": "更正", "decisions": "决定",
                 "signoffs": "签发", "roster": "名单机关", "aliases": "别名", "office_log": "名单记录"}
        return "，".join(f"{names[t]} {n} 条" for t, n in self.rows.items() if t in names)


def copy_workspace(source: str | Path, target: str | Path,
                   progress: Callable[[str, int], None] | None = None) -> CopyResult:
    """Copy the workspace at `source` into the new or empty workspace at `target` (file path or
    postgresql:// URL); raises WorkspaceError (one line of Chinese) when it cannot."""
    from . import open_store

    if str(source) == str(target):
        raise WorkspaceError("源工作区与目标工作区相同")
    src = open_store(source)
    try:
        dst = open_store(target)
        try:
            for table, _ in TABLES:
                if _count(dst, table):
                    raise WorkspaceError(f"目标工作区不是空的（{table} 中已有数据），请指定一个新的工作区：{dst.path}")
            result = CopyResult()
            with src.lock, dst.lock, dst.transaction() as tx:
                for table, order in TABLES:
                    result.rows[table] = _copy_table(src, tx, table, order, progress)
                dst.ids_follow_copied_rows(tx)
                _verify(src, dst)  # inside the transaction: a copy that differs is never committed
            return result
        finally:
            dst.close()
    finally:
        src.close()


def _count(store: Store, table: str) -> int:
    return int(store.query(f"SELECT count(*) AS n FROM {table}")[0]["n"])


def _copy_table(src: Store, tx: Any, table: str, order: str, progress: Callable[[str, int], None] | None) -> int:
    ids = [r["k"] for r in src.query(f"SELECT {order.split(',')[0]} AS k FROM {table} ORDER BY {order}")]
    copied = 0
    for i in range(0, len(ids), _BATCH):
        rows = _rows(src, table, order, ids[i:i + _BATCH])
        if not rows:
            continue
        columns = [c for c in rows[0].keys() if c not in _NOT_COPIED]
        tx.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
                       [[_plain(r[c]) for c in columns] for r in rows])
        copied += len(rows)
        if progress is not None:
            progress(table, copied)
    return copied


def _rows(store: Store, table: str, order: str, keys: list[Any]) -> list[Any]:
    first = order.split(",")[0]
    placeholders = ",".join("?" * len(keys))
    return list(store.query(f"SELECT * FROM {table} WHERE {first} IN ({placeholders}) ORDER BY {order}", keys))


def _plain(value: Any) -> Any:
    return bytes(value) if isinstance(value, memoryview) else value


def _verify(src: Store, dst: Store) -> None:
    """The copy holds exactly the source's rows (compared table by table in batches)."""
    for table, order in TABLES:
        first = order.split(",")[0]
        keys = [r["k"] for r in src.query(f"SELECT {first} AS k FROM {table} ORDER BY {order}")]
        for i in range(0, len(keys), _BATCH):
            chunk = keys[i:i + _BATCH]
            a = [_comparable(r) for r in _rows(src, table, order, chunk)]
            b = [_comparable(r) for r in _rows(dst, table, order, chunk)]
            if a != b:
                raise WorkspaceError(f"复制后核对不一致（{table}），未写入目标工作区：{dst.path}")
        if _count(dst, table) != len(keys):
            raise WorkspaceError(f"复制后核对不一致（{table} 的行数），未写入目标工作区：{dst.path}")


def _comparable(row: Any) -> dict[str, Any]:
    return {c: _plain(row[c]) for c in row.keys() if c not in _NOT_COPIED}
