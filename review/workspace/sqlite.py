"""The SQLite backend of the workspace store: one file, WAL, every change committed when made.

One process at a time: a second instance is refused (lock.WorkspaceLock). Calls may come from
several threads (one connection, one re-entrant lock).
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import StoreConflict, WorkspaceError
from .lock import WorkspaceLock
from .schema import migrate
from .store import Transaction

_CHUNK = 500  # ids per IN (...) list, well below SQLite's variable limit


class SQLiteTransaction:
    """store.Transaction over an sqlite3 connection inside BEGIN IMMEDIATE … COMMIT."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> None:
        self._conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        rowid = self._conn.execute(sql, tuple(params)).lastrowid
        assert rowid is not None
        return rowid


class SQLiteStore:
    """store.Store in one SQLite file (WAL, synchronous=FULL, foreign keys on), locked to this process."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._file_lock = WorkspaceLock(self.path)
            self._file_lock.acquire()
        except OSError as e:
            raise WorkspaceError(f"无法在此处创建工作区：{self.path}（{e.strerror or e}）") from None
        try:
            self.connection = self._connect()
        except BaseException:
            self._file_lock.release()
            raise
        self._mutex = threading.RLock()
        self._closed = False

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        except sqlite3.Error as e:
            raise WorkspaceError(f"无法打开工作区文件：{self.path}（{e}）") from None
        conn.row_factory = sqlite3.Row
        try:
            mode = conn.execute("PRAGMA journal_mode=WAL").fetchone()[0]
            if mode.lower() != "wal":
                raise WorkspaceError(f"工作区无法启用预写日志（WAL）模式：{self.path}")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            self.migrated_from = migrate(conn, self.path)
        except sqlite3.DatabaseError as e:
            conn.close()
            raise WorkspaceError(f"无法打开工作区，文件已损坏或不是工作区：{self.path}（{e}）") from None
        except BaseException:
            conn.close()
            raise
        return conn

    @property
    def lock(self) -> threading.RLock:
        return self._mutex

    @property
    def closed(self) -> bool:
        return self._closed

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            self.connection.close()
            self._file_lock.release()

    def claim(self, report_id: int, reviewer: str) -> str | None:
        """Always ours: the file lock admits one program at a time."""
        return None

    def release(self, report_id: int) -> None:
        """Nothing to give up (see claim)."""

    def ids_follow_copied_rows(self, tx: Transaction) -> None:
        """Nothing to do: AUTOINCREMENT keeps the largest id ever written in sqlite_sequence, copied rows too."""

    @contextmanager
    def bulk_writes(self) -> Iterator[None]:
        """synchronous=NORMAL meanwhile: in WAL mode a commit is then synced at checkpoints only, still
        atomic and kept when the process is killed (a power cut may lose the last commits, never the file)."""
        with self._mutex:
            if self._closed:
                raise WorkspaceError("工作区已关闭")
            self.connection.execute("PRAGMA synchronous=NORMAL")
        try:
            yield
        finally:
            with self._mutex:
                if not self._closed:
                    self.connection.execute("PRAGMA synchronous=FULL")

    @contextmanager
    def transaction(self) -> Iterator[SQLiteTransaction]:
        with self._mutex:
            if self._closed:
                raise WorkspaceError("工作区已关闭")
            conn = self.connection
            try:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield SQLiteTransaction(conn)
                    conn.execute("COMMIT")
                except BaseException:
                    if conn.in_transaction:  # SQLite may have rolled back already (disk full)
                        conn.execute("ROLLBACK")
                    raise
            except sqlite3.IntegrityError as e:
                raise StoreConflict(str(e)) from e  # a constraint: the caller decides
            except sqlite3.Error as e:  # disk full, read-only medium, I/O error: nothing half-written
                raise WorkspaceError(f"无法写入工作区（{e}）：{self.path}；之前的更改都已保存") from e

    def query(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._mutex:
            if self._closed:
                raise WorkspaceError("工作区已关闭")
            return self.connection.execute(sql, tuple(params)).fetchall()

    def query_in(self, sql: str, ids: Sequence[int]) -> list[sqlite3.Row]:
        out: list[sqlite3.Row] = []
        for i in range(0, len(ids), _CHUNK):
            chunk = list(ids[i:i + _CHUNK])
            out += self.query(sql.format(",".join("?" * len(chunk))), chunk)
        return out
