"""The volumes of a split archive: one workbook of report sheets per 地区, written here or in worker processes.

The summary workbook is filled in the exporting process as reports come; each volume's reports are handed
to a `VolumeWriter`, which writes the volume's workbook at once in this process or, with workers, sends
the reviewed reports (pickled) to a process pool and goes on with the next region. At most two volumes
per worker wait, and a volume holds at most MAX_VOLUME reports (a larger region continues in another
workbook), so memory stays bounded. A volume's bytes do not depend on where it was written.
"""
from __future__ import annotations

import multiprocessing
import os
import re
import sys
from collections import deque
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from ..state import STATUS_RETURNED, STATUS_SIGNED, ReviewedReport
from .report_sheet import write_report_sheet
from .stream import discard, new_workbook, write_to
from .workbook import EPOCH, item_time, stamp

NO_REGION = "未识别机关"
MAX_VOLUME = 500  # reports in one volume workbook (an office desktop opens it); a larger region goes on in the next
PARALLEL_FROM = 400  # exports this large write their volumes in worker processes (start-up about a second)


@dataclass
class Volume:
    """One volume's file and label and what it holds (for 分册目录)."""

    file: str
    label: str
    items: int = 0
    errors: int = 0
    warnings: int = 0
    signed: int = 0
    returned: int = 0
    first: str = ""
    last: str = ""
    time: datetime = EPOCH
    entries: list[tuple[ReviewedReport, str]] = field(default_factory=list)  # waiting for a worker

    def add(self, item: ReviewedReport, sheet: str) -> None:
        counts = item.counts()
        self.items += 1
        self.errors += counts["error"]
        self.warnings += counts["warning"]
        self.signed += item.status == STATUS_SIGNED
        self.returned += item.status == STATUS_RETURNED
        self.first = self.first or sheet
        self.last = sheet
        self.time = max(self.time, item_time(item) or EPOCH)

    @property
    def full(self) -> bool:
        return self.items >= MAX_VOLUME


def volume_file(label: str, taken: set[str]) -> str:
    """A file name for a volume: the region's (or agency's) name without characters file systems refuse,
    unique regardless of case."""
    base = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "", label).strip().strip(".") or NO_REGION
    base = base[:80]
    name, n = base, 1
    while name.lower() in taken:
        n += 1
        name = f"{base}（{n}）"
    taken.add(name.lower())
    return f"{name}.xlsx"


def write_volume(path: Path, entries: list[tuple[ReviewedReport, str]], when: datetime) -> int:
    """Write a volume workbook: each report's sheet under its name; the number of sheets."""
    wb = new_workbook()
    try:
        for item, name in entries:
            write_report_sheet(wb, name, item)
        stamp(wb, when)
        write_to(wb, path)
    except BaseException:
        discard(wb)
        raise
    return len(entries)


class VolumeWriter:
    """Writes the volumes of one export in order of hand-over: here, sheet by sheet as reports come
    (workers=0), or whole volumes in `workers` processes. `written` counts the reports whose sheets are
    written; errors of a worker are raised here (by add, end or finish)."""

    def __init__(self, folder: Path, workers: int) -> None:
        self.folder = folder
        self.pool = _pool(workers) if workers > 0 else None
        self.limit = 2 * workers
        self.pending: deque[Future] = deque()
        self.written = 0
        self.wb: Workbook | None = None

    def add(self, volume: Volume, item: ReviewedReport, name: str) -> None:
        volume.add(item, name)
        if self.pool is not None:
            volume.entries.append((item, name))
            return
        if self.wb is None:
            self.wb = new_workbook()
        write_report_sheet(self.wb, name, item)
        self.written += 1

    def end(self, volume: Volume) -> None:
        """The volume holds all its reports: write it (or queue it for a worker)."""
        path = self.folder / volume.file
        if self.pool is None:
            wb, self.wb = self.wb or new_workbook(), None
            try:
                stamp(wb, volume.time)
                write_to(wb, path)
            except BaseException:
                discard(wb)
                raise
            return
        while len(self.pending) >= self.limit:
            self.written += self.pending.popleft().result()
        entries, volume.entries = volume.entries, []
        self.pending.append(self.pool.submit(write_volume, path, entries, volume.time))

    def poll(self) -> None:
        """Count the volumes the workers have finished (in order)."""
        while self.pending and self.pending[0].done():
            self.written += self.pending.popleft().result()

    def finish(self) -> None:
        """Wait until every volume is written."""
        while self.pending:
            self.written += self.pending.popleft().result()

    def close(self) -> None:
        """Stop: unwritten volumes are dropped (the caller removes the folder), the workers end."""
        if self.wb is not None:
            discard(self.wb)
            self.wb = None
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


def default_workers(reports: int) -> int:
    """Worker processes for an export of this many reports: two from PARALLEL_FROM (one per core on the
    office desktops of two to four cores; the exporting process writes the summary meanwhile)."""
    if reports < PARALLEL_FROM or getattr(sys, "frozen", False):
        return 0  # a bundled executable would start itself again as the worker
    return min(2, os.cpu_count() or 1)


def _pool(workers: int) -> Executor | None:
    """A process pool for the volumes, or None where processes cannot be started (then write here)."""
    try:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
    except (OSError, ValueError, NotImplementedError):
        return None
