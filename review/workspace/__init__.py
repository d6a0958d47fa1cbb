"""The workspace: one file holding a batch under review, so that nothing is ever lost.

It keeps each imported report's original bytes and SHA-256, the parsed report (as JSON, so it reloads
without reparsing and a parser upgrade never silently changes what a reviewer saw and signed), and
append-only logs of corrections, decisions on findings and sign-offs. Every change is committed when
it is made. One process at a time: a second instance is refused (lock.WorkspaceLock). Methods may be
called from several threads.

`Workspace` is a facade over parts that each do one thing, composed around one store:

    store.Store     the storage seam: sqlite.SQLiteStore (schema.py its migrations) or, for a shared
                    workspace on a server, postgres.PostgresStore (postgres_schema.py); open_store picks
    replay.Replay   the reviewed state: parsed report + logs replayed + rules re-run
    journal.Journal corrections, undo, decisions, sign-off, reopening; the audit log
    importer        report files in: bytes, duplicates, parsing (in worker processes for batches)
    queue.Queue     the batch queue rows from the cached summaries
    codec           report ↔ JSON
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from parser.model import Correction, Report

from ..audit import AuditEntry
from ..findings import Finding
from ..office.store import Office
from ..signoff import SignOffRefused
from ..state import Decision, ReviewedReport, SignOff
from .codec import report_from_json, report_to_json
from .errors import WorkspaceError, WorkspaceLocked
from .importer import Importer, ImportResult, ProgressCallback
from .journal import Journal, ReportJournal
from .queue import Queue, QueueRow
from .replay import REPORT_COLUMNS, Checker, Replay
from .sqlite import SQLiteStore
from .store import Store

__all__ = ["Workspace", "open_store", "is_server_location",
           "WorkspaceError", "WorkspaceLocked", "SignOffRefused", "QueueRow", "ImportResult",
           "ProgressCallback", "Store", "default_path", "report_to_json", "report_from_json"]

APP_NAME = "nianbao-shenhetai"


def default_path() -> Path:
    """The default workspace in the user's data directory."""
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)) / "workspace.sqlite"


SERVER_SCHEMES = ("postgresql://", "postgres://")


def is_server_location(location: object) -> bool:
    """True for a PostgreSQL URL (a shared workspace on a server), False for a file path."""
    return isinstance(location, str) and location.startswith(SERVER_SCHEMES)


def open_store(location: str | Path | None) -> Store:
    """The store at a location: a `postgresql://…` URL (an office's server, review.workspace.postgres), else an
    SQLite file (default: in the user's data directory). The one place that tells the backends apart."""
    if is_server_location(location):
        from .postgres import PostgresStore

        return PostgresStore(str(location))
    path = Path(location) if location is not None else default_path()
    if path.is_dir():
        raise WorkspaceError(f"工作区应是一个文件，这里却是文件夹：{path}")
    return SQLiteStore(path)


