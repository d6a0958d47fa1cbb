"""Importing report files into a workspace: read the bytes, skip what is already there, parse, store."""
from __future__ import annotations

import hashlib
import multiprocessing
import os
import pickle
import sys
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import CancelledError, Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool as BrokenExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parser.model import Report

from ..audit import IMPORT
from ..figures import figures_json
from ..state import ReviewedReport, now
from .codec import file_format, report_to_json
from .errors import StoreConflict
from .replay import Replay
from .store import Store, Transaction

ProgressCallback = Callable[[int, int, Path | None], None]


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


# (transaction, new report id, its file name, its agency, ids of the agency-year's reports already there)
# → the id of the version the new report now replaces, or None (review.office.store.Office.link_new_version)
VersionLink = Callable[[Transaction, int, str, str, list[int]], "int | None"]


class Importer:
    """Adds report files to a store: original bytes, parsed report and queue summary, one transaction per file.

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
        (refresh=True) or by the caller (import_paths does it once at the end of a batch).
        """
        p = Path(path)
        data, sha, existing = self._prepare(p)
        if existing is not None:
            return existing, False
        outcome = _parse_outcome(data, p.name)
        rid, added, _replaced = self._add(p, data, sha, outcome)
        if refresh:
            self.replay.refresh_stale()
        return rid, added

    def import_paths(self, paths: Iterable[str | Path], progress_callback: ProgressCallback | None = None,
                     cancel_flag: Any = None, workers: int | None = 0, nice: int = 0) -> ImportResult:
        """Import files and the report files inside folders, one committed transaction per file.

        progress_callback(done, total, file being imported or None at the end); cancel_flag: a
        threading.Event (or anything with is_set(), or a callable) checked before each file.
        workers: processes that parse while this thread checks and stores (0: parse here; None: one
        per spare CPU for batches of PARALLEL_FROM files or more). Results are stored in file order.
        Workers are spawned: the program's main script must be guarded by `if __name__ == "__main__"`
        (main.py is), which is why the default is 0 for library use.
        nice: lower the workers' CPU priority by this much (a window importing in the background
        keeps its event loop ahead of them).
        """
        from parser.reader import ReadError, expand

        files = expand([str(p) for p in paths])
        result = ImportResult(total=len(files))
        if workers is None:
            workers = min(2, (os.cpu_count() or 1) - 1) if len(files) >= PARALLEL_FROM else 0
        pool = _pool(workers, nice) if workers > 0 else None
        pending: deque[tuple[Path, Any]] = deque()  # (file, ReadError | (data, sha, existing id | None, outcome))
        queued = 0
        try:
            while queued < len(files) or pending:
                if _cancelled(cancel_flag):
                    result.cancelled = True
                    break
                while queued < len(files) and len(pending) < (2 * workers + 2 if pool else 1):
                    f = files[queued]
                    queued += 1
                    try:
                        data, sha, existing = self._prepare(f)
                    except ReadError as e:
                        pending.append((f, e))
                        continue
                    outcome: Any = None
                    if existing is None:
                        outcome = _submit(pool, data, f.name) if pool else None
                    pending.append((f, (data, sha, existing, outcome)))
                f, item = pending.popleft()
                if progress_callback:
                    progress_callback(len(result.added) + len(result.duplicates) + len(result.failed), len(files), f)
                if isinstance(item, ReadError):
                    result.failed.append((f, str(item)))
                    continue
                data, sha, existing, outcome = item
                if existing is not None:
                    result.duplicates.append((f, existing))
                    continue
                try:
                    rid, added, replaced = self._add(f, data, sha, _result_of(outcome, data, f.name))
                except ReadError as e:
                    result.failed.append((f, str(e)))
                    continue
                (result.added if added else result.duplicates).append((f, rid))
                if replaced is not None:
                    result.resubmissions.append((rid, replaced))
        finally:
            if pool is not None:
                pool.shutdown(wait=False, cancel_futures=True)
            self.replay.refresh_stale()
        if progress_callback:
            done = len(result.added) + len(result.duplicates) + len(result.failed)
            progress_callback(done, len(files), None)
        return result

    def _prepare(self, p: Path) -> tuple[bytes, str, int | None]:
        """Read the bytes; (data, sha256, id of the report with the same bytes or None)."""
        data = _read_bytes(p)
        sha = hashlib.sha256(data).hexdigest()
        found = self.store.query("SELECT id FROM reports WHERE sha256 = ?", (sha,))
        return data, sha, found[0]["id"] if found else None

    def _add(self, p: Path, data: bytes, sha: str, outcome: tuple[str, Any]) -> tuple[int, bool, int | None]:
        """Run the rules on a parsed report and add it in one transaction: (id, added, id of the version it
        replaces or None); raises ReadError if it failed to parse."""
        from parser.reader import ReadError

        kind, value = outcome
        if kind == "error":
            raise ReadError(value)
        report: Report = value
        previous = self.replay.previous_report(report.agency, report.year)
        reviewed = ReviewedReport(report, self.replay.run_rules(report, previous))
        same_year = self.replay.same_agency_ids(report.agency, report.year) if self.link_version else []
        replaced = None
        try:
            with self.store.transaction() as tx:
                stamp = now()
                rid = tx.insert(
                    "INSERT INTO reports (sha256, file_name, origin, data, imported_at, agency, year, template, text,"
                    " parsed, file_format, status, open_errors, open_warnings, figures)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (sha, p.name, str(p.resolve()), data, stamp, report.agency, report.year, report.template,
                     report.text, report_to_json(report), file_format(p.name), reviewed.status,
                     *reviewed.counts().values(), figures_json(reviewed)),
                )
                tx.execute("INSERT INTO journal (report_id, kind, time, reviewer) VALUES (?, ?, ?, ?)",
                           (rid, IMPORT, stamp, self.reviewer))
                if same_year and self.link_version is not None and report.agency:
                    replaced = self.link_version(tx, rid, p.name, report.agency, same_year)
                next_year = self.replay.same_agency_ids(report.agency, report.year + 1 if report.year else None)
                for i in range(0, len(next_year), 500):
                    chunk = next_year[i:i + 500]
                    tx.execute(f"UPDATE reports SET status = NULL WHERE id IN ({','.join('?' * len(chunk))})", chunk)
        except StoreConflict:  # the same bytes were added meanwhile (another thread, or twice in a batch)
            return self.store.query("SELECT id FROM reports WHERE sha256 = ?", (sha,))[0]["id"], False, None
        return rid, True, replaced


