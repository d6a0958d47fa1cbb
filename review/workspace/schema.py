"""The workspace file's SQLite schema and its migrations.

Schema history (PRAGMA user_version):
  1  reports (original bytes, hash, parsed report), corrections, decisions, signoffs, settings, and
     the journal whose ids order every event; the logs are append-only (triggers refuse UPDATE, DELETE).
  2  review summary cached on each report for the batch queue (status, open error and warning
     counts), the file format, and an index for finding the same agency's previous year.
  3  the office's year: the roster of agencies expected to report and their aliases (from the roster
     or a reviewer's link), the append-only office log auditing every change to them, a report's
     link to the one it replaces (resubmission) and its removal time (soft delete), the overview
     figures cached beside the review summary, and an index by year.
  4  `reverts` on decisions and sign-off events too: every undo names the entry it reverts.
  5  indexes that keep the year's status and the queue off the reports' large columns: a covering
     index of the summary (the original bytes and text come before it in each row, so reading the
     summary from the table walks megabytes), and one on `replaces` for the current versions.
  6  `batch` on corrections: the cells changed in one step (a fill, a paste, 全部置 0, an accepted
     suggestion) share the id of the step's first correction, so the audit log shows the step as one
     entry with one reason; NULL for a step that changed one cell.
  7  `reviewer` on the journal: who imported a report (the name the reviewer gave, as on every other
     audit row); '' for reports imported before.

A workspace written by an older version is migrated step by step, each step in one transaction,
after a backup copy of the file is made; nothing is ever dropped. A newer workspace is refused.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from .codec import file_format
from .errors import WorkspaceError

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


def _v3(conn: sqlite3.Connection) -> None:
    _script(conn, """
    CREATE TABLE roster (
        agency TEXT PRIMARY KEY,
        region TEXT NOT NULL DEFAULT '',
        level TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL           -- the order of the roster file
    );
    CREATE TABLE aliases (
        alias TEXT PRIMARY KEY,             -- as written (identity folds it when matching)
        agency TEXT NOT NULL,
        source TEXT NOT NULL                -- 'roster' or 'link' (a reviewer linked a report's name)
    );
    CREATE TABLE office_log (               -- every change to roster, aliases and report links
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        report_id INTEGER REFERENCES reports(id),
        agency TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '',
        reviewer TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL DEFAULT '',
        time TEXT NOT NULL
    );
    CREATE INDEX office_log_report ON office_log(report_id, id);
    ALTER TABLE reports ADD COLUMN replaces INTEGER REFERENCES reports(id);
    ALTER TABLE reports ADD COLUMN removed_at TEXT;
    ALTER TABLE reports ADD COLUMN figures TEXT;          -- JSON cache for the overview: open rules, main figures
    CREATE INDEX reports_year ON reports(year);
    """ + _APPEND_ONLY.format(t="office_log"))


def _v4(conn: sqlite3.Connection) -> None:
    _script(conn, """
    ALTER TABLE decisions ADD COLUMN reverts INTEGER REFERENCES decisions(id);  -- set when it undoes one
    ALTER TABLE signoffs ADD COLUMN reverts INTEGER REFERENCES signoffs(id);
    """)


def _v5(conn: sqlite3.Connection) -> None:
    _script(conn, """
    CREATE INDEX reports_replaces ON reports(replaces);
    CREATE INDEX reports_summary ON reports(removed_at, year, agency, status, open_errors, open_warnings, imported_at,
                                            file_name, template, file_format, replaces, figures);
    """)


def _v6(conn: sqlite3.Connection) -> None:
    _script(conn, """
    ALTER TABLE corrections ADD COLUMN batch INTEGER;  -- the first correction of a multi-cell step
    """)


def _v7(conn: sqlite3.Connection) -> None:
    _script(conn, """
    ALTER TABLE journal ADD COLUMN reviewer TEXT NOT NULL DEFAULT '';  -- who imported (kind 'import')
    """)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2, 3: _v3, 4: _v4, 5: _v5, 6: _v6,
                                                               7: _v7}
SCHEMA_VERSION = max(MIGRATIONS)


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


