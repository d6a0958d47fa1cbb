"""The workspace: one SQLite file holding a batch under review, so that nothing is ever lost.

It keeps each imported report's original bytes and SHA-256, the parsed report (as JSON, so it reloads
without reparsing and a parser upgrade never silently changes what a reviewer saw and signed), and
append-only logs of corrections, decisions on findings and sign-offs. Every change is committed when
it is made (WAL, synchronous=FULL). One process at a time: a second instance is refused (see
workspace_schema.WorkspaceLock). Methods may be called from several threads (one connection, one lock).
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from parser.model import Report

from .audit import (
    CORRECTION,
    DECISION,
    HEADER_CELLS,
    IMPORT,
    REOPEN,
    SIGNOFF,
    UNDO,
    WITHDRAWN,
    AuditEntry,
)
from .findings import CANNOT_ASSESS, WARNING, Finding
from .signoff import SignOffRefused, signed_hash
from .state import RETURNED, Decision, ReviewedReport, SignOff
from .workspace_changes import Reviewing
from .workspace_import import Importing, ImportResult, ProgressCallback
from .workspace_schema import WorkspaceError, WorkspaceLock, WorkspaceLocked, migrate, report_from_json, report_to_json

__all__ = ["Workspace", "WorkspaceError", "WorkspaceLocked", "SignOffRefused", "QueueRow", "ImportResult",
           "ProgressCallback", "default_path", "report_to_json", "report_from_json"]

APP_NAME = "nianbao-shenhetai"
# what rebuilding a report needs (not the original bytes: megabytes for a batch, read only when checked)
_REPORT_COLUMNS = "id, sha256, file_name, agency, year, template, text, parsed, status, open_errors, open_warnings"
_REPORTED: set[str] = set()  # rule crashes already printed (once each)
Checker = Callable[[Report, Report | None], list[Finding]]


def default_path() -> Path:
    """The default workspace in the user's data directory."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "workspace.sqlite"


def rules_check(report: Report, previous: Report | None) -> list[Finding]:
    """review.rules.check, imported lazily; no findings while that module does not exist yet."""
    import importlib

    try:
        rules = importlib.import_module(f"{__package__}.rules")
    except ModuleNotFoundError as e:
        if e.name == f"{__package__}.rules":
            return []
        raise
    check = getattr(rules, "check", None)
    return [] if check is None else list(check(report, previous))


@dataclass(frozen=True)
class QueueRow:
    """One report in the batch queue (from the cached summary, without loading the report)."""

    report_id: int
    file_name: str
    agency: str | None
    year: int | None
    template: str | None
    file_format: str
    status: str
    errors: int
    warnings: int
    imported_at: str

    @property
    def format_label(self) -> str:
        """e.g. 2021年版 · TXT."""
        t = f"{self.template}年版" if self.template else "格式未识别"
        return f"{t} · {self.file_format}"