PARALLEL_FROM = 16  # batches this large parse in worker processes (their start-up costs about 0.5 s)


def _pool(workers: int, nice: int = 0) -> Executor | None:
    """A process pool for parsing, or None where processes cannot be started (then parse in this thread)."""
    if getattr(sys, "frozen", False):  # a bundled executable would start itself again as the worker
        return None
    try:
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_init_worker, initargs=(os.getpid(), nice))
    except (OSError, ValueError, NotImplementedError):
        return None


def _init_worker(parent: int, nice: int) -> None:
    """In a worker: lower its priority if asked; exit when the importing process is gone (killed)."""
    import threading
    import time

    if nice and hasattr(os, "nice"):
        try:
            os.nice(nice)
        except OSError:
            pass

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _submit(pool: Executor, data: bytes, name: str) -> Future | None:
    try:
        return pool.submit(_parse_outcome, data, name)
    except (RuntimeError, BrokenExecutor):
        return None  # a broken pool: this file is parsed here instead


def _result_of(outcome: Future | None, data: bytes, name: str) -> tuple[str, Any]:
    if outcome is not None:
        try:
            return outcome.result()
        except (BrokenExecutor, CancelledError, OSError, EOFError, pickle.PickleError):
            pass  # the worker died: parse here
    return _parse_outcome(data, name)


def _parse_outcome(data: bytes, name: str) -> tuple[str, Any]:
    """("ok", Report) or ("error", one-line Chinese reason); runs in a worker process or in place."""
    from parser.reader import ReadError

    try:
        return "ok", _parse(data, Path(name))
    except ReadError as e:
        return "error", str(e)
    except Exception as e:  # a parser bug must not stop a batch nor show a traceback
        return "error", f"解析出错（{e.__class__.__name__}：{e}）：{name}"


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


def _parse(data: bytes, p: Path) -> Report:
    """Parse report bytes the way parser.extract.load parses the file itself."""
    from parser import extract

    return extract.parse_bytes(data, p.name)
