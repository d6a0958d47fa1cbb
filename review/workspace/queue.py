"""The batch queue: one row per report from the cached review summary, without loading the reports."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from .replay import Replay
from .store import Row, Store

_NAMES = ("id", "file_name", "agency", "year", "template", "file_format", "status", "open_errors", "open_warnings",
          "imported_at", "replaces", "removed")
_COLUMNS = ", ".join(_NAMES[:-1]) + ", removed_at IS NOT NULL AS removed"


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
    replaces: int | None = None  # the earlier version of the agency-year this report replaces (a resubmission)
    removed: bool = False  # taken out of the workspace (soft delete, restorable)
    assignee: str = ""  # the reviewer it is assigned to in advance ('' when nobody)

    @property
    def format_label(self) -> str:
        """e.g. 2021年版 · TXT."""
        t = f"{self.template}年版" if self.template else "格式未识别"
        return f"{t} · {self.file_format}"


class Queue:
    """Reads the queue rows (reports removed from the workspace left out); a summary marked stale
    (NULL status) is recomputed first."""

    def __init__(self, store: Store, replay: Replay, assignments: Callable[[], dict[int, str]] = dict) -> None:
        self.store = store
        self.replay = replay
        self.assignments = assignments  # report id → assigned reviewer (review.office.store.Office.assignments)

    def rows(self, include_removed: bool = False) -> list[QueueRow]:
        """Every version of every report (a resubmission's older versions too: QueueRow.replaces links them);
        the removed ones only when asked."""
        where = "" if include_removed else " WHERE removed_at IS NULL"
        self.replay.refresh_stale()  # without the lock: the summaries are stored under a version guard
        rows = self.store.query(f"SELECT {_COLUMNS} FROM reports{where} ORDER BY id")
        assigned = self.assignments()
        return [_queue_row(r, assigned.get(r["id"], "")) for r in rows]

    def row(self, report_id: int) -> QueueRow:
        if self.replay.row(report_id, "status")["status"] is None:
            self.replay.load(report_id)
        return _queue_row(self.replay.row(report_id, _COLUMNS), self.assignments().get(report_id, ""))


def _queue_row(row: Row, assignee: str = "") -> QueueRow:
    values = [row[name] for name in _NAMES]
    values[-1] = bool(values[-1])
    queued = QueueRow(*values)
    return replace(queued, assignee=assignee) if assignee else queued
