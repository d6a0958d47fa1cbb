"""Importing report files into a workspace: read the bytes, skip what is already there, parse, store.

A batch is read by worker processes (review.workspace.reading: parse, and the rules that need no other
report) while this process only checks and writes: each file's SHA-256 against the reports already
there, the years.* rules against last year's report (found in `_Years`, an index of this import and
the workspace by agency and year), and the reports written in transactions of up to BATCH_ROWS
reports or BATCH_SECONDS. A killed import loses at most its last uncommitted transaction, which a
second import of the same files adds: every report is stored once, with its import journal entry.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import CancelledError, Executor, Future
from concurrent.futures.process import BrokenProcessPool as BrokenExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parser.model import Report
from parser.pages import PAGED_SUFFIXES

from ..audit import IMPORT
from ..figures import figures_json
from ..findings import Finding
from ..isolation import CRASHED, isolated
from ..state import ReviewedReport, now
from .codec import file_format, report_from_json
from .errors import StoreConflict
from .reading import ReadFile, read_files, worker_pool
from .replay import Replay, rules_check
from .store import Store, Transaction

ProgressCallback = Callable[[int, int, Path | None], None]


def worker_count(files: Sequence[Path], cpus: int) -> int:
    """Worker processes for reading these files: one per CPU up to MAX_WORKERS for a batch of PARALLEL_FROM
    files or more (none on a single CPU); and as soon as one of them has pages (PDF, image: a scan is read
    by OCR, seconds of CPU and the engine's few hundred MB), at least one, never more than there are such
    files, so that OCR never runs in the importing process (a window's)."""
    paged = sum(1 for f in files if f.suffix.lower() in PAGED_SUFFIXES)
    many = min(MAX_WORKERS, cpus) if cpus > 1 and len(files) >= PARALLEL_FROM else 0
    return max(many, min(MAX_WORKERS, cpus, paged), 1 if paged else 0)

PARALLEL_FROM = 16  # batches this large are read in worker processes (their start-up costs about 0.5 s)
MAX_WORKERS = 4  # the importing process keeps up with about this many (it does a tenth of the work)
BATCH_ROWS = 200  # reports per write transaction
BATCH_SECONDS = 0.5  # … or this long since the first of them was read, whichever comes first
KEPT = 2500  # reports of this import kept in memory (values, text) as last year's report for later ones
VIEWS = 64  # … of which the latest have their view built (an agency's years usually come one after another)


@dataclass
class ImportResult:
    total: int = 0
    added: list[tuple[Path, int]] = field(default_factory=list)  # (file, report id)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)  # same bytes already in the workspace
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (file, one-line Chinese reason)
    # (new report id, id of the version it replaces): an added report of an agency-year already there
    resubmissions: list[tuple[int, int]] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        s = f"新增 {len(self.added)} 份，已存在 {len(self.duplicates)} 份，无法读取 {len(self.failed)} 份"
        if self.resubmissions:
            s += f"；其中 {len(self.resubmissions)} 份是已有报告的新版本（同一机关同一年度、内容不同），已替换旧版本"
        return s + ("（已取消，其余文件未导入）" if self.cancelled else "")


def _cancelled(flag: Any) -> bool:
    if flag is None:
        return False
    if hasattr(flag, "is_set"):
        return bool(flag.is_set())
    return bool(flag()) if callable(flag) else bool(flag)


@dataclass(eq=False)
class _Added:
    """A report of this import: read, summarised, written at the next flush (then `id` is set)."""

    path: Path
    data: bytes | None
    sha: str
    read: ReadFile | None  # None once forgotten (then it is last year's report by its id, from the store)
    full: Report | None = None  # the whole report, when a caller's checker reads it
    summary: tuple[Any, ...] = ()  # status, open errors, open warnings, figures (the queue's cache)
    same_year: list[_Ref] = field(default_factory=list)  # the agency-year's reports before it (versions)
    id: int | None = None
    replaces: int | None = None  # the version it replaces (set when written)
    view: Report | None = None  # read.view(), kept while it is one of the latest few (see _Years.report)


_Ref = int | _Added  # a report already in the workspace (its id), or one of this import


class _Years:
    """The reports of each (agency, year), by identity: those in the workspace (loaded a year at a time),
    then this import's in the order read. The latest of a year is the next year's previous report."""

    def __init__(self, replay: Replay) -> None:
        self.replay = replay
        self._of: dict[tuple[str, int], list[_Ref]] = {}
        self._loaded: set[int] = set()
        self._kept: deque[_Added] = deque()
        self._views: deque[_Added] = deque()
        self._stored: dict[int, Report] = {}  # last year's reports read from the store

    def key(self, agency: str | None, year: int | None) -> tuple[str, int] | None:
        k = self.replay.agency_key(agency) if agency else None
        return (k, year) if k and year is not None else None

    def reports(self, key: tuple[str, int] | None) -> list[_Ref]:
        if key is None:
            return []
        year = key[1]
        if year not in self._loaded:
            self._loaded.add(year)
            for r in self.replay.store.query(
                    "SELECT id, agency FROM reports WHERE year = ? AND removed_at IS NULL ORDER BY id", (year,)):
                if r["agency"]:
                    k = self.key(r["agency"], year)
                    assert k is not None
                    self._of.setdefault(k, []).append(r["id"])
        return self._of.get(key, [])

    def add(self, key: tuple[str, int] | None, item: _Added) -> None:
        if key is None:
            return
        self.reports(key)  # the workspace's reports of the year first
        self._of.setdefault(key, []).append(item)
        self._kept.append(item)
        if len(self._kept) > KEPT:
            old = self._kept.popleft()
            if old.id is not None:  # written: from now on read from the store when needed
                old.read, old.full, old.view = None, None, None
            else:
                self._kept.appendleft(old)

    def report(self, ref: _Ref) -> Report:
        """The report behind a reference, corrected as stored (for one from the workspace)."""
        if isinstance(ref, _Added):
            if ref.full is not None:
                return ref.full
            if ref.view is None and ref.read is not None:
                ref.view = ref.read.view()
                self._views.append(ref)
                if len(self._views) > VIEWS:
                    self._views.popleft().view = None
            if ref.view is not None:
                return ref.view
            assert ref.id is not None
            ref = ref.id
        if ref not in self._stored:
            if len(self._stored) > 256:
                self._stored.clear()
            self._stored[ref] = self.replay.current(ref)[1]
        return self._stored[ref]

    def previous(self, key: tuple[str, int] | None) -> Report | None:
        """Last year's report for a report of this (agency, year): the latest of the year before."""
        if key is None:
            return None
        refs = self.reports((key[0], key[1] - 1))
        return self.report(refs[-1]) if refs else None


@dataclass
class _Batch:
    """What the next write transaction stores."""

    added: list[_Added] = field(default_factory=list)
    duplicates: list[tuple[Path, _Added]] = field(default_factory=list)  # same bytes as a report of this batch
    summaries: dict[int, tuple[Any, ...]] = field(default_factory=dict)  # written report id → new summary
    stale: set[int] = field(default_factory=set)  # reports whose summary is recomputed after the import
    started: float = 0.0

    def due(self) -> bool:
        return len(self.added) >= BATCH_ROWS or (bool(self.added) and time.monotonic() - self.started
                                                 >= BATCH_SECONDS)

    def empty(self) -> bool:
        return not (self.added or self.duplicates or self.summaries or self.stale)


_Queued = tuple[Path, Any]  # (file, ReadError | (data, sha, id or _Added of the same bytes, or None))


# (transaction, new report id, its file name, its agency, ids of the agency-year's reports already there)
# → the id of the version the new report now replaces, or None (review.office.store.Office.link_new_version)
VersionLink = Callable[[Transaction, int, str, str, list[int]], "int | None"]


class Importer:
    """Adds report files to a store: original bytes, parsed report, queue summary and journal entry.

    A report of an agency-year already in the workspace (by identity; different bytes) is linked by
    `link_version` as the new version of the current one, in the same transaction."""

    def __init__(self, store: Store, replay: Replay, link_version: VersionLink | None = None) -> None:
        self.store = store
        self.replay = replay
        self.link_version = link_version
        self.reviewer = ""  # who imports: recorded on each import's journal row (Workspace.reviewer)

    def import_file(self, path: str | Path, *, refresh: bool = True) -> tuple[int, bool]:
        """Add one report file; returns (report id, added). Same bytes already present → (their id, False).

        Raises parser.reader.ReadError (one-line Chinese reason) for a file that cannot be read.
        The same agency's next-year report, if already there, now has a previous year to compare
        with: its queue summary is marked stale in the same transaction and recomputed at once
        (refresh=True) or by the caller.
        """
        from parser.reader import ReadError

        result = self._import([Path(path)], None, None, 0, 0, refresh)
        if result.failed:
            raise ReadError(result.failed[0][1])
        return (result.added[0][1], True) if result.added else (result.duplicates[0][1], False)

    def import_paths(self, paths: Iterable[str | Path], progress_callback: ProgressCallback | None = None,
                     cancel_flag: Any = None, workers: int | None = 0, nice: int = 0) -> ImportResult:
        """Import files and the report files inside folders.

        progress_callback(done, total, file being imported or None at the end); cancel_flag: a
        threading.Event (or anything with is_set(), or a callable) checked before each file; what was
        read before it is written. workers: processes that read while this thread checks and stores
        (0: read here; None: as `worker_count` chooses). Reports are added in file order. Workers are
        spawned: the program's main script must be guarded by `if __name__ == "__main__"` (main.py is), which is why the
        default is 0 for library use. nice: lower the workers' CPU priority by this much (a window
        importing in the background keeps its event loop ahead of them).
        """
        from parser.reader import expand

        files = expand([str(p) for p in paths])
        if workers is None:
            workers = worker_count(files, os.cpu_count() or 1)
        return self._import(files, progress_callback, cancel_flag, workers, nice, True)

    def _import(self, files: list[Path], progress: ProgressCallback | None, cancel_flag: Any, workers: int,
                nice: int, refresh: bool) -> ImportResult:
        result = ImportResult(total=len(files))
        own_rules = self.replay.check is rules_check  # else a caller's checker runs here on the whole report
        known: dict[str, int | _Added] = {}  # SHA-256 → the report with those bytes
        years = _Years(self.replay)
        batch = _Batch()
        pool = worker_pool(workers, nice) if workers > 0 else None
        size = max(1, min(8, len(files) // (16 * workers))) if pool is not None else 1
        queued: deque[tuple[list[_Queued], Future | None]] = deque()
        nxt = done = 0
        try:
            with self.store.bulk_writes():
                while (nxt < len(files) or queued) and not result.cancelled:
                    while nxt < len(files) and len(queued) < (2 * workers + 2 if pool is not None else 1):
                        chunk = [self._prepare(f, known) for f in files[nxt:nxt + size]]
                        nxt += len(chunk)
                        queued.append((chunk, _submit(pool, chunk, own_rules)))
                    chunk, future = queued.popleft()
                    reads = iter(_results(future, chunk, own_rules))
                    for f, item in chunk:
                        if _cancelled(cancel_flag):
                            result.cancelled = True
                            break
                        if progress:
                            progress(done, len(files), f)
                        done += 1
                        self._take(f, item, reads, known, years, batch, result)
                        if batch.due():
                            full, batch = batch, _Batch()  # a failed write is not tried again below
                            self._flush(full, result)
        finally:
            if pool is not None:  # idle workers end at once; after a cancel or an error, do not wait
                pool.shutdown(wait=not queued and not result.cancelled, cancel_futures=True)
            if not batch.empty() and not self.store.closed:
                full, batch = batch, _Batch()
                self._flush(full, result)  # the last reports; also when cancelled or interrupted (Ctrl+C)
        if refresh:
            self.replay.refresh_stale()
        if progress:
            progress(len(result.added) + len(result.duplicates) + len(result.failed), len(files), None)
        return result

    def _prepare(self, p: Path, known: dict[str, int | _Added]) -> _Queued:
        """Read the bytes: (file, ReadError) or (file, (data, sha256, the report with the same bytes or None))."""
        from parser.reader import ReadError

        try:
            data = _read_bytes(p)
        except ReadError as e:
            return p, e
        sha = hashlib.sha256(data).hexdigest()
        if sha not in known:
            found = self.store.query("SELECT id FROM reports WHERE sha256 = ?", (sha,))
            if found:
                known[sha] = found[0]["id"]
        return p, (data, sha, known.get(sha))

    def _take(self, f: Path, item: Any, reads: Any, known: dict[str, int | _Added], years: _Years, batch: _Batch,
              result: ImportResult) -> None:
        """One file in file order: failed, a duplicate, or summarised and added to the batch."""
        if isinstance(item, Exception):
            result.failed.append((f, str(item)))
            return
        data, sha, same = item
        if same is None:
            same = known.get(sha)  # the same bytes twice in this import
            read = next(reads)
        if isinstance(same, int):
            result.duplicates.append((f, same))
            return
        if isinstance(same, _Added):
            batch.duplicates.append((f, same)) if same.id is None else result.duplicates.append((f, same.id))
            return
        if read.error is not None:
            result.failed.append((f, read.error))
            return
        added = _Added(f, data, sha, read)
        if read.findings is None:
            added.full = report_from_json(read.parsed, read.text)
        key = years.key(read.agency, read.year)
        added.summary = self._summary(added, years.previous(key), years)
        added.same_year = list(years.reports(key)) if self.link_version is not None else []
        for ref in years.reports((key[0], key[1] + 1)) if key else []:  # next year's: this is their previous now
            self._resummarise(ref, added, years, batch)
        years.add(key, added)
        known[sha] = added
        if not batch.added:
            batch.started = time.monotonic()
        batch.added.append(added)

    def _summary(self, added: _Added, previous: Report | None, years: _Years) -> tuple[Any, ...]:
        report = years.report(added)
        assert added.read is not None
        if added.read.findings is None:
            findings = self.replay.run_rules(report, previous)
        else:
            findings = added.read.findings + isolated(CRASHED, lambda: _years_rules(report, previous))
        reviewed = ReviewedReport(report, findings)
        return (reviewed.status, *reviewed.counts().values(), figures_json(reviewed))

    def _resummarise(self, ref: _Ref, previous: _Added, years: _Years, batch: _Batch) -> None:
        """A report of the next year has `previous` as its last year's report now: its summary is recomputed
        (one of this import still in memory) or marked stale (recomputed after the import)."""
        if isinstance(ref, _Added) and ref.read is not None:
            ref.summary = self._summary(ref, years.report(previous), years)
            if ref.id is not None:
                batch.summaries[ref.id] = ref.summary
        else:
            batch.stale.add(ref if isinstance(ref, int) else ref.id)  # type: ignore[arg-type]

    def _flush(self, batch: _Batch, result: ImportResult) -> None:
        """Write the batch in one transaction; when another program added some of the same bytes meanwhile
        (a shared workspace), one transaction per report, and those become duplicates."""
        try:
            with self.store.transaction() as tx:
                self._write(tx, batch.added)
                self._write_summaries(tx, batch)
        except StoreConflict:
            for added in batch.added:
                try:
                    with self.store.transaction() as tx:
                        self._write(tx, [added])
                except StoreConflict:
                    added.id = self.store.query("SELECT id FROM reports WHERE sha256 = ?", (added.sha,))[0]["id"]
                    added.data = None
                    result.duplicates.append((added.path, added.id))
            with self.store.transaction() as tx:
                self._write_summaries(tx, batch)
        for added in batch.added:
            if added.data is not None:
                result.added.append((added.path, added.id))  # type: ignore[arg-type]
                if added.replaces is not None:
                    result.resubmissions.append((added.id, added.replaces))  # type: ignore[arg-type]
                added.data = None
                if added.read is not None:
                    added.read.parsed = ""  # stored; the values and text stay for next year's rules
        for f, same in batch.duplicates:
            result.duplicates.append((f, same.id))  # type: ignore[arg-type]

    def _write(self, tx: Transaction, added: Sequence[_Added]) -> None:
        stamp = now()
        for a in added:
            read = a.read
            assert read is not None
            a.id = tx.insert(
                "INSERT INTO reports (sha256, file_name, origin, data, imported_at, agency, year, template, text,"
                " parsed, file_format, status, open_errors, open_warnings, figures)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (a.sha, a.path.name, str(a.path.resolve()), a.data, stamp, read.agency, read.year, read.template,
                 read.text, read.parsed, file_format(a.path.name), *a.summary))
            same = [rid for r in a.same_year if (rid := r if isinstance(r, int) else r.id) is not None and rid != a.id]
            a.replaces = None
            if same and self.link_version is not None and read.agency:
                a.replaces = self.link_version(tx, a.id, a.path.name, read.agency, same)
        tx.executemany("INSERT INTO journal (report_id, kind, time, reviewer) VALUES (?, ?, ?, ?)",
                       [(a.id, IMPORT, stamp, self.reviewer) for a in added])

    @staticmethod
    def _write_summaries(tx: Transaction, batch: _Batch) -> None:
        if batch.summaries:
            tx.executemany("UPDATE reports SET status = ?, open_errors = ?, open_warnings = ?, figures = ?"
                           " WHERE id = ?", [(*s, rid) for rid, s in batch.summaries.items()])
        stale = sorted(batch.stale - set(batch.summaries))
        for i in range(0, len(stale), 500):
            chunk = stale[i:i + 500]
            tx.execute(f"UPDATE reports SET status = NULL WHERE id IN ({','.join('?' * len(chunk))})", chunk)


def _years_rules(report: Report, previous: Report | None) -> list[Finding]:
    from ..rules import check

    return check(report, previous, previous_searched=True, years=True)


def _submit(pool: Executor | None, chunk: list[_Queued], own_rules: bool) -> Future | None:
    """Hand the files to be read (not failed, not duplicates) to a worker; None: read them here."""
    todo = [(data, f.name) for f, item in chunk if not isinstance(item, Exception)
            for data, _sha, same in [item] if same is None]
    if pool is None or not todo:
        return None
    try:
        return pool.submit(read_files, todo, own_rules)
    except (RuntimeError, BrokenExecutor):
        return None  # a broken pool: these files are read here instead


def _results(future: Future | None, chunk: list[_Queued], own_rules: bool) -> list[ReadFile]:
    if future is not None:
        try:
            return future.result()
        except (BrokenExecutor, CancelledError, OSError, EOFError, pickle.PickleError):
            pass  # the worker died: read here
    todo = [(data, f.name) for f, item in chunk if not isinstance(item, Exception)
            for data, _sha, same in [item] if same is None]
    return read_files(todo, own_rules)


def _read_bytes(p: Path) -> bytes:
    from parser.reader import MAX_BYTES, ReadError

    try:
        if p.is_dir():
            raise ReadError(f"这是一个文件夹，不是报告文件：{p}")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"文件过大（{size / 1048576:.0f} MB），超过 {MAX_BYTES // 1048576} MB 上限：{p}")
        return p.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"文件不存在：{p}") from None
    except OSError as e:
        raise ReadError(f"无法读取文件：{p}（{e.strerror or e}）") from None


