"""Importing report files into a workspace: read the bytes, skip what is already there, parse, store.

Part of review.workspace.Workspace (a base class, so the store itself stays readable).
"""
from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parser.model import Report

from .audit import IMPORT
from .state import ReviewedReport, now
from .workspace_schema import file_format, report_to_json

ProgressCallback = Callable[[int, int, Path | None], None]


@dataclass
class ImportResult:
    total: int = 0
    added: list[tuple[Path, int]] = field(default_factory=list)  # (file, report id)
    duplicates: list[tuple[Path, int]] = field(default_factory=list)  # same bytes already in the workspace
    failed: list[tuple[Path, str]] = field(default_factory=list)  # (file, one-line Chinese reason)
    cancelled: bool = False

    def summary(self) -> str:
        s = f"新增 {len(self.added)} 份，已存在 {len(self.duplicates)} 份，无法读取 {len(self.failed)} 份"
        return s + ("（已取消，其余文件未导入）" if self.cancelled else "")


def _cancelled(flag: Any) -> bool:
    if flag is None:
        return False
    if hasattr(flag, "is_set"):
        return bool(flag.is_set())
    return bool(flag()) if callable(flag) else bool(flag)


class Importing:
    """import_file / import_paths of Workspace; uses its _q, _tx, _previous_report, _run_rules."""

    def import_file(self, path: str | Path, *, refresh: bool = True) -> tuple[int, bool]:
        """Add one report file; returns (report id, added). Same bytes already present → (their id, False).

        Raises parser.reader.ReadError (one-line Chinese reason) for a file that cannot be read.
        The same agency's next-year report, if already there, now has a previous year to compare
        with: its queue summary is marked stale in the same transaction and recomputed at once
        (refresh=True) or by the caller (import_paths does it once at the end of a batch).
        """
        from parser.reader import ReadError

        p = Path(path)
        data = _read_bytes(p)
        sha = hashlib.sha256(data).hexdigest()
        found = self._q("SELECT id FROM reports WHERE sha256 = ?", (sha,))
        if found:
            return found[0]["id"], False
        try:
            report = _parse(data, p)
        except ReadError:
            raise
        except Exception as e:  # a parser bug must not stop a batch nor show a traceback
            raise ReadError(f"解析出错（{e.__class__.__name__}：{e}）：{p.name}") from None
        previous = self._previous_report(report.agency, report.year)
        findings = self._run_rules(report, previous)
        reviewed = ReviewedReport(report, findings)
        try:
            with self._tx() as c:
                stamp = now()
                rid = c.execute(
                    "INSERT INTO reports (sha256, file_name, origin, data, imported_at, agency, year, template, text,"
                    " parsed, file_format, status, open_errors, open_warnings)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (sha, p.name, str(p.resolve()), data, stamp, report.agency, report.year, report.template,
                     report.text, report_to_json(report), file_format(p.name), reviewed.status,
                     *reviewed.counts().values()),
                ).lastrowid
                c.execute("INSERT INTO journal (report_id, kind, time) VALUES (?, ?, ?)", (rid, IMPORT, stamp))
                if report.agency and report.year is not None:
                    c.execute("UPDATE reports SET status = NULL WHERE agency = ? AND year = ?",
                              (report.agency, report.year + 1))
        except sqlite3.IntegrityError:  # the same bytes were added meanwhile (another thread)
            return self._q("SELECT id FROM reports WHERE sha256 = ?", (sha,))[0]["id"], False
        if refresh:
            self._refresh_stale()
        return rid, True

    def import_paths(self, paths: Iterable[str | Path], progress_callback: ProgressCallback | None = None,
                     cancel_flag: Any = None) -> ImportResult:
        """Import files and the report files inside folders, one committed transaction per file.

        progress_callback(done, total, file being imported or None at the end); cancel_flag: a
        threading.Event (or anything with is_set(), or a callable) checked before each file.
        """
        from parser.reader import ReadError

        from .cli import expand

        files = expand([str(p) for p in paths])
        result = ImportResult(total=len(files))
        try:
            for i, f in enumerate(files):
                if _cancelled(cancel_flag):
                    result.cancelled = True
                    break
                if progress_callback:
                    progress_callback(i, len(files), f)
                try:
                    rid, added = self.import_file(f, refresh=False)
                except ReadError as e:
                    result.failed.append((f, str(e)))
                    continue
                (result.added if added else result.duplicates).append((f, rid))
        finally:
            self._refresh_stale()
        if progress_callback:
            done = len(result.added) + len(result.duplicates) + len(result.failed)
            progress_callback(done, len(files), None)
        return result


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
    from parser import extract, reader

    text = reader.text_from_bytes(data, p.name)
    return extract.parse_text(text, p.name)
