"""The workspace file: SQLite schema, its migrations, and the lock that keeps a second instance out.

Schema history (PRAGMA user_version):
  1  reports (original bytes, hash, parsed report), corrections, decisions, signoffs, settings, and
     the journal whose ids order every event; the logs are append-only (triggers refuse UPDATE, DELETE).
  2  review summary cached on each report for the batch queue (status, open error and warning
     counts), the file format, and an index for finding the same agency's previous year.

A workspace written by an older version is migrated step by step, each step in one transaction,
after a backup copy of the file is made; nothing is ever dropped. A newer workspace is refused.
"""
from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Callable
from dataclasses import fields
from datetime import datetime
from pathlib import Path
from typing import Any

from parser.model import Cell, Report


class WorkspaceError(Exception):
    """A workspace problem the user must see; str(e) is one line of Chinese."""


class WorkspaceLocked(WorkspaceError):
    """Another running instance holds the workspace."""


# -- migrations ------------------------------------------------------------------------------------

_APPEND_ONLY = """
CREATE TRIGGER {t}_no_update BEFORE UPDATE ON {t} BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END;
CREATE TRIGGER {t}_no_delete BEFORE DELETE ON {t} BEGIN SELECT RAISE(ABORT, '{t} is append-only'); END;
"""


def _script(conn: sqlite3.Connection, sql: str) -> None:
    """Run several statements inside the caller's transaction (executescript would commit it)."""
    statement = ""
    for line in sql.splitlines(keepends=True):
        statement += line
        if sqlite3.complete_statement(statement):
            conn.execute(statement)
            statement = ""
    if statement.strip():
        raise ValueError(f"incomplete SQL statement: {statement!r}")


def _v1(conn: sqlite3.Connection) -> None:
    _script(conn, """
    CREATE TABLE reports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        sha256 TEXT NOT NULL UNIQUE,        -- of the original bytes
        file_name TEXT NOT NULL,
        origin TEXT NOT NULL DEFAULT '',    -- the path it was imported from
        data BLOB NOT NULL,                 -- the original bytes, never modified
        imported_at TEXT NOT NULL,
        agency TEXT,
        year INTEGER,
        template TEXT,
        text TEXT NOT NULL,                 -- decoded text; spans point into it
        parsed TEXT NOT NULL                -- the parsed Report as JSON (cells before any correction)
    );
    CREATE TABLE journal (                  -- one row per event; its id orders events across tables
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        report_id INTEGER NOT NULL REFERENCES reports(id),
        kind TEXT NOT NULL,                 -- import, correction, decision, signoff
        time TEXT NOT NULL
    );
    CREATE TABLE corrections (
        id INTEGER PRIMARY KEY REFERENCES journal(id),
        report_id INTEGER NOT NULL REFERENCES reports(id),
        cell TEXT NOT NULL,
        old TEXT NOT NULL,                  -- JSON number or null
        new TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL DEFAULT '',
        time TEXT NOT NULL,
        reverts INTEGER REFERENCES corrections(id)   -- set when this entry undoes an earlier one
    );
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY REFERENCES journal(id),
        report_id INTEGER NOT NULL REFERENCES reports(id),
        finding_id TEXT NOT NULL,
        action TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL DEFAULT '',
        time TEXT NOT NULL
    );
    CREATE TABLE signoffs (
        id INTEGER PRIMARY KEY REFERENCES journal(id),
        report_id INTEGER NOT NULL REFERENCES reports(id),
        event TEXT NOT NULL,                -- 'signoff' or 'reopen'
        outcome TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        values_hash TEXT NOT NULL DEFAULT '',
        time TEXT NOT NULL
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE INDEX corrections_report ON corrections(report_id, id);
    CREATE INDEX decisions_report ON decisions(report_id, id);
    CREATE INDEX signoffs_report ON signoffs(report_id, id);
    CREATE TRIGGER reports_no_delete BEFORE DELETE ON reports
        BEGIN SELECT RAISE(ABORT, 'reports are never deleted'); END;
    CREATE TRIGGER reports_original_fixed BEFORE UPDATE OF sha256, data, text, parsed ON reports
        BEGIN SELECT RAISE(ABORT, 'an imported report is never modified'); END;
    """ + "".join(_APPEND_ONLY.format(t=t) for t in ("journal", "corrections", "decisions", "signoffs")))


def _v2(conn: sqlite3.Connection) -> None:
    _script(conn, """
    ALTER TABLE reports ADD COLUMN file_format TEXT NOT NULL DEFAULT '';
    ALTER TABLE reports ADD COLUMN status TEXT;          -- NULL: summary not yet computed
    ALTER TABLE reports ADD COLUMN open_errors INTEGER;
    ALTER TABLE reports ADD COLUMN open_warnings INTEGER;
    CREATE INDEX reports_agency_year ON reports(agency, year);
    """)
    rows = conn.execute("SELECT id, file_name FROM reports").fetchall()
    conn.executemany("UPDATE reports SET file_format = ? WHERE id = ?",
                     [(file_format(name), rid) for rid, name in rows])


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2}
SCHEMA_VERSION = max(MIGRATIONS)