class Workspace(Importing, Reviewing):
    """A batch under review in one SQLite file (reports, corrections, decisions, sign-offs); closed by close()."""

    def __init__(self, path: str | Path | None = None, *, check: Checker | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        if self.path.is_dir():
            raise WorkspaceError(f"工作区应是一个文件，这里却是文件夹：{self.path}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._lock = WorkspaceLock(self.path)
            self._lock.acquire()
        except OSError as e:
            raise WorkspaceError(f"无法在此处创建工作区：{self.path}（{e.strerror or e}）") from None
        try:
            self._conn = self._connect()
        except BaseException:
            self._lock.release()
            raise
        self._mutex = threading.RLock()
        self._check = check or rules_check
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

    # -- lifetime ----------------------------------------------------------------------------------

    def close(self) -> None:
        with self._mutex:
            if self._closed:
                return
            self._closed = True
            self._conn.close()
            self._lock.release()

    @property
    def closed(self) -> bool:
        return self._closed

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._mutex:
            if self._closed:
                raise WorkspaceError("工作区已关闭")
            try:
                self._conn.execute("BEGIN IMMEDIATE")
                try:
                    yield self._conn
                    self._conn.execute("COMMIT")
                except BaseException:
                    if self._conn.in_transaction:  # SQLite may have rolled back already (disk full)
                        self._conn.execute("ROLLBACK")
                    raise
            except sqlite3.IntegrityError:
                raise  # a constraint: the caller decides (e.g. the same bytes imported meanwhile)
            except sqlite3.Error as e:  # disk full, read-only medium, I/O error: nothing half-written
                raise WorkspaceError(f"无法写入工作区（{e}）：{self.path}；之前的更改都已保存") from e

    def _q(self, sql: str, params: Iterable[Any] = ()) -> list[sqlite3.Row]:
        with self._mutex:
            if self._closed:
                raise WorkspaceError("工作区已关闭")
            return self._conn.execute(sql, tuple(params)).fetchall()

    # -- reading -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self._q("SELECT count(*) FROM reports")[0][0]

    def report_ids(self) -> list[int]:
        return [r[0] for r in self._q("SELECT id FROM reports ORDER BY id")]

    def original(self, report_id: int) -> tuple[str, bytes]:
        """(file name, original bytes) of an imported report."""
        row = self._row(report_id, "file_name, data")
        return row["file_name"], bytes(row["data"])

    def load(self, report_id: int) -> ReviewedReport:
        """The reviewed state of one report: values after correction, findings re-run, decisions, sign-off."""
        with self._mutex:
            return self._reviewed([self._row(report_id)])[0]

    def reviewed_reports(self) -> list[ReviewedReport]:
        """Every report of the workspace in its reviewed state, ordered by agency, year and import."""
        with self._mutex:
            rows = self._q(f"SELECT {_REPORT_COLUMNS} FROM reports ORDER BY agency IS NULL, agency, year, id")
            return self._reviewed(rows)

    def queue(self) -> list[QueueRow]:
        """The batch queue: one row per report, from the cached review summary (computed when missing)."""
        with self._mutex:
            self._refresh_stale()
            rows = self._q("SELECT id, file_name, agency, year, template, file_format, status, open_errors,"
                           " open_warnings, imported_at FROM reports ORDER BY id")
        return [QueueRow(*r) for r in rows]

    def queue_row(self, report_id: int) -> QueueRow:
        """The batch-queue row of one report (after a change to it)."""
        with self._mutex:
            if self._row(report_id, "status")["status"] is None:
                self.load(report_id)
            return QueueRow(*self._row(report_id, "id, file_name, agency, year, template, file_format, status,"
                                                  " open_errors, open_warnings, imported_at"))

    def audit_log(self, report_id: int) -> list[AuditEntry]:
        """Everything that happened to a report, oldest first."""
        with self._mutex:
            row = self._row(report_id, "file_name, origin, imported_at")
            first = self._q("SELECT min(id) FROM journal WHERE report_id = ? AND kind = ?", (report_id, IMPORT))[0][0]
            entries = [AuditEntry(row["imported_at"], IMPORT, reason=f"导入文件 {row['file_name']}（{row['origin']}）",
                                  entry_id=first or 0)]
            for r in self._q("SELECT * FROM corrections WHERE report_id = ? ORDER BY id", (report_id,)):
                entries.append(AuditEntry(r["time"], UNDO if r["reverts"] else CORRECTION, r["reviewer"], r["cell"],
                                          json.loads(r["old"]), json.loads(r["new"]), r["reason"],
                                          entry_id=r["id"], reverts=r["reverts"]))
            for r in self._q("SELECT * FROM decisions WHERE report_id = ? ORDER BY id", (report_id,)):
                entries.append(AuditEntry(r["time"], DECISION, r["reviewer"], reason=r["reason"],
                                          finding_id=r["finding_id"], action=r["action"], entry_id=r["id"]))
            for r in self._q("SELECT * FROM signoffs WHERE report_id = ? ORDER BY id", (report_id,)):
                entries.append(AuditEntry(r["time"], SIGNOFF if r["event"] == "signoff" else REOPEN, r["reviewer"],
                                          reason=r["reason"], action=r["outcome"], entry_id=r["id"]))
        return sorted(entries, key=AuditEntry.sort_key)

    def setting(self, key: str, default: str | None = None) -> str | None:
        rows = self._q("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0][0] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self._tx() as c:
            c.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                      " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    # -- internals ---------------------------------------------------------------------------------

    def _row(self, report_id: int, columns: str = "") -> sqlite3.Row:
        columns = columns or _REPORT_COLUMNS
        rows = self._q(f"SELECT {columns} FROM reports WHERE id = ?", (report_id,))
        if not rows:
            raise WorkspaceError(f"工作区中没有编号为 {report_id} 的报告")
        return rows[0]

    def _editable_row(self, report_id: int) -> sqlite3.Row:
        row = self._row(report_id)
        last = self._q("SELECT event, outcome FROM signoffs WHERE report_id = ? ORDER BY id DESC LIMIT 1", (report_id,))
        if last and last[0]["event"] == "signoff":
            done = "已退回" if last[0]["outcome"] == RETURNED else "已签发"
            raise WorkspaceError(f"报告{done}，处于只读状态；如需修改请先重新打开")
        return row

    def _corrections_of(self, ids: list[int]) -> dict[int, list[sqlite3.Row]]:
        out: dict[int, list[sqlite3.Row]] = {}
        for r in self._in("SELECT * FROM corrections WHERE report_id IN ({}) ORDER BY id", ids):
            out.setdefault(r["report_id"], []).append(r)
        return out

    def _in(self, sql: str, ids: list[int]) -> list[sqlite3.Row]:
        out: list[sqlite3.Row] = []
        for i in range(0, len(ids), 500):
            chunk = ids[i:i + 500]
            out += self._q(sql.format(",".join("?" * len(chunk))), chunk)
        return out

    @staticmethod
    def _corrected(row: sqlite3.Row, corrections: list[sqlite3.Row]) -> Report:
        report = report_from_json(row["parsed"], row["text"])
        for c in corrections:
            if c["cell"] in HEADER_CELLS:
                _set_header(report, HEADER_CELLS[c["cell"]], json.loads(c["new"]))
                continue
            cell = report.cells.get(c["cell"])
            if cell is not None:
                cell.correct(json.loads(c["new"]), c["reviewer"], c["reason"], c["time"])
        return report

    def _previous_report(self, agency: str | None, year: int | None) -> Report | None:
        if not agency or year is None:
            return None
        rows = self._q(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE agency = ? AND year = ? ORDER BY id DESC LIMIT 1",
                       (agency, year - 1))
        if not rows:
            return None
        return self._corrected(rows[0], self._corrections_of([rows[0]["id"]]).get(rows[0]["id"], []))

    def _refresh_next_year(self, agency: str | None, year: int | None) -> None:
        """The same agency's next-year report runs the years.* rules against this one: refresh its summary."""
        if agency and year is not None:
            rows = self._q(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE agency = ? AND year = ?", (agency, year + 1))
            if rows:
                self._reviewed(rows)

    def _refresh_stale(self) -> None:
        """Recompute the queue summaries marked stale (NULL status), e.g. after a previous year arrived."""
        with self._mutex:
            stale = [r["id"] for r in self._q("SELECT id FROM reports WHERE status IS NULL")]
        for i in range(0, len(stale), 20):  # in small steps: other threads get the workspace in between
            with self._mutex:
                self._reviewed(self._in(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id IN ({{}})", stale[i:i + 20]))

    def _run_rules(self, report: Report, previous: Report | None) -> list[Finding]:
        try:
            return self._check(report, previous)
        except Exception as e:  # a broken rule must not lose the review; say so as a finding
            message = f"审核规则运行出错：{e.__class__.__name__}: {e}"
            if message not in _REPORTED:
                _REPORTED.add(message)
                print(message, file=sys.stderr)
            return [Finding("rules.crashed", WARNING, CANNOT_ASSESS, (),
                            f"审核规则运行出错，本报告的检查结果不完整（{e.__class__.__name__}：{e}）")]

    def _reviewed(self, rows: list[sqlite3.Row]) -> list[ReviewedReport]:
        """Rebuild the reviewed state of these reports and store their queue summaries."""
        ids = [r["id"] for r in rows]
        corrections = self._corrections_of(ids)
        decisions: dict[int, dict[str, Decision]] = {}
        for r in self._in("SELECT * FROM decisions WHERE report_id IN ({}) ORDER BY id", ids):
            of_report = decisions.setdefault(r["report_id"], {})
            if r["action"] == WITHDRAWN:
                of_report.pop(r["finding_id"], None)
            else:
                of_report[r["finding_id"]] = Decision(r["finding_id"], r["action"], r["reason"], r["reviewer"],
                                                      r["time"])
        last_sign: dict[int, sqlite3.Row] = {}
        for r in self._in("SELECT * FROM signoffs WHERE report_id IN ({}) ORDER BY id", ids):
            last_sign[r["report_id"]] = r
        reports = {r["id"]: self._corrected(r, corrections.get(r["id"], [])) for r in rows}
        latest = {(r["agency"], r["year"]): r["id"] for r in sorted(rows, key=lambda r: r["id"])}
        out, summaries = [], []
        for row in rows:
            report = reports[row["id"]]
            prev_key = (row["agency"], row["year"] - 1 if row["year"] is not None else None)
            if not row["agency"] or row["year"] is None:
                previous = None
            elif prev_key in latest:
                previous = reports[latest[prev_key]]
            else:
                previous = self._previous_report(row["agency"], row["year"])
            s = last_sign.get(row["id"])
            signoff = None
            if s is not None and s["event"] == "signoff":
                signoff = SignOff(s["outcome"], s["reviewer"], s["reason"], s["values_hash"], s["time"])
            reviewed = ReviewedReport(report, self._run_rules(report, previous), decisions.get(row["id"], {}),
                                      signoff, report_id=row["id"])
            if signoff is not None:
                data = self._q("SELECT data FROM reports WHERE id = ?", (row["id"],))[0]["data"]
                tampered_bytes = hashlib.sha256(bytes(data)).hexdigest() != row["sha256"]
                reviewed.hash_mismatch = tampered_bytes or signed_hash(report, row["sha256"], replace(
                    signoff, values_hash="")) != signoff.values_hash
            out.append(reviewed)
            summary = (reviewed.status, *reviewed.counts().values())
            if (row["status"], row["open_errors"], row["open_warnings"]) != summary:
                summaries.append((*summary, row["id"]))
        if summaries:
            try:
                with self._tx() as c:
                    c.executemany("UPDATE reports SET status = ?, open_errors = ?, open_warnings = ? WHERE id = ?",
                                  summaries)
            except WorkspaceError:
                pass  # only the queue's cache: reading must work where the file cannot be written
        return out


def _set_header(report: Report, field: str, value: Any) -> None:
    """Apply a header correction; a new format version gets its cells (missing), the old ones stay."""
    from parser.model import MISSING, Cell
    from parser.template import versions

    setattr(report, field, value)
    if field == "template" and value in versions():
        for key in versions()[value].cell_keys():
            report.cells.setdefault(key, Cell(key, None, "", None, MISSING))