class Workspace:
    """A batch under review in one file (reports, corrections, decisions, sign-offs); closed by close()."""

    def __init__(self, path: str | Path | None = None, *, check: Checker | None = None) -> None:
        self.store: Store = open_store(path)
        self.path: Path | str = self.store.path  # the file, or the server's URL without its password
        self.migrated_from = self.store.migrated_from
        self.replay = Replay(self.store, check)
        self.office = Office(self.store)  # roster, aliases, removal and resubmission (review.office)
        self.replay.identity_of = self.office.identity
        self.journal = Journal(self.store, self.replay)
        self.importer = Importer(self.store, self.replay, self.office.link_new_version)
        self._queue = Queue(self.store, self.replay, self.office.assignments)

    # -- lifetime ----------------------------------------------------------------------------------

    def close(self) -> None:
        self.store.close()

    @property
    def closed(self) -> bool:
        return self.store.closed

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -----------------------------------------------------------------------------------

    def __len__(self) -> int:
        return self.store.query("SELECT count(*) AS n FROM reports")[0]["n"]

    def report_ids(self) -> list[int]:
        return [r["id"] for r in self.store.query("SELECT id FROM reports ORDER BY id")]

    def reports_with_hashes(self, hashes: set[str]) -> list[int]:
        """The reports (not removed) whose original bytes have one of these SHA-256 hashes."""
        if not hashes:
            return []
        marks = ", ".join("?" * len(hashes))
        return [r["id"] for r in self.store.query(
            f"SELECT id FROM reports WHERE sha256 IN ({marks}) AND removed_at IS NULL ORDER BY id", tuple(hashes))]

    def original(self, report_id: int) -> tuple[str, bytes]:
        """(file name, original bytes) of an imported report."""
        row = self.replay.row(report_id, "file_name, data")
        return row["file_name"], bytes(row["data"])

    def load(self, report_id: int) -> ReviewedReport:
        """The reviewed state of one report: values after correction, findings re-run, decisions, sign-off."""
        return self.replay.load(report_id)

    def reviewed_reports(self) -> list[ReviewedReport]:
        """Every report of the workspace in its reviewed state, ordered by agency, year and import."""
        rows = self.store.query(f"SELECT {REPORT_COLUMNS} FROM reports ORDER BY agency IS NULL, agency, year, id")
        return self.replay.reviewed(rows)

    def reviewed_of(self, report_ids: list[int]) -> list[ReviewedReport]:
        """These reports in their reviewed state, in the order given (a large workspace is read in batches)."""
        order = {rid: i for i, rid in enumerate(report_ids)}
        rows = self.store.query_in(f"SELECT {REPORT_COLUMNS} FROM reports WHERE id IN ({{}})", list(order))
        return self.replay.reviewed(sorted(rows, key=lambda r: order[r["id"]]))

    def queue(self, include_removed: bool = False) -> list[QueueRow]:
        """The batch queue: one row per report, from the cached review summary (computed when missing)."""
        return self._queue.rows(include_removed)

    def queue_row(self, report_id: int) -> QueueRow:
        """The batch-queue row of one report (after a change to it)."""
        return self._queue.row(report_id)

    def audit_log(self, report_id: int) -> list[AuditEntry]:
        """Everything that happened to a report, oldest first (the office's events on it included: each
        placed after the last journal event that came before it)."""
        entries = self.journal.audit_log(report_id)
        office = self.office.log(report_id)
        if not office:
            return entries
        times = [(e.time, e.entry_id) for e in entries]
        for o in office:
            before = max((i for t, i in times if t <= o.time), default=0)
            entries.append(AuditEntry(o.time, o.kind, o.reviewer, reason=o.reason, action=o.detail, entry_id=before))
        return sorted(entries, key=AuditEntry.sort_key)

    def rules_for(self, report_id: int) -> Callable[[Report], list[Finding]]:
        """The rules with this report's previous year bound (for a window that re-runs them after each edit)."""
        return self.replay.rules_for(report_id)

    def claim(self, report_id: int, reviewer: str) -> str | None:
        """Mark a report as being edited here (on a shared workspace); None when it is ours, else the name
        of the reviewer editing it in another program (the window then opens it read-only)."""
        return self.store.claim(report_id, reviewer)

    def release(self, report_id: int) -> None:
        """This program no longer edits the report (also released when the program ends in any way)."""
        self.store.release(report_id)

    def change_stamp(self) -> tuple[int, int]:
        """Changes whenever any client records an event (import, correction, decision, sign-off, roster or
        report change): a window on a shared workspace polls it to refresh its queue when others work."""
        row = self.store.query("SELECT (SELECT coalesce(max(id), 0) FROM journal) AS j,"
                               " (SELECT coalesce(max(id), 0) FROM office_log) AS o")[0]
        return int(row["j"]), int(row["o"])

    def setting(self, key: str, default: str | None = None) -> str | None:
        rows = self.store.query("SELECT value FROM settings WHERE key = ?", (key,))
        return rows[0]["value"] if rows else default

    def set_setting(self, key: str, value: str) -> None:
        with self.store.transaction() as tx:
            tx.execute("INSERT INTO settings (key, value) VALUES (?, ?)"
                       " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))

    @property
    def reviewer(self) -> str:
        """The name of the reviewer using this workspace, recorded on what has no reviewer argument (an
        import's audit row); the window sets it to the name given once, the CLI from --reviewer."""
        return self.importer.reviewer

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self.importer.reviewer = name.strip()

    # -- importing ---------------------------------------------------------------------------------

    def import_file(self, path: str | Path, *, refresh: bool = True) -> tuple[int, bool]:
        """Add one report file; returns (report id, added); see importer.Importer.import_file."""
        return self.importer.import_file(path, refresh=refresh)

    def import_paths(self, paths: Any, progress_callback: ProgressCallback | None = None, cancel_flag: Any = None,
                     workers: int | None = 0, nice: int = 0) -> ImportResult:
        """Import files and the report files inside folders; see importer.Importer.import_paths."""
        return self.importer.import_paths(paths, progress_callback, cancel_flag, workers, nice)

    # -- changing (see journal.Journal) --------------------------------------------------------------

    def journal_for(self, report_id: int) -> ReportJournal:
        """The journal of one report, for review.commands (every edit committed at once)."""
        self.replay.row(report_id, "id")  # WorkspaceError when there is no such report
        return ReportJournal(self.journal, report_id)

    def record_correction(self, report_id: int, correction: Correction, reverts: int | None = None) -> int:
        return self.journal.record_correction(report_id, correction, reverts)

    def record_corrections(self, report_id: int, corrections: list[Correction],
                           reverts: list[int | None] | None = None) -> list[int]:
        return self.journal.record_corrections(report_id, corrections, reverts)

    def record_header(self, report_id: int, field: str, new: str | int | None, reviewer: str, reason: str = "", *,
                      old: Any = ..., time: str | None = None, reverts: int | None = None) -> int:
        return self.journal.record_header(report_id, field, new, reviewer, reason, old=old, time=time,
                                          reverts=reverts)

    def undo_correction(self, report_id: int, correction_id: int, reviewer: str, reason: str = "") -> int:
        return self.journal.undo_correction(report_id, correction_id, reviewer, reason)

    def undo_corrections(self, report_id: int, correction_ids: list[int], reviewer: str, reason: str = "") -> list[int]:
        return self.journal.undo_corrections(report_id, correction_ids, reviewer, reason)

    def record_decision(self, report_id: int, decision: Decision, reverts: int | None = None) -> int:
        return self.journal.record_decision(report_id, decision, reverts)

    def withdraw_decision(self, report_id: int, finding_id: str, reviewer: str, reason: str = "",
                          reverts: int | None = None) -> int:
        return self.journal.withdraw_decision(report_id, finding_id, reviewer, reason, reverts)

    def sign_off(self, report_id: int, signoff: SignOff, reverts: int | None = None) -> SignOff:
        return self.journal.sign_off(report_id, signoff, reverts)

    def reopen(self, report_id: int, reviewer: str, reason: str, reverts: int | None = None) -> int:
        return self.journal.reopen(report_id, reviewer, reason, reverts)