def file_format(name: str) -> str:
    """The file type shown in the queue: the suffix without the dot, upper case ('TXT', 'DOCX')."""
    suffix = Path(name).suffix.lstrip(".").upper()
    return suffix or "TXT"


def migrate(conn: sqlite3.Connection, path: Path,
            migrations: dict[int, Callable[[sqlite3.Connection], None]] | None = None) -> int:
    """Bring the file to the latest schema; returns the version it had. Never drops data."""
    migrations = MIGRATIONS if migrations is None else migrations
    latest = max(migrations)
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    if current > latest:
        raise WorkspaceError(f"该工作区由更新版本的年报审核台创建（格式版本 {current}），请升级程序后再打开：{path}")
    if current == 0:
        tables = conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
        if tables:
            raise WorkspaceError(f"这不是年报审核台的工作区文件（其中已有别的数据表）：{path}")
    elif current < latest:
        backup = path.with_name(f"{path.name}.v{current}.bak")
        if not backup.exists():
            dest = sqlite3.connect(backup)
            try:
                conn.backup(dest)
            finally:
                dest.close()
    for target in range(current + 1, latest + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrations[target](conn)
            conn.execute(f"PRAGMA user_version = {target}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return current


# -- report ↔ JSON (the `parsed` column) -----------------------------------------------------------

_CELL_FIELDS = ("value", "text", "span", "status", "unit", "page", "box", "confidence")


def report_to_json(report: Report) -> str:
    """The parsed report without its text (stored beside it); corrections are kept elsewhere."""
    d: dict[str, Any] = {f.name: getattr(report, f.name) for f in fields(report) if f.name not in ("text", "cells")}
    d["cell_fields"] = list(_CELL_FIELDS)
    d["cells"] = {k: [getattr(c, f) for f in _CELL_FIELDS] for k, c in report.cells.items()}
    return json.dumps(d, ensure_ascii=False, separators=(",", ":"), default=str)


def report_from_json(parsed: str, text: str) -> Report:
    d = json.loads(parsed)
    names = d.pop("cell_fields", list(_CELL_FIELDS))
    cell_names = {f.name for f in fields(Cell)}
    cells = {}
    for key, values in d.pop("cells", {}).items():
        kw = {n: v for n, v in zip(names, values, strict=False) if n in cell_names}
        for name in ("span", "box"):
            if kw.get(name) is not None:
                kw[name] = tuple(kw[name])
        cells[key] = Cell(key, **kw)
    known = {f.name for f in fields(Report)} - {"text", "cells"}
    kw = {k: _restore(k, v) for k, v in d.items() if k in known}
    return Report(text=text, cells=cells, **kw)


def _restore(name: str, v: Any) -> Any:
    if name.endswith("span") and isinstance(v, list):
        return tuple(v)
    if name == "sections" and isinstance(v, dict):
        return {k: tuple(s) for k, s in v.items()}
    return v


# -- the lock -------------------------------------------------------------------------------------

class WorkspaceLock:
    """An OS lock on `<workspace>.lock`, holding who owns it (pid, host, since when).

    The operating system releases the lock when its process ends in any way (exit, crash, SIGKILL,
    power cut), so a lock left by a dead instance is stale by construction and simply taken over.
    """

    def __init__(self, db_path: Path) -> None:
        self.path = db_path.with_name(db_path.name + ".lock")
        self._fd: int | None = None

    def acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        if not _try_lock(fd):
            holder = _describe_holder(fd)
            os.close(fd)
            raise WorkspaceLocked(f"工作区正被另一个年报审核台使用（{holder}），请先关闭它，"
                                  f"或用 --workspace 选择另一个工作区：{self.path.with_suffix('')}")
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": datetime.now().isoformat(timespec="seconds")}
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, json.dumps(info).encode().ljust(256))  # padded: the locked byte range stays inside the file
        os.fsync(fd)
        self._fd = fd

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        _unlock(fd)
        os.close(fd)


def _describe_holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        info = json.loads(os.read(fd, 4096).decode().strip() or "{}")
    except (OSError, ValueError):
        info = {}
    parts = [f"进程 {info['pid']}" if "pid" in info else "",
             f"主机 {info['host']}" if "host" in info else "",
             f"自 {info['since'].replace('T', ' ')} 起" if "since" in info else ""]
    return "，".join(p for p in parts if p) or "另一个进程"


if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass
else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # per open file: a second open in this process conflicts too
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
